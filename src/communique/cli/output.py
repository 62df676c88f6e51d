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


def to_json_line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, default=_plain)


def render(
    rows: Sequence[dict[str, Any]],
    fmt: Format,
    out: TextIO,
    console: Console,
    title: str | None = None,
) -> None:
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
    for key in rows[0]:
        table.add_column(key, overflow="fold", max_width=60)
    for row in rows:
        table.add_row(*("" if v is None else str(_plain(v)) for v in row.values()))
    console.print(table)
