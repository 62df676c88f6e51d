"""The REST API: the real app over a real DuckDB file built by ingesting the sample
articles; and a real server process that the CLI hands articles to."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from communique.api.app import create_app

DATA = Path(__file__).parent.parent / "data"
TOKEN = "test-token"


@pytest.fixture(scope="module")
def api(sample_store):
    core = sample_store("api")
    yield TestClient(create_app(core, token=TOKEN))
    core.close()


def items(response: httpx.Response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_api_health_stats_and_openapi(api):
    assert api.get("/api/health").json()["status"] == "ok"
    stats = api.get("/api/stats").json()
    assert stats["counts"]["articles"] == 15 and stats["counts"]["events"] > 0
    assert stats["latest_events"] and stats["by_month"]
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/actors/{actor_id}", "/api/series"} <= set(paths)


def test_api_events_filters(api):
    dyad = items(api.get("/api/events", params={"dyad": "NATO,ARM", "per_page": 100}))
    assert dyad and all({e["source"], e["target"]} == {"NATO", "ARM"} for e in dyad)
    visits = items(api.get("/api/events", params={"cameo": "042", "actor": "NATO"}))
    assert visits and all(e["cameo"].startswith("042") for e in visits)
    conflict = items(api.get("/api/events", params={"quad": 4}))
    assert all(e["quad_class"] == 4 for e in conflict)
    dated = items(api.get("/api/events", params={"since": "2024-03-01", "until": "2024-03-31"}))
    assert dated and all("2024-03" <= e["date"][:7] <= "2024-03" for e in dated if e["date"])


def test_api_pagination_is_stable(api):
    first = api.get("/api/events", params={"per_page": 3}).json()
    second = api.get("/api/events", params={"per_page": 3, "page": 2}).json()
    assert first["next_page"] == 2
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    again = api.get("/api/events", params={"per_page": 3}).json()
    assert [e["id"] for e in again["items"]] == [e["id"] for e in first["items"]]


def test_api_csv_responses(api):
    response = api.get("/api/events", params={"format": "csv", "actor": "NATO"})
    assert response.headers["content-type"].startswith("text/csv")
    header = response.text.splitlines()[0].split(",")
    assert {"id", "source", "target", "cameo", "goldstein"} <= set(header)
    by_accept = api.get("/api/quotes", headers={"accept": "text/csv"})
    assert by_accept.text.startswith("id,")


def test_api_errors_are_json_with_the_right_status(api):
    for url, status in [
        ("/api/events?since=yesterdayish", 400),
        ("/api/events?quad=9", 400),
        ("/api/events?dyad=ARM", 400),
        ("/api/events/nope", 404),
        ("/api/actors/nobody-at-all", 404),
        ("/api/articles/ffffffff", 404),
        ("/api/series?by=decade", 400),
    ]:
        response = api.get(url)
        assert response.status_code == status, url
        assert set(response.json()) == {"error"} and "Traceback" not in response.text


def test_api_article_detail_offsets_point_into_the_text(api):
    article_id = items(api.get("/api/articles", params={"q": "Yerevan"}))[0]["id"]
    detail = api.get(f"/api/articles/{article_id}").json()
    text = detail["article"]["text"]
    for mention in detail["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for event in detail["events"]:
        for m in event["mentions"]:
            assert text[m["trigger_start"] : m["trigger_end"]]
            assert m["sentence"] == text[m["start"] : m["end"]]
    for quote in detail["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_api_actor_page_data(api):
    person = api.get("/api/actors/jens-stoltenberg").json()
    assert [r["body"] for r in person["roles"]][:3] == ["NOR", "NOR", "NATO"]
    assert person["as_source"]
    state = api.get("/api/actors/ARM").json()
    assert state["as_target"] and state["actor"]["code"] == "ARM"


def test_api_series_network_map(api):
    series = api.get("/api/series", params={"by": "month", "dyad": "NATO,ARM"}).json()
    assert series and all(p["cooperation"] + p["conflict"] <= p["events"] for p in series)
    network = api.get("/api/network").json()
    codes = {n["id"] for n in network["nodes"]}
    assert all(e["source"] in codes and e["target"] in codes for e in network["edges"])
    assert isinstance(api.get("/api/map").json(), list)


def test_api_writes_need_the_token(api):
    body = {
        "text": "Georgia and Turkey agreed on a new gas route on Friday, officials said.",
        "published": "2024-06-07",
        "title": "Gas route",
    }
    assert api.post("/api/articles", json=body).status_code == 401
    assert (
        api.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code
        == 401
    )
    ok = api.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.json()["new"] == 1
    again = api.post("/api/articles", json=[body], headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["duplicate"] == 1


def test_api_stored_markup_is_returned_as_text(api):
    found = items(api.get("/api/articles", params={"q": "onerror"}))
    detail = api.get(f"/api/articles/{found[0]['id']}").json()
    assert "<script>" in detail["article"]["text"]  # stored as text, escaped by the pages
    page = api.get(f"/articles/{found[0]['id']}")
    assert "<script>alert" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_api_cli_ingest_hands_articles_to_the_running_server(tmp_path):
    store = tmp_path / "served.duckdb"
    port = _free_port()
    env = {**os.environ, "COMMUNIQUE_STORE": str(store), "COMMUNIQUE_N_PROCESS": "1"}
    cli = [sys.executable, "-m", "communique.cli.main"]
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--token", "t0k"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        story = tmp_path / "story.txt"
        story.write_text(
            "Talks\n\nMay 3, 2024\n\nAzerbaijan's foreign minister visited "
            "Turkey on Thursday for talks on energy.\n"
        )
        done = subprocess.run(
            [*cli, "ingest", str(story)], env=env, capture_output=True, text=True, timeout=300
        )
        assert "sent to the server" in done.stderr
        assert "read 1, new 1, duplicate 0, failed 0" in done.stderr
        stats = httpx.get(f"http://127.0.0.1:{port}/api/stats").json()
        assert stats["counts"]["articles"] == 1
        assert json.loads((tmp_path / "served.duckdb.server.json").read_text())["url"]
    finally:
        server.terminate()
        server.wait(timeout=30)
