"""Standing relations between states and organisations over time: membership,
partnership, candidate status, alliance, armed conflict, occupation, frozen or suspended
ties. Built from shipped, dated facts (``analysis/data/memberships.tsv``) and from
relation-bearing events in the store (``relation_rules.tsv``), each with the sentences
that show it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.resources import package_data, read_tsv

KEYWORDS = {
    "membership": r"member|membership|join|accession|bloc|alliance",
    "partnership": r"partner|partnership|cooperat",
    "candidate": r"candida|accession|membership",
    "observer": r"observer",
    "alliance": r"allian|ally|allies|treaty",
    "armed_conflict": r"war|invasion|attack|conflict|fighting|offensive",
    "occupation": r"occup|annex",
}
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|$)")


@dataclass
class Relation:
    a: str
    b: str
    type: str
    status: str
    since: str | None
    until: str | None
    origin: str  # fact | event
    evidence: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "type": self.type,
            "status": self.status,
            "since": self.since,
            "until": self.until,
            "origin": self.origin,
            "note": self.note,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Rule:
    root: str
    trigger: re.Pattern[str]
    object: re.Pattern[str]
    type: str
    status: str


@lru_cache(maxsize=1)
def facts() -> tuple[Relation, ...]:
    path = package_data("communique.analysis", "memberships.tsv")
    if not Path(path).exists():
        return ()
    return tuple(
        Relation(
            r["a"],
            r["b"],
            r["type"],
            r["status"],
            r.get("since") or None,
            r.get("until") or None,
            "fact",
            note=r.get("note") or None,
        )
        for r in read_tsv(path)
    )


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(
            r["root"],
            re.compile(r["trigger"], re.I),
            re.compile(r["object"], re.I),
            r["type"],
            r["status"],
        )
        for r in read_tsv(package_data("communique.analysis", "relation_rules.tsv"))
    )


def from_events(events: list[dict[str, Any]]) -> list[Relation]:
    """Relations set by events: "Armenia froze its membership in the CSTO" -> ARM-CSTO
    membership frozen since the event's date."""
    found: dict[tuple[str, str, str, str], Relation] = {}
    for event in events:
        sentence = event.get("sentence") or ""
        after = sentence[sentence.find(event["trigger"]) :] if event.get("trigger") else sentence
        for rule in rules():
            if not event["cameo"].startswith(rule.root):
                continue
            if not rule.trigger.search(event.get("trigger") or "") or not rule.object.search(after):
                continue
            key = (event["source"], event["target"], rule.type, rule.status)
            relation = found.setdefault(key, Relation(*key, event["date"], None, "event"))
            if event["date"] and (relation.since is None or event["date"] < relation.since):
                relation.since = event["date"]
            relation.evidence.append(_evidence(event))
            break
    return list(found.values())


def _evidence(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "sentence": event.get("sentence"),
        "article_id": event.get("article_id"),
        "event_id": event.get("id"),
        "date": event.get("date"),
    }


def sentences_with(
    text: str, spans_a: list[tuple[int, int]], spans_b: list[tuple[int, int]], keyword: str
) -> list[str]:
    """Sentences of ``text`` that name both sides and a word of the relation."""
    found = []
    pattern = re.compile(keyword, re.I)
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        has_a = any(start <= s < end for s, _ in spans_a)
        has_b = any(start <= s < end for s, _ in spans_b)
        if has_a and has_b and pattern.search(match.group(0)):
            found.append(match.group(0).strip())
    return found


def merge(fact_rows: list[Relation], event_rows: list[Relation]) -> list[Relation]:
    """Facts first; an event that shows a fact (same pair, type and status, in its time)
    becomes its evidence; other events stand as relations of their own."""
    result = list(fact_rows)
    for relation in event_rows:
        match = next((f for f in result if _same(f, relation)), None)
        if match is not None:
            match.evidence += relation.evidence
        else:
            result.append(relation)
    return sorted(result, key=lambda r: (r.b if r.a else r.a, r.since or "", r.type))


def _same(fact: Relation, event: Relation) -> bool:
    pair = {fact.a, fact.b} == {event.a, event.b}
    if not pair or (fact.type, fact.status) != (event.type, event.status):
        return False
    when = (event.since or "")[:4]
    return not when or ((fact.since or "0")[:4] <= when <= (fact.until or "9999")[:4])


def relations_of(store, code: str, evidence_per_relation: int = 3) -> list[Relation]:
    """The standing relations of an actor (a code such as ARM) with dates and evidence."""
    code = code.upper()
    fact_rows = [_copy(f) for f in facts() if code in (f.a, f.b)]
    roots = tuple(sorted({r.root for r in rules()}))
    event_rows = from_events(store.relation_events(code, roots))
    merged = merge(fact_rows, event_rows)
    latest = _latest_periods(merged)
    for relation in merged:
        if len(relation.evidence) >= evidence_per_relation or id(relation) not in latest:
            continue  # texts are matched to a pair's latest period only, not to its history
        other = relation.b if relation.a == code else relation.a
        keyword = KEYWORDS.get(relation.type, ".")
        for article in store.cooccurrences(code, other):
            for sentence in sentences_with(article["text"], article["a"], article["b"], keyword):
                if all(e["sentence"] != sentence for e in relation.evidence):
                    relation.evidence.append({"sentence": sentence, "article_id": article["id"]})
                if len(relation.evidence) >= evidence_per_relation:
                    break
            if len(relation.evidence) >= evidence_per_relation:
                break
    return merged


def _latest_periods(relations: list[Relation]) -> set[int]:
    latest: dict[tuple[frozenset[str], str], Relation] = {}
    for relation in relations:
        key = (frozenset((relation.a, relation.b)), relation.type)
        if key not in latest or (relation.since or "") > (latest[key].since or ""):
            latest[key] = relation
    return {id(r) for r in latest.values()}


def _copy(relation: Relation) -> Relation:
    return Relation(
        relation.a,
        relation.b,
        relation.type,
        relation.status,
        relation.since,
        relation.until,
        relation.origin,
        [],
        relation.note,
    )
