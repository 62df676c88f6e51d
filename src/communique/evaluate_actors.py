"""Scoring the actor layer against the gold set in ``data/gold`` (issue 9).

Mentions: a gold mention is right when a predicted mention in the same part (title or
body) overlaps its span and denotes the same code, or the same set of codes for a group.
Quotes: a gold quote is found when a predicted quote covers its first character; its
speaker is right when the code matches and, for a named person, the names agree
(diacritics, case and punctuation folded; the surname is enough). Accuracy is over all
gold items, so a missed mention or quote counts as wrong."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from communique.actors.names import fold
from communique.goldset import GoldArticle, GoldMention, GoldQuote
from communique.models import Article, Mention, ProcessedArticle, Quote, ResolvedActor

UNKNOWN = "UNK"


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, ok: bool, error: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.errors.append(error)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": round(self.accuracy, 4), "right": self.right, "total": self.total}


@dataclass
class ActorScore:
    mentions: Tally = field(default_factory=Tally)
    named: Tally = field(default_factory=Tally)
    pronoun_group: Tally = field(default_factory=Tally)
    locative: Tally = field(default_factory=Tally)
    title: Tally = field(default_factory=Tally)
    quotes_found: Tally = field(default_factory=Tally)
    speakers: Tally = field(default_factory=Tally)
    quotes_precision: Tally = field(default_factory=Tally)
    extra_mentions: int = 0
    by_type: dict[str, Tally] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        result = {
            k: getattr(self, k).to_dict()
            for k in (
                "mentions",
                "named",
                "pronoun_group",
                "locative",
                "title",
                "quotes_found",
                "speakers",
                "quotes_precision",
            )
        }
        result["by_type"] = {k: v.to_dict() for k, v in sorted(self.by_type.items())}
        result["extra_mentions"] = self.extra_mentions
        return result


def gold_article(gold: GoldArticle, *, undated: bool = False) -> Article:
    published = None if undated or not gold.published else date.fromisoformat(gold.published)
    return Article(
        id=gold.id,
        text=gold.text,
        title=gold.title or None,
        published=published,
        source=gold.meta.get("source"),
        url=gold.meta.get("url"),
        path=gold.id,
    )


def mention_codes(mention: Mention) -> tuple[str, ...]:
    actor = mention.actor
    if actor is None:
        return ()
    if actor.members:
        return tuple(sorted({m.code for m in actor.members if m.code}))
    return (actor.code,) if actor.code else ()


def _mention_ok(gold: GoldMention, found: list[Mention]) -> bool:
    want = gold.codes
    for m in found:
        codes = mention_codes(m)
        if want == (UNKNOWN,) and not codes and m.actor is not None:
            return True
        if codes == want:
            return True
    return False


def _part(mention: Mention) -> str:
    return "title" if mention.in_title else "body"


def score_article(gold: GoldArticle, pred: ProcessedArticle, score: ActorScore) -> None:
    used: set[int] = set()
    for g in gold.mentions:
        found = [
            (k, m)
            for k, m in enumerate(pred.mentions)
            if _part(m) == g.where and m.start < g.end and g.start < m.end
        ]
        used.update(k for k, _ in found)
        ok = _mention_ok(g, [m for _, m in found])
        got = [(m.text, mention_codes(m), m.how) for _, m in found] or "nothing"
        error = f"{gold.id}: {g.type} {g.text!r}@{g.start} want {'|'.join(g.codes)}; got {got}"
        score.mentions.add(ok, error)
        score.by_type.setdefault(g.type, Tally()).add(ok, error)
        if g.type in {"pronoun", "description"}:
            score.pronoun_group.add(ok, error)
        else:
            score.named.add(ok, error)
        if g.where == "title":
            score.title.add(ok, error)
        if g.locative:
            located = any(m.role == "location" for _, m in found)
            score.locative.add(located, f"{gold.id}: locative {g.text!r}@{g.start} not marked")
    score.extra_mentions += sum(
        1 for k, m in enumerate(pred.mentions) if k not in used and m.actor is not None
    )
    for q in gold.quotes:
        _score_quote(gold, q, pred.quotes, score)
    _score_found_quotes(gold, pred.quotes, score)


def _score_found_quotes(gold: GoldArticle, quotes: list[Quote], score: ActorScore) -> None:
    """Each quote found is right when a gold quote starts in it, or when it lies inside a
    quote found that is right (a partial quote within reported speech)."""
    body = [p for p in quotes if not p.in_title]
    hit = [any(p.start - 2 <= q.start < p.end for q in gold.quotes) for p in body]
    for k, p in enumerate(body):
        ok = hit[k] or any(
            hit[j] and o.start <= p.start < o.end for j, o in enumerate(body) if j != k
        )
        score.quotes_precision.add(ok, f"{gold.id}: {p.kind} {p.text[:40]!r} not in the gold")


def _score_quote(gold: GoldArticle, q: GoldQuote, quotes: list[Quote], score: ActorScore) -> None:
    hits = [p for p in quotes if p.start - 2 <= q.start < p.end]
    label = f"{gold.id}: {q.kind} {q.starts_with[:40]!r}"
    score.quotes_found.add(bool(hits), f"{label} not found")
    if not hits:
        score.speakers.add(False, f"{label} not found")
        return
    speaker = hits[0].speaker
    ok = speaker_ok(q, speaker)
    got = f"{speaker.name} {speaker.code}" if speaker else "no speaker"
    score.speakers.add(ok, f"{label} want {q.speaker} {q.speaker_code}; got {got}")


def speaker_ok(q: GoldQuote, speaker: ResolvedActor | None) -> bool:
    """The speaker found is the gold one: the same body code and, where the gold names a
    person, the same surname; an unnamed speaker of no known body ("analysts say") is
    right when no body and no person is given."""
    if q.speaker_code == UNKNOWN and q.speaker:
        return speaker is not None and speaker.code is None and same_person(q.speaker, speaker.name)
    if q.speaker_code == UNKNOWN:
        return speaker is None or (speaker.code is None and not speaker.is_person)
    ok = speaker is not None and speaker.code == (q.speaker_code or None)
    return ok and (not q.speaker or same_person(q.speaker, speaker.name))


def same_person(gold_name: str, name: str) -> bool:
    """Names agree when their folded surnames (last words) agree; folding is the
    system's own (``name_variants.tsv``), so Zelensky and Zelenskyy are one person."""
    a, b = fold(gold_name).split(), fold(name).split()
    return bool(a and b) and (a[-1] == b[-1] or a == b)


def score_all(golds: Iterable[GoldArticle], predictions: dict[str, ProcessedArticle]) -> ActorScore:
    score = ActorScore()
    for gold in golds:
        score_article(gold, predictions[gold.id], score)
    return score


def type_counts(golds: Iterable[GoldArticle]) -> Counter:
    return Counter(m.type for g in golds for m in g.mentions)
