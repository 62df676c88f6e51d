"""The command line, run in-process on a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent.parent / "data"
SAMPLES = Path(__file__).parent / "data" / "samples"


def test_cli_ingest_prints_summary_with_failures(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    result = cli("ingest", str(DATA / "seeds"), str(bad))
    assert result.exit_code == 0
    assert "read 2, new 2, duplicate 0, failed 1" in result.output
    assert "bad.json: malformed JSON" in result.output
    again = cli("ingest", str(DATA / "seeds"))
    assert "read 2, new 0, duplicate 2, failed 0" in again.output


def test_cli_lists_articles_actors_and_mentions_as_json(cli):
    cli("ingest", str(DATA / "seeds"))
    articles = [
        json.loads(line) for line in cli("articles", "--format", "json").stdout.splitlines()
    ]
    assert {a["title"] for a in articles} == {
        "Jens Stoltenberg",
        "Stoltenberg in the South Caucasus",
    }
    actors = [
        json.loads(line)
        for line in cli("actors", "Stoltenberg", "--format", "json").stdout.splitlines()
    ]
    assert actors[0]["id"] == "jens-stoltenberg"
    mentions = [
        json.loads(line)
        for line in cli("mentions", "--actor", "NATO", "--format", "json").stdout.splitlines()
    ]
    assert mentions and all(m["code"] == "NATO" for m in mentions)
    csv_out = cli("mentions", "--actor", "ARM", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("article_id,text,start,end")


def test_cli_extract_follows_the_output_contract(cli):
    result = cli("extract", str(DATA / "seeds" / "001_c691a4b25f50d746.txt"))
    (obj,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(obj) >= {"article", "mentions", "events", "quotes"}
    assert set(obj["article"]) >= {"id", "path", "url", "title", "published", "source"}
    assert obj["article"]["published"] == "2024-03-20"
    mention = obj["mentions"][0]
    assert set(mention) >= {"text", "start", "end", "actor"}
    assert set(mention["actor"]) >= {"id", "name", "code", "sector"}


def test_cli_actors_import_reads_tabari_dictionary(cli, tmp_path):
    source = tmp_path / "mine.actors"
    source.write_text("ANNA_EXAMPLEVA_\n\t[ARMGOV 200101-]\n\t[ARMGOV 200101-231231]\n")
    result = cli("actors", "import", str(source))
    assert "imported 2 roles" in result.output
    written = (tmp_path / "actors" / "roles" / "imported_mine.tsv").read_text()
    assert "anna-exampleva" in written and "ARM" in written


def test_cli_evaluate_scores_the_seed_mentions(cli):
    result = cli("evaluate", str(DATA / "acceptance" / "seeds.gold.json"))
    assert "mentions  precision" in result.stdout
