"""Actor recognition and resolution: dates, roles, fuzzy names, agents, pronouns."""

from __future__ import annotations

from datetime import date

from communique.actors.kb import load_kb, surname_forms
from communique.actors.matcher import name_similarity
from communique.actors.tabari import convert, parse_actors


def test_actors_same_name_resolves_to_different_bodies_by_date(run, resolved):
    text = "Jens Stoltenberg said the talks in Oslo had been useful."
    assert resolved(run(text, "2012-05-01"), "Jens Stoltenberg") == ("jens-stoltenberg", "NOR")
    assert resolved(run(text, "2020-06-01"), "Jens Stoltenberg") == ("jens-stoltenberg", "NATO")
    assert resolved(run(text, "2026-01-15"), "Jens Stoltenberg") == ("jens-stoltenberg", "NOR")


def test_actors_role_phrase_resolves_to_holder_on_date(run, resolved):
    text = "The NATO chief arrived in Kyiv for talks on air defence."
    assert resolved(run(text, "2019-03-01"), "NATO chief")[0] == "jens-stoltenberg"
    assert resolved(run(text, "2025-03-01"), "NATO chief")[0] == "mark-rutte"


def test_actors_possessive_role_phrase(run, resolved):
    mentions = run("Armenia's prime minister flew to Brussels on Monday.", "2024-04-01")
    assert resolved(mentions, "Armenia's prime minister") == ("nikol-pashinyan", "ARM")


def test_actors_spokesperson_by_institution(run, resolved):
    mentions = run("Kremlin spokesperson rejected the claims on Tuesday.", "2024-03-20")
    assert resolved(mentions, "Kremlin spokesperson") == ("dmitry-peskov", "RUS")
    mentions = run(
        "The official representative of the Russian Foreign Ministry, Maria Zakharova, "
        "criticized the visit.",
        "2024-03-20",
    )
    assert resolved(mentions, "Maria Zakharova") == ("maria-zakharova", "RUS")


def test_actors_then_title_uses_the_sentence_date(run, resolved):
    mentions = run(
        "Then Prime Minister Irakli Garibashvili said in June 2022 that Georgia would join NATO.",
        "2024-03-20",
    )
    assert resolved(mentions, "Irakli Garibashvili") == ("irakli-garibashvili", "GEO")
    sentence_date = next(m for m in mentions if m.text == "Irakli Garibashvili")
    assert sentence_date.actor.sector == "GOV"


def test_actors_gazetteer_wins_over_ner(shared_nlp):
    from communique.ingest.clean import build_article
    from communique.nlp.pipeline import make_doc

    article = build_article(
        "Stoltenberg's visit to Yerevan held special significance.", published=date(2024, 3, 20)
    )
    doc = shared_nlp(make_doc(shared_nlp, article))
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Stoltenberg"] == "PERSON"
    assert labels["Yerevan"] == "GPE"


def test_actors_fuzzy_name_only_where_unambiguous(run, resolved, shared_nlp):
    mentions = run("With the coming to power of Nikola Pashin in 2018, Armenia changed.")
    assert resolved(mentions, "Nikola Pashin") == ("nikol-pashinyan", "ARM")
    assert name_similarity("Nikola Pashin", "Nikol Pashinyan") > 86
    finder = shared_nlp.get_pipe("communique_person_finder")
    assert finder.best("John Smith") is None
    assert finder.best("Ilham Aliev") == "ilham-aliyev"


def test_actors_surname_picks_the_office_holder_of_the_date(run, resolved):
    assert (
        resolved(run("Aliyev met the delegation in Baku.", "2024-03-20"), "Aliyev")[0]
        == "ilham-aliyev"
    )


def test_actors_agents_give_sectors(run):
    mentions = run(
        "The Armenian government protested after Russian troops moved. "
        "The Georgian opposition called for protests.",
        "2024-03-20",
    )
    by_text = {m.text: (m.actor.code, m.actor.sector) for m in mentions}
    assert by_text["Armenian government"] == ("ARM", "GOV")
    assert by_text["Russian troops"] == ("RUS", "MIL")
    assert by_text["Georgian opposition"] == ("GEO", "OPP")


def test_actors_metonyms_capitals_and_adjectives(run, resolved):
    mentions = run(
        "The Kremlin warned Baku, and Azeri officials answered that the West should stay out.",
        "2024-03-20",
    )
    assert resolved(mentions, "Kremlin")[1] == "RUS"
    assert resolved(mentions, "Baku")[1] == "AZE"
    assert resolved(mentions, "the West")[1] == "WST"


def test_actors_pronouns_and_definite_descriptions(run):
    mentions = run(
        "NATO held a summit. The alliance agreed to expand. Maria Zakharova "
        "criticized the decision and said she expected a response.",
        "2024-03-20",
    )
    by_text = {m.text: m.actor.code for m in mentions if m.how == "coref"}
    assert by_text["alliance"] == "NATO"
    assert by_text["she"] == "RUS"


def test_actors_alliance_without_named_body_stays_unresolved(run):
    mentions = run("The alliance met on Tuesday to discuss the budget.", "2024-03-20")
    assert not [m for m in mentions if m.text.lower() == "alliance"]


def test_actors_unknown_people_are_kept_with_their_text(run):
    mentions = run("The farmer, John Whitaker, said prices were rising.", "2024-03-20")
    unknown = [m for m in mentions if m.actor and m.actor.kind == "unresolved" and m.how != "coref"]
    assert unknown and unknown[0].text == "John Whitaker"
    assert unknown[0].actor.code is None


def test_actors_mentions_keep_character_spans(run):
    text = "Talks between Armenia and Azerbaijan resumed."
    for m in run(text, "2024-03-20"):
        assert text[m.start : m.end] == m.text


def test_actors_surname_forms():
    assert surname_forms("Luiz Inacio Lula da Silva") == ["Silva", "da Silva"]
    assert surname_forms("Mohammed Shia al-Sudani") == ["al-Sudani", "Sudani"]
    assert surname_forms("Madonna") == []
    assert surname_forms("Alexander De Croo") == ["De Croo"]
    assert surname_forms("Ursula von der Leyen") == ["von der Leyen"]
    assert surname_forms("Felipe VI") == []
    assert surname_forms("Ferdinand Marcos Jr.") == ["Marcos"]


def test_actors_tabari_import_converts_dated_codes():
    text = (
        "JENS_STOLTENBERG_  # comment\n"
        "\t[NORGOV 000317-011019]\n"
        "\t[IGOWSTNAT >141001]\n"
        "+STOLTENBERG_JENS_\n"
        "NATO_ [IGOWSTNAT]\n"
    )
    entries = parse_actors(text)
    roles, orgs, _ = convert(entries, {"NOR"})
    assert [r[7] for r in roles] == ["NOR", "NATO"]
    assert roles[0][9:11] == ["2000-03-17", "2001-10-19"]
    assert roles[1][9] == "2014-10-01"
    assert orgs[0][1] == "NATO"


def test_actors_kb_role_lookup_by_date():
    kb = load_kb(())
    assert kb.resolve("jens-stoltenberg", date(2024, 3, 20)).code == "NATO"
    assert kb.resolve("jens-stoltenberg", date(2024, 10, 1)).code != "NATO"
    assert kb.holders("NATO", "igo_head", date(2024, 10, 2)) == ["mark-rutte"]
