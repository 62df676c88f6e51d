"""Rendering rows as a table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(_plain(value))


def to_json_line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, default=_plain)


def render(
    rows: Sequence[dict[str, Any]],
    fmt: Format,
    out: TextIO,
    console: Console,
    title: str | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """Rows as JSON Lines or CSV with every field, or as a table of ``columns`` (all
    fields when not given) that fits the terminal."""
    if fmt is Format.json:
        for row in rows:
            out.write(to_json_line(row) + "\n")
        return
    if fmt is Format.csv:
        if not rows:
            return
        writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _plain(v) for k, v in row.items()})
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    if not rows:
        console.print("[dim]nothing found[/dim]")
        return
    keys = list(columns or rows[0].keys())
    for key in keys:
        wide = key in {
            "text",
            "title",
            "sentence",
            "cameo_name",
            "name",
            "actor_name",
            "what",
            "evidence",
        }
        width = max(len(key), *(len(str(_plain(r.get(key)) or "")) for r in rows))
        table.add_column(
            key,
            overflow="ellipsis",
            no_wrap=True,
            min_width=None if wide else min(width, 18),
            max_width=60 if wide else 24,
        )
    for row in rows:
        table.add_row(*(_cell(row.get(k)) for k in keys))
    console.print(table)
