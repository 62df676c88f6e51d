"""When an event happened: the date the sentence gives for it (explicit, partial,
range or relative to the article's date), else the article's own date, marked as such."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from spacy.tokens import Span, Token

from communique.ingest.dates import MONTHS
from communique.models import EventDate

NEAR = 10  # tokens: a DATE further from the trigger, outside its phrase, is not its date
_MONTH_NUM = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
_MONTH_NUM["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_DAY_MONTH = re.compile(
    rf"\b(?:({MONTHS})\.?\s+(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?|(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+({MONTHS}))"
    r"(?:,?\s+((?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"\b({MONTHS})\.?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_MONTH_ONLY = re.compile(
    rf"^(?:in|on|since|by|during|last|this|early|late|mid-?)?\s*({MONTHS})$", re.IGNORECASE
)
_RELATIVE_YEAR = {
    "this year": 0,
    "earlier this year": 0,
    "later this year": 0,
    "last year": -1,
    "next year": 1,
    "the previous year": -1,
    "the past year": -1,
}
_RELATIVE_DAY = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def reference(
    published: date | None, context: date | None, context_precision: str | None
) -> EventDate:
    """The article's own date, used when the sentence gives none."""
    if published:
        return EventDate(published.isoformat(), "day", "publication")
    if context:
        if context_precision == "month":
            return EventDate(context.isoformat()[:7], "month", "context")
        return EventDate(context.isoformat(), "day", "context")
    return EventDate(None, None, "none")


def _ref_day(ref: EventDate) -> date | None:
    if not ref.value:
        return None
    parts = [int(p) for p in ref.value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def parse_expression(text: str, ref: EventDate) -> EventDate | None:
    """One DATE expression ("March 17-19", "June 2022", "in 2008", "earlier this year",
    "on Wednesday", "last week") as an event date, or None when it is not a point in time
    ("three days", "decades")."""
    lower = " ".join(text.lower().split())
    today = _ref_day(ref)
    found = _DAY_MONTH.search(text)
    if found:
        month = _MONTH_NUM[(found[1] or found[4]).lower().rstrip(".")]
        day = int(found[2] or found[3])
        year = int(found[5]) if found[5] else _year_for(month, today)
        if year and 1 <= day <= calendar.monthrange(year, month)[1]:
            return EventDate(date(year, month, day).isoformat(), "day", "text")
    found = _MONTH_YEAR.search(text)
    if found:
        return EventDate(
            f"{int(found[2]):04d}-{_MONTH_NUM[found[1].lower().rstrip('.')]:02d}", "month", "text"
        )
    years = set(_YEAR.findall(text))
    if len(years) == 1 and not re.search(r"\d{4}s\b", text):
        return EventDate(years.pop(), "year", "text")
    if today is None:
        return None
    return _relative(lower, today)


def _year_for(month: int, today: date | None) -> int | None:
    """A month without a year is the latest such month not after the article date."""
    if today is None:
        return None
    return today.year if month <= today.month else today.year - 1


def _relative(lower: str, today: date) -> EventDate | None:
    for phrase, offset in _RELATIVE_YEAR.items():
        if lower.endswith(phrase):
            return EventDate(str(today.year + offset), "year", "text")
    for phrase, offset in _RELATIVE_DAY.items():
        if lower.endswith(phrase):
            return EventDate((today + timedelta(days=offset)).isoformat(), "day", "text")
    if lower.endswith(("last week", "this week", "earlier this week", "past week")):
        back = 7 if "last" in lower or "past" in lower else 0
        return EventDate((today - timedelta(days=back)).isoformat()[:7], "month", "text")
    if lower.endswith(("last month", "this month", "earlier this month")):
        first = today.replace(day=1)
        day = first - timedelta(days=1) if "last" in lower else first
        return EventDate(day.isoformat()[:7], "month", "text")
    for name, weekday in _WEEKDAYS.items():
        if re.search(rf"\b{name}\b", lower):
            back = (today.weekday() - weekday) % 7
            return EventDate((today - timedelta(days=back)).isoformat(), "day", "text")
    only = _MONTH_ONLY.match(lower)
    if only:
        month = _MONTH_NUM[only[1].rstrip(".")]
        return EventDate(f"{_year_for(month, today):04d}-{month:02d}", "month", "text")
    return None


def event_date(sent: Span, trigger: Token, ref: EventDate) -> EventDate:
    """The date of the event whose trigger is ``trigger``: the DATE entity attached to it,
    else the nearest in its sentence, else the article's date."""
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    if not dates:
        return ref
    subtree = {t.i for t in trigger.subtree}
    head = trigger.head
    attached = [e for e in dates if e.root.i in subtree]
    siblings = [e for e in dates if e.root.head.i in {trigger.i, head.i} and e not in attached]
    rest = sorted(
        (
            e
            for e in dates
            if e not in attached and e not in siblings and abs(e.root.i - trigger.i) <= NEAR
        ),
        key=lambda e: abs(e.root.i - trigger.i),
    )
    for ent in (*attached, *siblings, *rest):
        parsed = parse_expression(ent.text, ref)
        if parsed is not None:
            return parsed
    return ref
