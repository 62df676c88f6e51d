"""Shifts: actors and dyads whose Goldstein level changes.

``change_point`` tests one series (per-period mean Goldstein, weighted by the number of
events of each period) for a single change in level:

- statistic: with weights w_i, values y_i, weighted mean m and z_i = w_i (y_i - m), the
  CUSUM C_k = z_1 + ... + z_k is W_1 W_2 / W (mean before k - mean after k): the
  weighted difference of the two means. The change is after the k maximising |C_k|
  among splits leaving at least ``min_size`` periods on each side, and the statistic is
  S = max |C_k| / sqrt(n sum(z_i^2) / (n - 1)), the CUSUM standardised by its variance
  under random order (for which the process tends to a Brownian bridge).
- p-value: permutation test. The (value, weight) pairs of the periods are shuffled
  ``n_perm`` times; p = (1 + #{S_perm >= S}) / (1 + n_perm). Periods, not events, are
  what is exchanged: events of one period (often from the same articles) are not
  independent, and the test must not count them as if they were.
- A Monte Carlo p-value cannot go below 1 / (1 + n_perm), which no correction for
  thousands of series can accept. When no shuffle reaches S, the tail beyond that
  resolution is taken from the asymptotic null of S: the smaller of the Kolmogorov tail
  P(sup |B| >= S) = 2 sum_j (-1)^(j-1) exp(-2 j^2 S^2) and the Bonferroni bound over the
  splits sum_k P(|N(0,1)| >= S / sqrt(t_k (1 - t_k))), t_k = k / n, capped at
  1 / (1 + n_perm). Both are conservative for short series (a maximum over a few splits
  is smaller than the supremum of a bridge). Above the resolution the p-value is the
  permutation one.
- Order alone says little in a short series: twelve smooth monthly means fall in a
  perfect low-then-high order by chance one time in a few hundred, however small the
  difference. Given ``spread`` (the variance of each period's events), the same CUSUM is
  also tested against single events in random order (variance of C_k:
  N_k (N - N_k) / (N - 1) times the variance of all N events; the same asymptotic tail,
  with t_k = N_k / N), and the p-value is the larger of the two: the change must stand
  out from period-to-period variation and from the noise of events. ``scan_shifts``
  always passes it.

``scan_shifts`` runs it over the per-period series of every actor (events where it is
source or target) and every dyad (both directions) with at least ``min_events`` events
and ``2 * min_size`` periods with events, and keeps the series whose p-values pass the
Benjamini-Hochberg procedure at false discovery rate ``alpha`` over all the series
tested (the share of flags that are false is expected to stay below alpha; actor series
and the dyads they contain are positively dependent, for which BH keeps its guarantee).
A series whose event test alone is above alpha cannot be flagged and is not shuffled.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from communique.analysis.periods import (
    Arrays,
    check_period,
    event_conditions,
    events_sql,
    fetch,
    has_merged,
    label,
    runs,
)

if TYPE_CHECKING:
    from communique.store.duckdb_store import DuckDBStore

PERM_CELLS = 2_000_000  # shuffled values held at once
EVENTS_PER_FLAG = 20
TIE = 1e-9
Values = Sequence[float] | np.ndarray


@dataclass(frozen=True, slots=True)
class ChangePoint:
    """A change of level before position ``index`` (the first of the new level; a
    steady drift shows as one change near its middle). ``statistic`` is S, ``p_value``
    the test's (module docstring), ``p_permutation`` the Monte Carlo one alone,
    ``p_events`` the one against single events in random order (None without spread)."""

    index: int
    p_value: float
    mean_before: float
    mean_after: float
    statistic: float
    p_permutation: float
    p_events: float | None = None


@dataclass(frozen=True, slots=True)
class ShiftFlag:
    """A series whose level changed: ``actors`` is (code,) for an actor, (a, b) for a
    dyad; ``period`` is the first period of the new level, ``before`` the last of the
    old one; ``q_value`` is the Benjamini-Hochberg adjusted p-value; ``event_ids`` are
    events of the series nearest the change, from both sides."""

    kind: str
    actors: tuple[str, ...]
    period: str
    before: str
    p_value: float
    q_value: float
    mean_before: float
    mean_after: float
    events_before: int
    events_after: int
    periods: int
    event_ids: tuple[str, ...]


# ---- one series ------------------------------------------------------------------------


def change_point(
    values: Values,
    weights: Values | None = None,
    min_size: int = 3,
    n_perm: int = 500,
    seed: int | Sequence[int] = 0,
    *,
    spread: Values | None = None,
) -> ChangePoint | None:
    """The most likely single change of level in ``values`` and its p-value; None when
    the series is too short (fewer than 2 * min_size values) or constant. With
    ``spread`` (the variance of the events of each period, ``weights`` being their
    numbers), the change must also stand out from the noise of single events."""
    y, w = _series(values, weights, min_size, n_perm)
    n = len(y)
    if n < 2 * min_size:
        return None
    z = w * (y - np.average(y, weights=w))
    ss = float(z @ z)
    if ss <= 1e-12 * float(w @ w):
        return None
    cusum = np.abs(np.cumsum(z)[min_size - 1 : n - min_size])
    k = int(np.argmax(cusum)) + min_size
    peak, variance = float(cusum.max()), n * ss / (n - 1)
    p_perm = _permutation_p(z, peak, min_size, n_perm, np.random.default_rng(seed))
    p_periods = p_perm
    if p_perm <= 1 / (1 + n_perm):  # no shuffle reached it: the tail beyond resolution
        p_periods = min(p_perm, _tail(peak, variance, np.arange(min_size, n - min_size + 1) / n))
    p_events = None if spread is None else _events_p(y, w, spread, peak, min_size)
    return ChangePoint(
        index=k,
        p_value=p_periods if p_events is None else max(p_periods, p_events),
        mean_before=float(np.average(y[:k], weights=w[:k])),
        mean_after=float(np.average(y[k:], weights=w[k:])),
        statistic=peak / math.sqrt(variance),
        p_permutation=p_perm,
        p_events=p_events,
    )


def _series(
    values: Values, weights: Values | None, min_size: int, n_perm: int
) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(values, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    if y.ndim != 1 or w.shape != y.shape:
        raise ValueError("values and weights must be flat sequences of the same length")
    if not (np.isfinite(y).all() and np.isfinite(w).all() and (w > 0).all()):
        raise ValueError("values must be finite and weights finite and positive")
    if min_size < 1 or n_perm < 0:
        raise ValueError("min_size must be at least 1 and n_perm not negative")
    return y, w


def _permutation_p(
    z: np.ndarray, peak: float, min_size: int, n_perm: int, rng: np.random.Generator
) -> float:
    return (1 + _exceedances(z, peak, min_size, n_perm, rng)) / (1 + n_perm)


def _events_p(y: np.ndarray, w: np.ndarray, spread: Values, peak: float, min_size: int) -> float:
    """Asymptotic p-value of the peak CUSUM if single events were in random order."""
    within = np.asarray(spread, dtype=float)
    if within.shape != y.shape or not np.isfinite(within).all() or (within < 0).any():
        raise ValueError("spread must be finite, not negative, one value per period")
    total = float(w.sum())
    if total <= 1:
        return 1.0
    ss = float(w @ within + w @ (y - np.average(y, weights=w)) ** 2)
    splits = np.cumsum(w)[min_size - 1 : len(y) - min_size] / total
    return _tail(peak, total * ss / (total - 1), splits)


def _exceedances(
    z: np.ndarray, observed: float, min_size: int, n_perm: int, rng: np.random.Generator
) -> int:
    """How many of ``n_perm`` shuffles of z reach max |CUSUM| >= observed."""
    n = len(z)
    rows = max(1, PERM_CELLS // n)
    found, left = 0, n_perm
    while left > 0:
        block = rng.permuted(np.tile(z, (min(rows, left), 1)), axis=1)
        sums = np.abs(np.cumsum(block, axis=1)[:, min_size - 1 : n - min_size]).max(axis=1)
        found += int((sums >= observed * (1 - TIE)).sum())
        left -= len(block)
    return found


def _tail(peak: float, variance: float, splits: np.ndarray) -> float:
    """Asymptotic P(max |C_k| >= peak) when Var(C_k) = variance * t_k (1 - t_k), t_k the
    share of the series before split k: the smaller of the Kolmogorov tail of the
    standardised peak and the Bonferroni bound over the splits."""
    kolmogorov = _kolmogorov_sf(peak / math.sqrt(variance))
    sd = np.sqrt(variance * splits * (1 - splits))
    bonferroni = float(np.sum([math.erfc(v) for v in peak / (sd * math.sqrt(2.0))]))
    return min(1.0, kolmogorov, bonferroni)


def _kolmogorov_sf(x: float) -> float:
    if x <= 0.2:
        return 1.0
    j = np.arange(1, 101, dtype=float)
    total = 2.0 * float(np.sum((-1.0) ** (j - 1) * np.exp(-2.0 * j * j * x * x)))
    return min(1.0, max(0.0, total))


# ---- every actor and dyad ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tested:
    kind: str
    actors: tuple[str, ...]
    periods: list[str]
    starts: list[date]
    counts: np.ndarray
    found: ChangePoint


def scan_shifts(
    store: DuckDBStore,
    by: str = "month",
    min_events: int = 20,
    alpha: float = 0.01,
    limit: int = 50,
    since: date | None = None,
    until: date | None = None,
    *,
    min_size: int = 3,
    n_perm: int = 500,
    seed: int = 0,
    merged: bool = True,
) -> list[ShiftFlag]:
    """Actors and dyads whose mean Goldstein changed, most significant first (then the
    largest change), at most ``limit``. See the module docstring for the test and the
    false discovery control."""
    check_period(by)
    if not 0 < alpha < 1:
        raise ValueError("alpha must be between 0 and 1")
    cells = _series_cells(store, by, since, until, merged, min_events, 2 * min_size)
    tested = _test_all(cells, min_size, n_perm, seed, alpha)
    q_values = benjamini_hochberg([t.found.p_value for t in tested])
    kept = [(t, q) for t, q in zip(tested, q_values, strict=True) if q <= alpha]
    kept.sort(key=lambda tq: (tq[0].found.p_value, -_jump(tq[0].found), tq[0].actors))
    kept = kept[:limit]
    ids = _event_ids(store, by, since, until, merged, [t for t, _ in kept])
    return [_flag(t, q, ids.get(i, ())) for i, (t, q) in enumerate(kept)]


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values), in the order given."""
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    if m == 0:
        return []
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    out = np.empty(m)
    out[order] = adjusted
    return out.tolist()


