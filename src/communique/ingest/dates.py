"""Publication dates: metadata strings, datelines, and the date a text establishes itself."""

from __future__ import annotations

import re
from datetime import date, datetime

import dateparser

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_YEAR = re.compile(
    rf"\b(?:(\d{{1,2}})\s+)?({MONTHS})\.?(?:\s+(\d{{1,2}}),?)?\s+((?:19|20)\d\d)\b"
)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_DATELINE_HINT = re.compile(rf"\b({MONTHS})\b|\b(19|20)\d\d\b", re.IGNORECASE)
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["year"],
}


def parse_date(value: str | None) -> date | None:
    """A date from a metadata string in any common format, or None."""
    if not value or not str(value).strip():
        return None
    text = str(value).strip()
    iso = _ISO.search(text)
    if iso and iso.start() == 0:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if isinstance(parsed, datetime) else None


def parse_dateline(line: str) -> date | None:
    """The date of a dateline: a short line that is a full date ("March 20, 2024",
    "Published 20 March 2024 10:31"), else None."""
    words = line.split()
    if not words or len(words) > 8 or not _DATELINE_HINT.search(line):
        return None
    if not re.search(r"\b(19|20)\d\d\b", line) or not re.search(r"\d{1,2}\b", line):
        return None
    stripped = re.sub(r"^(published|updated|posted|date)\s*:?\s*", "", line, flags=re.I)
    found = _MONTH_YEAR.search(stripped)
    if found and (found[1] or found[3]) and _covers(found, stripped):
        return parse_date(found[0])
    iso = _ISO.search(stripped)
    if iso and len(stripped) <= 30:
        return parse_date(iso[0])
    return None


def _covers(found: re.Match[str], line: str) -> bool:
    """The date is most of the line (what is left is a time or a weekday)."""
    rest = (line[: found.start()] + line[found.end() :]).strip(" ,|-–—")
    return len(rest.split()) <= 3 and not re.search(r"[.!?]$", rest)


def find_context_date(text: str, window: int = 1200) -> tuple[date, str] | None:
    """The first month-and-year date in the opening of a text ("In March 2024, ..."),
    with its precision (day or month): the time the text establishes for itself when it
    has no dateline."""
    found = _MONTH_YEAR.search(text[:window])
    if not found:
        return None
    parsed = parse_date(f"{found[2]} {found[4]}")
    if parsed is None:
        return None
    day = found[1] or found[3]
    if not day:
        return parsed.replace(day=1), "month"
    try:
        return parsed.replace(day=int(day)), "day"
    except ValueError:
        return parsed.replace(day=1), "month"
