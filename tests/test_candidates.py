"""Event candidates (issue 10): every ordered pair of actors in a sentence, set members,
the rule coder's proposals and a quote's speaker toward the actors in the quote."""

from __future__ import annotations

from datetime import date

import pytest

from communique.events.candidates import CANDIDATE_COLUMNS, candidate_rows
from communique.ingest.clean import build_article
from communique.nlp.pipeline import process


@pytest.fixture
def candidates(shared_nlp):
    def _candidates(text: str, title: str | None = None):
        article = build_article(text, title=title, published=date(2024, 3, 20))
        return list(candidate_rows(next(process(shared_nlp, [article]))))

    return _candidates


def _pairs(rows, **where):
    return {
        (r["source_code"], r["target_code"])
        for r in rows
        if all(r[k] == v or (k == "origins" and v in r[k].split("|")) for k, v in where.items())
    }


def test_candidates_pairs_both_ways_and_places_only_as_targets(candidates):
    rows = candidates("Armenia and Azerbaijan held talks in Geneva on Monday.")
    pairs = _pairs(rows)
    assert {("ARM", "AZE"), ("AZE", "ARM")} <= pairs
    assert not any(source == "CHE" for source, _ in pairs)
    assert all(list(r) == list(CANDIDATE_COLUMNS) for r in rows)


def test_candidates_expand_set_members(candidates):
    rows = candidates(
        "Armenia and Azerbaijan held talks in Washington on Monday. "
        "The two countries accused Russia of delaying the peace process."
    )
    members = _pairs(rows, sentence=1)
    assert {("ARM", "RUS"), ("AZE", "RUS")} <= members


def test_candidates_mark_the_rule_coders_proposal(candidates):
    rows = candidates("Russia strongly criticised NATO on Monday for its exercises.")
    (rule,) = [r for r in rows if r["rule_cameo"] and r["source_code"] == "RUS"]
    assert rule["target_code"] == "NATO"
    assert rule["rule_cameo"].startswith("11")
    assert "rule" in rule["origins"].split("|")


def test_candidates_give_the_speaker_toward_actors_in_the_quote(candidates):
    rows = candidates(
        'Russian Foreign Minister Sergei Lavrov said on Monday: "We are ready to talk. '
        'But NATO must stop its expansion to the east."'
    )
    assert ("RUS", "NATO") in _pairs(rows, origins="speaker")


def test_candidates_in_the_title_keep_title_offsets(candidates):
    title = "Armenia rebukes Russia"
    rows = candidates("Armenia rebuked Russia on Monday.", title=title)
    titled = [r for r in rows if r["in_title"]]
    assert titled
    for r in titled:
        assert title[r["source_start"] : r["source_end"]] == r["source_text"]