def _jump(found: ChangePoint) -> float:
    return abs(found.mean_after - found.mean_before)


def _series_cells(
    store: DuckDBStore,
    by: str,
    since: date | None,
    until: date | None,
    merged: bool,
    min_events: int,
    min_periods: int,
) -> Arrays:
    """Events, Goldstein sum and sum of squares per (series, period), for the series
    worth testing: one pass over the events, then aggregates of aggregates."""
    events, params = events_sql(store, by, since, until, merged)
    sql = (
        f"WITH ev AS ({events}),"
        " cell AS (SELECT s, t, start, count(*) AS n, sum(g) AS g, sum(g * g) AS g2 FROM ev"
        " GROUP BY ALL),"
        " series AS (SELECT 'dyad' AS kind, least(s, t) AS a, greatest(s, t) AS b, start,"
        " sum(n) AS n, sum(g) AS g, sum(g2) AS g2 FROM cell WHERE s <> t GROUP BY ALL"
        " UNION ALL SELECT 'actor', code, '', start, sum(n), sum(g), sum(g2) FROM"
        " (SELECT s AS code, start, n, g, g2 FROM cell WHERE s IS NOT NULL UNION ALL"
        " SELECT t, start, n, g, g2 FROM cell WHERE t IS NOT NULL AND t IS DISTINCT FROM s)"
        " GROUP BY ALL),"
        " kept AS (SELECT kind, a, b FROM series GROUP BY ALL"
        " HAVING sum(n) >= ? AND count(*) >= ?)"
        f" SELECT kind, a, b, start, {label('start', by)} AS period, n, g, g2"
        " FROM series JOIN kept USING (kind, a, b) ORDER BY kind, a, b, start"
    )
    return fetch(store, sql, [*params, min_events, min_periods])


