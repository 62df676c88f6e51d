"""The actor and quote gold set (``data/gold``): articles, annotations anchored by exact
text, and their conversion to character spans. Guidelines: ``docs/annotation.md``.

Annotations name a mention by its exact text plus, where the text repeats, a context
string that occurs once; :func:`anchor` turns each into offsets and reports every anchor
that is missing or ambiguous, as ``file: reason`` lines, instead of guessing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MENTION_TYPES = {"name", "agent", "description", "pronoun"}
QUOTE_KINDS = {"direct", "partial", "indirect"}


@dataclass(slots=True)
class GoldMention:
    where: str  # body | title
    start: int
    end: int
    text: str
    codes: tuple[str, ...]
    actor: str | None
    type: str
    locative: bool = False


@dataclass(slots=True)
class GoldQuote:
    kind: str
    start: int  # offset of starts_with in the body
    starts_with: str
    speaker: str | None
    speaker_code: str | None
    speaker_text: str | None


@dataclass(slots=True)
class GoldArticle:
    id: str
    split: str
    title: str
    text: str
    published: str | None
    meta: dict[str, Any]
    mentions: list[GoldMention] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def load_articles(path: Path) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {row["id"]: row for row in rows}


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at >= 0 and needle:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _locate(haystack: str, text: str, context: str | None) -> tuple[int | None, str | None]:
    """Offset of ``text`` (inside ``context`` when given), or a reason it cannot be found."""
    if context:
        spots = _occurrences(haystack, context)
        if len(spots) != 1:
            return None, f"context {context!r} occurs {len(spots)} times"
        inner = _occurrences(context, text)
        if len(inner) != 1:
            return None, f"text {text!r} occurs {len(inner)} times in its context"
        return spots[0] + inner[0], None
    spots = _occurrences(haystack, text)
    if len(spots) != 1:
        return None, f"text {text!r} occurs {len(spots)} times: give a context"
    return spots[0], None


def _codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(sorted(set(value)))
    raise ValueError(f"code must be a string or a list of strings, not {value!r}")


def anchor(article: dict[str, Any], annotation: dict[str, Any], label: str) -> GoldArticle:
    """The annotation with offsets; problems collected as ``label: reason`` lines."""
    gold = GoldArticle(
        id=article["id"],
        split=article["split"],
        title=article.get("title") or "",
        text=article["text"],
        published=article.get("published"),
        meta={k: article.get(k) for k in ("url", "source", "licence", "corpus_file")},
    )
    for k, item in enumerate(annotation.get("mentions", [])):
        _anchor_mention(gold, item, f"{label}: mention {k + 1}")
    for k, item in enumerate(annotation.get("quotes", [])):
        _anchor_quote(gold, item, f"{label}: quote {k + 1}")
    gold.mentions.sort(key=lambda m: (m.where != "title", m.start))
    return gold


def _anchor_mention(gold: GoldArticle, item: dict[str, Any], label: str) -> None:
    where = item.get("where", "body")
    haystack = gold.title if where == "title" else gold.text
    text = item.get("text") or ""
    start, problem = _locate(haystack, text, item.get("context"))
    kind = item.get("type")
    if kind not in MENTION_TYPES:
        problem = problem or f"type {kind!r} is not one of {sorted(MENTION_TYPES)}"
    try:
        codes = _codes(item.get("code"))
    except ValueError as exc:
        problem, codes = problem or str(exc), ()
    if problem or start is None:
        gold.problems.append(f"{label} ({text!r}): {problem}")
        return
    gold.mentions.append(
        GoldMention(
            where,
            start,
            start + len(text),
            text,
            codes,
            item.get("actor"),
            kind,
            bool(item.get("locative")),
        )
    )


def _anchor_quote(gold: GoldArticle, item: dict[str, Any], label: str) -> None:
    begin = item.get("starts_with") or ""
    start, problem = _locate(gold.text, begin, None)
    if item.get("kind") not in QUOTE_KINDS:
        problem = problem or f"kind {item.get('kind')!r} is not one of {sorted(QUOTE_KINDS)}"
    if problem or start is None:
        gold.problems.append(f"{label} ({begin[:40]!r}): {problem}")
        return
    code = item.get("speaker_code")
    gold.quotes.append(
        GoldQuote(
            item["kind"],
            start,
            begin,
            item.get("speaker"),
            code if isinstance(code, str) else None,
            item.get("speaker_text"),
        )
    )


def annotated(
    folder: Path, split: str | None, annotations: str
) -> Iterator[tuple[dict[str, Any], dict[str, Any], Path]]:
    """(article, annotation, path) for every file of ``folder/annotations`` in ``split``."""
    articles = load_articles(folder / "articles.jsonl")
    for path in sorted((folder / annotations).glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        article = articles.get(annotation.get("id") or path.stem)
        if article is None:
            raise ValueError(f"{path}: no article with id {annotation.get('id')!r}")
        if split is None or article["split"] == split:
            yield article, annotation, path


def load(
    folder: Path, split: str | None = None, annotations: str = "annotations"
) -> list[GoldArticle]:
    """Every annotated article of ``folder`` (``articles.jsonl`` + ``annotations/``)."""
    return [
        anchor(a, annotation, str(path))
        for a, annotation, path in annotated(folder, split, annotations)
    ]
