"""The trained description detector and the unknown organisations: built from the gold
set in the repository, deterministic, with provenance and probability on each mention.
The sentences are written for these tests."""

from __future__ import annotations

from datetime import date

from communique.actors.descriptions import shipped_detector
from communique.ingest.clean import build_article
from communique.nlp.pipeline import process


def _mentions(nlp, text: str, title: str = "") -> dict[str, object]:
    article = build_article(text, published=date(2024, 5, 6), title=title)
    return {m.text: m for m in next(process(nlp, [article])).mentions}


def test_descriptions_detected_group_keeps_basis_and_probability(shared_nlp):
    assert shipped_detector() is not None
    found = _mentions(
        shared_nlp,
        "Somalia said on Monday that its army had killed six militants in a raid near "
        "Kismayo. Somalia has fought insurgents for years.",
    )
    militants = found["six militants"]
    assert militants.actor.code == "SOM"
    assert militants.basis.startswith("detected description")
    assert (
        militants.probability is not None and militants.probability >= shipped_detector().threshold
    )


def test_descriptions_body_named_alike_and_unknown_organisation(shared_nlp):
    found = _mentions(
        shared_nlp,
        "The Philippines said on Tuesday that the National Telecommunications Commission "
        "had ordered the broadcaster off the air. The Philippines faces criticism; the "
        "commission defended its order.",
        title="Broadcaster Ordered Off The Air In Decision By Regulator",
    )
    body = found["National Telecommunications Commission"]
    assert (body.actor.code, body.actor.kind, body.actor.is_person) == (
        "PHL",
        "unresolved-body",
        False,
    )
    commission = found["the commission"]
    assert commission.actor.id == body.actor.id
    assert not any(m.in_title and m.actor.kind.startswith("unresolved") for m in found.values())


def test_descriptions_shared_institution_stays_with_coreference(shared_nlp):
    found = _mentions(
        shared_nlp,
        "Turkey tested the S-400 on Monday. The United States warned Ankara, and Congress "
        "is preparing sanctions.",
    )
    assert found["Congress"].actor.code == "USA"
    assert found["Congress"].how == "coref"
