"""The trained speaker ranker: built from the gold set in the repository, deterministic,
deciding only when sure enough, with how the speaker was found and its probability kept.
The sentences are written for these tests."""

from __future__ import annotations

from communique.actors.ranker import Ranker
from communique.quotes.finder import quote_rules
from communique.quotes.speakers import rank_speakers, shipped_speaker_ranker

TEXT = (
    'Turkey said on Monday that the talks would resume in Ankara next week. "We are '
    'ready to talk," Foreign Minister Hakan Fidan told reporters in Istanbul.'
)


def test_speaker_ranker_leaves_the_rules_pick_when_unsure(shared_nlp):
    assert shipped_speaker_ranker() is not None
    doc = shared_nlp(TEXT)
    direct = next(q for q in doc._.quotes if q.text.startswith("We are ready"))
    assert direct.speaker.name == "Hakan Fidan"
    unsure = Ranker({"kind=state": 1.0}, -5.0, 0.9)
    rank_speakers(doc, doc._.quotes, quote_rules().speech_verbs, unsure)
    assert direct.speaker.name == "Hakan Fidan"
    assert direct.speaker_probability is None


def test_speaker_ranker_decision_keeps_attribution_and_probability(shared_nlp):
    doc = shared_nlp(TEXT)
    direct = next(q for q in doc._.quotes if q.text.startswith("We are ready"))
    rule = direct.attribution
    sure = Ranker({"kind=state": 6.0, "side=before": 1.0}, -2.0, 0.5)  # prefers the state
    rank_speakers(doc, doc._.quotes, quote_rules().speech_verbs, sure)
    assert direct.speaker.code == "TUR" and direct.speaker.kind == "state"
    assert direct.attribution == f"ranker ({rule})"
    assert direct.speaker_probability is not None and direct.speaker_probability >= 0.5
    spoken = TEXT[direct.speaker_start : direct.speaker_end]
    assert spoken in {"Turkey", "Ankara"}
