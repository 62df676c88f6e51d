"""Scoring coded events against the event gold in ``data/gold/events`` (issue 10).

Events are compared per article as unique tuples (source code, target code, CAMEO root,
date), the acceptance set's rule. Gold events count when they are asserted, and planned
acts count as the intent CAMEO codes them by (``intent_codes.tsv``: a planned visit is
036, root 03; a planned attack a threat, root 13). Negated, requested and hypothetical
acts are in the gold so that coding them as done is a false positive. A predicted event
matches a gold tuple with the same codes and root when, where both have a date, one date
is a prefix of the other; the predicted events scored are those the record shows as done
or intended (hypothetical and conditional ones are left out)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.evaluate_actors import gold_article
from communique.eventgold import GoldEvent, GoldEvents
from communique.events.lexicon import Lexicon
from communique.goldset import anchor, load_articles
from communique.models import Article, Event, ProcessedArticle

SCORED_PREDICTIONS = {"asserted", "intended"}
Key = tuple[str, str, str, str | None]  # source, target, root, date


@dataclass
class RootTally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched}


@dataclass
class EventScore:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    roots: dict[str, RootTally] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)  # (gold root, predicted root)
    reachable: int = 0  # gold events (done or planned) with a candidate of their codes
    reachable_total: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def candidate_recall(self) -> float:
        """The share of gold events that some candidate in their sentence could give:
        the ceiling of a scorer that decides candidates."""
        return self.reachable / self.reachable_total if self.reachable_total else 1.0

    def root(self, root: str) -> RootTally:
        return self.roots.setdefault(root, RootTally())

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold,
            "predicted": self.predicted,
            "matched_gold": self.matched_gold,
            "matched_predicted": self.matched_predicted,
            "candidate_recall": round(self.candidate_recall, 4),
            "roots": {k: v.to_dict() for k, v in sorted(self.roots.items())},
            "confusion": [[g, p, n] for (g, p), n in sorted(self.confusion.items())],
        }


def gold_articles(folder: Path, golds: Iterable[GoldEvents]) -> list[Article]:
    """The articles of the event annotations, as the pipeline reads them."""
    rows = load_articles(folder / "articles.jsonl")
    return [gold_article(anchor(rows[g.id], {}, g.id)) for g in golds]


def gold_keys(events: Iterable[GoldEvent], lex: Lexicon) -> tuple[set[Key], set[Key]]:
    """(tuples that count, tuples of acts that did not happen as told)."""
    scored, other = set(), set()
    for e in events:
        if e.source_code == e.target_code and e.modality != "asserted":
            continue
        code = e.cameo
        if e.modality == "planned":
            code = lex.intent_code(code) or code
        key = (e.source_code, e.target_code, code[:2], e.date)
        (scored if e.modality in {"asserted", "planned"} else other).add(key)
    return scored, other - scored


def predicted_keys(events: Iterable[Event]) -> set[Key]:
    keys = set()
    for e in events:
        if e.modality not in SCORED_PREDICTIONS:
            continue
        for source in _codes(e.source):
            for target in _codes(e.target):
                keys.add((source, target, e.root, e.date.value if e.date else None))
    return keys


def _codes(actor: Any) -> list[str]:
    if actor.code is not None:
        return [actor.code]
    return [m.code for m in actor.members if m.code is not None]


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _same(a: Key, b: Key) -> bool:
    return a[:3] == b[:3] and _dates_agree(a[3], b[3])


def score_article(
    gold: GoldEvents, pred: ProcessedArticle, lex: Lexicon, score: EventScore
) -> None:
    scored, _ = gold_keys(gold.events, lex)
    predicted = predicted_keys(pred.events)
    score.gold += len(scored)
    score.predicted += len(predicted)
    for g in sorted(scored, key=str):
        score.root(g[2]).gold += 1
        if any(_same(g, p) for p in predicted):
            score.matched_gold += 1
            score.root(g[2]).matched += 1
        else:
            score.misses.append(f"{gold.id}: {g}")
            for p in predicted:
                if p[:2] == g[:2] and _dates_agree(g[3], p[3]):
                    score.confusion[(g[2], p[2])] += 1
    for p in sorted(predicted, key=str):
        score.root(p[2]).predicted += 1
        if any(_same(g, p) for g in scored):
            score.matched_predicted += 1
        else:
            score.false_positives.append(f"{gold.id}: {p}")


def _score_candidates(gold: GoldEvents, pred: ProcessedArticle, score: EventScore) -> None:
    for e in gold.events:
        if e.modality not in {"asserted", "planned"}:
            continue
        score.reachable_total += 1
        score.reachable += any(
            c.in_title == (e.where == "title")
            and c.sentence_start <= e.start < c.sentence_end
            and c.source.code == e.source_code
            and c.target.code == e.target_code
            for c in pred.candidates
        )


def score_all(
    golds: Iterable[GoldEvents], predictions: dict[str, ProcessedArticle], lex: Lexicon
) -> EventScore:
    score = EventScore()
    for gold in golds:
        pred = predictions.get(gold.id)
        if pred is not None:
            score_article(gold, pred, lex, score)
            _score_candidates(gold, pred, score)
    return score
