"""The event stage as a spaCy pipeline component, registered by name."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from communique.actors.kb import load_kb
from communique.events.coder import EventCoder
from communique.events.lexicon import load_lexicon


@Language.factory("communique_event_coder", default_config={"actor_dirs": [], "pattern_dirs": []})
def make_event_coder(
    nlp: Language, name: str, actor_dirs: list[str], pattern_dirs: list[str]
) -> EventCoder:
    kb = load_kb(tuple(Path(d) for d in actor_dirs))
    return EventCoder(kb, load_lexicon(tuple(Path(d) for d in pattern_dirs)))