def _test_all(cells: Arrays, min_size: int, n_perm: int, seed: int, alpha: float) -> list[_Tested]:
    tested = []
    for start, end in runs([cells["kind"], cells["a"], cells["b"]]):
        kind = str(cells["kind"][start])
        actors = tuple(str(c) for c in (cells["a"][start], cells["b"][start]) if c)
        counts = cells["n"][start:end].astype(float)
        found = _test_one(cells, start, end, min_size, n_perm, [seed, _key(kind, actors)], alpha)
        if found is None:
            continue
        starts = cells["start"][start:end].astype("datetime64[D]").tolist()
        periods = [str(p) for p in cells["period"][start:end]]
        tested.append(_Tested(kind, actors, periods, starts, counts, found))
    return tested


def _key(kind: str, actors: tuple[str, ...]) -> int:
    return zlib.crc32("|".join((kind, *actors)).encode())


def _test_one(
    cells: Arrays, start: int, end: int, min_size: int, n_perm: int, seed: list[int], alpha: float
) -> ChangePoint | None:
    """change_point on one series. The p-value is the larger of the period and the
    event tests: when the (cheap, unshuffled) event test alone is above alpha, the
    series cannot be flagged, and its shuffles are skipped. Its p-value then stays a
    lower bound above alpha, which changes no flag and no q-value of a flag (in the
    Benjamini-Hochberg step-up, a p-value above alpha only enters minima that are
    already above alpha)."""
    counts = cells["n"][start:end].astype(float)
    means = cells["g"][start:end].astype(float) / counts
    spread = np.maximum(cells["g2"][start:end].astype(float) / counts - means**2, 0.0)
    quick = change_point(means, counts, min_size, 0, seed, spread=spread)
    if quick is None or (quick.p_events is not None and quick.p_events > alpha):
        return quick
    return change_point(means, counts, min_size, n_perm, seed, spread=spread)


