"""The event coder on sentences written for the purpose: voice, conjunction, reported
speech, negation, modality, dates, places, nominal events, one record per event."""

from __future__ import annotations

import json
from datetime import date

import pytest

from communique.events.dates import parse_expression, reference
from communique.events.lexicon import load_lexicon
from communique.ingest.clean import build_article
from communique.models import EventDate
from communique.nlp.pipeline import process


@pytest.fixture
def code(shared_nlp):
    """Events of one text: list of (source code, target code, CAMEO code, date)."""

    def _code(text: str, day: str = "2024-05-15", full: bool = False):
        article = build_article(text, published=date.fromisoformat(day))
        events = next(process(shared_nlp, [article])).events
        if full:
            return events
        return sorted((e.source.code, e.target.code, e.cameo, e.date.value) for e in events)

    return _code


def roots(events) -> set[tuple[str, str, str]]:
    return {(s, t, c[:2]) for s, t, c, _ in events}


def test_events_active_voice_with_direct_object(code):
    assert ("ARM", "RUS", "11") in roots(
        code("Armenia's prime minister criticized Russia on Monday.")
    )


def test_events_passive_voice_swaps_roles(code):
    found = roots(code("Ukrainian positions near Kupiansk were shelled by Russian forces."))
    assert ("RUS", "UKR", "19") in found


def test_events_conjoined_targets_give_one_event_each(code):
    found = code("Turkey's foreign minister visited Azerbaijan, Armenia and Georgia last week.")
    assert {(s, t) for s, t, c, _ in found if c.startswith("04")} >= {
        ("TUR", "AZE"),
        ("TUR", "ARM"),
        ("TUR", "GEO"),
    }


def test_events_reported_speech_codes_the_reported_act(code):
    found = roots(code("Kyiv said Russian troops attacked Ukrainian border posts overnight."))
    assert ("RUS", "UKR", "19") in found


def test_events_negated_acts_are_not_coded(code):
    assert not [e for e in code("Russia did not attack Ukraine on Tuesday.") if e[2][:2] == "19"]
    assert not [
        e
        for e in code("Iran refused to release the detained French citizens.")
        if e[2].startswith("08")
    ]


def test_events_modality_is_recorded(code):
    (event, *_) = code("Chinese President Xi Jinping will visit Serbia next month.", full=True)
    assert event.modality == "intended"
    assert (event.source.code, event.target.code) == ("CHN", "SRB")


def test_events_dates_from_the_sentence(code):
    events = code(
        "The Georgian prime minister met the French president in Paris on Wednesday.",
        day="2024-05-17",
        full=True,
    )
    assert events and events[0].date == EventDate("2024-05-15", "day", "text")
    assert events[0].location is not None and events[0].location.country == "FRA"


def test_events_date_expressions():
    ref = EventDate("2024-03-20", "day", "publication")
    assert parse_expression("March 17-19", ref).value == "2024-03-17"
    assert parse_expression("in June 2022", ref) == EventDate("2022-06", "month", "text")
    assert parse_expression("in 2008", ref) == EventDate("2008", "year", "text")
    assert parse_expression("earlier this year", ref) == EventDate("2024", "year", "text")
    assert parse_expression("last year", ref).value == "2023"
    assert parse_expression("on Monday", ref).value == "2024-03-18"
    assert parse_expression("yesterday", ref).value == "2024-03-19"
    assert parse_expression("December", ref).value == "2023-12"
    assert parse_expression("three days", ref) is None
    assert parse_expression("the 1990s", ref) is None
    assert reference(None, date(2024, 3, 1), "month") == EventDate("2024-03", "month", "context")


def test_events_nominal_triggers(code):
    found = roots(code("The visit of the Indian prime minister to Moscow angered Washington."))
    assert ("IND", "RUS", "04") in found


def test_events_same_event_twice_is_one_record(code):
    events = code(
        "Japan criticized China on Monday. Japan criticized China again in a statement on Monday.",
        full=True,
    )
    criticism = [e for e in events if e.root == "11"]
    assert len(criticism) == 1 and len(criticism[0].mentions) == 2


def test_events_codes_carry_goldstein_quad_and_plover(code):
    (event,) = [
        e
        for e in code("Russian forces attacked Ukraine on Friday.", full=True)
        if e.root in {"18", "19"}
    ]
    assert event.goldstein is not None and event.goldstein < 0
    assert event.quad_class == 4
    assert event.plover_type == "ASSAULT"


def test_events_codebook_is_complete():
    lex = load_lexicon(())
    assert len(lex.codes) >= 300
    assert {c.root for c in lex.codes.values()} == {f"{i:02d}" for i in range(1, 21)}
    assert lex.codes["042"].quad_class == 1
    assert lex.codes["0214"].root == "02"


def test_events_stored_and_listed_and_explained(core, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "Talks in Ankara\n\nMay 14, 2024\n\nTurkey's foreign minister visited "
        "Azerbaijan on Monday. Azerbaijan's president thanked Turkey.\n"
    )
    core.ingest([str(story)])
    from communique.store import EventQuery

    rows = core.events(EventQuery(dyad=("AZE", "TUR")))
    assert rows and all({r["source"], r["target"]} == {"AZE", "TUR"} for r in rows)
    detail = core.event(rows[0]["id"])
    assert detail["mentions"][0]["sentence"]
    assert json.dumps(detail, default=str)
