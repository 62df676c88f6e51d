"""Quotes and speakers on sentences written for the purpose: every attribution pattern,
scare quotes, paragraphs, dates, and quotes that are acts."""

from __future__ import annotations

from datetime import date

import pytest

from communique.ingest.clean import build_article
from communique.nlp.pipeline import process
from communique.quotes.spans import find_quote_spans, looks_like_speech


@pytest.fixture
def quotes(shared_nlp):
    def _quotes(text: str, day: str = "2024-05-15", full: bool = False):
        article = build_article(text, published=date.fromisoformat(day))
        processed = next(process(shared_nlp, [article]))
        return processed if full else processed.quotes

    return _quotes


def direct(found):
    return [q for q in found if q.kind in {"direct", "partial"}]


def speaker(quote) -> tuple[str | None, str | None]:
    return (quote.speaker.name, quote.speaker.code) if quote.speaker else (None, None)


def test_quotes_speaker_after_the_quote(quotes):
    (q,) = direct(quotes('"We will not accept any pressure from outside," Sergei Lavrov said.'))
    assert q.text == "We will not accept any pressure from outside,"
    assert speaker(q) == ("Sergey Lavrov", "RUS")


def test_quotes_inverted_said_and_curly_marks(quotes):
    (q,) = direct(
        quotes("“The talks were constructive and useful,” said Antony Blinken.", day="2023-06-19")
    )
    assert speaker(q) == ("Antony Blinken", "USA")
    assert q.kind == "direct"


def test_quotes_speaker_before_the_quote_and_added(quotes):
    text = (
        'Ilham Aliyev said the border talks would continue. He added: "Peace is within '
        'reach if both sides show goodwill."'
    )
    (q,) = direct(quotes(text))
    assert speaker(q) == ("Ilham Aliyev", "AZE")


def test_quotes_according_to(quotes):
    text = (
        'According to Maria Zakharova, "the statements from Brussels are a provocation '
        'aimed at Moscow."'
    )
    (q,) = direct(quotes(text))
    assert speaker(q) == ("Maria Zakharova", "RUS")


def test_quotes_colon_after_a_remark(quotes):
    text = (
        'The Kremlin spokesman Dmitry Peskov made the following remark: "Nobody in '
        'Moscow will accept such conditions. We have said this many times."'
    )
    (q,) = direct(quotes(text))
    assert speaker(q) == ("Dmitry Peskov", "RUS")
    assert q.text.endswith("many times.")


def test_quotes_partial_quote_inside_a_sentence(quotes):
    text = (
        "Nikol Pashinyan said Armenia would seek to \u201cdiversify its security "
        "relations\u201d in the coming years."
    )
    (q,) = direct(quotes(text))
    assert q.kind == "partial"
    assert speaker(q) == ("Nikol Pashinyan", "ARM")


def test_quotes_run_across_paragraphs_and_carry_the_speaker(quotes):
    text = (
        '"Our door remains open to dialogue with every neighbour," Recep Tayyip Erdogan '
        'said on Tuesday.\n\n"We expect the same respect in return from all of them."'
    )
    first, second = direct(quotes(text))
    assert speaker(first) == speaker(second) == ("Recep Tayyip Erdoğan", "TUR")
    assert second.attribution == "carried"


def test_quotes_pronoun_speaker(quotes):
    text = (
        'Mark Rutte arrived in Kyiv on Monday. "The alliance stands with Ukraine for as '
        'long as it takes," he said.'
    )
    (q,) = direct(quotes(text, day="2025-02-10"))
    assert speaker(q) == ("Mark Rutte", "NATO")


def test_quotes_date_from_the_attribution(quotes):
    text = (
        '"We must first resolve these issues and then join the alliance," Irakli '
        "Garibashvili said in June 2022."
    )
    (q,) = direct(quotes(text, day="2024-03-20"))
    assert q.date.value == "2022-06"
    assert speaker(q) == ("Irakli Garibashvili", "GEO")


def test_quotes_scare_quotes_and_titles_are_not_speech(quotes):
    text = (
        'The government decided to "freeze" its membership and called the plan '
        '"cautious". The film "War and Peace" was shown.'
    )
    assert direct(quotes(text)) == []
    assert not looks_like_speech("more independent", has_verb=False)
    assert not looks_like_speech("The Grand Budapest Hotel", has_verb=False)


def test_quotes_indirect_speech(quotes):
    text = (
        "Dmitry Peskov expressed skepticism about the alliance's plans. Sergei Lavrov "
        "said that Moscow would respond to any provocation."
    )
    kinds = {(q.kind, q.speaker.code) for q in quotes(text)}
    assert ("indirect", "RUS") in kinds
    lavrov = [q for q in quotes(text) if q.speaker and q.speaker.name == "Sergey Lavrov"]
    assert lavrov and lavrov[0].text.startswith("Moscow would respond")