def _event_ids(
    store: DuckDBStore,
    by: str,
    since: date | None,
    until: date | None,
    merged: bool,
    flags: list[_Tested],
) -> dict[int, tuple[str, ...]]:
    """Up to EVENTS_PER_FLAG events per flag, nearest the change first, taken in turn
    from before and after it, returned oldest first; of merged events, the earliest
    report. Only the days around each change are read."""
    if not flags:
        return {}
    columns: dict[str, list[Any]] = {k: [] for k in ("i", "kind", "a", "b", "change", "lo", "hi")}
    for i, t in enumerate(flags):
        row = (i, t.kind, t.actors[0], t.actors[-1], t.starts[t.found.index], *_window(t))
        for name, value in zip(columns, row, strict=True):
            columns[name].append(value)
    codes = sorted({c for t in flags for c in t.actors})
    conditions, values = event_conditions(by, since, until)
    sql = _EVENT_IDS_SQL.format(
        conditions=conditions, unit=by, dedup=_DEDUP if merged and has_merged(store) else _PLAIN
    )
    params = [*values, codes, codes, min(columns["lo"]), max(columns["hi"]), *columns.values()]
    rows = fetch(store, sql, params)
    ids: dict[int, list[str]] = {}
    for i, event_id in zip(rows["i"].tolist(), rows["id"].tolist(), strict=True):
        ids.setdefault(int(i), []).append(str(event_id))
    return {i: tuple(found) for i, found in ids.items()}


