#!/usr/bin/env python3
"""Convert the PETRARCH2 CAMEO verb dictionary and the CAMEO reference tables into the
event coder's data files (formats: docs/event-data-format.md).

Reads, from the shared reference folder:
  verbs/CAMEO.2.0.txt              PETRARCH2 verb dictionary (MIT)
  cameo/cameo_codes_merged.tsv     CAMEO codes, names, Goldstein values, quad classes
  cameo/gdelt_CAMEO.goldsteinscale.txt   GDELT Goldstein lookup
  plover/CAMEO2PLOVER-2021.txt     official CAMEO -> PLOVER mapping (CC BY-SA 4.0)

Writes, into src/communique/events/data/:
  cameo_codebook.tsv, cameo_plover.tsv, synsets.tsv, verbs_petrarch.tsv,
  verb_patterns_petrarch.tsv

Usage: python scripts/convert_petrarch_verbs.py [--reference DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("convert_petrarch_verbs")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = Path("/work/shared/reference")
DEFAULT_OUT = REPO / "src" / "communique" / "events" / "data"

NO_CODE = "---"
NEGATIONS = {"NOT", "NEVER", "NO"}
MARKERS = {"$", "+", "^", "%"}

VERBS_HEADER = (
    "# converted from petrarch2 CAMEO.2.0.txt (openeventdata/petrarch2, MIT License, "
    "Copyright (c) 2015 Open Event Data Alliance) by scripts/convert_petrarch_verbs.py"
)
CODEBOOK_HEADER = (
    "# CAMEO codes, short names, Goldstein values and quad classes (facts) converted by "
    "scripts/convert_petrarch_verbs.py from the GDELT CAMEO lookups (LOOKUP-CAMEO.eventcodes.txt, "
    "CAMEO.goldsteinscale.txt; GDELT open data) and the ICEWS CAMEO codebook (andybega/icews, "
    "MIT License, Copyright (c) 2022 Andreas Beger)"
)
CODEBOOK_NOTE = (
    "# names: ICEWS short names (GDELT's 044 name is garbled, its 106 line is merged into 1056 "
    "and its 101-108 names are misaligned); goldstein: GDELT's, ICEWS's for 1213 (not in GDELT); "
    "quad_class: GDELT's scheme"
)
PLOVER_HEADER = (
    "# CAMEO->PLOVER mapping from openeventdata/PLOVER CAMEO2PLOVER-2021.txt, CC BY-SA 4.0; "
    "rows with origin=project are additions by communique, also CC BY-SA 4.0."
)
PLOVER_LICENCE = "# licence: https://creativecommons.org/licenses/by-sa/4.0/"

# Base-form lines in CAMEO.2.0.txt that are inflected forms, and their lemmas.
INFLECTED = {
    "angered": "anger",
    "burnt": "burn",
    "deterring": "deter",
    "dispelling": "dispel",
    "forgave": "forgive",
    "forgiven": "forgive",
    "is": "be",
    "losing": "lose",
    "lost": "lose",
    "saw": "see",
    "touring": "tour",
    "understood": "understand",
    "worried": "worry",
}
# Base-form lines that are nouns, not verbs.
NOT_VERBS = {"collision", "concession", "confidence", "crackdown", "reassesment"}
# Multi-word forms joining two verbs ("+KILLED_AND") only served TABARI-style matching.
COORDINATORS = {"and", "or"}

# Synset words that end in "s" but are singular (or have no singular).
SINGULAR_S = {"abrams", "gas", "headquarters", "lats", "litas", "news", "s565s"}
IRREGULAR_PLURALS = {
    "analyses": "analysis",
    "infantrymen": "infantryman",
    "knives": "knife",
    "servicemen": "serviceman",
}

# Project PLOVER rows for the CAMEO appeals (02x) mirror the official rows of the parallel
# DEMAND codes (10x): 026-028 correspond to 106-108.
APPEAL_NOTE = "project mapping: CAMEO appeals ~ PLOVER REQUEST; not in the official table"
STATEMENT_NOTE = "no PLOVER type: statement"


# ---------------------------------------------------------------- codes


def split_codes(text: str) -> tuple[str, str]:
    """`[042:043]` -> ("042", "043"); `[:110]` -> ("---", "110"); `[030]` -> ("030", "")."""
    inner = text.strip().strip("[]").strip()
    active, _, passive = inner.partition(":")
    active = active.strip() or NO_CODE
    passive = passive.strip()
    if passive == active:
        passive = ""
    return active, passive


def codes_valid(active: str, passive: str, codebook: set[str]) -> bool:
    """Both codes must be CAMEO codes; the active one may be `---` if a passive one exists."""
    if passive and passive not in codebook:
        return False
    if active == NO_CODE:
        return bool(passive)
    return active in codebook


# ---------------------------------------------------------------- codebook


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def read_gdelt_goldstein(path: Path) -> dict[str, str]:
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return {r[0].strip(): r[1].strip() for r in rows if len(r) == 2 and r[0][:1].isdigit()}


def read_gdelt_codes(path: Path) -> set[str]:
    """Codes of GDELT's event code lookup, whose 1056 line also carries `106:[-5.0] ...`."""
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"^(\d{2,4})\t", text, re.M)) | set(re.findall(r"(\d{2,4}):\[", text))


