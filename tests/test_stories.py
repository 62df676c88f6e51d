"""One story, one event: story grouping, event merging, dyad series, relations."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.analysis.stories import EventRef, merge_events, same_time
from communique.store import EventQuery

SEEDS = Path(__file__).parent.parent / "data" / "seeds"


@pytest.fixture
def seeded(core):
    core.ingest([str(SEEDS)])
    return core


def _ref(
    i: str,
    article: str,
    date: str | None,
    source: str = "publication",
    dyad: tuple[str, str] = ("NATO", "ARM"),
    root: str = "04",
) -> EventRef:
    return EventRef(i, article, dyad[0], dyad[1], root, date, source)


def test_stories_dates_are_compatible_by_prefix_or_window():
    assert same_time(_ref("a", "1", "2024-03"), _ref("b", "2", "2024-03-17"))
    assert same_time(_ref("a", "1", "2024-03-17", "text"), _ref("b", "2", "2024-03-20"))
    assert not same_time(_ref("a", "1", "2024-03-01", "text"), _ref("b", "2", "2024-03-20", "text"))
    assert not same_time(_ref("a", "1", "2023"), _ref("b", "2", "2024-03"))


def test_stories_merge_needs_same_dyad_root_and_time():
    events = [
        _ref("a", "1", "2024-03-17"),
        _ref("b", "2", "2024-03-20"),
        _ref("c", "3", "2024-03-19", root="11"),
        _ref("d", "4", "2024-06-01"),
        _ref("e", "5", "2024-03-18", dyad=("ARM", "NATO")),
    ]
    merged = merge_events(events)
    assert merged["a"] == merged["b"]
    assert len({merged[x] for x in "acde"}) == 4


def test_stories_seed_articles_are_one_story_with_merged_visits(seeded):
    stories = seeded.stories()
    assert len(stories) == 1 and stories[0]["articles"] == 2
    visits = seeded.store.merged_event_list(EventQuery(cameo="042", actor="NATO", limit=50))
    by_target = {v["target"]: v for v in visits}
    assert set(by_target) == {"AZE", "ARM", "GEO"}
    assert all(by_target[t]["sources"] == 2 for t in by_target), visits


def test_stories_series_count_merged_events_unless_raw(seeded):
    merged = seeded.series(EventQuery(dyad=("NATO", "ARM")), "month")
    raw = seeded.series(EventQuery(dyad=("NATO", "ARM")), "month", merged=False)
    assert sum(p["events"] for p in raw) > sum(p["events"] for p in merged)
    march = next(p for p in merged if p["period"] == "2024-03")
    assert march["sources"] == 2 and march["cooperation"] == march["events"]
    group = seeded.series(EventQuery(dyad=("RUS", "NATO+WST")), "year")
    assert group and all(p["conflict"] > 0 for p in group)


def test_stories_sources_compared(seeded):
    story = seeded.stories()[0]["story_id"]
    comparison = seeded.compare_sources(story)
    assert len(comparison["sources"]) == 2
    only = [item for part in comparison["sources"] for item in part["only_here"]]
    assert any(i["kind"] == "quote" and "Zakharova" in i["what"] for i in only)
    assert all("tone" in part for part in comparison["sources"])


def test_stories_relations_of_armenia(seeded):
    relations = {
        (r.b if r.a == "ARM" else r.a, r.type, r.status): r for r in seeded.relations("ARM")
    }
    frozen = relations[("CSTO", "membership", "frozen")]
    assert frozen.since.startswith("2024")
    assert any("freeze" in e["sentence"] for e in frozen.evidence)
    partnership = relations.get(("NATO", "partnership", "active"))
    assert partnership is not None and partnership.since.startswith("1994")
    assert partnership.evidence and all(e["sentence"] for e in partnership.evidence)


def test_stories_dyad_plot_is_drawn(seeded, tmp_path):
    from communique.analysis.plots import plot_dyad

    rows = seeded.series(EventQuery(dyad=("NATO", "ARM")), "month")
    path = plot_dyad(rows, "NATO - ARM", tmp_path / "dyad.png")
    assert path.stat().st_size > 5_000
