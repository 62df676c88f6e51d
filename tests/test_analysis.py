"""Alignment and shifts: change points on generated series, and both analyses over a real
DuckDB store holding synthetic events (Armenia drifting from RUS/CSTO to NATO/EU/USA
over 2023)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from communique.analysis import alignment, change_point, scan_shifts
from communique.analysis.shifts import benjamini_hochberg

WEST = ["NATO", "EU", "USA"]
EAST = ["RUS", "CSTO"]
EVENTS_PER_SIDE = 8  # per month, between ARM and each group


# ---- change_point ------------------------------------------------------------------------


def test_analysis_change_point_finds_known_index():
    rng = np.random.default_rng(3)
    values = np.r_[rng.normal(1.0, 1.0, 35), rng.normal(-2.0, 1.0, 25)]
    found = change_point(values)
    assert found is not None
    assert found.index == 35
    assert found.p_value < 0.01
    assert found.mean_before == pytest.approx(1.0, abs=0.4)
    assert found.mean_after == pytest.approx(-2.0, abs=0.4)


def test_analysis_change_point_weights_count_events():
    """Periods with few events (small weight) that stray do not move the change."""
    rng = np.random.default_rng(5)
    values = np.r_[rng.normal(3.0, 0.3, 20), rng.normal(0.0, 0.3, 30)]
    weights = np.full(50, 40.0)
    values[[5, 8, 30, 44]] = [-6.0, -5.0, 7.0, 8.0]  # outliers, one event each
    weights[[5, 8, 30, 44]] = 1.0
    found = change_point(values, weights)
    assert found is not None
    assert found.index == 20
    assert found.mean_before > 2.5 > 0.5 > found.mean_after


def test_analysis_change_point_without_change_is_not_flagged():
    for seed in range(10):
        values = np.random.default_rng(100 + seed).normal(0.0, 1.0, 60)
        found = change_point(values, seed=seed)
        assert found is not None
        assert found.p_value > 0.01


def test_analysis_change_point_below_permutation_resolution():
    """A change no shuffle comes near gets a p-value below 1 / (1 + n_perm), from the
    asymptotic tail, so that it can pass a correction over many series."""
    rng = np.random.default_rng(7)
    values = np.r_[rng.normal(0.0, 1.0, 40), rng.normal(4.0, 1.0, 40)]
    found = change_point(values, n_perm=200)
    assert found is not None
    assert found.p_permutation == pytest.approx(1 / 201)
    assert 0 < found.p_value < 1e-6
    assert change_point(values, n_perm=200) == found  # same seed, same answer


def test_analysis_change_point_spread_of_events():
    """Twelve smooth monthly means in perfect low-then-high order: the order alone is
    rare (p about 2/924), but with 6 events a month spread over +-1.5 Goldstein the
    difference is no more than event noise; with tight events it is a change."""
    values = [1.6, 1.7, 1.5, 1.65, 1.55, 1.6, 2.3, 2.4, 2.35, 2.25, 2.3, 2.4]
    weights = [6.0] * 12
    alone = change_point(values, weights)
    noisy = change_point(values, weights, spread=[2.25] * 12)
    tight = change_point(values, weights, spread=[0.01] * 12)
    assert alone is not None and noisy is not None and tight is not None
    assert alone.index == noisy.index == 6
    assert alone.p_value < 0.01 < noisy.p_value
    assert noisy.p_events is not None and noisy.p_value == noisy.p_events > 0.05
    assert tight.p_value == tight.p_permutation < 0.01


def test_analysis_change_point_short_or_constant_series():
    assert change_point([1.0, 2.0, 3.0, 4.0, 5.0], min_size=3) is None
    assert change_point([2.0] * 12) is None
    with pytest.raises(ValueError):
        change_point([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], weights=[1.0, 1.0, 0.0, 1.0, 1.0, 1.0])


def test_analysis_benjamini_hochberg_adjusts_in_order():
    q = benjamini_hochberg([0.04, 0.001, 0.03, 0.5])
    assert q == pytest.approx(
        [0.04 * 4 / 3, 0.004, 0.04 * 4 / 3, 0.5]
    )  # step-up: min over ranks above
    assert benjamini_hochberg([]) == []


# ---- a store with a drifting actor ---------------------------------------------------------


COLUMNS = (
    "id, article_id, source_code, target_code, cameo, root, goldstein, quad_class, date,"
    " date_precision, day"
)


def _event(i: int, source: str, target: str, day: date, goldstein: float, precision="day"):
    value = float(np.clip(round(goldstein, 1), -10.0, 10.0))
    quad = 1 if value >= 0 else 4
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}
    return (f"ev{i:05d}", "art1", source, target, "042" if quad == 1 else "190",
            "04" if quad == 1 else "19", value, quad, text[precision], precision, day)  # fmt: skip


def _drift_events() -> list[tuple]:
    """Per month of 2023, 8 events between ARM and NATO/EU/USA going from hostile to
    friendly, 8 with RUS/CSTO the other way, and 6 steady ones with GEO."""
    rng = np.random.default_rng(11)
    rows: list[tuple] = []
    for month in range(12):
        drift = month / 11
        for j in range(EVENTS_PER_SIDE):
            day = date(2023, month + 1, 1 + (j * 7 + month) % 28)
            west, east = WEST[j % 3], EAST[j % 2]
            pair_w = ("ARM", west) if j % 2 else (west, "ARM")
            pair_e = ("ARM", east) if j % 3 else (east, "ARM")
            rows.append(_event(len(rows), *pair_w, day, -4 + 9 * drift + rng.normal(0, 1.5)))
            rows.append(_event(len(rows), *pair_e, day, 5 - 9 * drift + rng.normal(0, 1.5)))
        for j in range(6):
            day = date(2023, month + 1, 3 + 4 * j)
            rows.append(_event(len(rows), "ARM", "GEO", day, 2 + rng.normal(0, 1.5)))
    return rows


@pytest.fixture
def drift_store(core):
    store = core.store
    store.con.execute(
        "INSERT INTO articles (id, title, published, text) VALUES"
        " ('art1', 'synthetic', DATE '2023-06-01', 'synthetic events')"
    )
    rows = _drift_events()
    marks = ", ".join(["(" + ", ".join("?" * 11) + ")"] * len(rows))
    store.con.execute(
        f"INSERT INTO events ({COLUMNS}) VALUES {marks}", [v for r in rows for v in r]
    )
    return store


def test_analysis_alignment_moves_towards_the_group_drifted_to(drift_store):
    points = alignment(drift_store, "arm", WEST, EAST)
    assert [p.period for p in points] == [f"2023-{m:02d}" for m in range(1, 13)]
    scores = np.array([p.score for p in points])
    assert scores[0] < -0.2 and scores[-1] > 0.2
    assert np.corrcoef(np.arange(12), scores)[0, 1] > 0.95
    assert all(-1 <= p.low <= p.score <= p.high <= 1 and p.low < p.high for p in points)
    assert all(p.events_a == p.events_b == EVENTS_PER_SIDE for p in points)
    first = points[0]
    shrunk = EVENTS_PER_SIDE / (EVENTS_PER_SIDE + 2)  # two neutral pseudo-events a side
    assert first.score == pytest.approx((first.mean_a - first.mean_b) * shrunk / 20)


def test_analysis_alignment_is_antisymmetric_and_filters(drift_store):
    ab = alignment(drift_store, "ARM", WEST, EAST, seed=4)
    ba = alignment(drift_store, "ARM", EAST, WEST, seed=4)
    assert [p.score for p in ba] == pytest.approx([-p.score for p in ab])
    spring = alignment(
        drift_store, "ARM", WEST, EAST, since=date(2023, 4, 1), until=date(2023, 6, 30)
    )
    assert [p.period for p in spring] == ["2023-04", "2023-05", "2023-06"]
    assert alignment(drift_store, "ARM", ["CHN"], ["IND"]) == []  # no events: no periods
    with pytest.raises(ValueError):
        alignment(drift_store, "ARM", ["NATO", "RUS"], EAST)


def test_analysis_alignment_precision_and_merged_events(drift_store):
    con = drift_store.con
    con.execute(f"INSERT INTO events ({COLUMNS}) VALUES ({', '.join('?' * 11)})",
                _event(99_999, "NATO", "ARM", date(2023, 1, 1), 10.0, "year"))  # fmt: skip
    monthly = alignment(drift_store, "ARM", WEST, EAST)
    yearly = alignment(drift_store, "ARM", WEST, EAST, by="year")
    assert monthly[0].events_a == EVENTS_PER_SIDE  # a year-dated event is no January event
    assert yearly[0].events_a == 12 * EVENTS_PER_SIDE + 1
    # two reports of one real-world event (same dyad: the merge rule) count once
    january = [r[0] for r in con.execute(
        "SELECT id FROM events WHERE day < DATE '2023-02-01' AND date_precision = 'day'"
        " AND source_code = 'NATO' AND target_code = 'ARM' ORDER BY id"
    ).fetchall()]  # fmt: skip
    assert len(january) == 2
    con.execute("INSERT INTO merged_events VALUES (?, 'm1'), (?, 'm1')", january[:2])
    assert alignment(drift_store, "ARM", WEST, EAST)[0].events_a == EVENTS_PER_SIDE - 1
    assert alignment(drift_store, "ARM", WEST, EAST, merged=False)[0].events_a == EVENTS_PER_SIDE


def test_analysis_scan_shifts_flags_the_drifting_dyad(drift_store):
    """Weekly periods: twelve monthly ones cannot carry a period-level permutation test
    through a correction over thirteen series (the best a 6/6 split can do is 2/924)."""
    flags = scan_shifts(drift_store, by="week", min_events=20, alpha=0.01)
    dyads = {f.actors: f for f in flags if f.kind == "dyad"}
    assert ("ARM", "RUS") in dyads and ("ARM", "USA") in dyads
    assert ("ARM", "GEO") not in dyads and ("GEO",) not in {f.actors for f in flags}
    shift = dyads[("ARM", "RUS")]
    assert shift.mean_before > shift.mean_after + 3
    assert shift.q_value <= 0.01 and shift.p_value <= shift.q_value
    assert "2023-W15" < shift.period < "2023-W40"
    assert shift.before < shift.period
    assert shift.events_before + shift.events_after == 12 * EVENTS_PER_SIDE // 2
    assert 10 <= len(shift.event_ids) <= 20
    listed = drift_store.con.execute(
        "SELECT source_code, target_code, day FROM events WHERE id IN (SELECT unnest(?))",
        [list(shift.event_ids)],
    ).fetchall()
    assert len(listed) == len(shift.event_ids)
    assert all({s, t} == {"ARM", "RUS"} for s, t, _ in listed)
    change = date.fromisocalendar(int(shift.period[:4]), int(shift.period[-2:]), 1)
    assert all(abs(day - change) < timedelta(weeks=12) for _, _, day in listed)
    assert min(day for *_, day in listed) < change <= max(day for *_, day in listed)
    assert flags == sorted(flags, key=lambda f: f.p_value)
    assert len(scan_shifts(drift_store, by="week", limit=2)) == 2
