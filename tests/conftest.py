"""Shared fixtures: one spaCy pipeline per session (loading it is the slow part), and a
fresh DuckDB file per test."""

from __future__ import annotations

from pathlib import Path

import pytest

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
