"""The trained pronoun ranker: built from the gold set in the repository, deterministic,
and deciding only when sure enough, with its probability kept."""

from __future__ import annotations

from datetime import date

from communique.actors.ranker import Ranker, shipped_ranker
from communique.ingest.clean import build_article
from communique.nlp.pipeline import process


def test_coref_ranker_decides_only_above_its_threshold():
    ranker = Ranker({"near": 2.0, "far": -2.0}, 0.0, 0.8)
    assert ranker.choose([{"far": 1.0}, {"near": 1.0}]) == (1, ranker.probability({"near": 1}))
    assert ranker.choose([{"far": 1.0}]) is None
    assert ranker.choose([]) is None


def test_coref_ranker_keeps_basis_and_probability(shared_nlp):
    assert shipped_ranker() is not None
    text = (
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
        "Arusha on Monday. He said the border would stay open, and she agreed."
    )
    article = build_article(text, published=date(2024, 5, 6))
    done = next(process(shared_nlp, [article]))
    pronouns = [m for m in done.mentions if m.text in {"He", "she"}]
    assert [m.actor.code for m in pronouns] == ["KEN", "TZA"]
    for m in pronouns:
        assert m.basis and (m.probability is None) == (not m.basis.startswith("ranker"))
