"""A date window for an article that came with no date, inferred from its own text.

Rules, strongest first:

1. A dateline at the start of the body ("WASHINGTON, March 3 (VOA) -", "March 3, 2024 -")
   gives the day. Without a year it needs the other clues to fix one: the only such day
   in their window, or the first one on or after the latest day or month named.
2. An article is written on or after the latest past date it names: that date (a day, a
   month or a year, as written) is a lower bound. Only dates in past-tense clauses (or
   after "since") count, so "elections in 2026" never dates an article. Relative dates
   ("last year") are anchored to the unknown date itself and say nothing here.
3. The tenures of the office holders named intersect to a window. A title ("Prime
   Minister Nikol Pashinyan") says the person held that office when the article was
   written, so the people named with a title count, with the roles of that office; only
   when nobody is, the people named bare count, with all their roles (a bare name says
   just that they are newsworthy, and the knowledge base knows only some of anyone's
   roles). The window is where the most of those tenures overlap, the latest such period
   on a tie; the tenures that miss it are dropped and said so. One person named bare is
   no clue (any day of their career would do); anyone named as "former" ("ex-", "then-",
   "ousted") is left out. Tenures that end before the latest past date named are
   history, not the article's time.

With no clue at all the precision is "none" and actors get their most recent role.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from communique.actors.kb import KnowledgeBase
from communique.actors.roles import past_office_cues
from communique.events.dates import parse_expression
from communique.ingest.dates import MONTHS
from communique.models import DateWindow, EventDate, Role
from communique.nlp.dates import MONTH_NUM

TITLE_TOKENS = 6  # how far before a name its title may start
_NO_DATE = EventDate(None, None, "none")
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.'’ -]{0,40}(?:,\s*[A-Z][\w.'’ -]{0,40})?,\s*)?"
    rf"(?:(?P<m1>{MONTHS})\.?\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTHS})\.?)"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?[-–—:]",
    re.IGNORECASE,
)
_SINCE = re.compile(r"since", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r".*[,;:()\[\]]")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A DATE entity that names an absolute day, month or year, and whether its clause
    is in the past."""

    text: str
    date: EventDate
    past: bool


@dataclass(frozen=True, slots=True)
class NamedPerson:
    """A knowledge-base person the article names, with the roles that count for dating:
    those of the office their title names (``titled``), else all of them."""

    person_id: str
    name: str
    roles: tuple[Role, ...]
    titled: bool = False
    former: bool = False  # called "former", "ex-", "then-", "late": their tenure is not now


@dataclass(frozen=True, slots=True)
class _Bound:
    """The latest past date named: the article is on or after ``start``."""

    start: date
    end: date
    precision: str
    text: str


@dataclass(frozen=True, slots=True)
class _Tenures:
    first: date | None
    last: date | None


Segment = tuple[date, date | None]  # [start, end), end None = still held


# ---- the pure inference ----------------------------------------------------------------


def infer_window(
    body: str, dates: Sequence[DateMention], people: Sequence[NamedPerson], today: date
) -> DateWindow:
    """The window an undated article was written in, from its body text (for the
    dateline), its DATE entities and the knowledge-base people it names."""
    bound, basis = latest_past(dates, today)
    tenures, said = tenure_window(people)
    basis += said
    if tenures and bound and tenures.last is not None and tenures.last < bound.start:
        basis.append("the tenures end before the latest date named: not counted")
        tenures = None
    starts = [d for d in (bound.start if bound else None, tenures.first if tenures else None) if d]
    first = max(starts, default=None)
    last = tenures.last if tenures else None
    day = _dateline_day(body, first, last, bound, today, basis)
    if day is not None:
        return DateWindow(day, day, "day", tuple(basis), day)
    if bound is None and tenures is None:
        return DateWindow(None, None, "none", (*basis, "no clue to the date: most recent roles"))
    precision = "tenure" if tenures else bound.precision if bound else "none"
    ref = reference_day(first, last, bound, today)
    return DateWindow(first, last, precision, tuple(basis), ref)


