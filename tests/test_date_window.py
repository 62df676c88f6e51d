"""Undated articles (issue 9): the date window inferred from the text, on sentences
written for the test."""

from __future__ import annotations

import json
from datetime import date

from communique.ingest.clean import build_article
from communique.models import Article, EventDate, ProcessedArticle, Role
from communique.nlp.pipeline import make_doc, process
from communique.nlp.window import DateMention, NamedPerson, infer_window

TODAY = date(2026, 12, 1)
TWO_LEADERS = (
    "NATO Secretary General Jens Stoltenberg met Armenian Prime Minister Nikol Pashinyan "
    "in Brussels. Stoltenberg said the alliance valued the partnership."
)


def _undated(nlp, text: str) -> ProcessedArticle:
    """An article as the gold set's --undated run builds it: no publication or context
    date at all."""
    return next(process(nlp, [Article(id="t", text=text)]))


def _code(processed: ProcessedArticle, text: str) -> str | None:
    return next(m.actor.code for m in processed.mentions if m.text == text and m.actor)


def _role(person: str, office: str, body: str, start: str, end: str | None) -> Role:
    end_day = date.fromisoformat(end) if end else None
    return Role(person, office, office, body, "GOV", date.fromisoformat(start), end_day)


def test_window_tenures_of_titled_people_intersect(shared_nlp):
    done = _undated(shared_nlp, TWO_LEADERS)
    window = done.date_window
    assert window is not None and window.precision == "tenure"
    assert window.first is not None and window.last is not None
    assert date(2018, 5, 1) <= window.first <= window.last <= date(2024, 10, 31)
    assert any("Nikol Pashinyan" in line for line in window.basis)
    assert any("tenures overlap" in line for line in window.basis)
    assert _code(done, "Jens Stoltenberg") == "NATO"
    assert _code(done, "Stoltenberg") == "NATO"


def test_window_sets_an_inferred_reference_date_on_the_doc(shared_nlp):
    doc = shared_nlp(make_doc(shared_nlp, Article(id="t", text=TWO_LEADERS)))
    window = doc._.date_window
    assert window.first <= doc._.ref_date <= window.last
    assert doc._.ref_event_date.source == "inferred"
    assert doc._.ref_event_date.precision == "tenure"


def test_window_dateline_gives_the_day(shared_nlp):
    done = _undated(shared_nlp, "YEREVAN, March 3, 2024 (VOA) — Armenia and Azerbaijan held talks.")
    window = done.date_window
    assert window.precision == "day"
    assert window.first == window.last == date(2024, 3, 3)
    assert window.basis[0].startswith("dateline")


def test_window_dateline_without_year_takes_it_from_the_dates_named(shared_nlp):
    text = (
        "WASHINGTON, March 3 (VOA) — Armenia and Azerbaijan resumed talks that broke off "
        "on February 27, 2024, officials said."
    )
    window = _undated(shared_nlp, text).date_window
    assert window.precision == "day" and window.first == date(2024, 3, 3)


def test_window_year_named_is_a_lower_bound_and_future_years_do_not_count(shared_nlp):
    text = "Armenia and Azerbaijan signed an agreement in 2021. Elections will be held in 2026."
    window = _undated(shared_nlp, text).date_window
    assert window.precision == "year"
    assert window.first == date(2021, 1, 1) and window.last is None
    assert any("2026" in line and "not counted" in line for line in window.basis)


def test_window_no_clue_resolves_on_the_latest_role(shared_nlp):
    text = "Armenia and Azerbaijan traded accusations. Antonio Guterres said the war must end."
    done = _undated(shared_nlp, text)
    assert done.date_window.precision == "none"
    assert done.date_window.first is None and done.date_window.last is None
    assert _code(done, "Antonio Guterres") == "UN"  # his latest role, not nationality PRT


def test_window_stated_title_beats_the_latest_role(shared_nlp):
    # Stoltenberg's latest role is Norway's finance minister: the title dates the article.
    done = _undated(
        shared_nlp, "NATO Secretary General Jens Stoltenberg said allies must spend more."
    )
    assert done.date_window.precision == "tenure"
    assert _code(done, "Jens Stoltenberg") == "NATO"
    guterres = _undated(shared_nlp, "UN Secretary-General Antonio Guterres said the war must end.")
    assert _code(guterres, "Antonio Guterres") == "UN"


def test_window_former_title_is_not_a_clue(shared_nlp):
    done = _undated(
        shared_nlp, "Former NATO Secretary General Jens Stoltenberg said allies must act."
    )
    assert done.date_window.precision == "none"
    assert any("former" in line for line in done.date_window.basis)
    text = "Officials said late Monday that NATO Secretary General Jens Stoltenberg would visit."
    assert _undated(shared_nlp, text).date_window.precision == "tenure"


def test_window_dated_article_is_untouched(shared_nlp):
    published = build_article(TWO_LEADERS, published=date(2023, 5, 10))
    context = build_article("In March 2024, " + TWO_LEADERS)
    assert context.context_date is not None
    for done in process(shared_nlp, [published, context]):
        assert done.date_window is None
        assert "date_window" not in done.to_dict()
    doc = shared_nlp(make_doc(shared_nlp, published))
    assert doc._.ref_date == date(2023, 5, 10) and doc._.date_window is None


def _titled(name: str, office: str, start: str, end: str | None) -> NamedPerson:
    return NamedPerson(name.lower(), name, (_role(name.lower(), office, "XXA", start, end),), True)


def test_window_conflicting_tenure_is_dropped_and_said():
    people = [
        _titled("Ann", "head_of_state", "2010-01-01", "2016-01-01"),
        _titled("Bob", "head_of_government", "2012-06-01", "2017-01-01"),
        _titled("Cy", "foreign_minister", "2020-01-01", "2022-01-01"),
    ]
    window = infer_window("Text.", [], people, TODAY)
    assert window.precision == "tenure"
    assert (window.first, window.last) == (date(2012, 6, 1), date(2015, 12, 31))
    assert window.first <= window.day <= window.last
    assert any(line.startswith("dropped") and "Cy" in line for line in window.basis)


def test_window_tenures_ending_before_the_latest_date_are_history():
    people = [_titled("Ann", "igo_head", "2010-01-01", "2015-01-01")]
    dates = [DateMention("in 2019", EventDate("2019", "year", "text"), past=True)]
    window = infer_window("Text.", dates, people, TODAY)
    assert window.precision == "year" and window.first == date(2019, 1, 1)
    assert any("end before" in line for line in window.basis)


def test_window_one_bare_name_is_no_clue():
    bare = NamedPerson("ann", "Ann", (_role("ann", "minister", "XXA", "2010-01-01", None),))
    window = infer_window("Text.", [], [bare], TODAY)
    assert window.precision == "none" and window.day is None


def test_window_extract_prints_the_window_with_its_basis(cli, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Talks in Brussels\n\n" + TWO_LEADERS + "\n")
    (obj,) = [json.loads(line) for line in cli("extract", str(path)).stdout.splitlines()]
    assert obj["article"]["published"] is None
    window = obj["date_window"]
    assert set(window) >= {"first", "last", "precision", "basis"}
    assert window["precision"] == "tenure"
    assert "2018-05-08" <= window["first"] <= window["last"] <= "2024-10-01"
    assert any("Jens Stoltenberg" in line for line in window["basis"])
    dated = cli("extract", str(path), "--published", "2023-05-10").stdout
    assert "date_window" not in json.loads(dated.splitlines()[0])
