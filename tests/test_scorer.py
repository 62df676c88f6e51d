"""The trained event scorer (issue 10): built from the event gold in the repository,
rebuilt identically by ``make train``, and, when chosen as the decider, keeping each
event's probability and provenance."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from communique.config import Settings
from communique.events import train_scorer
from communique.events.scorer import MODEL_FILE, ScorerModel
from communique.ingest.clean import build_article
from communique.nlp.pipeline import build_pipeline, process
from communique.resources import package_data

GOLD = Path(__file__).parent.parent / "data" / "gold"


def _shipped() -> dict:
    return json.loads(package_data("communique.events", MODEL_FILE).read_text(encoding="utf-8"))


def test_scorer_model_matches_the_annotations():
    shipped = _shipped()
    assert shipped["trained_on"]["split"] == "train"
    assert shipped["trained_on"]["events_sha256"] == train_scorer.events_digest(GOLD)


def test_scorer_rebuilds_identically():
    shipped, rebuilt = _shipped(), train_scorer.train(GOLD)
    assert rebuilt["thresholds"] == shipped["thresholds"], "run `make train` and commit"
    assert rebuilt["weights"] == shipped["weights"]
    cv = rebuilt["cross_validation"]
    assert cv["scorer"]["precision"] >= cv["rules"]["precision"]  # the selection's rule


def test_scorer_probabilities_are_per_root():
    model = ScorerModel.load()
    assert model is not None
    probs = model.probabilities({"bias": 1.0, "rule_root=11": 1.0})
    assert set(probs) == set(model.roots) and all(0.0 <= p <= 1.0 for p in probs.values())


def test_scorer_decider_is_a_declared_setting():
    with pytest.raises(ValueError, match="event_decider"):
        build_pipeline(Settings.from_env(user_actors=Path("/nonexistent"), event_decider="x"))


@pytest.fixture(scope="module")
def scorer_nlp():
    return build_pipeline(
        Settings.from_env(user_actors=Path("/nonexistent"), event_decider="scorer")
    )


def test_scorer_events_keep_their_probability_and_provenance(scorer_nlp):
    text = (
        "Russia strongly criticised NATO on Monday for its exercises near the border. "
        "Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev "
        "in Brussels on Tuesday and the two leaders agreed to continue talks."
    )
    article = build_article(text, published=date(2024, 3, 20))
    events = next(process(scorer_nlp, [article])).events
    assert events
    for event in events:
        assert 0.0 < event.confidence <= 1.0
        assert event.pattern  # the rule's pattern, or "scorer" for the model's own
        mention = event.mentions[0]
        assert mention.source_span is not None and mention.target_span is not None
