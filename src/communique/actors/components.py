"""The actor stage as spaCy pipeline components, registered by name. Each takes a Doc,
does one job, and leaves its result on ``doc._.actor_candidates`` or ``doc._.mentions``."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from communique.actors.agents import AgentExtender
from communique.actors.anaphoricity import shipped_filter
from communique.actors.coref import Coreference
from communique.actors.descriptions import shipped_detector
from communique.actors.kb import KnowledgeBase, load_kb
from communique.actors.locatives import LocativeMarker
from communique.actors.matcher import (
    BodyFinder,
    Gazetteer,
    NerMerge,
    PersonFinder,
    PlaceFinder,
    SpeakerFinder,
)
from communique.actors.names import NameLinker
from communique.actors.ranker import shipped_ranker
from communique.actors.resolver import ActorResolver
from communique.actors.roles import RoleFinder
from communique.actors.unnamed import UnnamedAgents

ACTOR_COMPONENTS = (
    "communique_gazetteer",
    "communique_ner_merge",
    "communique_person_finder",
    "communique_place_finder",
    "communique_speaker_finder",
    "communique_role_finder",
    "communique_agent_extender",
    "communique_body_finder",
    "communique_actor_resolver",
    "communique_name_linker",
    "communique_locatives",
    "communique_coreference",
    "communique_description_locatives",
    "communique_unnamed_agents",
)


def _kb(actor_dirs: list[str]) -> KnowledgeBase:
    return load_kb(tuple(Path(d) for d in actor_dirs))


@Language.factory("communique_gazetteer", default_config={"actor_dirs": []})
def make_gazetteer(nlp: Language, name: str, actor_dirs: list[str]) -> Gazetteer:
    return Gazetteer(nlp, _kb(actor_dirs))


@Language.factory("communique_ner_merge", default_config={"actor_dirs": []})
def make_ner_merge(nlp: Language, name: str, actor_dirs: list[str]) -> NerMerge:
    return NerMerge(_kb(actor_dirs))


@Language.factory("communique_person_finder", default_config={"actor_dirs": [], "threshold": 86.0})
def make_person_finder(
    nlp: Language, name: str, actor_dirs: list[str], threshold: float
) -> PersonFinder:
    return PersonFinder(_kb(actor_dirs), threshold=threshold)


@Language.factory("communique_speaker_finder", default_config={"actor_dirs": []})
def make_speaker_finder(nlp: Language, name: str, actor_dirs: list[str]) -> SpeakerFinder:
    return SpeakerFinder(_kb(actor_dirs))


@Language.factory("communique_place_finder", default_config={"actor_dirs": []})
def make_place_finder(nlp: Language, name: str, actor_dirs: list[str]) -> PlaceFinder:
    return PlaceFinder(nlp, _kb(actor_dirs))


@Language.factory("communique_role_finder", default_config={"actor_dirs": []})
def make_role_finder(nlp: Language, name: str, actor_dirs: list[str]) -> RoleFinder:
    return RoleFinder(nlp, _kb(actor_dirs))


@Language.factory("communique_agent_extender", default_config={"actor_dirs": []})
def make_agent_extender(nlp: Language, name: str, actor_dirs: list[str]) -> AgentExtender:
    return AgentExtender(_kb(actor_dirs))


@Language.factory("communique_body_finder", default_config={"actor_dirs": []})
def make_body_finder(nlp: Language, name: str, actor_dirs: list[str]) -> BodyFinder:
    return BodyFinder(_kb(actor_dirs))


@Language.factory("communique_actor_resolver", default_config={"actor_dirs": []})
def make_actor_resolver(nlp: Language, name: str, actor_dirs: list[str]) -> ActorResolver:
    return ActorResolver(_kb(actor_dirs))


@Language.factory("communique_coreference", default_config={"actor_dirs": []})
def make_coreference(nlp: Language, name: str, actor_dirs: list[str]) -> Coreference:
    return Coreference(nlp, _kb(actor_dirs), shipped_ranker(), shipped_detector(), shipped_filter())


@Language.factory("communique_name_linker", default_config={"actor_dirs": []})
def make_name_linker(nlp: Language, name: str, actor_dirs: list[str]) -> NameLinker:
    return NameLinker(_kb(actor_dirs))


@Language.factory("communique_locatives", default_config={"actor_dirs": []})
def make_locatives(nlp: Language, name: str, actor_dirs: list[str]) -> LocativeMarker:
    return LocativeMarker(_kb(actor_dirs))


@Language.factory("communique_description_locatives", default_config={"actor_dirs": []})
def make_description_locatives(nlp: Language, name: str, actor_dirs: list[str]) -> LocativeMarker:
    """After coreference: "in the country" says where, like "in Iran"."""
    return LocativeMarker(_kb(actor_dirs), descriptions=True)


@Language.factory("communique_unnamed_agents", default_config={"actor_dirs": []})
def make_unnamed_agents(nlp: Language, name: str, actor_dirs: list[str]) -> UnnamedAgents:
    return UnnamedAgents(_kb(actor_dirs))
