"""The quote stage as a spaCy pipeline component, registered by name."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from communique.events.lexicon import load_lexicon
from communique.quotes.finder import QuoteFinder
from communique.quotes.speakers import shipped_speaker_ranker


@Language.factory("communique_quote_finder", default_config={"pattern_dirs": []})
def make_quote_finder(nlp: Language, name: str, pattern_dirs: list[str]) -> QuoteFinder:
    return QuoteFinder(load_lexicon(tuple(Path(d) for d in pattern_dirs)), shipped_speaker_ranker())