def test_quotes_an_accusation_is_also_an_event(quotes):
    text = (
        'Maria Zakharova said: "Western governments are waging a campaign of '
        'interference in Georgia and spreading lies about Russia."'
    )
    processed = quotes(text, full=True)
    (q,) = direct(processed.quotes)
    accusations = [e for e in processed.events if e.id in q.event_ids]
    assert accusations and accusations[0].root == "11"
    assert accusations[0].source.code == "RUS"


def test_quotes_spans_pair_marks():
    text = 'He said "one two three four" and then "five six seven eight."'
    spans = find_quote_spans(text)
    assert [s.words(text) for s in spans] == ["one two three four", "five six seven eight."]


def test_quotes_stored_and_queried_by_speaker_and_about(core, tmp_path):
    from communique.store import QuoteQuery

    story = tmp_path / "kremlin.txt"
    story.write_text(
        "Kremlin warns NATO\n\nMarch 12, 2024\n\n"
        '"NATO is moving its infrastructure closer to our borders and we will respond," '
        "Dmitry Peskov told reporters on Tuesday.\n"
    )
    core.ingest([str(story)])
    rows = core.quotes(QuoteQuery(speaker="RUS", about="NATO"))
    assert len(rows) == 1 and rows[0]["speaker"] == "Dmitry Peskov"
    assert rows[0]["text"].startswith("NATO is moving")
    assert core.quotes(QuoteQuery(speaker="USA")) == []


def test_quotes_attribution_inside_the_quote(quotes):
    text = (
        '"We are ready to talk," Ilham Aliyev said on Monday, "but only on the basis of '
        'international law."'
    )
    first, second = direct(quotes(text))
    assert speaker(first) == speaker(second) == ("Ilham Aliyev", "AZE")


def test_quotes_mixed_straight_and_curly_marks_pair():
    text = 'He said "we will stay the course.” Then "they left at dawn today," she added.'
    spans = find_quote_spans(text)
    assert [s.words(text) for s in spans] == [
        "we will stay the course.",
        "they left at dawn today,",
    ]


def test_quotes_unknown_speaker_by_speech_verb(quotes):
    text = (
        'Tomas Kvaran is the director of the Reykjavik policy group. "The vote will be '
        'close and the parties know it," Kvaran said. Sigurdsson, however, says the '
        "coalition will hold."
    )
    found = quotes(text)
    said = next(q for q in found if q.text.startswith("The vote"))
    says = next(q for q in found if q.text.startswith("the coalition"))
    assert said.speaker is not None and said.speaker.name.endswith("Kvaran")
    assert says.kind == "indirect" and says.speaker.name == "Sigurdsson"


def test_quotes_unnamed_speakers_and_according_to(quotes):
    text = (
        "Analysts say the embargo will hurt the region. According to the report, "
        "exports fell by a third in 2023."
    )
    found = quotes(text)
    assert [q.text for q in found] == [
        "the embargo will hurt the region",
        "exports fell by a third in 2023",
    ]
    assert all(q.speaker is None for q in found)


def test_quotes_inherited_subject_and_appeal(quotes):
    text = (
        "Kazakh President Kassym-Jomart Tokayev said the talks were over, adding that "
        "trade would resume. He urged both sides to respect the ceasefire."
    )
    found = [q for q in quotes(text) if q.kind == "indirect"]
    texts = {q.text: speaker(q)[1] for q in found}
    assert texts.get("trade would resume") == "KAZ"
    assert texts.get("both sides to respect the ceasefire") == "KAZ"


def test_quotes_short_quote_a_speaker_names(quotes):
    text = (
        'Turkish Foreign Minister Hakan Fidan called the decision "unacceptable". '
        'The government decided to "freeze" the deal.'
    )
    found = direct(quotes(text))
    assert [(q.text, q.kind, speaker(q)[1]) for q in found] == [("unacceptable", "partial", "TUR")]


def test_quotes_speaker_is_the_person_not_the_possessor(quotes):
    text = (
        "Turkish President Recep Tayyip Erdogan's communication chief, Fahrettin Altun, "
        'on Monday said, "It is time to stop the attacks on civilians."'
    )
    (q,) = direct(quotes(text))
    assert q.kind == "direct" and q.speaker.name == "Fahrettin Altun"


