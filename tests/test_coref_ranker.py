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


def test_coref_pronoun_filter_decides_which_pronouns_refer(shared_nlp):
    """The filter's probability gates "it", "its", "they", "their" (not "he", "she");
    the shipped one is built from the gold set (test_trained_models)."""
    from communique.actors.anaphoricity import Filter, shipped_filter

    assert shipped_filter() is not None
    text = (
        "Japan and South Korea signed an agreement on Monday in Seoul. The two countries "
        "said they would meet again in June. Japanese Prime Minister Fumio Kishida said "
        "his government would ratify it."
    )
    article = build_article(text, published=date(2024, 5, 6))
    coref = shared_nlp.get_pipe("communique_coreference")
    shipped = coref.pronoun_filter
    try:
        coref.pronoun_filter = Filter.of(Ranker({}, -10.0, 0.5))  # no pronoun refers
        never = {m.text: m for m in next(process(shared_nlp, [article])).mentions}
        coref.pronoun_filter = Filter.of(Ranker({}, 10.0, 0.5))  # every pronoun refers
        always = {m.text: m for m in next(process(shared_nlp, [article])).mentions}
    finally:
        coref.pronoun_filter = shipped
    assert "they" not in never and "it" not in never
    assert never["his"].actor.code == "JPN"  # he/his/she are not the filter's
    assert always["they"].actor.codes == ("JPN", "KOR")
    assert always["they"].basis.endswith("anaphoric p=1.00")
