"""Ingest: formats, cleaning, dates, idempotence and bad input."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from communique.ingest import iter_articles
from communique.ingest.clean import build_article
from communique.ingest.decode import IngestError
from communique.ingest.fetch import check_public_url
from communique.models import Article, IngestFailure

SAMPLES = Path(__file__).parent / "data" / "samples"
SEEDS = Path(__file__).parent.parent / "data" / "seeds"


def _read(paths, settings, **kw):
    items = list(iter_articles([str(p) for p in paths], settings, **kw))
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, IngestFailure)],
    )


def test_ingest_txt_takes_title_and_dateline(settings):
    (article,), failures = _read([SEEDS / "001_c691a4b25f50d746.txt"], settings)
    assert not failures
    assert article.title == "Stoltenberg in the South Caucasus"
    assert article.published == date(2024, 3, 20)
    assert "March 20, 2024" not in article.text
    assert article.text.startswith("NATO sees an opportunity")


def test_ingest_txt_removes_page_furniture(settings):
    (article,), _ = _read([SEEDS / "000_c4d2d6e7840697d7.txt"], settings)
    assert article.title == "Jens Stoltenberg"
    assert article.text.startswith("In March 2024")
    for furniture in ("Leave a review", "Follow us on social networks", "News Line"):
        assert furniture not in article.text
    assert article.published is None
    assert article.context_date == date(2024, 3, 1)


def test_ingest_html_extracts_main_text_and_metadata(settings):
    (article,), failures = _read([SAMPLES / "page.html"], settings)
    assert not failures
    assert article.title.startswith("Stoltenberg thanks Azerbaijan")
    assert article.published == date(2024, 3, 17)
    assert article.source == "Example Times"
    assert "thanked Azerbaijan" in article.text
    for furniture in ("Follow us", "newsletter", "All rights reserved", "Home"):
        assert furniture not in article.text


def test_ingest_jsonl_reads_good_lines_and_reports_bad_ones(settings):
    articles, failures = _read([SAMPLES / "articles.jsonl"], settings)
    assert [a.title for a in articles] == ["Kremlin rejects criticism", "Pashinyan in Paris"]
    assert articles[0].published == date(2024, 3, 21)
    assert articles[0].source == "Example Wire"
    assert articles[1].published == date(2024, 2, 21)
    assert articles[1].url == "https://example.org/a2"
    reasons = {f.where.rsplit(":", 1)[-1]: f.reason for f in failures}
    assert "no text field" in reasons["3"]
    assert "malformed JSON" in reasons["4"]


def test_ingest_feed_reads_every_entry(settings):
    articles, failures = _read([SAMPLES / "feed.rss"], settings)
    assert not failures
    assert len(articles) == 2
    assert articles[0].published == date(2024, 5, 10)
    assert articles[0].source == "Caucasus Wire"
    assert articles[0].url == "https://example.org/2024/05/almaty-talks"
    assert "Kazakhstan hosted" in articles[0].text
    assert "<p>" not in articles[0].text


def test_ingest_folder_is_recursive_and_stdin_works(settings, tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "story.txt").write_text("Armenia and Georgia signed a trade deal on Monday.")
    (tmp_path / ".hidden.txt").write_text("Hidden files are skipped entirely here.")
    articles, _ = _read([tmp_path], settings)
    assert [Path(a.path).name for a in articles] == ["story.txt"]
    stdin = io.BytesIO(b"Russia and Turkey held talks in Ankara on Friday.")
    (article,) = [a for a in iter_articles(["-"], settings, stdin=stdin) if isinstance(a, Article)]
    assert article.path == "<stdin>"


def test_ingest_options_override_date_and_source(settings):
    (article,), _ = _read(
        [SEEDS / "000_c4d2d6e7840697d7.txt"],
        settings,
        published=date(2024, 3, 22),
        source="Example",
    )
    assert article.published == date(2024, 3, 22)
    assert article.source == "Example"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n  ", "empty file"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        (
            "garbled.txt",
            b"Report: " + bytes([0x80, 0x81, 0xFE, 0xFF, 0xFA, 0x9F]) * 50,
            "undecodable",
        ),
        ("broken.json", b'{"text": "unterminated', "malformed JSON"),
        ("list.json", b"[1, 2]", "expected a JSON object"),
        ("huge.txt", b"word " * 50_000, "too large"),
        ("furniture.txt", b"Leave a review\n\nFollow us on social networks\n", "no article text"),
        ("broken.html", b"<html><body><div><p></div>", "no article text"),
    ],
)
def test_ingest_bad_input_gives_one_line_reason(settings, tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Azerbaijan and Armenia agreed on a border commission on Tuesday.")
    articles, failures = _read([bad, good], settings)
    assert len(articles) == 1, "the run goes on with the other files"
    assert len(failures) >= 1
    message = str(failures[0])
    assert name in message and reason in message and "\n" not in message


def test_ingest_decodes_utf16_and_cp1252(settings, tmp_path):
    (tmp_path / "u16.txt").write_bytes("Türkiye and Armenia reopened talks.".encode("utf-16"))
    (tmp_path / "cp.txt").write_bytes(
        "Moscow’s envoy said the talks in Baku were “useful” and productive for both sides.".encode(
            "cp1252"
        )
    )
    articles, failures = _read([tmp_path], settings)
    assert not failures
    assert {a.text.split()[0] for a in articles} == {"Türkiye", "Moscow’s"}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/news",
        "http://localhost:8080/",
        "http://10.1.2.3/a",
        "http://192.168.0.10/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "file:///etc/passwd",
    ],
)
def test_ingest_refuses_private_addresses(url):
    with pytest.raises(IngestError, match="refused"):
        check_public_url(url)


def test_ingest_private_url_is_a_failure_not_a_crash(settings):
    articles, failures = _read(["http://127.0.0.1:9/story"], settings)
    assert not articles
    assert "refused" in failures[0].reason


def test_ingest_id_is_stable_under_whitespace_changes():
    a = build_article("Armenia froze its CSTO membership.\n\nMoscow objected.")
    b = build_article("Armenia  froze its CSTO membership.\r\n\r\nMoscow   objected.")
    assert a.id == b.id


def test_ingest_store_is_idempotent(core):
    first = core.ingest([str(SEEDS)])
    assert (first.read, first.new, first.duplicate, first.failed) == (2, 2, 0, 0)
    before = core.store.counts()
    second = core.ingest([str(SEEDS)])
    assert (second.read, second.new, second.duplicate) == (2, 0, 2)
    assert core.store.counts() == before
