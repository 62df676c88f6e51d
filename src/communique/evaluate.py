"""Scoring predictions against a gold annotation (the rules of the acceptance README):
events as unique (source, target, CAMEO, date) tuples, quotes by their text and speaker,
mentions by text span, actor and code."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.actors.kb import KnowledgeBase


@dataclass
class Score:
    """Counts for one kind of item, with what was missed and what was wrong."""

    matched: int = 0
    predicted: int = 0
    required: int = 0
    matched_required: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_required / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": self.matched_required,
            "required": self.required,
            "predicted": self.predicted,
            "misses": self.misses,
            "false_positives": self.false_positives,
        }


@dataclass
class Evaluation:
    events: Score = field(default_factory=Score)
    quotes: Score = field(default_factory=Score)
    mentions: Score = field(default_factory=Score)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k).to_dict() for k in ("events", "quotes", "mentions")}


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold articles: a JSON file whose articles name their ``file`` (relative to it), or
    JSON Lines of short texts given inline (``text``, ``published``, ``id``)."""
    if path.suffix == ".jsonl":
        articles = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                item.setdefault("file", item.get("id") or f"line{len(articles) + 1}")
                for k, event in enumerate(item.get("events", [])):
                    event.setdefault("id", f"{item['file']}#{k}")
                articles.append(item)
        return articles
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = data["articles"] if isinstance(data, dict) else data
    for article in articles:
        article["_path"] = str((path.parent / article["file"]).resolve())
    return articles


def load_predictions(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def match_predictions(
    gold: list[dict[str, Any]], predictions: Iterable[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Predictions keyed by the gold article's file name (articles match by file name)."""
    by_name = {}
    for pred in predictions:
        where = (pred.get("article") or {}).get("path") or ""
        by_name[Path(where).name] = pred
    return {g["file"]: by_name.get(Path(g["file"]).name, {}) for g in gold}


def evaluate(
    gold: list[dict[str, Any]],
    predictions: dict[str, dict[str, Any]],
    kb: KnowledgeBase | None = None,
) -> Evaluation:
    result = Evaluation()
    for article in gold:
        pred = predictions.get(article["file"], {})
        label = Path(article["file"]).name
        _score_events(article.get("events", []), pred.get("events", []), result.events, label)
        _score_quotes(article, pred.get("quotes", []), result.quotes, label)
        _score_mentions(
            article.get("mentions", []), pred.get("mentions", []), result.mentions, label, kb
        )
    return result


def _code(side: Any) -> str | None:
    return side.get("code") if isinstance(side, dict) else side


def _event_matches(
    pred: tuple[str | None, str | None, str, str | None], gold: dict[str, Any]
) -> bool:
    source, target, cameo, day = pred
    if source not in gold.get("source", []) or target not in gold.get("target", []):
        return False
    if cameo not in gold.get("cameo", []) and cameo[:2] not in gold.get("cameo_root", []):
        return False
    gold_day = gold.get("date")
    return not (day and gold_day) or day.startswith(gold_day) or gold_day.startswith(day)


def _score_events(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]], score: Score, label: str
) -> None:
    tuples = {
        (_code(e.get("source")), _code(e.get("target")), str(e.get("cameo") or ""), e.get("date"))
        for e in predicted
    }
    matched_gold: set[str] = set()
    for tup in sorted(tuples, key=str):
        hits = [g for g in gold if _event_matches(tup, g)]
        if not hits:
            score.predicted += 1
            score.false_positives.append(f"{label}: {tup[0]} -> {tup[1]} {tup[2]} {tup[3]}")
            continue
        required_hits = [g for g in hits if g.get("required", True)]
        if not required_hits:
            continue  # matches only optional events: neither helps nor hurts
        score.predicted += 1
        score.matched += 1
        matched_gold.update(g["id"] for g in required_hits)
    for g in gold:
        if g.get("required", True):
            score.required += 1
            if g["id"] in matched_gold:
                score.matched_required += 1
            else:
                want = (
                    f"{'|'.join(g.get('source', []))} -> {'|'.join(g.get('target', []))}"
                    f" {'|'.join(g.get('cameo', []) or g.get('cameo_root', []))}"
                    f" {g.get('date') or ''}"
                )
                score.misses.append(f"{label}: {g['id']} {want} ({g.get('evidence', '')[:80]})")


def _fold(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip("\"'“”‘’ ")


def _score_quotes(
    article: dict[str, Any], predicted: list[dict[str, Any]], score: Score, label: str
) -> None:
    gold = article.get("quotes", [])
    not_quotes = {_fold(t) for t in article.get("not_quotes", [])}
    matched: set[str] = set()
    for quote in predicted:
        text = _fold(quote.get("text", ""))
        speaker = quote.get("speaker") or {}
        hits = [
            g
            for g in gold
            if text.startswith(_fold(g["starts_with"]))
            and text.endswith(_fold(g["ends_with"]))
            and (speaker.get("name") or "").casefold() == g["speaker"].casefold()
            and speaker.get("code") == g["speaker_code"]
        ]
        if hits:
            score.predicted += 1
            score.matched += 1
            matched.update(g["id"] for g in hits)
        elif text in not_quotes or (gold and quote.get("kind") != "indirect"):
            # gold annotations list quotations, not reported speech: an unmatched indirect
            # quote is neither right nor wrong, unless it is a listed non-quote
            score.predicted += 1
            score.false_positives.append(f"{label}: {text[:70]!r} ({speaker.get('name')})")
    for g in gold:
        if g.get("required", True):
            score.required += 1
            if g["id"] in matched:
                score.matched_required += 1
            else:
                score.misses.append(f"{label}: {g['id']}")


def _same_actor(gold_name: str, actor: dict[str, Any], kb: KnowledgeBase | None) -> bool:
    if (actor.get("name") or "").casefold() == gold_name.casefold():
        return True
    if kb is None:
        return False
    return any(s.actor_id == actor.get("id") for s in kb.surfaces.get(gold_name, ()))


def _score_mentions(
    gold: list[dict[str, Any]],
    predicted: list[dict[str, Any]],
    score: Score,
    label: str,
    kb: KnowledgeBase | None,
) -> None:
    for g in gold:
        score.required += 1
        same_text = [m for m in predicted if m.get("text") == g["text"] and m.get("actor")]
        good = [
            m
            for m in same_text
            if m["actor"].get("code") == g["code"] and _same_actor(g["actor"], m["actor"], kb)
        ]
        if good:
            score.matched_required += 1
            score.matched += 1
            score.predicted += 1
        else:
            got = {(m["actor"].get("name"), m["actor"].get("code")) for m in same_text}
            found = sorted(got, key=str) or "nothing"
            score.misses.append(f"{label}: {g['text']!r} -> {g['actor']} {g['code']}; got {found}")
            if same_text:
                score.predicted += 1
                score.false_positives.append(f"{label}: {g['text']!r} -> {sorted(got, key=str)}")
