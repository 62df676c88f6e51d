"""From bytes to text, refusing what is not text: empty, binary, undecodable, too big."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class IngestError(Exception):
    """An input that cannot become an article; ``str()`` is the one-line reason."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise IngestError(f"too large: {size:,} bytes, the limit is {limit:,} (max_bytes)")


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` as text: UTF-8 (with or without BOM), UTF-16 with BOM, else the
    encoding charset-normalizer is confident about. Binary data is refused."""
    if not data.strip():
        raise IngestError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(f"undecodable text: {exc.reason} at byte {exc.start}") from None
    if _looks_binary(data):
        raise IngestError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"not UTF-8 ({exc.reason} at byte {exc.start})"
    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.1:
        raise IngestError(f"undecodable text: {utf8_error} and no other encoding fits")
    return data.decode(best.encoding, errors="strict")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > len(head) * 0.05
