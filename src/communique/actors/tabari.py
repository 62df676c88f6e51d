"""Import of PETRARCH/TABARI ``.actors`` dictionaries into the project's data format.

An entry is ``NAME_ [CODE]`` or ``NAME_`` followed by indented ``[CODE yymmdd-yymmdd]``
lines (``>yymmdd`` = from, ``<yymmdd`` = until) and ``+SYNONYM_`` lines. Entries with
dated or sector-bearing codes become people with roles; bare organisation codes become
organisations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from communique.resources import package_data, read_tsv

_CODE = re.compile(r"\[([A-Z0-9~]+)(?:\s+([<>]?\d{6})(?:-(\d{6})?)?)?\]")
ROLE_HEADER = [
    "person_id",
    "name",
    "aliases",
    "gender",
    "nationality",
    "title",
    "office",
    "body",
    "sector",
    "start",
    "end",
    "note",
]
ORG_HEADER = [
    "id",
    "code",
    "name",
    "kind",
    "parent",
    "aliases",
    "context_aliases",
    "adjectives",
    "seats",
    "note",
]


@dataclass
class Entry:
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)


def _tabari_name(raw: str) -> str:
    words = raw.strip().rstrip("_").replace("_", " ").split()
    return " ".join(w if any(c.isdigit() for c in w) else w.capitalize() for w in words)


def _yymmdd(value: str) -> date:
    year = int(value[:2])
    return date(
        1900 + year if year >= 50 else 2000 + year, int(value[2:4]) or 1, int(value[4:6]) or 1
    )


def _codes(line: str) -> list[tuple[str, date | None, date | None]]:
    found = []
    for code, first, second in _CODE.findall(line):
        start = end = None
        if first.startswith(">"):
            start = _yymmdd(first[1:])
        elif first.startswith("<"):
            end = _yymmdd(first[1:])
        elif first:
            start = _yymmdd(first)
            end = _yymmdd(second) if second else None
        found.append((code, start, end))
    return found


def parse_actors(text: str) -> list[Entry]:
    entries: list[Entry] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.strip().startswith(("<", "!")):
            continue
        if line.startswith((" ", "\t")) or line.lstrip().startswith("["):
            if entries:
                entries[-1].codes += _codes(line)
            continue
        if line.startswith("+"):
            if entries:
                entries[-1].synonyms.append(_tabari_name(line[1:].split("[")[0]))
            continue
        name = line.split("[")[0]
        entries.append(Entry(_tabari_name(name), codes=_codes(line)))
    return entries


def _igo_map() -> dict[str, str]:
    return {
        r["segment"]: r["code"]
        for r in read_tsv(package_data("communique.actors", "cameo_igo_codes.tsv"))
    }


def _body_sector(code: str, states: set[str], igos: dict[str, str]) -> tuple[str, str | None]:
    if code.startswith("IGO"):
        segments = [code[i : i + 3] for i in range(3, len(code), 3)]
        specific = [igos[s] for s in segments if s in igos and s != "EUR"]
        body = specific[0] if specific else igos.get("EUR", "IGO") if "EUR" in segments else "IGO"
        return body, "IGO"
    if code[:3] in states:
        return code[:3], (code[3:6] or None)
    return code, None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


STATE_HEADER = [
    "code",
    "iso2",
    "name",
    "kind",
    "parent",
    "aliases",
    "adjectives",
    "capitals",
    "metonyms",
    "note",
]


def convert(
    entries: list[Entry], states: set[str]
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Rows for a roles file, an organisations file and a states file. A bare
    three-letter code without dates is a state, known or not (a user's dictionary may code
    fictional states: PETRARCH's validation set does): its name and synonyms become the
    state's surfaces."""
    igos = _igo_map()
    roles, orgs, bare = [], [], []
    for entry in entries:
        if not entry.codes:
            continue
        personal = any(start or end for _, start, end in entry.codes) or any(
            not c.startswith("IGO") and len(c) > 3 for c, _, _ in entry.codes
        )
        aliases = "|".join(dict.fromkeys(s for s in entry.synonyms if s != entry.name))
        if not personal:
            body, _ = _body_sector(entry.codes[0][0], states, igos)
            if entry.codes[0][0].startswith("IGO"):
                orgs.append(
                    [
                        _slug(entry.name),
                        body,
                        entry.name,
                        "igo",
                        "",
                        aliases,
                        "",
                        "",
                        "",
                        f"imported {entry.codes[0][0]}",
                    ]
                )
            else:
                code = entry.codes[0][0]
                bare.append(
                    [code, "", entry.name, "state", "", aliases, "", "", "", f"imported {code}"]
                )
            continue
        person_id = _slug(entry.name)
        nationality = next((c[:3] for c, _, _ in entry.codes if c[:3] in states), "")
        for code, start, end in entry.codes:
            body, sector = _body_sector(code, states, igos)
            roles.append(
                [
                    person_id,
                    entry.name,
                    aliases,
                    "",
                    nationality,
                    "",
                    "other",
                    body,
                    sector or "",
                    start.isoformat() if start else "",
                    end.isoformat() if end else "",
                    f"imported {code}",
                ]
            )
    return roles, orgs, _merge_states(bare)


def _merge_states(rows: list[list[str]]) -> list[list[str]]:
    """One row per code: later entries of the same code become aliases of the first."""
    merged: dict[str, list[str]] = {}
    for row in rows:
        first = merged.get(row[0])
        if first is None:
            merged[row[0]] = row
            continue
        names = [*first[5].split("|"), row[2], *row[5].split("|")]
        first[5] = "|".join(dict.fromkeys(n for n in names if n and n != first[2]))
    return list(merged.values())


def import_actors(source: Path, target_dir: Path, states: set[str]) -> tuple[int, int]:
    """Convert ``source`` into ``target_dir`` (roles/imported_<stem>.tsv,
    organisations_imported_<stem>.tsv, states_imported_<stem>.tsv). Returns counts of
    role rows and of organisation and state rows."""
    text = source.read_text(encoding="utf-8", errors="replace")
    roles, orgs, bare = convert(parse_actors(text), states)
    stem = _slug(source.stem) or "actors"
    (target_dir / "roles").mkdir(parents=True, exist_ok=True)
    header = f"# imported from {source.name} by communique actors import\n"
    _write(target_dir / "roles" / f"imported_{stem}.tsv", header, ROLE_HEADER, roles)
    if orgs:
        _write(target_dir / f"organisations_imported_{stem}.tsv", header, ORG_HEADER, orgs)
    if bare:
        _write(target_dir / f"states_imported_{stem}.tsv", header, STATE_HEADER, bare)
    return len(roles), len(orgs) + len(bare)


def _write(path: Path, header: str, columns: list[str], rows: list[list[str]]) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(header)
        handle.write("\t".join(columns) + "\n")
        for row in rows:
            handle.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
    tmp.replace(path)
