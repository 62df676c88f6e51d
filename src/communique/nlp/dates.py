"""Dates on the Doc: the article's reference date and the period a sentence names."""

from __future__ import annotations

import calendar
import re
from datetime import date

from spacy.tokens import Doc

from communique.ingest.dates import MONTHS

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b({MONTHS})\.?\s+(19[5-9]\d|20\d\d)\b")
MONTH_NUM = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
MONTH_NUM["sept"] = 9


def article_period(doc: Doc) -> tuple[date | None, date | None]:
    day = doc._.ref_date
    return (day, day) if day else (None, None)


def dates_period(texts: list[str]) -> tuple[date, date] | None:
    """The one year (or month of a year) a sentence's DATE expressions name, if they name
    exactly one: "said in June 2022" -> June 2022; "came to power in 2003" -> 2003."""
    years: set[str] = set()
    months: set[tuple[int, int]] = set()
    for text in texts:
        years.update(_YEAR.findall(text))
        for month, year in _MONTH_YEAR.findall(text):
            months.add((int(year), MONTH_NUM[month.lower()]))
    if len(years) != 1:
        return None
    year = int(years.pop())
    if len(months) == 1:
        y, m = months.pop()
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(year, 1, 1), date(year, 12, 31)
