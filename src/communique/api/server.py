"""Running the server, and handing articles to a running one.

The server is the store's single writer: while it runs, `communique ingest` on the same
store sends what it reads to `POST /api/articles` instead of opening the (locked) DuckDB
file. A small file beside the store, readable only by its owner, says where the server
listens and with which token."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx

from communique.models import Article, IngestFailure, IngestReport

SEND_BATCH = 32


@dataclass(frozen=True)
class ServerInfo:
    url: str
    token: str | None
    pid: int


def server_file(store: Path) -> Path:
    return store.with_name(store.name + ".server.json")


def announce(store: Path, url: str, token: str | None) -> Path:
    path = server_file(store)
    path.write_text(json.dumps({"url": url, "token": token, "pid": os.getpid()}))
    path.chmod(0o600)
    return path


def find_server(store: Path) -> ServerInfo | None:
    """The server announced for ``store``, if its process is still alive."""
    path = server_file(store)
    try:
        data = json.loads(path.read_text())
        os.kill(int(data["pid"]), 0)
    except (OSError, ValueError, KeyError):
        return None
    return ServerInfo(data["url"], data.get("token"), int(data["pid"]))


def send_articles(
    server: ServerInfo, articles: Iterable[Article], report: IngestReport, timeout: float = 600.0
) -> IngestReport:
    """POST articles to a running server in batches; its answers fill ``report``."""
    headers = {"Authorization": f"Bearer {server.token}"} if server.token else {}
    batch: list[dict] = []
    with httpx.Client(base_url=server.url, timeout=timeout, headers=headers) as client:
        for article in [*articles, None]:
            if article is not None:
                batch.append(
                    {
                        "text": article.text,
                        "title": article.title,
                        "url": article.url,
                        "source": article.source,
                        "published": article.published.isoformat() if article.published else None,
                    }
                )
            if batch and (article is None or len(batch) >= SEND_BATCH):
                _post(client, batch, report)
                batch = []
    return report


def _post(client: httpx.Client, batch: list[dict], report: IngestReport) -> None:
    try:
        response = client.post("/api/articles", json=batch)
    except httpx.HTTPError as exc:
        report.failures.append(IngestFailure(str(client.base_url), f"server: {exc}"))
        return
    if response.status_code != 200:
        reason = response.json().get("error", response.text) if response.content else ""
        report.failures.append(
            IngestFailure(str(client.base_url), f"server answered {response.status_code}: {reason}")
        )
        return
    answer = response.json()
    report.new += answer["new"]
    report.duplicate += answer["duplicate"]
    report.failures += [IngestFailure(*f.split(": ", 1)) for f in answer["failures"]]
