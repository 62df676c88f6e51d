"""Cleaning article text: page furniture out, title and dateline found, id computed.

The rules for furniture are data (``ingest/data/boilerplate.tsv``)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from communique.ingest.dates import find_context_date, parse_dateline
from communique.models import Article
from communique.resources import package_data, read_tsv

TITLE_MAX_WORDS = 16
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]$")


@dataclass(frozen=True)
class BoilerplateRules:
    drop: tuple[re.Pattern[str], ...]
    strip: tuple[re.Pattern[str], ...]

    def clean_line(self, line: str) -> str | None:
        """The line with glued labels removed, or None when the whole line is furniture."""
        stripped = line.strip()
        if not stripped:
            return ""
        if any(p.search(stripped) for p in self.drop):
            return None
        for pattern in self.strip:
            stripped = pattern.sub("", stripped, count=1)
        return stripped


@lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    drop, strip = [], []
    for row in read_tsv(package_data("communique.ingest", "boilerplate.tsv")):
        if row["kind"] == "drop_line":
            drop.append(re.compile(row["pattern"], re.IGNORECASE))
        elif row["kind"] == "strip_prefix":
            strip.append(re.compile(row["pattern"]))
    return BoilerplateRules(tuple(drop), tuple(strip))


def normalise_text(text: str) -> str:
    """NFC, unified line ends, no control characters, single spaces inside lines,
    paragraphs separated by one blank line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def article_id(text: str) -> str:
    """Stable id: a hash of the text with case and white space folded."""
    folded = " ".join(text.lower().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def _is_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= TITLE_MAX_WORDS and not _SENTENCE_END.search(line)


def strip_furniture(lines: list[str]) -> list[str]:
    """Drop furniture lines and repeats of a short line (headers printed twice)."""
    rules = boilerplate_rules()
    kept: list[str] = []
    seen_short: set[str] = set()
    for raw in lines:
        line = rules.clean_line(raw)
        if line is None:
            continue
        if line and _is_heading(line):
            key = line.casefold()
            if key in seen_short:
                continue
            seen_short.add(key)
        kept.append(line)
    return kept


def split_head(lines: list[str], title: str | None) -> tuple[str | None, date | None, list[str]]:
    """Take the title (a short first line) and a dateline near the top out of the body."""
    body = [line for line in lines]
    published: date | None = None
    nonblank = [i for i, line in enumerate(body) if line]
    if title is None and nonblank and _is_heading(body[nonblank[0]]):
        title = body[nonblank[0]]
        body[nonblank[0]] = ""
    elif title is not None and nonblank and body[nonblank[0]].casefold() == title.casefold():
        body[nonblank[0]] = ""
    for i in nonblank[:6]:
        found = parse_dateline(body[i])
        if found is not None:
            published = found
            body[i] = ""
            break
    return title, published, body


def build_article(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    path: str | None = None,
) -> Article:
    """Clean raw text into an Article. Raises ValueError when no text is left."""
    raw_lines = unicodedata.normalize("NFC", text).replace("\r\n", "\n").split("\n")
    lines = strip_furniture(raw_lines)
    title = title.strip() if title and title.strip() else None
    title, dateline, lines = split_head(lines, title)
    body = normalise_text("\n".join(lines))
    if not body:
        raise ValueError("no article text after cleaning")
    published = published or dateline
    context = None if published else find_context_date(body)
    return Article(
        id=article_id(body),
        text=body,
        title=title,
        published=published,
        source=source,
        url=url,
        path=path,
        context_date=context[0] if context else None,
        context_precision=context[1] if context else None,
    )