def reference_day(first: date | None, last: date | None, bound: _Bound | None, today: date) -> date:
    """The day actors are resolved on. With a latest past date: the end of its period (an
    article mostly reports what just happened), kept inside the window. Else, for a
    closed window, its middle: any day in it fits every tenure kept, and the middle is the
    least wrong at worst. An open window reaches the present, where undated text mostly
    comes from, as the no-clue rule (most recent role) assumes: today."""
    high = min(last, today) if last else today
    if first is not None and high < first:
        high = first
    if bound is not None:
        return _clamp(bound.end, first, high)
    if first is not None and last is not None:
        return first + timedelta(days=(high - first).days // 2)
    return high


def window_event_date(window: DateWindow) -> EventDate:
    """The article's own date for events and quotes with none in their sentence."""
    if window.day is None:
        return _NO_DATE
    width = {"month": 7, "year": 4}.get(window.precision, 10)
    return EventDate(window.day.isoformat()[:width], window.precision, "inferred")


def latest_past(dates: Iterable[DateMention], today: date) -> tuple[_Bound | None, list[str]]:
    """The latest date named in a past clause, and the basis lines (with the dates left
    out for not being past)."""
    past: list[_Bound] = []
    skipped: list[str] = []
    for mention in dates:
        start, end = _period(mention.date)
        if mention.past and start <= today:
            past.append(_Bound(start, end, mention.date.precision or "day", mention.text))
        elif mention.text not in skipped:
            skipped.append(mention.text)
    basis = []
    bound = max(past, key=lambda b: (b.start, -(b.end - b.start).days), default=None)
    if bound is not None:
        basis.append(f"latest past date named: {bound.text!r} (the article is on or after it)")
    if skipped:
        basis.append("not counted, not in the past: " + ", ".join(repr(s) for s in skipped[:5]))
    return bound, basis


def tenure_window(people: Sequence[NamedPerson]) -> tuple[_Tenures | None, list[str]]:
    """Where the most tenures of the people named overlap (None when the people named say
    nothing about the date), and the basis lines."""
    pool, basis = _tenure_pool(people)
    segments = {p.person_id: _segments(p.roles) for p in pool}
    points = sorted({s for segs in segments.values() for s, _ in segs})
    if not points:
        return None, basis

    def count(point: date) -> int:
        return sum(1 for p in pool if _covering(segments[p.person_id], point))

    best = max(points, key=lambda p: (count(p), p))
    spans = {
        p.person_id: span
        for p in pool
        if (span := _covering(segments[p.person_id], best)) is not None
    }
    kept = [p for p in pool if p.person_id in spans]
    if len(kept) == 1 and not kept[0].titled:
        return None, [*basis, f"{kept[0].name} named without a title: no clue"]
    start = max(s for s, _ in spans.values())
    ends = [e for _, e in spans.values() if e is not None]
    first = None if start == date.min else start
    last = min(ends) - timedelta(days=1) if ends else None
    basis += [_describe(p, spans[p.person_id]) for p in kept]
    if len(kept) > 1:
        basis.append(f"tenures overlap: {_iso(first)}..{_iso(last)}")
    dropped = [p.name for p in pool if p not in kept]
    if dropped:
        basis.append("dropped, tenure outside the others: " + _names(dropped))
    return _Tenures(first, last), basis


def _tenure_pool(people: Sequence[NamedPerson]) -> tuple[list[NamedPerson], list[str]]:
    """The people whose tenures count: those named with their title if any, else all;
    never one named as former."""
    former = [p.name for p in people if p.former]
    current = [p for p in people if not p.former]
    titled = [p for p in current if p.titled]
    basis = [f"not counted, named as former: {_names(former)}"] if former else []
    if titled and len(titled) < len(current):
        untitled = [p.name for p in current if not p.titled]
        basis.append(f"not counted, named without a title: {_names(untitled)}")
    return titled or current, basis


def _names(names: list[str], most: int = 5) -> str:
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def dateline(body: str) -> tuple[str, int, int, int | None] | None:
    """The dateline opening the body: its text, month, day and year (if written)."""
    found = _DATELINE.match(body)
    if not found:
        return None
    month = MONTH_NUM[(found["m1"] or found["m2"]).lower()]
    day = int(found["d1"] or found["d2"])
    year = int(found["y"]) if found["y"] else None
    text = " ".join(found[0].split()).rstrip(" -–—:")
    return text, month, day, year


def _dateline_day(
    body: str,
    first: date | None,
    last: date | None,
    bound: _Bound | None,
    today: date,
    basis: list[str],
) -> date | None:
    line = dateline(body)
    if line is None:
        return None
    text, month, day, year = line
    if year is not None:
        found = _safe_date(year, month, day)
    else:
        found = _year_for(month, day, first, last, bound, today)
    basis.insert(0, f"dateline {text!r}" + ("" if found else ": no year to place it"))
    if found and ((first and found < first) or (last and found > last)):
        basis.append("the dateline is outside the other clues: the dateline wins")
    return found


def _year_for(
    month: int, day: int, first: date | None, last: date | None, bound: _Bound | None, today: date
) -> date | None:
    """A dateline day without a year: the only one inside the window, or the first on or
    after the latest day or month named (within a year of it)."""
    if first is None:
        return None
    high = min(last, today) if last else today
    days = [
        d
        for y in range(first.year, high.year + 1)
        if (d := _safe_date(y, month, day)) and first <= d <= high
    ]
    if len(days) == 1:
        return days[0]
    near = bound is not None and bound.precision in {"day", "month"}
    if days and near and bound and (days[0] - bound.start).days < 366:
        return days[0]
    return None


# ---- small helpers ---------------------------------------------------------------------


def _period(value: EventDate) -> tuple[date, date]:
    parts = [int(p) for p in (value.value or "").split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _segments(roles: Iterable[Role]) -> list[Segment]:
    """A person's roles as disjoint periods: overlapping and adjoining roles merged."""
    merged: list[Segment] = []
    for start, end in sorted(((r.start or date.min), r.end) for r in roles):
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            head, tail = merged[-1]
            merged[-1] = (head, None if tail is None or end is None else max(tail, end))
        else:
            merged.append((start, end))
    return merged


def _covering(segments: list[Segment], point: date) -> Segment | None:
    for start, end in segments:
        if start <= point and (end is None or point < end):
            return start, end
    return None


def _describe(person: NamedPerson, span: Segment) -> str:
    start, end = span
    roles = [
        f"{r.title} {r.body} {_iso(r.start)}..{_iso(r.end)}"
        for r in person.roles
        if r.overlaps(start, (end - timedelta(days=1)) if end else date.max)
    ]
    named = " (named with the title)" if person.titled else ""
    return f"{person.name}: {'; '.join(roles)}{named}"


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _clamp(day: date, low: date | None, high: date) -> date:
    return max(min(day, high), low) if low else min(day, high)


def _safe_date(year: int, month: int, day: int) -> date | None:
    if 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


# ---- reading the Doc -------------------------------------------------------------------


def date_mentions(doc: Doc) -> list[DateMention]:
    """The DATE entities that name an absolute day, month or year."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        parsed = parse_expression(ent.text, _NO_DATE)
        if parsed is not None and parsed.value:
            found.append(DateMention(ent.text, parsed, _in_past(ent)))
    return found


def _in_past(ent: Span) -> bool:
    """The clause a date belongs to is in the past: its verb is a past form ("met",
    "were held", "has led since"), not a present passive ("is expected") or after a
    modal ("will hold"); or the date follows "since"."""
    doc = ent.doc
    if _SINCE.fullmatch(ent[0].text) or (ent.start and _SINCE.fullmatch(doc[ent.start - 1].text)):
        return True
    verb = ent.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or any(c.tag_ == "MD" for c in verb.children):
        return False
    if verb.tag_ == "VBN":
        return not any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in verb.children)
    return verb.tag_ == "VBD"


def named_people(
    doc: Doc, kb: KnowledgeBase, titles: dict[str, frozenset[str]] | None = None
) -> list[NamedPerson]:
    """The knowledge-base people with dated roles the candidates name unambiguously, each
    once (titled if any mention has the title; former if any calls them so)."""
    titles = titles if titles is not None else title_offices(kb)
    people: dict[str, NamedPerson] = {}
    former: set[str] = set()
    for cand in doc._.actor_candidates or []:
        ids = {o.actor_id for o in cand.options}
        person_id = ids.pop() if len(ids) == 1 else None
        if person_id is None or not kb.actors[person_id].is_person:
            continue
        roles = tuple(kb.roles.get(person_id, ()))
        if not roles:
            continue
        before = _before_name(doc, cand.start)
        if _is_former(before, cand.end):
            former.add(person_id)
        offices = _title_of(_title_text(before), titles)
        held = tuple(r for r in roles if _office_fits(r.office, offices))
        person = NamedPerson(person_id, kb.actors[person_id].name, held or roles, bool(held))
        if person_id not in people or (person.titled and not people[person_id].titled):
            people[person_id] = person
    return [replace(p, former=True) if pid in former else p for pid, p in people.items()]


def _before_name(doc: Doc, start: int) -> Span:
    """The tokens just before a name that may hold its title: up to ``TITLE_TOKENS`` of
    its sentence."""
    low = max(0, start - TITLE_TOKENS)
    if doc.has_annotation("SENT_START"):
        low = max(low, doc[start].sent.start)
    return doc[low:start]


def _title_text(before: Span) -> str:
    """The words before a name in lower case, from the last clause break on (a comma right
    before the name is kept out: "the NATO chief, Jens Stoltenberg")."""
    text = before.text.lower().rstrip(" ,")
    cut = _CLAUSE_BREAK.match(text)
    return text[cut.end() :].strip() if cut else text


def _is_former(before: Span, end: int) -> bool:
    """ "former Syrian president Bashar al-Assad", "ex-minister X", "then-Prime Minister
    X": a past-title word that belongs to the title or the name (not "late Monday",
    "and then President X said")."""
    cues = past_office_cues()
    return any(
        t.lower_ in cues and (_hyphened(t) or before.end <= _head_outside(t, before) < end)
        for t in before
    )


def _hyphened(token: Token) -> bool:
    """ "then-Prime Minister", "ex-minister": joined to the next word by a hyphen."""
    doc = token.doc
    return not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text == "-"


def _head_outside(token: Token, span: Span) -> int:
    """The first token up the parse from ``token`` that is outside ``span``."""
    head = token.head
    while span.start <= head.i < span.end and head.head.i != head.i:
        head = head.head
    return head.i


def _title_of(before: str, titles: dict[str, frozenset[str]]) -> frozenset[str]:
    """The offices of the longest title phrase the text ends with."""
    best = ""
    for phrase in titles:
        if len(phrase) > len(best) and before.endswith(phrase):
            rest = before[: -len(phrase)]
            if not rest or not rest[-1].isalnum():
                best = phrase
    return titles.get(best, frozenset())


def _office_fits(office: str, offices: frozenset[str]) -> bool:
    return office in offices or ("spokesperson" in offices and office.endswith("spokesperson"))


def title_offices(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Each title phrase of ``offices.tsv`` with the offices it may name."""
    found: dict[str, set[str]] = {}
    for phrase in kb.offices:
        found.setdefault(phrase.phrase, set()).add(phrase.office)
    return {k: frozenset(v) for k, v in found.items()}


class DateWindowFinder:
    """Dates an undated Doc: leaves the window on ``doc._.date_window`` and a day inside it
    on ``doc._.ref_date`` (with ``doc._.ref_event_date`` at the window's precision, source
    "inferred"), so roles, role phrases and event dates resolve on it. A Doc with a
    publication or context date is left alone."""

    def __init__(self, kb: KnowledgeBase, today: date | None = None) -> None:
        self.kb = kb
        self.titles = title_offices(kb)
        self.today = today

    def __call__(self, doc: Doc) -> Doc:
        ref: EventDate | None = doc._.ref_event_date
        if doc._.ref_date is not None or (ref is not None and ref.value):
            return doc
        body = doc.text[doc._.title_chars or 0 :]
        today = self.today or date.today()
        window = infer_window(
            body, date_mentions(doc), named_people(doc, self.kb, self.titles), today
        )
        doc._.date_window = window
        if window.day is not None:
            doc._.ref_date = window.day
            doc._.ref_event_date = window_event_date(window)
        return doc
