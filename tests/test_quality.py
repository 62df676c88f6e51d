"""Quality gates: resolution accuracy on the seed gold file and on the project's own
gold sentences must not drop below the floors stored in tests/data/quality_floors.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from communique.actors.kb import load_kb
from communique.config import Settings
from communique.evaluate import evaluate, load_gold, match_predictions
from communique.ingest import iter_articles
from communique.ingest.clean import build_article
from communique.models import Article
from communique.nlp.pipeline import process

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "data" / "quality_floors.json").read_text())
GOLD = HERE.parent / "data" / "acceptance" / "seeds.gold.json"


@pytest.fixture(scope="module")
def seed_result(shared_nlp, tmp_path_factory):
    settings = Settings(store=tmp_path_factory.mktemp("q") / "s.duckdb")
    gold = load_gold(GOLD)
    articles = [
        a for a in iter_articles([g["_path"] for g in gold], settings) if isinstance(a, Article)
    ]
    predictions = [p.to_dict() for p in process(shared_nlp, articles)]
    return evaluate(gold, match_predictions(gold, predictions), load_kb(()))


def test_quality_seed_mentions_resolve(seed_result):
    mentions = seed_result.mentions
    assert mentions.recall >= FLOORS["seeds"]["mentions_recall"], mentions.misses


def test_quality_seed_events_precision_and_recall(seed_result):
    events = seed_result.events
    assert events.precision >= FLOORS["seeds"]["events_precision"], events.false_positives
    assert events.recall >= FLOORS["seeds"]["events_recall"], events.misses


def test_quality_seed_key_events_found(seed_result):
    """The overall floors would let the reference case lose its key event (Armenia
    freezing its CSTO membership) unnoticed; each key event is checked on its own."""
    missed = {m.split(": ")[1].split()[0] for m in seed_result.events.misses}
    assert set(FLOORS["seeds"]["key_events"]).isdisjoint(missed), missed


def test_quality_seed_quotes_found_and_scare_quotes_left_out(seed_result):
    quotes = seed_result.quotes
    assert quotes.recall >= FLOORS["seeds"]["quotes_recall"], quotes.misses
    assert not quotes.false_positives, quotes.false_positives


def test_quality_own_gold_events(shared_nlp):
    gold = load_gold(HERE / "data" / "gold" / "events.gold.jsonl")
    articles = [
        build_article(g["text"], published=date.fromisoformat(g["published"]), path=g["file"])
        for g in gold
    ]
    predictions = [p.to_dict() for p in process(shared_nlp, articles)]
    events = evaluate(gold, match_predictions(gold, predictions)).events
    assert events.precision >= FLOORS["own_gold"]["events_precision"], events.false_positives
    assert events.recall >= FLOORS["own_gold"]["events_recall"], events.misses


def test_quality_own_gold_mentions_resolve(shared_nlp):
    cases = [json.loads(line) for line in (HERE / "data" / "gold" / "mentions.gold.jsonl").open()]
    articles = [
        build_article(c["text"], published=date.fromisoformat(c["published"])) for c in cases
    ]
    total = hits = 0
    misses = []
    for case, processed in zip(cases, process(shared_nlp, articles), strict=True):
        for want in case["mentions"]:
            total += 1
            got = [m for m in processed.mentions if m.text == want["text"] and m.actor]
            ok = any(
                m.actor.code == want["code"] and m.actor.id == want.get("actor", m.actor.id)
                for m in got
            )
            hits += ok
            if not ok:
                misses.append((want, [(m.actor.id, m.actor.code) for m in got]))
    assert hits / total >= FLOORS["own_gold"]["mentions_accuracy"], misses
