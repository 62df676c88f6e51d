"""The actor knowledge base: states, organisations and people with dated roles, loaded
from the data files in ``actors/data`` (and any user folders in the same format)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from communique.models import Actor, ResolvedActor, Role
from communique.resources import DataFileError, package_data, read_tsv, split_multi

OFFICE_PRIORITY = (
    "igo_head",
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "igo_official",
    "presidential_spokesperson",
    "foreign_ministry_spokesperson",
    "government_spokesperson",
    "minister",
    "military_chief",
    "other",
)
SPOKESPERSON_OFFICES = (
    "presidential_spokesperson",
    "foreign_ministry_spokesperson",
    "government_spokesperson",
)
FAMILY_NAME_FIRST = {"CHN", "KOR", "PRK", "TWN", "HKG", "MAC"}
DOUBLE_SURNAME = {
    "MEX",
    "ESP",
    "COL",
    "PER",
    "CHL",
    "VEN",
    "ECU",
    "BOL",
    "CUB",
    "GTM",
    "HND",
    "SLV",
    "NIC",
    "CRI",
    "PAN",
    "DOM",
    "URY",
    "PRY",
    "ARG",
}
_PARTICLES = {
    "da",
    "de",
    "di",
    "du",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "ibn",
    "al",
    "el",
    "le",
    "la",
}


@dataclass(frozen=True, slots=True)
class Surface:
    """One way of writing an actor: the alias and what kind of reference it is."""

    actor_id: str
    how: str  # name | alias | adjective | capital | metonym | seat | surname
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class OfficePhrase:
    phrase: str
    office: str
    applies: str


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    roles: dict[str, list[Role]] = field(default_factory=lambda: defaultdict(list))
    surfaces: dict[str, list[Surface]] = field(default_factory=lambda: defaultdict(list))
    context_aliases: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    agents: dict[str, str] = field(default_factory=dict)
    offices: list[OfficePhrase] = field(default_factory=list)
    institutions: dict[str, str] = field(default_factory=dict)
    anaphora: dict[str, tuple[str, ...]] = field(default_factory=dict)
    surname_stoplist: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    gender_cues: dict[str, str] = field(default_factory=dict)
    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    shared_institutions: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    _by_body: dict[str, list[Role]] | None = field(default=None, repr=False)

    # ---- loading -------------------------------------------------------------------

    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = ()) -> KnowledgeBase:
        kb = cls()
        base = package_data("communique.actors", "")
        for folder in (base, *extra_dirs):
            kb.load_folder(Path(folder))
        kb._derive_surnames()
        kb._by_body = None
        return kb

    def load_folder(self, folder: Path) -> None:
        loaders = {
            "states": self._load_states,
            "organisations": self._load_organisations,
            "agents": self._load_agents,
            "offices": self._load_offices,
            "institutions": self._load_institutions,
            "anaphora": self._load_anaphora,
            "shared_institutions": self._load_shared_institutions,
            "places": self._load_places,
            "home_bodies": self._load_home_bodies,
        }
        for stem, loader in loaders.items():
            for path in sorted(folder.glob(f"{stem}*.tsv")):
                loader(path)
                self.sources.append(str(path))
        cues = folder / "gender_cues.tsv"
        if cues.exists():
            self.gender_cues.update({r["word"]: r["gender"] for r in read_tsv(cues)})
            self.sources.append(str(cues))
        nouns = folder / "person_nouns.tsv"
        if nouns.exists():
            self.person_nouns = self.person_nouns | {r["noun"] for r in read_tsv(nouns)}
            self.sources.append(str(nouns))
        stoplist = folder / "surname_stoplist.txt"
        if stoplist.exists():
            words = {
                w.strip().lower()
                for w in stoplist.read_text(encoding="utf-8").splitlines()
                if w.strip() and not w.startswith("#")
            }
            self.surname_stoplist = self.surname_stoplist | words
        for path in sorted((folder / "roles").glob("*.tsv")) if (folder / "roles").is_dir() else []:
            self.load_roles(path)
            self.sources.append(str(path))

    def _add_surface(self, text: str, surface: Surface) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if text.lower().startswith("the ") and len(text.split()) > 2:
            text = text[4:]
        entries = self.surfaces[text]
        if surface not in entries:
            entries.append(surface)

    def _load_states(self, path: Path) -> None:
        for row in read_tsv(path):
            code = row["code"]
            self.actors[code] = Actor(
                id=code,
                name=row["name"],
                kind=row.get("kind") or "state",
                code=code,
                parent=row.get("parent") or None,
            )
            self._add_surface(row["name"], Surface(code, "name"))
            for alias in split_multi(row.get("aliases", "")):
                self._add_surface(alias, Surface(code, "alias"))
            for adjective in split_multi(row.get("adjectives", "")):
                self._add_surface(adjective, Surface(code, "adjective"))
            for capital in split_multi(row.get("capitals", "")):
                self._add_surface(capital, Surface(code, "capital", "GOV"))
            for metonym in split_multi(row.get("metonyms", "")):
                text, _, sector = metonym.partition(":")
                self._add_surface(text, Surface(code, "metonym", sector or "GOV"))

    def _load_organisations(self, path: Path) -> None:
        for row in read_tsv(path):
            org_id = row["id"]
            self.actors[org_id] = Actor(
                id=org_id,
                name=row["name"],
                kind=row.get("kind") or "igo",
                code=row.get("code") or org_id,
                parent=row.get("parent") or None,
            )
            self._add_surface(row["name"], Surface(org_id, "name"))
            for alias in split_multi(row.get("aliases", "")):
                self._add_surface(alias, Surface(org_id, "alias"))
            for adjective in split_multi(row.get("adjectives", "")):
                self._add_surface(adjective, Surface(org_id, "adjective"))
            for seat in split_multi(row.get("seats", "")):
                self._add_surface(seat, Surface(org_id, "seat"))
            for phrase in split_multi(row.get("context_aliases", "")):
                key = phrase.lower().removeprefix("the ").strip()
                if org_id not in self.context_aliases[key]:
                    self.context_aliases[key].append(org_id)

    def _load_agents(self, path: Path) -> None:
        for row in read_tsv(path):
            for phrase in split_multi(row["phrase"]):
                self.agents[phrase.lower()] = row["sector"]

    def _load_offices(self, path: Path) -> None:
        for row in read_tsv(path):
            for phrase in split_multi(row["phrase"]):
                self.offices.append(OfficePhrase(phrase.lower(), row["office"], row["applies"]))

    def _load_institutions(self, path: Path) -> None:
        for row in read_tsv(path):
            for phrase in split_multi(row["phrase"]):
                self.institutions[phrase.lower()] = row["office"]

    def _load_home_bodies(self, path: Path) -> None:
        """Think tanks, universities, NGOs and companies: their state, in their sector."""
        for row in read_tsv(path):
            for text in (row["name"], *split_multi(row.get("aliases", ""))):
                self._add_surface(text, Surface(row["code"], "metonym", row["sector"]))

    def _load_places(self, path: Path) -> None:
        """Regions and cities: each spelling -> (usual name, state code)."""
        for row in read_tsv(path):
            for text in (row["name"], *split_multi(row.get("aliases", ""))):
                self.places[" ".join(text.split())] = (row["name"], row["code"])

    def _load_shared_institutions(self, path: Path) -> None:
        for row in read_tsv(path):
            codes = tuple(split_multi(row["codes"]))
            self.shared_institutions[row["phrase"].lower()] = (codes, row["sector"])

    def _load_anaphora(self, path: Path) -> None:
        for row in read_tsv(path):
            kinds = tuple(split_multi(row["antecedent"]))
            for phrase in split_multi(row["phrase"]):
                self.anaphora[phrase.lower()] = kinds

    def load_roles(self, path: Path) -> None:
        """Read one roles file: one row per dated role, person columns repeated."""
        for row in read_tsv(path):
            person_id = row["person_id"]
            if not person_id:
                continue
            if person_id not in self.actors:
                self.actors[person_id] = Actor(
                    id=person_id,
                    name=row["name"],
                    kind="person",
                    gender=row.get("gender") or None,
                    nationality=row.get("nationality") or None,
                )
                self._add_surface(row["name"], Surface(person_id, "name"))
            for alias in split_multi(row.get("aliases", "")):
                self._add_surface(alias, Surface(person_id, "alias"))
            if row.get("office"):
                self.roles[person_id].append(_role_from_row(row, path))

    def _derive_surnames(self) -> None:
        """Bare surnames of people ("Stoltenberg"), from names and aliases; never one that
        already names a state or organisation ("Jordan", "Magyar")."""
        for text, entries in list(self.surfaces.items()):
            for entry in entries:
                actor = self.actors[entry.actor_id]
                if entry.how not in {"name", "alias"} or not actor.is_person or " of " in text:
                    continue
                for surname in surname_forms(text, actor.nationality):
                    taken = self.surfaces.get(surname, ())
                    if any(not self.actors[e.actor_id].is_person for e in taken):
                        continue
                    self._add_surface(surname, Surface(entry.actor_id, "surname"))

    # ---- questions -------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def role_on(self, person_id: str, first: date, last: date | None = None) -> Role | None:
        """The most important role ``person_id`` held on ``first`` (or at any time in
        [first, last] when the date is known only to the month or year)."""
        last = last or first
        held = [r for r in self.roles.get(person_id, ()) if r.overlaps(first, last)]
        if not held:
            return None
        return min(held, key=lambda r: (_office_rank(r.office), -(r.start or date.min).toordinal()))

    def holders(self, body: str, office: str, first: date, last: date | None = None) -> list[str]:
        """People who held ``office`` for ``body`` on the date (or in the period)."""
        last = last or first
        offices = SPOKESPERSON_OFFICES if office == "spokesperson" else (office,)
        found = [
            r.person_id
            for r in self._roles_by_body().get(body, ())
            if r.office in offices and r.overlaps(first, last)
        ]
        return list(dict.fromkeys(found))

    def _roles_by_body(self) -> dict[str, list[Role]]:
        if self._by_body is None:
            index: dict[str, list[Role]] = defaultdict(list)
            for roles in self.roles.values():
                for role in roles:
                    index[role.body].append(role)
            self._by_body = dict(index)
        return self._by_body

    def resolve(
        self, actor_id: str, day: date | None, last: date | None = None, sector: str | None = None
    ) -> ResolvedActor:
        """The actor with the code it acts under on ``day``: a person's code is the body of
        their role that day, else their nationality."""
        actor = self.actors[actor_id]
        if not actor.is_person:
            return ResolvedActor(actor.id, actor.name, actor.code, sector, actor.kind)
        role = self.role_on(actor_id, day, last) if day else self.latest_role(actor_id)
        if role is not None:
            return ResolvedActor(actor.id, actor.name, role.body, role.sector, "person")
        return ResolvedActor(actor.id, actor.name, actor.nationality, None, "person")

    def latest_role(self, person_id: str) -> Role | None:
        """With no date at all: the person's most recent role (an office is what news
        names people for; nationality is the last resort)."""
        roles = self.roles.get(person_id, ())
        if not roles:
            return None
        return max(roles, key=lambda r: (r.end is None, r.start or date.min))

    def search(self, query: str, limit: int = 50) -> list[Actor]:
        """Actors whose id, name or any alias contains ``query`` (case-insensitive)."""
        needle = query.casefold()
        hits: dict[str, Actor] = {}
        for actor in self.actors.values():
            if needle in actor.id.casefold() or needle in actor.name.casefold():
                hits[actor.id] = actor
        for text, entries in self.surfaces.items():
            if needle in text.casefold():
                for entry in entries:
                    hits.setdefault(entry.actor_id, self.actors[entry.actor_id])
        return sorted(hits.values(), key=lambda a: (a.kind == "person", a.name))[:limit]


def surname_forms(name: str, nationality: str | None = None) -> list[str]:
    """Surnames of a full name: the last word, with a particle ("da Silva", "al-Sudani")
    and without an "al-" prefix; the first word for family-name-first nationalities
    ("Xi" of Xi Jinping); the last two words for double Spanish surnames."""
    words = name.replace(",", " ").split()
    if len(words) == 2 and _SUFFIX.fullmatch(words[-1]):
        return []  # "Felipe VI": no surname
    while len(words) > 2 and _SUFFIX.fullmatch(words[-1]):
        words = words[:-1]  # "Ferdinand Marcos Jr." -> Marcos
    if len(words) < 2:
        return []
    if _family_name_first(words, nationality):
        return [words[0]]
    last = words[-1]
    forms = [last]
    if nationality in DOUBLE_SURNAME and len(words) >= 3 and words[-2][:1].isupper():
        forms.append(f"{words[-2]} {last}")
    if len(words) >= 3 and words[-2].lower() in _PARTICLES:
        forms.append(f"{words[-2]} {last}")
        if words[-2][:1].isupper():
            forms = [f"{words[-2]} {last}"]  # "De Croo", never "Croo"
        elif len(words) >= 4 and words[-3].lower() in _PARTICLES:
            forms = [f"{words[-3]} {words[-2]} {last}"]  # "von der Leyen"
    stripped = re.sub(r"^(al|el)-", "", last, flags=re.I)
    if stripped != last and len(stripped) > 2:
        forms.append(stripped[0].upper() + stripped[1:])
    return [f for f in forms if len(f) > 1 and (f[:1].isupper() or " " in f or "-" in f)]


_SUFFIX = re.compile(r"(?:Jr|Sr)\.?|I{1,3}|IV|VI{0,3}|IX|X")


def _family_name_first(words: list[str], nationality: str | None) -> bool:
    """Family name first: mainland Chinese "Xi Jinping"; elsewhere in East Asia only with
    a hyphenated or two-word given name ("Tsai Ing-wen", "Kim Jong Un"), since "David
    Lin" and "Frank Hsieh" put the given name first."""
    if nationality not in FAMILY_NAME_FIRST or len(words) not in (2, 3) or len(words[0]) > 5:
        return False
    return nationality == "CHN" or len(words) == 3 or "-" in words[1]


def _office_rank(office: str) -> int:
    return OFFICE_PRIORITY.index(office) if office in OFFICE_PRIORITY else len(OFFICE_PRIORITY)


def _parse_day(value: str, path: Path) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(f"{path}: bad date {value!r}") from None


def _role_from_row(row: dict[str, str], path: Path) -> Role:
    return Role(
        person_id=row["person_id"],
        title=row.get("title", ""),
        office=row["office"],
        body=row["body"],
        sector=row.get("sector") or None,
        start=_parse_day(row.get("start", ""), path),
        end=_parse_day(row.get("end", ""), path),
    )


@lru_cache(maxsize=4)
def load_kb(extra_dirs: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The knowledge base, loaded once per set of folders (it is read-only)."""
    return KnowledgeBase.load(extra_dirs)