def parent_code(code: str) -> str:
    return {2: "", 3: code[:2], 4: code[:3]}[len(code)]


def short_name(name: str) -> str:
    name = name.strip()
    return name[:1].upper() + name[1:]


def goldstein(gdelt: str, icews: str) -> str:
    value = gdelt or icews
    return f"{float(value):.1f}" if value else ""


def build_codebook(reference: Path) -> list[dict[str, str]]:
    merged = read_tsv(reference / "cameo" / "cameo_codes_merged.tsv")
    gdelt = read_gdelt_goldstein(reference / "cameo" / "gdelt_CAMEO.goldsteinscale.txt")
    missing = read_gdelt_codes(reference / "cameo" / "gdelt_CAMEO.eventcodes.raw.txt") - {
        r["code"].strip() for r in merged
    }
    if missing:
        raise ValueError(f"GDELT codes missing from the merged table: {sorted(missing)}")
    rows = []
    for r in merged:
        code = r["code"].strip()
        if gdelt.get(code, r["goldstein_gdelt"]) != r["goldstein_gdelt"]:
            raise ValueError(f"Goldstein mismatch for {code}")
        rows.append(
            {
                "code": code,
                "level": str(len(code)),
                "root": code[:2],
                "parent": parent_code(code),
                "name": short_name(r["name"]),
                "goldstein": goldstein(r["goldstein_gdelt"], r["goldstein_icews"]),
                "quad_class": r["quad_gdelt"].strip(),
            }
        )
    return rows


# ---------------------------------------------------------------- PLOVER


@dataclass
class PloverRow:
    code: str
    event: str
    mode: str = ""
    context: str = ""
    origin: str = "official"
    note: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "plover_event": self.event,
            "plover_mode": self.mode,
            "plover_context": self.context,
            "origin": self.origin,
            "note": self.note,
        }


def parse_plover_line(line: str) -> PloverRow | None:
    match = re.match(r"^(\d{2,4}):(.*)$", line.split("#", 1)[0].strip())
    if not match:
        return None
    parts = [p.strip() for p in match.group(2).split(",")] + ["", ""]
    context = "|".join(c.strip() for c in parts[2].split(";") if c.strip())
    return PloverRow(match.group(1), parts[0], parts[1], context)


def merge_plover(rows: Iterable[PloverRow]) -> dict[str, PloverRow]:
    """Identical repeats collapse; a code listed with two event types keeps both."""
    merged: dict[str, PloverRow] = {}
    for row in rows:
        old = merged.get(row.code)
        if old is None:
            merged[row.code] = row
        elif (old.event, old.mode, old.context) != (row.event, row.mode, row.context):
            old.event = f"{old.event}|{row.event}"
            old.note = f"official table lists {row.code} under more than one event type"
    return merged


def project_plover_row(code: str, official: dict[str, PloverRow]) -> PloverRow:
    if code.startswith("01"):
        return PloverRow(code, "", origin="project", note=STATEMENT_NOTE)
    twin = official.get("10" + code[2:]) or PloverRow("", "")
    note = APPEAL_NOTE
    if twin.mode or twin.context:
        note += f"; mode and context as official {twin.code}"
    return PloverRow(code, "REQUEST", twin.mode, twin.context, origin="project", note=note)