def _window(t: _Tested) -> tuple[date, date]:
    """Days [first, end) holding EVENTS_PER_FLAG events of the series (or all it has)
    on each side of the change: the only days the listing needs to read."""
    k, counts, starts = t.found.index, t.counts, t.starts
    lo = k - 1
    while lo > 0 and counts[lo:k].sum() < EVENTS_PER_FLAG:
        lo -= 1
    hi = k
    while hi < len(counts) - 1 and counts[k : hi + 1].sum() < EVENTS_PER_FLAG:
        hi += 1
    end = starts[hi + 1] if hi + 1 < len(starts) else starts[hi] + timedelta(days=366)
    return starts[lo], end


_EVENT_IDS_SQL = (
    "WITH ev AS (SELECT e.id, e.day, e.source_code AS s, e.target_code AS t FROM events e"
    " WHERE {conditions} AND (list_contains(?, e.source_code) OR list_contains(?, e.target_code))"
    " AND e.day >= ? AND e.day < ?),"
    " f AS (SELECT unnest(?) AS i, unnest(?) AS kind, unnest(?) AS a, unnest(?) AS b,"
    " unnest(?::DATE[]) AS change, unnest(?::DATE[]) AS lo, unnest(?::DATE[]) AS hi),"
    " hits AS (SELECT f.i, f.change, ev.id, ev.day FROM ev JOIN f"
    " ON f.kind = 'dyad' AND ev.s <> ev.t AND least(ev.s, ev.t) = f.a"
    " AND greatest(ev.s, ev.t) = f.b AND ev.day >= f.lo AND ev.day < f.hi"
    " UNION ALL SELECT f.i, f.change, ev.id, ev.day FROM ev JOIN f"
    " ON f.kind = 'actor' AND ev.s = f.a AND ev.day >= f.lo AND ev.day < f.hi"
    " UNION ALL SELECT f.i, f.change, ev.id, ev.day FROM ev JOIN f"
    " ON f.kind = 'actor' AND ev.t = f.a AND ev.s IS DISTINCT FROM ev.t"
    " AND ev.day >= f.lo AND ev.day < f.hi),"
    " {dedup},"
    " ranked AS (SELECT i, id, day, row_number() OVER"
    " (PARTITION BY i, date_trunc('{unit}', day) < change"
    " ORDER BY abs(date_diff('day', change, day)), id) AS r FROM one),"
    " picked AS (SELECT i, id, day, row_number() OVER (PARTITION BY i ORDER BY r, day, id)"
    f" AS q FROM ranked) SELECT i, id FROM picked WHERE q <= {EVENTS_PER_FLAG}"
    " ORDER BY i, day, id"
)
_PLAIN = "one AS (SELECT i, change, id, day FROM hits)"
_DEDUP = (
    "one AS (SELECT h.i, any_value(h.change) AS change, arg_min(h.id, h.day) AS id,"
    " min(h.day) AS day FROM hits h LEFT JOIN merged_events me ON me.event_id = h.id"
    " GROUP BY h.i, coalesce(me.merged_id, h.id))"
)


def _flag(t: _Tested, q_value: float, event_ids: tuple[str, ...]) -> ShiftFlag:
    k = t.found.index
    return ShiftFlag(
        kind=t.kind,
        actors=t.actors,
        period=t.periods[k],
        before=t.periods[k - 1],
        p_value=t.found.p_value,
        q_value=q_value,
        mean_before=t.found.mean_before,
        mean_after=t.found.mean_after,
        events_before=int(t.counts[:k].sum()),
        events_after=int(t.counts[k:].sum()),
        periods=len(t.periods),
        event_ids=event_ids,
    )
