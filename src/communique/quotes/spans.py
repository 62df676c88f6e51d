"""Finding quotation marks in text: paired curly or straight double quotes, quotes that
run on across paragraphs (a new paragraph reopening the quote), and which of them are
speech rather than scare quotes or titles."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

# Scraped text mixes straight and curly marks ('"It is," he said.”'): a double quote
# opened either way closes at the next closing mark of either kind.
OPEN = {"“": '”"', '"': '"”', "«": "»", "„": '“"'}
_PARAGRAPH = re.compile(r"\n\s*\n")
MIN_SPEECH_WORDS = 4


@dataclass(slots=True)
class QuoteSpan:
    """Character offsets of the opening and closing marks (``close`` may be the end of a
    paragraph for a quote left open there) and of the words between them."""

    open: int
    close: int
    inner_start: int
    inner_end: int
    continues: bool = False  # reopened at the start of the next paragraph

    def words(self, text: str) -> str:
        return text[self.inner_start : self.inner_end]


def find_quote_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    offset = 0
    for paragraph in _PARAGRAPH.split(text):
        start = text.index(paragraph, offset)
        offset = start + len(paragraph)
        spans += _paragraph_spans(paragraph, start)
    for prev, nxt in itertools.pairwise(spans):
        gap = text[prev.close : nxt.open]
        if prev.close == prev.inner_end and _PARAGRAPH.fullmatch(gap.strip(" ") or "\n\n"):
            prev.continues = True
    return spans


def _paragraph_spans(paragraph: str, base: int) -> list[QuoteSpan]:
    spans = []
    i = 0
    while i < len(paragraph):
        ch = paragraph[i]
        if ch in OPEN and _opens(paragraph, i):
            j = _closing(paragraph, i + 1, OPEN[ch])
            if j == -1:  # runs on to the end of the paragraph
                end = len(paragraph)
                spans.append(_span(paragraph, base, i, end, end))
                break
            spans.append(_span(paragraph, base, i, j, j + 1))
            i = j + 1
            continue
        i += 1
    return spans


def _closing(paragraph: str, start: int, closers: str) -> int:
    found = [j for j in (paragraph.find(c, start) for c in closers) if j >= 0]
    return min(found, default=-1)


def _opens(paragraph: str, i: int) -> bool:
    """A straight quote opens at the start, after a space, a bracket or a dash."""
    if paragraph[i] != '"':
        return True
    return i == 0 or paragraph[i - 1] in " \t(—–-:[\n"


def _span(paragraph: str, base: int, i: int, inner_end: int, close: int) -> QuoteSpan:
    inner = paragraph[i + 1 : inner_end]
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner) - len(inner.rstrip())
    return QuoteSpan(base + i, base + close, base + i + 1 + lead, base + inner_end - trail)


def looks_like_speech(words: str, has_verb: bool) -> bool:
    """Speech, not a scare quote ("freeze"), a title or a name: four words or more with
    a verb or sentence punctuation, and not all capitalised words."""
    tokens = words.split()
    if len(tokens) < MIN_SPEECH_WORDS:
        return False
    if all(t[:1].isupper() for t in tokens if t.isalpha()) and not has_verb:
        return False
    return has_verb or words.rstrip()[-1:] in ".?!,"