def test_quotes_speaker_not_taken_from_a_relative_clause(quotes):
    text = (
        "The French politician, who is considering challenging Emmanuel Macron next year, "
        "says immigration rules must change."
    )
    found = [q for q in quotes(text) if q.kind == "indirect"]
    assert found and all(q.speaker is None or q.speaker.name != "Emmanuel Macron" for q in found)


def test_quotes_initial_does_not_end_the_sentence(quotes):
    text = (
        "Secretary of State Antony J. Blinken reaffirmed the importance of human rights "
        "in the talks. The court found that the law was void."
    )
    found = quotes(text)
    stance = next(q for q in found if q.text.startswith("the importance"))
    assert speaker(stance) == ("Antony Blinken", "USA")
    assert any(q.text == "the law was void" for q in found)


def test_quotes_parenthetical_attribution(quotes):
    found = quotes("Regardless, analysts say, continued negotiations will be needed on subsidies.")
    (q,) = [q for q in found if q.kind == "indirect"]
    assert q.text.startswith("continued negotiations will be needed")
    assert q.speaker is None


def test_quotes_verbs_of_clarifying_and_hinting(quotes):
    found = quotes(
        "Beijing has hinted that it could retaliate with tariffs on German vehicles. "
        "Rubio clarified that the minerals deal was not the focus of the talks."
    )
    texts = {q.text.split()[0]: speaker(q)[1] for q in found if q.kind == "indirect"}
    assert texts.get("it") == "CHN"
    assert "the" in texts


def test_quotes_interjection_parsed_name_is_a_speaker(quotes):
    found = quotes("Malaysia has lost access at sea by responding too late, Oh said.")
    assert [q for q in found if q.kind == "indirect" and q.text.startswith("Malaysia has lost")]


def test_quotes_reported_speech_around_a_partial_quote(quotes):
    found = quotes(
        "Austria's interior minister Gerhard Karner told reporters on Monday that the new "
        'centres would hold "only those who pose a danger" until they are sent home.'
    )
    reported = [q for q in found if q.kind == "indirect"]
    assert [q.text[:15] for q in reported] == ["the new centres"]
    assert speaker(reported[0])[1] == "AUT"
    assert [q.text for q in found if q.kind == "partial"] == ["only those who pose a danger"]


def test_quotes_appeals_and_opinions_are_reported_speech(quotes):
    found = quotes(
        "Kenya's foreign minister Musalia Mudavadi called for both sides to return to the "
        "table. Analysts in Nairobi believe the talks may resume next month. Mudavadi "
        "called on Ethiopia to withdraw its troops. He also called for an immediate ceasefire."
    )
    texts = {q.text for q in found if q.kind == "indirect"}
    assert any(t.endswith("both sides to return to the table") for t in texts)
    assert "the talks may resume next month" in texts
    assert any(t.startswith("on Ethiopia to withdraw") for t in texts)
    assert "an immediate ceasefire" in texts


def test_quotes_unnamed_agents_speak_for_the_state_in_focus(quotes):
    found = quotes(
        "Kenya closed its border with Somalia on Monday. Kenya said the move was temporary. "
        "Police said the suspects had crossed from the north. Survivors told reporters the "
        "attackers fired at the bus. Analysts say the closure will hurt trade."
    )

    def said(start: str):
        return next(q for q in found if q.text.startswith(start))

    assert said("the suspects").speaker.code == "KEN"
    assert said("the attackers").speaker.code == "KEN"  # "told reporters": not the subject
    assert said("the closure").speaker is None  # not an agent noun: no body is implied


def test_quotes_unnamed_agent_records(shared_nlp):
    from communique.actors.unnamed import UnnamedAgents

    doc = shared_nlp(
        "Kenya closed its border on Monday. Kenya said the move was temporary. "
        "Wildlife officials said the herd had crossed. U.S. officials disagreed."
    )
    doc._.mentions = [m for m in doc._.mentions if m.how != "coref"]  # names only
    unnamed = UnnamedAgents(shared_nlp.get_pipe("communique_unnamed_agents").kb)(doc)._.unnamed
    assert [(m.text, m.actor.code, m.actor.sector, m.actor.kind) for m in unnamed] == [
        ("officials", "KEN", "GOV", "unnamed")
    ]  # "U.S. officials" is a mention of the United States already


def test_quotes_possessor_with_a_bare_apostrophe_is_not_the_speaker(quotes):
    found = quotes(
        "Myanmar's military detained dozens of protesters on Sunday. “The killing of "
        "peaceful demonstrators is utterly unacceptable,” Guterres’ spokesman, Stephane "
        "Dujarric, told reporters.",
        day="2021-03-08",
    )
    (q,) = direct(found)
    assert speaker(q) == ("Stéphane Dujarric", "UN")
