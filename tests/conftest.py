"""Shared fixtures: one spaCy pipeline per session (loading it is the slow part), and a
fresh DuckDB file per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli.main import app
from communique.config import Settings
from communique.core import Communique
from communique.nlp.pipeline import build_pipeline

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SAMPLES = Path(__file__).resolve().parent / "data" / "samples"


@pytest.fixture(scope="session")
def shared_nlp():
    return build_pipeline(Settings.from_env(user_actors=Path("/nonexistent")))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env(
        store=tmp_path / "store.duckdb", user_actors=tmp_path / "actors", max_bytes=200_000
    )


@pytest.fixture
def core(settings: Settings, shared_nlp) -> Communique:
    instance = Communique(settings)
    instance.__dict__["nlp"] = shared_nlp
    yield instance
    instance.close()


@pytest.fixture
def run(shared_nlp):
    """Process one text for a date and return its mentions."""
    from datetime import date

    from communique.ingest.clean import build_article
    from communique.nlp.pipeline import process

    def _run(text: str, day: str | None = "2024-03-20"):
        article = build_article(text, published=date.fromisoformat(day) if day else None)
        return next(process(shared_nlp, [article])).mentions

    return _run


@pytest.fixture
def resolved():
    """(actor id, code) of the first mention with exactly this text."""

    def _resolved(mentions, text: str) -> tuple[str | None, str | None]:
        for m in mentions:
            if m.text == text:
                return (m.actor.id if m.actor else None, m.actor.code if m.actor else None)
        return (None, None)

    return _resolved


CHROMIUM = Path("/usr/bin/chromium")
XSS_TEXT = (
    "Officials in Yerevan said <script>window.__xss = 1</script> and <img src=x "
    'onerror="window.__xss = 2"> appeared in a statement by Armenia on Monday.'
)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, shared_nlp):
    """Makes a new store with the seeds, 12 corpus stories and an article carrying markup
    that must stay inert (15 articles); each call gets its own DuckDB file."""

    def _make(name: str) -> Communique:
        folder = tmp_path_factory.mktemp(name)
        core = Communique(Settings.from_env(store=folder / f"{name}.duckdb"))
        core.__dict__["nlp"] = shared_nlp
        (folder / "xss.txt").write_text("Injected markup\n\nMarch 22, 2024\n\n" + XSS_TEXT + "\n")
        lines = (DATA / "corpus" / "voa_stories.jsonl").read_text().splitlines()[:12]
        (folder / "voa.jsonl").write_text("\n".join(lines) + "\n")
        core.ingest([str(DATA / "seeds"), str(folder / "xss.txt"), str(folder / "voa.jsonl")])
        return core

    return _make


@pytest.fixture(scope="session")
def live_server(sample_store):
    """A real server (uvicorn in a thread) over a real DuckDB file with the seeds, a few
    corpus stories and an article carrying markup that must stay inert."""
    import socket
    import threading
    import time

    import httpx
    import uvicorn

    from communique.api.app import create_app

    core = sample_store("live")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(core, token="live"), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(f"{base}/api/health").status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base
    server.should_exit = True
    thread.join(timeout=10)
    core.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page that records every request it makes and every page error."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requests = []
    tab.errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


@pytest.fixture
def cli(tmp_path, monkeypatch, shared_nlp):
    """The command line on a fresh store, with the session's pipeline."""
    monkeypatch.setenv("COMMUNIQUE_STORE", str(tmp_path / "cli.duckdb"))
    monkeypatch.setenv("COMMUNIQUE_USER_ACTORS", str(tmp_path / "actors"))
    monkeypatch.setattr("communique.core.build_pipeline", lambda settings: shared_nlp)
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(app, list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result

    return invoke
