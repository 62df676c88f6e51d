"""What the time-series analyses (alignment, shifts) read: one row per real-world event,
dated at a precision fine enough for the period, with the first day of its period.

- Periods are ``day``, ``week`` (ISO), ``month`` or ``year``, labelled as ``series`` labels
  them ("2024-03", "2024-W11", ...).
- An event dated only to a month (or a year) is left out of a weekly or daily analysis
  (of a monthly one for a year): stored on the 1st, it would pile onto the first period.
- Events merged as one real-world event (table ``merged_events``, several articles
  reporting it) count once: at its earliest date, with the mean of their Goldstein
  values, under the id of its earliest report (reports of one merged event share their
  dyad; any that did not would count once per dyad). Stores without that table (or read-only
  stores of an older schema) are read event by event.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from communique.store.base import EventQuery, event_filters
from communique.store.views import PERIODS

if TYPE_CHECKING:
    from communique.store.duckdb_store import DuckDBStore

PRECISIONS = {
    "day": ("day",),
    "week": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}
Arrays = dict[str, np.ndarray]


def check_period(by: str) -> None:
    if by not in PRECISIONS:
        raise ValueError(f"unknown period {by!r}: expected one of {', '.join(PRECISIONS)}")


def label(column: str, by: str) -> str:
    """SQL for the period label of a DATE column (the labels ``series`` uses)."""
    return f"strftime({column}, '{PERIODS[by]}')"


def has_merged(store: DuckDBStore) -> bool:
    with store.con.cursor() as cursor:
        found = cursor.execute(
            "SELECT 1 FROM duckdb_tables() WHERE table_name = 'merged_events'"
        ).fetchone()
    return found is not None


def event_conditions(by: str, since: date | None, until: date | None) -> tuple[str, list[Any]]:
    """SQL conditions (on alias ``e``) for the events an analysis by ``by`` reads."""
    check_period(by)
    filters, values = event_filters(EventQuery(since=since, until=until))
    precisions = ", ".join(f"'{p}'" for p in PRECISIONS[by])
    sql = (
        "e.day IS NOT NULL AND e.goldstein IS NOT NULL"
        f" AND coalesce(e.date_precision, 'day') IN ({precisions}) AND {' AND '.join(filters)}"
    )
    return sql, values


def events_sql(
    store: DuckDBStore,
    by: str,
    since: date | None,
    until: date | None,
    merged: bool = True,
    where: str = "1=1",
    params: list[Any] | None = None,
) -> tuple[str, list[Any]]:
    """A SELECT of (day, start, s, t, g): day, first day of its period, source code,
    target code, Goldstein value, one row per real-world event. ``where`` (on alias
    ``e``) narrows it. Merged events are grouped on a 64-bit hash of their merged id
    (and their dyad): cheaper than on the string, collisions negligible."""
    conditions, values = event_conditions(by, since, until)
    merge = merged and has_merged(store)
    join = " LEFT JOIN merged_events me ON me.event_id = e.id" if merge else ""
    # hash(NULL) is not NULL: unmerged events must keep a NULL key
    mid = "CASE WHEN me.merged_id IS NOT NULL THEN hash(me.merged_id) END" if merge else "NULL"
    inner = (
        f"SELECT e.day, e.source_code AS s, e.target_code AS t, e.goldstein AS g, {mid} AS mid"
        f" FROM events e{join} WHERE {conditions} AND ({where})"
    )
    start = f"date_trunc('{by}', {{}})::DATE"
    sql = (
        f"WITH f AS ({inner})"
        f" SELECT day, {start.format('day')} AS start, s, t, g FROM f WHERE mid IS NULL"
        f" UNION ALL SELECT min(day), {start.format('min(day)')}, s, t, avg(g)"
        " FROM f WHERE mid IS NOT NULL GROUP BY mid, s, t"
    )
    return sql, [*values, *(params or [])]


def fetch(store: DuckDBStore, sql: str, params: list[Any]) -> Arrays:
    """Run a read on its own cursor and return its columns as numpy arrays."""
    with store.con.cursor() as cursor:
        return cursor.execute(sql, params).fetchnumpy()


def runs(keys: list[np.ndarray]) -> list[tuple[int, int]]:
    """[start, end) of each run of equal rows in sorted key columns."""
    if not keys or len(keys[0]) == 0:
        return []
    change = np.zeros(len(keys[0]), dtype=bool)
    change[0] = True
    for column in keys:
        change[1:] |= column[1:] != column[:-1]
    starts = np.flatnonzero(change)
    ends = np.append(starts[1:], len(change))
    return list(zip(starts.tolist(), ends.tolist(), strict=True))
