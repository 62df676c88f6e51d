"""The actor and quote gold set (data/gold): every annotation anchors, and the system
stays above the pinned floors on both splits (a trafilatura-style quality gate)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique import goldset
from communique.evaluate_actors import gold_article, score_all
from communique.nlp.pipeline import process

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"


def test_goldset_annotations_anchor_cleanly():
    golds = goldset.load(GOLD) + goldset.load(GOLD, annotations="agreement")
    assert [p for g in golds for p in g.problems] == []
    main = goldset.load(GOLD)
    assert len(main) >= 40
    assert sum(len(g.mentions) for g in main) >= 600
    assert sum(len(g.quotes) for g in main) >= 150
    assert {g.split for g in main} == {"dev", "test"}


@pytest.fixture(scope="module")
def scores(shared_nlp):
    result = {}
    for split in ("dev", "test"):
        golds = goldset.load(GOLD, split)
        done = {p.article.id: p for p in process(shared_nlp, [gold_article(g) for g in golds])}
        result[split] = score_all(golds, done)
    return result


@pytest.mark.parametrize("split", ["dev", "test"])
def test_goldset_quality_gate_holds(scores, split):
    floors = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))[split]
    score = scores[split]
    below = {
        name: round(getattr(score, name).accuracy, 4)
        for name, floor in floors.items()
        if getattr(score, name).accuracy < floor
    }
    assert below == {}, f"{split}: below the floors {floors}: {below}"
