"""The event gold (``data/gold/events``): every event of a gold article, anchored by exact
text. Guidelines: ``docs/annotation.md``, part "Events".

Like :mod:`communique.goldset`, each problem is reported as a ``file: reason`` line
instead of being guessed around: an evidence string that is missing or repeats, a trigger
or participant outside its evidence, an unknown CAMEO code or modality."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.goldset import _occurrences, annotated
from communique.resources import package_data, read_tsv

MODALITIES = ("asserted", "negated", "planned", "requested", "hypothetical")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
# a full stop after a lower-case word of three letters or more ("said. The"), not after
# abbreviations and initials ("Mr. Bennett", "U.S. President", "Antony J. Blinken")
_SENTENCE_END = re.compile(r"[a-z]{3,}[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]|\n")


@dataclass(slots=True)
class GoldEvent:
    where: str  # body | title
    start: int  # offset of the evidence
    end: int
    evidence: str
    trigger: str
    trigger_start: int
    source: str | None
    source_start: int | None
    source_code: str
    target: str | None
    target_start: int | None
    target_code: str
    cameo: str
    modality: str
    date: str | None

    @property
    def root(self) -> str:
        return self.cameo[:2]


@dataclass(slots=True)
class GoldEvents:
    id: str
    split: str
    events: list[GoldEvent] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def cameo_codes() -> set[str]:
    """The codes of the package's CAMEO codebook."""
    rows = read_tsv(package_data("communique.events", "cameo_codebook.tsv"))
    return {row["code"] for row in rows}


def _inside(evidence: str, text: str | None, what: str) -> tuple[int | None, str | None]:
    if text is None:
        return None, None
    if not isinstance(text, str) or not text:
        return None, f"{what} must be a non-empty string or null"
    spots = [
        at
        for at in _occurrences(evidence, text)
        if not (at > 0 and evidence[at - 1].isalnum())
        and not (at + len(text) < len(evidence) and evidence[at + len(text)].isalnum())
    ]  # whole words only: "he" is not the end of "the"
    if not spots:
        return None, f"{what} {text!r} is not in the evidence as whole words"
    return spots[0], None


def _field_problems(item: dict[str, Any], codes: set[str]) -> list[str]:
    problems = []
    for side in ("source_code", "target_code"):
        if not isinstance(item.get(side), str) or not _CODE.match(item[side]):
            problems.append(f"{side} {item.get(side)!r} is not one actor code")
    if item.get("cameo") not in codes:
        problems.append(f"cameo {item.get('cameo')!r} is not a CAMEO code")
    if item.get("modality") not in MODALITIES:
        problems.append(f"modality {item.get('modality')!r} is not one of {list(MODALITIES)}")
    date = item.get("date")
    if date is not None and not (isinstance(date, str) and _DATE.match(date)):
        problems.append(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return problems


def _anchor_event(
    gold: GoldEvents, article: dict[str, Any], item: dict[str, Any], codes: set[str], label: str
) -> None:
    where = item.get("where", "body")
    haystack = (article.get("title") or "") if where == "title" else article["text"]
    evidence = item.get("evidence") or ""
    spots = _occurrences(haystack, evidence)
    problems = [] if len(spots) == 1 else [f"evidence occurs {len(spots)} times"]
    if _SENTENCE_END.search(evidence):
        problems.append("evidence spans more than one sentence")
    problems += _field_problems(item, codes)
    offsets = {}
    for what in ("trigger", "source", "target"):
        value = item.get(what)
        if what == "trigger" and value is None:
            problems.append("trigger is missing")
            continue
        offsets[what], problem = _inside(evidence, value, what)
        if problem:
            problems.append(problem)
    if problems:
        gold.problems.extend(f"{label} ({evidence[:50]!r}): {p}" for p in problems)
        return
    start = spots[0]

    def at(what: str) -> int | None:
        return None if offsets[what] is None else start + offsets[what]

    gold.events.append(
        GoldEvent(
            where,
            start,
            start + len(evidence),
            evidence,
            item["trigger"],
            at("trigger") or start,
            item.get("source"),
            at("source"),
            item["source_code"],
            item.get("target"),
            at("target"),
            item["target_code"],
            item["cameo"],
            item["modality"],
            item.get("date"),
        )
    )


def anchor_events(
    article: dict[str, Any], annotation: dict[str, Any], label: str, codes: set[str]
) -> GoldEvents:
    """The annotation's events with offsets; problems collected as ``label: reason``."""
    gold = GoldEvents(article["id"], event_split(article))
    for k, item in enumerate(annotation.get("events", [])):
        _anchor_event(gold, article, item, codes, f"{label}: event {k + 1}")
    gold.events.sort(key=lambda e: (e.where != "title", e.start))
    return gold


def event_split(article: dict[str, Any]) -> str:
    """train, dev or test: the article's ``event_split``, drawn by article (issue 10)."""
    return article.get("event_split") or ("test" if article["split"] == "test" else "train")


def load_events(
    folder: Path, split: str | None = None, annotations: str = "events"
) -> list[GoldEvents]:
    """Every event annotation of ``folder`` (``articles.jsonl`` + ``events/``; the second,
    independent pass is in ``events_agreement/``)."""
    codes = cameo_codes()
    golds = [
        anchor_events(article, annotation, str(path), codes)
        for article, annotation, path in annotated(folder, None, annotations)
    ]
    return [g for g in golds if split is None or g.split == split]