def build_plover(reference: Path, codebook: list[str], stats: Counter) -> list[dict[str, str]]:
    lines = (reference / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    parsed = [row for line in lines.splitlines() if (row := parse_plover_line(line))]
    official = merge_plover(parsed)
    stats["plover: official lines"] = len(parsed)
    rows = []
    for code in codebook:
        row = official.get(code) or project_plover_row(code, official)
        rows.append(row.as_dict())
    for code in sorted(set(official) - set(codebook)):
        stats[f"plover: official code {code} not in the codebook, dropped"] += 1
    return rows


# ---------------------------------------------------------------- verb dictionary


@dataclass
class Block:
    name: str
    code: str
    passive: str
    forms: list[tuple[str, str, str]] = field(default_factory=list)  # lemma, code, passive
    patterns: list[tuple[str, str]] = field(default_factory=list)  # body, comment


def strip_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body.split(";", 1)[0].rstrip(), comment.strip()


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current = ""
    for raw in lines:
        body, _ = strip_comment(raw)
        if body.startswith("&"):
            current = body.strip()[1:]
            synsets[current] = []
        elif body.startswith("+") and current:
            synsets[current].append(body.strip()[1:])
    return synsets


def singular(word: str) -> str:
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word in SINGULAR_S or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    return word[:-1]


def synset_entry(raw: str, plural_words: bool) -> str:
    words = raw.strip("_").replace("_", " ").lower().split()
    if plural_words:
        words = [singular(w) for w in words]
    return " ".join(words)


def convert_synsets(synsets: dict[str, list[str]]) -> dict[str, list[str]]:
    """Names lose PETRARCH's trailing `_` (its no-plural flag); entries become singular."""
    out: dict[str, list[str]] = {}
    for name, entries in synsets.items():
        nouns = not name.endswith("_")
        words = (synset_entry(e, nouns) for e in entries)
        out[set_name(name)] = list(dict.fromkeys(w for w in words if w))
    return out


def set_name(token: str) -> str:
    return token.lstrip("&").rstrip("_").upper()


def parse_header(line: str) -> Block:
    match = re.match(r"^---\s+(\S+)\s+(\[[^\]]*\])", line)
    if not match:
        raise ValueError(f"bad block header: {line!r}")
    active, passive = split_codes(match.group(2))
    return Block(match.group(1), active, passive)


def form_lemma(body: str) -> str:
    """`+ASK_FOR {...} [020]` -> "ask for"; `BURNT` -> "burn"; "" for a non-verb."""
    head = re.split(r"[\s{\[]", body.strip(), maxsplit=1)[0].lstrip("+")
    words = head.lower().split("_")
    words[0] = INFLECTED.get(words[0], words[0])
    if COORDINATORS & set(words) or head.lower() in NOT_VERBS:
        return ""
    return " ".join(w for w in words if w)


def parse_form(body: str, block: Block) -> tuple[str, str, str]:
    code = re.search(r"\[[^\]]*\]", body)
    active, passive = split_codes(code.group(0)) if code else (block.code, block.passive)
    return form_lemma(body), active, passive


def read_blocks(lines: list[str]) -> Iterator[Block]:
    block: Block | None = None
    for raw in lines:
        if raw.startswith("---"):
            if block:
                yield block
            block = parse_header(raw)
            continue
        body, comment = strip_comment(raw)
        if block is None or not body.strip():
            continue
        if body.lstrip().startswith("-"):
            block.patterns.append((body.lstrip()[1:], comment))
        else:
            block.forms.append(parse_form(body, block))
    if block:
        yield block


def split_sections(text: str) -> tuple[list[str], list[str]]:
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("####### VERB PATTERNS"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("######## TRANSFORMATIONS"))
    return lines[:start], lines[start + 1 : end]


# ---------------------------------------------------------------- patterns


def pattern_tokens(text: str) -> list[str]:
    """Words of a pattern half: groups flattened, markers dropped, `A_B` split into words."""
    tokens = []
    for token in re.sub(r"[(){}]", " ", text).split():
        parts = [token] if token.startswith("&") else token.split("_")
        tokens.extend(p for p in parts if p and p not in MARKERS)
    return tokens


def expand_alternatives(tokens: list[str]) -> list[list[str]]:
    """`TO/FOR PROTEST` -> [[TO, PROTEST], [FOR, PROTEST]]."""
    options = [t.split("/") for t in tokens]
    return [list(choice) for choice in itertools.product(*options)]


def note_from(comment: str) -> str:
    """The trailing comment names the verb(s) the pattern was written for."""
    verbs = list(dict.fromkeys(v.strip() for v in comment.split(",") if v.strip()))
    return "from " + ", ".join(verbs) if verbs else ""


def render(tokens: list[str]) -> str:
    return " ".join("&" + set_name(t).lower() if t.startswith("&") else t.lower() for t in tokens)


def parse_pattern(
    body: str, comment: str, synsets: set[str], codebook: set[str], stats: Counter
) -> list[tuple[str, str, str, str]]:
    """One PETRARCH pattern line -> [(pattern, code, passive, note)], counting drops."""
    match = re.match(r"^(.*)\*(.*?)(\[[^\]]*\])\s*\S*$", body)
    if not match:
        stats["patterns dropped: malformed"] += 1
        return []
    before = pattern_tokens(match.group(1))
    if before:
        negated = before[0] in NEGATIONS
        stats[f"patterns dropped: words before the verb{' (negation)' if negated else ''}"] += 1
        return []
    active, passive = split_codes(match.group(3))
    if not codes_valid(active, passive, codebook):
        stats[f"patterns dropped: code {match.group(3)} (no event or not a CAMEO code)"] += 1
        return []
    after = pattern_tokens(match.group(2))
    undefined = [t for t in after if t.startswith("&") and set_name(t) not in synsets]
    if undefined:
        stats[f"patterns dropped: undefined synset {' '.join(undefined)}"] += 1
        return []
    if not after:
        stats["patterns dropped: nothing after the verb once markers are removed"] += 1
        return []
    if any("/" in t for t in after):
        stats["patterns expanded: A/B alternatives"] += 1
    note = note_from(comment)
    return [(render(words), active, passive, note) for words in expand_alternatives(after)]


# ---------------------------------------------------------------- rows


def merge_notes(rows: Iterable[tuple[tuple[str, ...], str]]) -> list[tuple[tuple[str, ...], str]]:
    """Deduplicate rows by key, joining the distinct notes of the duplicates with `; `."""
    notes: dict[tuple[str, ...], list[str]] = {}
    for key, note in rows:
        kept = notes.setdefault(key, [])
        if note and note not in kept:
            kept.append(note)
    return [(key, "; ".join(n)) for key, n in notes.items()]


def verb_rows(blocks: list[Block], codebook: set[str], stats: Counter) -> list[dict[str, str]]:
    raw = []
    for block in blocks:
        stats["verb form lines read"] += len(block.forms)
        for lemma, active, passive in block.forms:
            if not lemma:
                stats["verb forms dropped: not a verb lemma (noun or coordination)"] += 1
            elif not codes_valid(active, passive, codebook):
                stats[f"verb forms dropped: code {active} (no event or not a CAMEO code)"] += 1
            else:
                raw.append(((lemma, active, passive), f"block {block.name.rstrip('_')}"))
    stats["verb rows before deduplication"] = len(raw)
    rows = merge_notes(raw)
    keys = ("verb", "code", "passive_code")
    return [dict(zip(keys, k, strict=True)) | {"origin": "petrarch2", "note": n} for k, n in rows]


PREPOSITIONS = frozenset(
    [
        "about",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "as",
        "at",
        "before",
        "behind",
        "between",
        "by",
        "down",
        "during",
        "for",
        "from",
        "in",
        "into",
        "near",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "through",
        "to",
        "toward",
        "towards",
        "under",
        "up",
        "upon",
        "with",
        "within",
        "without",
        "back",
    ]
)


def source_verbs(note: str) -> set[str]:
    """The verbs a pattern's comment names ("from ADVANCE, PUSH" -> {"advance", "push"})."""
    found = set()
    for part in note.split(";"):
        part = part.strip()
        if part.lower().startswith("from "):
            found |= {w.strip().lower().replace("_", " ") for w in part[5:].split(",")}
    return found


def pattern_rows(
    blocks: list[Block], synsets: set[str], codebook: set[str], stats: Counter
) -> list[dict[str, str]]:
    raw = []
    for block in blocks:
        verbs = list(dict.fromkeys(lemma for lemma, _, _ in block.forms if lemma))
        for body, comment in block.patterns:
            stats["pattern lines read"] += 1
            for pattern, active, passive, note in parse_pattern(
                body, comment, synsets, codebook, stats
            ):
                targets = verbs
                if pattern in PREPOSITIONS:
                    # a bare preposition says something only about the verb it was written
                    # for ("advance into"); copied to its block-mates it is noise
                    targets = [v for v in verbs if v in source_verbs(note)]
                    stats["single-preposition patterns kept for their own verb only"] += 1
                raw.extend(((verb, pattern, active, passive), note) for verb in targets)
    stats["pattern rows before deduplication"] = len(raw)
    rows = merge_notes(raw)
    keys = ("verb", "pattern", "code", "passive_code")
    return [dict(zip(keys, k, strict=True)) | {"origin": "petrarch2", "note": n} for k, n in rows]


def count_conflicts(rows: list[dict[str, str]], key: tuple[str, ...], stats: Counter) -> None:
    seen = Counter(tuple(r[k] for k in key) for r in rows)
    stats[f"rows sharing {'+'.join(key)} with another code (kept)"] = sum(
        n for n in seen.values() if n > 1
    )


# ---------------------------------------------------------------- output


def write_tsv(path: Path, header: list[str], rows: list[dict[str, str]], notes: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(line + "\n" for line in notes)
        writer = csv.DictWriter(
            handle, fieldnames=header, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE
        )
        writer.writeheader()
        writer.writerows(rows)
    log.info("%s: %d rows", path.name, len(rows))


def convert_verbs(reference: Path, codebook: set[str], stats: Counter) -> dict[str, list]:
    text = (reference / "verbs" / "CAMEO.2.0.txt").read_text(encoding="utf-8")
    synset_lines, verb_lines = split_sections(text)
    synsets = convert_synsets(read_synsets(synset_lines))
    blocks = list(read_blocks(verb_lines))
    stats["verb blocks read"] = len(blocks)
    verbs = verb_rows(blocks, codebook, stats)
    patterns = pattern_rows(blocks, set(synsets), codebook, stats)
    count_conflicts(verbs, ("verb",), stats)
    count_conflicts(patterns, ("verb", "pattern"), stats)
    synset_rows = [{"name": n, "words": "|".join(w)} for n, w in synsets.items()]
    return {"verbs": verbs, "patterns": patterns, "synsets": synset_rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    stats: Counter = Counter()

    codebook = build_codebook(args.reference)
    codes = [r["code"] for r in codebook]
    plover = build_plover(args.reference, codes, stats)
    data = convert_verbs(args.reference, set(codes), stats)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    codebook_cols = ["code", "level", "root", "parent", "name", "goldstein", "quad_class"]
    write_tsv(out / "cameo_codebook.tsv", codebook_cols, codebook, [CODEBOOK_HEADER, CODEBOOK_NOTE])
    plover_cols = list(PloverRow("", "").as_dict())
    write_tsv(out / "cameo_plover.tsv", plover_cols, plover, [PLOVER_HEADER, PLOVER_LICENCE])
    write_tsv(out / "synsets.tsv", ["name", "words"], data["synsets"], [VERBS_HEADER])
    verb_cols = ["verb", "code", "passive_code", "origin", "note"]
    write_tsv(out / "verbs_petrarch.tsv", verb_cols, data["verbs"], [VERBS_HEADER])
    pattern_cols = ["verb", "pattern", "code", "passive_code", "origin", "note"]
    write_tsv(out / "verb_patterns_petrarch.tsv", pattern_cols, data["patterns"], [VERBS_HEADER])
    for key, value in sorted(stats.items()):
        log.info("%6d  %s", value, key)


if __name__ == "__main__":
    main()
