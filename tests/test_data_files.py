"""Every data table the package ships is declared here with its columns; each must parse,
have them, and no undeclared table may appear. Tables with a closed vocabulary are
checked value by value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.resources import read_tsv

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "communique"

DECLARED = {
    "actors/data/agents.tsv": ["phrase", "sector"],
    "actors/data/anaphora.tsv": ["phrase", "antecedent"],
    "actors/data/cameo_igo_codes.tsv": ["segment", "code"],
    "actors/data/gender_cues.tsv": ["word", "gender"],
    "actors/data/home_bodies.tsv": ["name", "code", "sector", "aliases"],
    "actors/data/honorifics.tsv": ["word"],
    "actors/data/institutions.tsv": ["phrase", "office"],
    "actors/data/locative_heads.tsv": ["preposition", "head"],
    "actors/data/locatives.tsv": ["preposition", "scope"],
    "actors/data/name_variants.tsv": ["pattern", "replacement"],
    "actors/data/offices.tsv": ["phrase", "office", "applies"],
    "actors/data/organisations.tsv": ["id", "code", "name", "kind", "aliases"],
    "actors/data/organisations_groups.tsv": ["id", "code", "name", "kind", "aliases"],
    "actors/data/past_office_cues.tsv": ["word"],
    "actors/data/person_nouns.tsv": ["noun"],
    "actors/data/places.tsv": ["name", "code", "kind", "aliases"],
    "actors/data/shared_institutions.tsv": ["phrase", "codes", "sector"],
    "actors/data/states.tsv": ["code", "name", "aliases", "adjectives", "capitals", "metonyms"],
    "analysis/data/memberships.tsv": ["a", "b", "type", "status"],
    "analysis/data/relation_rules.tsv": ["root", "trigger", "object", "type", "status"],
    "events/data/cameo_codebook.tsv": ["code", "root", "name", "goldstein", "quad_class"],
    "events/data/cameo_plover.tsv": ["code", "plover_event", "plover_mode"],
    "events/data/intent_codes.tsv": ["code", "intent"],
    "events/data/nouns_project.tsv": ["noun", "code"],
    "events/data/nouns_project_review.tsv": ["noun", "code"],
    "events/data/place_targets.tsv": ["code"],
    "events/data/synsets.tsv": ["name", "words"],
    "events/data/synsets_project.tsv": ["name", "words"],
    "events/data/verb_patterns_petrarch.tsv": ["verb", "pattern", "code"],
    "events/data/verb_patterns_project.tsv": ["verb", "pattern", "code"],
    "events/data/verb_patterns_project_review.tsv": ["verb", "pattern", "code"],
    "events/data/verbs_petrarch.tsv": ["verb", "code"],
    "events/data/verbs_project.tsv": ["verb", "code"],
    "events/data/verbs_project_review.tsv": ["verb", "code"],
    "exchange/data/cameo_countries.tsv": ["code", "communique"],
    "exchange/data/country_names.tsv": ["name", "code"],
    "exchange/data/icews_sectors.tsv": ["keyword", "sector"],
    "exchange/data/plover_cameo.tsv": ["plover_type", "plover_mode", "cameo"],
    "ingest/data/boilerplate.tsv": ["kind", "pattern"],
    "quotes/data/accusation_cues.tsv": ["cue", "code"],
    "quotes/data/speech_verbs.tsv": ["verb", "indirect", "directive", "stance", "addressee"],
    "quotes/data/stance_nouns.tsv": ["noun"],
}
ANTECEDENT_KINDS = {
    "person_m",
    "person_f",
    "person",
    "state",
    "organisation",
    "group",
    "pair_state",
    "trio_state",
    "pair_person",
    "group_person",
    "state_body",
    "office_holder",
    "armed_group",
}


def _rows(name: str) -> list[dict[str, str]]:
    return list(read_tsv(PACKAGE / name))


def test_data_files_are_all_declared():
    shipped = {
        str(p.relative_to(PACKAGE)) for p in PACKAGE.glob("*/data/*.tsv") if "roles" not in p.parts
    }
    assert shipped == set(DECLARED)


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_data_files_parse_with_their_columns(name):
    rows = _rows(name)
    assert rows, name
    for line, row in enumerate(rows, start=1):
        missing = [c for c in DECLARED[name] if c not in row]
        assert not missing, f"{name}: row {line} lacks {missing}"
        key = DECLARED[name][0]
        assert row[key], f"{name}: row {line} has an empty {key}"


def test_data_files_quote_and_coref_vocabularies():
    for row in _rows("quotes/data/speech_verbs.tsv"):
        assert row["indirect"] in {"yes", "no"}, row
        assert row["directive"] in {"yes", "no"}, row
        assert row["stance"] in {"yes", "no", "only"}, row
        assert row["addressee"] in {"yes", "no"}, row
    for row in _rows("actors/data/anaphora.tsv"):
        kinds = set(row["antecedent"].split("|"))
        assert kinds <= ANTECEDENT_KINDS, row
    for row in _rows("actors/data/gender_cues.tsv"):
        assert row["gender"] in {"m", "f"} and row["word"].islower(), row
    for row in _rows("actors/data/locatives.tsv"):
        assert row["scope"] in {"all", "place"}, row
    for row in _rows("actors/data/places.tsv"):
        assert row["kind"] in {"region", "city"}, row
    for row in _rows("actors/data/locative_heads.tsv"):
        assert row["preposition"] in {"of", "to", "from", "obj"} and row["head"].islower(), row


@pytest.mark.parametrize(
    "name",
    [
        "actors/data/coref_ranker.json",
        "actors/data/description_model.json",
        "actors/data/anaphoricity_model.json",
        "quotes/data/speaker_ranker.json",
    ],
)
def test_data_files_trained_models_are_complete(name):
    model = json.loads((PACKAGE / name).read_text())
    assert {"weights", "intercept", "threshold", "trained_on", "cross_validation"} <= set(model)
    assert 0.0 < model["threshold"] < 1.0 and model["weights"]


def test_data_files_shared_institutions_name_known_states():
    states = {row["code"] for row in _rows("actors/data/states.tsv")}
    for name in ("actors/data/home_bodies.tsv", "actors/data/places.tsv"):
        unknown = {row["code"] for row in _rows(name)} - states
        assert not unknown, (name, unknown)
    for row in _rows("actors/data/shared_institutions.tsv"):
        codes = set(row["codes"].split("|"))
        assert codes <= states, (row["phrase"], codes - states)
        assert row["phrase"].islower() and not row["phrase"].startswith("the "), row
