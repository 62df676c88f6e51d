"""Readers: one per input format, each turning decoded content into raw article records."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import feedparser
import lxml.html
import trafilatura

from communique.ingest.dates import parse_date
from communique.ingest.decode import IngestError

TEXT_KEYS = ("text", "body", "content", "article", "full_text", "maintext")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "uri")
DATE_KEYS = ("published", "date", "pubDate", "published_at", "date_publish", "datetime")
SOURCE_KEYS = ("source", "site", "sitename", "source_name", "publisher")
_TAG = re.compile(r"<(p|div|br|html|body|span|a|article|h\d)\b", re.IGNORECASE)


@dataclass(slots=True)
class RawArticle:
    """What a reader found, before cleaning."""

    text: str
    where: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None


def sniff_format(name: str, text: str) -> str:
    """The reader to use for a file, by extension first and by content otherwise."""
    lower = name.lower()
    for ext, kind in (
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".json", "json"),
        (".html", "html"),
        (".htm", "html"),
        (".xhtml", "html"),
        (".rss", "feed"),
        (".atom", "feed"),
        (".xml", "feed"),
        (".txt", "txt"),
    ):
        if lower.endswith(ext):
            return kind
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<rss", "<feed", "<rdf:rdf")) or (
        head.startswith("<?xml") and re.search(r"<(rss|feed|rdf:rdf)\b", head)
    ):
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or _TAG.search(head[:200]):
        return "html"
    if head.startswith(("{", "[")):
        return "jsonl" if "\n{" in text.strip() and not head.startswith("[") else "json"
    return "txt"


def read_txt(text: str, where: str) -> Iterator[RawArticle]:
    yield RawArticle(text=text, where=where)


def html_to_text(html: str, where: str, url: str | None = None) -> RawArticle:
    """Main text and metadata of an HTML page, by trafilatura."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError, lxml.etree.ParserError) as exc:
        raise IngestError(f"malformed HTML: {exc}") from None
    if doc is None or not (doc.text or "").strip():
        raise IngestError("malformed HTML or no article text found in the page")
    paragraphs = (doc.text or "").replace("\n", "\n\n")
    return RawArticle(
        text=paragraphs,
        where=where,
        title=doc.title,
        published=parse_date(doc.date),
        source=doc.sitename,
        url=url or doc.url,
    )


def read_html(text: str, where: str) -> Iterator[RawArticle]:
    yield html_to_text(text, where)


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = obj.get(key)
        if value not in (None, ""):
            return value
    return None


def from_object(obj: Any, where: str) -> RawArticle:
    """An article from one JSON object with text/body/content, title, url, date, source."""
    if not isinstance(obj, dict):
        raise IngestError(f"expected a JSON object, found {type(obj).__name__}")
    body = _first(obj, TEXT_KEYS)
    if not isinstance(body, str) or not body.strip():
        raise IngestError(f"no text field ({', '.join(TEXT_KEYS)})")
    source = _first(obj, SOURCE_KEYS)
    if isinstance(source, dict):
        source = source.get("name") or source.get("title")
    url = _first(obj, URL_KEYS)
    raw = RawArticle(
        text=body,
        where=where,
        title=_first(obj, TITLE_KEYS),
        published=parse_date(str(_first(obj, DATE_KEYS) or "")),
        source=str(source) if source else None,
        url=str(url) if url else None,
    )
    if _TAG.search(body[:500]):
        page = html_to_text(body, where, raw.url)
        raw.text = page.text
    return raw


def read_json(text: str, where: str) -> Iterator[RawArticle | IngestError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"malformed JSON: {exc.msg} at line {exc.lineno}") from None
    items = data if isinstance(data, list) else (data.get("articles") or [data])
    for index, obj in enumerate(items):
        label = f"{where}[{index}]" if isinstance(data, list) or len(items) > 1 else where
        try:
            yield from_object(obj, label)
        except IngestError as exc:
            yield IngestError(f"{label}: {exc}")


def read_jsonl(text: str, where: str) -> Iterator[RawArticle | IngestError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{where}:{lineno}"
        try:
            yield from_object(json.loads(line), label)
        except json.JSONDecodeError as exc:
            yield IngestError(f"{label}: malformed JSON: {exc.msg}")
        except IngestError as exc:
            yield IngestError(f"{label}: {exc}")


def read_feed(text: str, where: str) -> Iterator[RawArticle | IngestError]:
    parsed = feedparser.parse(text)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise IngestError(f"malformed or empty feed: {reason}")
    site = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries):
        label = f"{where}#{index}"
        content = entry.get("content") or []
        html = content[0].get("value") if content else entry.get("summary", "")
        body = _fragment_text(html or "")
        if not body.strip():
            yield IngestError(f"{label}: feed entry has no text")
            continue
        yield RawArticle(
            text=body,
            where=label,
            title=entry.get("title"),
            published=parse_date(entry.get("published") or entry.get("updated")),
            source=site,
            url=entry.get("link"),
        )


def _fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed summary), paragraphs kept apart."""
    if not _TAG.search(html) and "&" not in html:
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n\n" + (block.tail or "")
    return root.text_content()


READERS = {
    "txt": read_txt,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "feed": read_feed,
}
