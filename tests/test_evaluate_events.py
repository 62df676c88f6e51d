"""Scoring coded events against the event gold (issue 10): tuples per article, planned
acts as intents, acts that did not happen as false positives, a quality gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique import eventgold, goldset
from communique.evaluate_actors import gold_article
from communique.evaluate_events import gold_articles, gold_keys, score_all
from communique.events.lexicon import Lexicon
from communique.nlp.pipeline import process

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"
ARTICLE = {
    "id": "e1",
    "split": "dev",
    "title": "",
    "published": "2024-03-20",
    "text": "Russia strongly criticised NATO on Monday. Armenia will visit Iran next week.",
}


def _gold(*events):
    base = {"trigger": "criticised", "source": "Russia", "target": "NATO"}
    items = [
        dict(base, evidence="Russia strongly criticised NATO", source_code="RUS",
             target_code="NATO", cameo="111", date="2024-03-18") | e
        for e in events
    ]  # fmt: skip
    return eventgold.anchor_events(ARTICLE, {"events": items}, "t", eventgold.cameo_codes())


@pytest.fixture(scope="module")
def predicted(shared_nlp):
    gold = goldset.anchor(ARTICLE, {}, "t")
    return {"e1": next(process(shared_nlp, [gold_article(gold)]))}


def test_evaluate_events_matches_tuples_with_dates_as_prefixes(predicted):
    score = score_all(
        [_gold({"modality": "asserted", "date": "2024-03"})], predicted, Lexicon.load()
    )
    assert score.matched_gold == 1 and score.gold == 1
    assert score.roots["11"].matched == 1


def test_evaluate_events_counts_acts_that_did_not_happen_as_false_positives(predicted):
    score = score_all([_gold({"modality": "hypothetical"})], predicted, Lexicon.load())
    assert score.gold == 0
    assert any("'RUS', 'NATO', '11'" in line for line in score.false_positives)


def test_evaluate_events_scores_planned_acts_as_intents():
    gold = eventgold.anchor_events(
        ARTICLE,
        {"events": [{"evidence": "Armenia will visit Iran", "trigger": "visit",
                     "source": "Armenia", "source_code": "ARM", "target": "Iran",
                     "target_code": "IRN", "cameo": "042", "modality": "planned",
                     "date": None}]},
        "t", eventgold.cameo_codes(),
    )  # fmt: skip
    scored, _ = gold_keys(gold.events, Lexicon.load())
    assert scored == {("ARM", "IRN", "03", None)}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_evaluate_events_quality_gate_holds(shared_nlp, split):
    """The rule coder's floors on our own annotated news, until the trained scorer."""
    floors = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))["events"][split]
    golds = eventgold.load_events(GOLD, split)
    done = {p.article.id: p for p in process(shared_nlp, gold_articles(GOLD, golds))}
    score = score_all(golds, done, Lexicon.load())
    assert score.precision >= floors["precision"]
    assert score.recall >= floors["recall"]
