"""Ingest stage: paths, folders, stdin and URLs in; cleaned, dated Articles out.

Every input that cannot be read becomes an :class:`IngestFailure` with a one-line reason,
and reading goes on with the rest."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from communique.config import Settings
from communique.ingest.clean import build_article
from communique.ingest.decode import IngestError, check_size, decode_bytes
from communique.ingest.fetch import fetch_url
from communique.ingest.readers import READERS, RawArticle, sniff_format
from communique.models import Article, IngestFailure

__all__ = ["IngestError", "build_article", "expand_inputs", "iter_articles"]

SKIP_SUFFIXES = {".md", ".gz", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".py"}


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def expand_inputs(inputs: Iterable[str]) -> Iterator[str]:
    """Inputs with folders replaced by their files (recursive, sorted, hidden skipped)."""
    for item in inputs:
        path = Path(item)
        if item == "-" or is_url(item) or not path.is_dir():
            yield item
            continue
        for child in sorted(path.rglob("*")):
            parts = child.relative_to(path).parts
            hidden = any(p.startswith(".") for p in parts)
            if child.is_file() and not hidden and child.suffix.lower() not in SKIP_SUFFIXES:
                yield str(child)


def iter_articles(
    inputs: Iterable[str],
    settings: Settings,
    *,
    published: date | None = None,
    source: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | IngestFailure]:
    """Articles from every input; failures are yielded, never raised."""
    for item in expand_inputs(inputs):
        try:
            raws = list(_read_input(item, settings, stdin))
        except IngestError as exc:
            yield IngestFailure(item, str(exc))
            continue
        except OSError as exc:
            yield IngestFailure(item, f"cannot read: {exc.strerror or exc}")
            continue
        for raw in raws:
            if isinstance(raw, IngestError):
                where, _, reason = str(raw).partition(": ")
                yield IngestFailure(where, reason)
                continue
            yield _to_article(raw, published, source)


def _to_article(
    raw: RawArticle, published: date | None, source: str | None
) -> Article | IngestFailure:
    try:
        return build_article(
            raw.text,
            title=raw.title,
            published=published or raw.published,
            source=source or raw.source or _site(raw.url),
            url=raw.url,
            path=None if raw.url and raw.where == raw.url else raw.where,
        )
    except ValueError as exc:
        return IngestFailure(raw.where, str(exc))


def _site(url: str | None) -> str | None:
    """A source name from a URL when the input names none: its host without "www."."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _read_input(
    item: str, settings: Settings, stdin: BinaryIO | None
) -> Iterator[RawArticle | IngestError]:
    if is_url(item):
        data, final_url, content_type = fetch_url(
            item, max_bytes=settings.max_bytes, timeout=settings.fetch_timeout
        )
        text = decode_bytes(data)
        kind = "html" if "html" in content_type else sniff_format(final_url, text)
        for raw in READERS[kind](text, item):
            if isinstance(raw, RawArticle):
                raw.url = raw.url or final_url
            yield raw
        return
    if item == "-":
        stream = stdin or sys.stdin.buffer
        data = stream.read(settings.max_bytes + 1)
        check_size(len(data), settings.max_bytes)
        name = "<stdin>"
    else:
        path = Path(item)
        if not path.exists():
            raise IngestError("no such file or folder")
        check_size(path.stat().st_size, settings.max_bytes)
        data = path.read_bytes()
        name = item
    text = decode_bytes(data)
    yield from READERS[sniff_format(name, text)](text, name)
