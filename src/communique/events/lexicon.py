"""The event coder's rules and codebooks, loaded from the data files in ``events/data``
(format: docs/event-data-format.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.resources import package_data, read_tsv, split_multi


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    root: str
    goldstein: float | None
    quad_class: int | None
    plover_type: str | None = None
    plover_mode: str | None = None


@dataclass(frozen=True, slots=True)
class VerbEntry:
    verb: str
    code: str | None  # None: the verb codes only through its patterns
    passive_code: str | None
    origin: str


@dataclass(frozen=True, slots=True)
class VerbPattern:
    verb: str
    words: tuple[str, ...]
    code: str | None  # None: matching these words means the verb is no event
    passive_code: str | None
    origin: str

    @property
    def label(self) -> str:
        return f"{self.verb} * {' '.join(self.words)} [{self.code or '---'}] ({self.origin})"


@dataclass(frozen=True, slots=True)
class NounEntry:
    noun: str
    code: str
    source_from: tuple[str, ...]
    target_from: tuple[str, ...]
    symmetric: bool
    origin: str

    @property
    def label(self) -> str:
        return f"noun {self.noun} [{self.code}] ({self.origin})"


@dataclass
class Lexicon:
    codes: dict[str, CameoCode] = field(default_factory=dict)
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)
    verbs: dict[str, VerbEntry] = field(default_factory=dict)
    patterns: dict[str, list[VerbPattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, NounEntry] = field(default_factory=dict)
    intents: dict[str, str] = field(default_factory=dict)
    place_targets: frozenset[str] = frozenset()

    def place_may_take_part(self, source: Any, target: Any, code: str) -> bool:
        """A place that only says where (a mention with role "location") is never the
        source, and the target only of codes where the place is the host."""
        if getattr(source, "role", None) == "location":
            return False
        return getattr(target, "role", None) != "location" or code in self.place_targets

    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = ()) -> Lexicon:
        lex = cls()
        folders = [package_data("communique.events", ""), *extra_dirs]
        lex._load_codebook(folders[0])
        for row in read_tsv(folders[0] / "intent_codes.tsv"):
            lex.intents[row["code"]] = row["intent"]
        lex.place_targets = frozenset(
            row["code"] for row in read_tsv(folders[0] / "place_targets.tsv")
        )
        for folder in folders:
            for path in sorted(Path(folder).glob("synsets*.tsv")):
                lex._load_synsets(path)
        for folder in folders:
            # project files are read after the converted ones: their rows win
            for path in _ordered(Path(folder).glob("verbs*.tsv")):
                lex._load_verbs(path)
            for path in _ordered(Path(folder).glob("verb_patterns*.tsv")):
                lex._load_patterns(path)
            for path in _ordered(Path(folder).glob("nouns*.tsv")):
                lex._load_nouns(path)
        for verb_patterns in lex.patterns.values():
            # longest first; at equal length the project's own rows before converted ones
            verb_patterns.sort(key=lambda p: (-len(p.words), p.origin != "project"))
        return lex

    def _load_codebook(self, folder: Path) -> None:
        plover = {}
        if (folder / "cameo_plover.tsv").exists():
            for row in read_tsv(folder / "cameo_plover.tsv"):
                plover[row["code"]] = (
                    row.get("plover_event") or None,
                    row.get("plover_mode") or None,
                )
        for row in read_tsv(folder / "cameo_codebook.tsv"):
            p_type, p_mode = plover.get(row["code"], (None, None))
            self.codes[row["code"]] = CameoCode(
                code=row["code"],
                name=row["name"],
                root=row["root"],
                goldstein=float(row["goldstein"]) if row.get("goldstein") else None,
                quad_class=int(row["quad_class"]) if row.get("quad_class") else None,
                plover_type=p_type,
                plover_mode=p_mode,
            )

    def _valid(self, code: str | None) -> str | None:
        return code if code and code in self.codes else None

    def _load_synsets(self, path: Path) -> None:
        for row in read_tsv(path):
            name = row["name"].lstrip("&").upper()
            words = frozenset(w.lower() for w in split_multi(row["words"]))
            self.synsets[name] = self.synsets.get(name, frozenset()) | words

    def _load_verbs(self, path: Path) -> None:
        for row in read_tsv(path):
            verb = " ".join(row["verb"].lower().split())
            if not verb:
                continue
            self.verbs[verb] = VerbEntry(
                verb,
                self._valid(row.get("code")),
                self._valid(row.get("passive_code")),
                row.get("origin") or path.stem,
            )

    def _load_patterns(self, path: Path) -> None:
        for row in read_tsv(path):
            code = self._valid(row.get("code"))
            words = tuple(row["pattern"].lower().split())
            blocking = row.get("code") == "---"  # the verb with these words is no event
            if not words or not (code or blocking):
                continue
            verb = " ".join(row["verb"].lower().split())
            pattern = VerbPattern(
                verb,
                words,
                code,
                self._valid(row.get("passive_code")),
                row.get("origin") or path.stem,
            )
            existing = self.patterns[verb]
            existing[:] = [p for p in existing if p.words != words]
            existing.append(pattern)

    def _load_nouns(self, path: Path) -> None:
        for row in read_tsv(path):
            code = self._valid(row.get("code"))
            noun = " ".join(row["noun"].lower().split())
            if row.get("code") == "---":  # a later file withdraws a trigger
                self.nouns.pop(noun, None)
            if not code:
                continue
            self.nouns[noun] = NounEntry(
                noun,
                code,
                tuple(split_multi(row.get("source_from", ""))),
                tuple(split_multi(row.get("target_from", ""))),
                (row.get("symmetric") or "").lower() in {"yes", "true", "1"},
                row.get("origin") or path.stem,
            )

    def intent_code(self, code: str) -> str | None:
        """The intent code for an act announced for the future, if CAMEO has one."""
        for prefix in (code, code[:3], code[:2]):
            if prefix in self.intents:
                return self.intents[prefix]
        return None

    def word_matches(self, word: str, lemma: str, lower: str, tag: str = "") -> bool:
        if word == "@inf":  # the infinitive marker: "urged X to do"
            return tag == "TO"
        if word.startswith("&"):
            members = self.synsets.get(word[1:].upper(), frozenset())
            return lemma in members or lower in members
        return word in (lemma, lower)


def _ordered(paths: Iterable[Path]) -> list[Path]:
    """Converted dictionaries first, project files last (so they override)."""
    return sorted(paths, key=lambda p: ("project" in p.stem, p.name))


@lru_cache(maxsize=2)
def load_lexicon(extra_dirs: tuple[Path, ...] = ()) -> Lexicon:
    return Lexicon.load(extra_dirs)
