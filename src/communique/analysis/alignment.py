"""Where an actor stands between two groups of actors, period by period.

For an actor X (a code such as ARM) and two disjoint groups of codes A (say NATO, EU,
USA) and B (say RUS, CSTO), take in each period every event between X and a member of a
group, in either direction (X -> member and member -> X; events of X with itself, and
events between the groups without X, are not used). With n_G such events with group G
and Goldstein values g_1 .. g_nG (each in [-10, 10]):

    m_G   = (g_1 + ... + g_nG) / (n_G + k)         shrunken mean Goldstein with G
    score = (m_A - m_B) / 20                       in [-1, 1]

``score`` is +1 when X only cooperates as much as possible with A and is only in conflict
with B, -1 the other way round, 0 when it treats both alike (or is not seen with either).
``k`` (``prior``, 2 by default) is a prior worth k events at Goldstein 0: m_G is the
posterior mean of X's mean Goldstein with G under a neutral prior, so a group X has no
event with in the period counts as neutral rather than undefined, and one or two events
cannot make a side reach +-10. Dividing by 20 (the width of the Goldstein scale) keeps
the score on the scale's own units: a score of 0.1 is two Goldstein points.

The band is a percentile bootstrap (5th and 95th percentiles) over events: in each of
``n_boot`` replicates, each group's events are resampled with replacement (n_A from those
with A, n_B from those with B) and the score recomputed. Resampling n events among a
handful of distinct Goldstein values is a multinomial draw over those values, so DuckDB
returns counts per (period, group, Goldstein value) and numpy draws the replicates; the
band costs the same for 10 events as for 10 million. Each period has its own random
stream (from ``seed`` and the period label), so a period's band does not depend on the
date range asked for.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from communique.analysis.periods import Arrays, events_sql, fetch, label, runs

if TYPE_CHECKING:
    from communique.store.duckdb_store import DuckDBStore

GOLDSTEIN_WIDTH = 20.0  # Goldstein values lie in [-10, 10]
PRIOR_EVENTS = 2.0
BAND = (5.0, 95.0)


@dataclass(frozen=True, slots=True)
class AlignmentPoint:
    """One period: the score, its bootstrap band, the events behind it (merged events
    count once) and the raw mean Goldstein with each group (None without events)."""

    period: str
    score: float
    low: float
    high: float
    events_a: int
    events_b: int
    mean_a: float | None
    mean_b: float | None


@dataclass(frozen=True, slots=True)
class Side:
    """The events of one period with one group: distinct Goldstein values and counts."""

    values: np.ndarray
    counts: np.ndarray

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    def raw_mean(self) -> float | None:
        return float(self.values @ self.counts / self.n) if self.n else None

    def mean(self, prior: float) -> float:
        return float(self.values @ self.counts / (self.n + prior)) if self.n else 0.0

    def boot_means(self, rng: np.random.Generator, n_boot: int, prior: float) -> np.ndarray:
        if not self.n:
            return np.zeros(n_boot)
        draws = rng.multinomial(self.n, self.counts / self.n, size=n_boot)
        return draws @ self.values / (self.n + prior)


def alignment(
    store: DuckDBStore,
    actor: str,
    group_a: list[str],
    group_b: list[str],
    by: str = "month",
    n_boot: int = 200,
    seed: int = 0,
    since: date | None = None,
    until: date | None = None,
    *,
    prior: float = PRIOR_EVENTS,
    merged: bool = True,
) -> list[AlignmentPoint]:
    """Per period (oldest first), where ``actor`` stands between ``group_a`` (score
    towards +1) and ``group_b`` (towards -1); periods without any event between the
    actor and either group are left out. See the module docstring for the formula."""
    code, codes_a, codes_b = _codes(actor, group_a, group_b)
    if n_boot < 1:
        raise ValueError("n_boot must be at least 1")
    if prior < 0:
        raise ValueError("prior must not be negative")
    cells = _cells(store, code, codes_a, codes_b, by, since, until, merged)
    points = []
    for start, end in runs([cells["period"]]):
        period = str(cells["period"][start])
        a, b = _sides(cells, start, end)
        points.append(_point(period, a, b, n_boot, _rng(seed, period), prior))
    return points


def _codes(actor: str, group_a: list[str], group_b: list[str]) -> tuple[str, list[str], list[str]]:
    code = actor.strip().upper()
    codes_a = sorted({c.strip().upper() for c in group_a if c.strip()})
    codes_b = sorted({c.strip().upper() for c in group_b if c.strip()})
    if not code or not codes_a or not codes_b:
        raise ValueError("an actor and two non-empty groups are needed")
    if set(codes_a) & set(codes_b):
        raise ValueError(f"in both groups: {', '.join(sorted(set(codes_a) & set(codes_b)))}")
    if code in codes_a or code in codes_b:
        raise ValueError(f"{code} is one of the groups")
    return code, codes_a, codes_b


def _cells(
    store: DuckDBStore,
    code: str,
    codes_a: list[str],
    codes_b: list[str],
    by: str,
    since: date | None,
    until: date | None,
    merged: bool,
) -> Arrays:
    """Counts per (period, group, Goldstein value), in that order: a few hundred rows
    whatever the number of events."""
    events, params = events_sql(
        store, by, since, until, merged, "e.source_code = ? OR e.target_code = ?", [code, code]
    )
    sql = (
        f"SELECT {label('start', by)} AS period, list_contains(?, partner) AS in_a, g,"
        " count(*) AS n FROM (SELECT start, g, CASE WHEN s = ? THEN t ELSE s END AS partner"
        f" FROM ({events}) ev WHERE s IS DISTINCT FROM t)"
        " WHERE list_contains(?, partner) OR list_contains(?, partner)"
        " GROUP BY ALL ORDER BY period, in_a, g"
    )
    return fetch(store, sql, [codes_a, code, *params, codes_a, codes_b])


def _sides(cells: Arrays, start: int, end: int) -> tuple[Side, Side]:
    in_a = cells["in_a"][start:end].astype(bool)
    values = cells["g"][start:end].astype(float)
    counts = cells["n"][start:end].astype(np.int64)
    return Side(values[in_a], counts[in_a]), Side(values[~in_a], counts[~in_a])


def _rng(seed: int, period: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(period.encode())])


def _point(
    period: str, a: Side, b: Side, n_boot: int, rng: np.random.Generator, prior: float
) -> AlignmentPoint:
    score = (a.mean(prior) - b.mean(prior)) / GOLDSTEIN_WIDTH
    boots = (a.boot_means(rng, n_boot, prior) - b.boot_means(rng, n_boot, prior)) / GOLDSTEIN_WIDTH
    low, high = np.percentile(boots, BAND)
    return AlignmentPoint(
        period=period,
        score=score,
        low=float(low),
        high=float(high),
        events_a=a.n,
        events_b=b.n,
        mean_a=a.raw_mean(),
        mean_b=b.raw_mean(),
    )
