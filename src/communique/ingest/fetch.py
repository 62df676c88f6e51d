"""Fetching articles over http(s), refusing hosts on private, loopback or link-local
addresses (so a URL cannot be used to reach the user's own network)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from communique.ingest.decode import IngestError, check_size

MAX_REDIRECTS = 5
USER_AGENT = "communique/0.1 (+news event coder)"


def check_public_url(url: str) -> None:
    """Raise IngestError unless ``url`` is http(s) and every address of its host is public."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise IngestError(f"refused: only http and https URLs are fetched, not {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise IngestError("refused: URL has no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or 0, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise IngestError(f"cannot resolve host {host!r}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise IngestError(
                f"refused: host {host!r} resolves to non-public address {address} "
                "(private, loopback, link-local or reserved)"
            )


def fetch_url(url: str, *, max_bytes: int, timeout: float) -> tuple[bytes, str, str]:
    """GET ``url`` following redirects, checking every hop. Returns body, final URL and
    content type."""
    current = url
    with httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_public_url(current)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise IngestError(f"HTTP {response.status_code}")
                    body = _read_limited(response, max_bytes)
                    return body, str(response.url), response.headers.get("content-type", "")
            except httpx.HTTPError as exc:
                raise IngestError(f"fetch failed: {exc.__class__.__name__}: {exc}") from None
    raise IngestError(f"too many redirects (more than {MAX_REDIRECTS})")


def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit():
        check_size(int(declared), max_bytes)
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        check_size(total, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)
