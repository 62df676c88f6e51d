"""The event gold (data/gold/events, issue 10): every annotation anchors, and the anchoring
refuses what the guidelines forbid instead of guessing."""

from __future__ import annotations

from pathlib import Path

from communique import eventgold

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"

ARTICLE = {
    "id": "a1",
    "split": "dev",
    "title": "Leaders meet",
    "text": "Armenia and Azerbaijan held talks in Geneva on Monday. Russia criticised the talks.",
}


def _event(**changes):
    item = {
        "evidence": "Armenia and Azerbaijan held talks in Geneva",
        "trigger": "held talks",
        "source": "Armenia",
        "source_code": "ARM",
        "target": "Azerbaijan",
        "target_code": "AZE",
        "cameo": "043",
        "modality": "asserted",
        "date": "2024-03-18",
    }
    item.update(changes)
    return item


def test_eventgold_anchors_offsets_of_evidence_and_participants():
    gold = eventgold.anchor_events(ARTICLE, {"events": [_event()]}, "t", eventgold.cameo_codes())
    assert gold.problems == []
    (event,) = gold.events
    assert ARTICLE["text"][event.start : event.end] == event.evidence
    assert ARTICLE["text"][event.target_start :].startswith("Azerbaijan")
    assert event.root == "04"


def test_eventgold_reports_each_broken_field():
    broken = [
        _event(evidence="Armenia and Azerbaijan held talks in Geneva on Monday. Russia"),
        _event(trigger="met"),
        _event(source_code="ARM AZE"),
        _event(cameo="999"),
        _event(modality="done"),
        _event(date="March 2024"),
        _event(evidence="talks"),
    ]
    gold = eventgold.anchor_events(ARTICLE, {"events": broken}, "t", eventgold.cameo_codes())
    assert gold.events == []
    reasons = " | ".join(gold.problems)
    for needed in (
        "more than one sentence",
        "trigger 'met'",
        "one actor code",
        "'999'",
        "modality 'done'",
        "date 'March 2024'",
        "occurs 2 times",
    ):
        assert needed in reasons


def test_eventgold_places_participants_on_whole_words():
    article = dict(ARTICLE, text="The president said he met Aliyev in Baku on Sunday.")
    item = _event(
        evidence="The president said he met Aliyev",
        trigger="met",
        source="he",
        target="Aliyev",
        source_code="NATO",
    )
    gold = eventgold.anchor_events(article, {"events": [item]}, "t", eventgold.cameo_codes())
    (event,) = gold.events
    assert article["text"][event.source_start : event.source_start + 3] == "he "


def test_eventgold_files_anchor_cleanly():
    golds = eventgold.load_events(GOLD) + eventgold.load_events(
        GOLD, annotations="events_agreement"
    )
    assert [p for g in golds for p in g.problems] == []
    main = eventgold.load_events(GOLD)
    assert len(main) >= 40
    assert sum(len(g.events) for g in main) >= 1000
    assert {"dev", "test"} <= {g.split for g in main} <= {"train", "dev", "test"}
    assert len([g for g in main if g.split == "test"]) >= 60
