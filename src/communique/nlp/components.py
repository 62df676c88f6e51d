"""Components of the NLP stage: the headline boundary and names with initials (before the
parser), and the date window of an undated article (before the actors are resolved)."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from communique.actors.kb import load_kb
from communique.nlp.window import DateWindowFinder


@Language.component(
    "communique_title_boundary",
    requires=["doc._.title_chars"],
    assigns=["token.is_sent_start"],
)
def title_boundary(doc: Doc) -> Doc:
    """The headline is its own sentence: the body starts a new one whatever the parser
    would have joined (a headline has no full stop)."""
    end = doc._.title_chars or 0
    if end:
        for token in doc:
            if token.idx >= end:
                token.is_sent_start = True
                break
            if token.i > 0:
                token.is_sent_start = False
    return doc


_INITIAL = re.compile(r"(?:[A-Z]\.)+")  # "J.", "U.S.", "U.N."


@Language.component(
    "communique_initials",
    requires=["token.is_sent_start"],
    assigns=["token.is_sent_start"],
)
def initials(doc: Doc) -> Doc:
    """A full stop of an initial or an abbreviation does not end the sentence when a name
    goes on after it ("Secretary of State Antony J. Blinken", "U.S. Special Representative
    Kim"): the parser would split there and cut the subject from its verb."""
    for token in doc[:-1]:
        after = doc[token.i + 1]
        if (
            _INITIAL.fullmatch(token.text)
            and after.is_title
            and not after.is_stop
            and not after.is_sent_start
            and "\n" not in token.whitespace_ + after.text
        ):
            after.is_sent_start = False
    return doc


@Language.factory(
    "communique_date_window",
    default_config={"actor_dirs": []},
    requires=["doc._.actor_candidates", "doc._.ref_date"],
    assigns=["doc._.date_window", "doc._.ref_date", "doc._.ref_event_date"],
)
def make_date_window(nlp: Language, name: str, actor_dirs: list[str]) -> DateWindowFinder:
    """Dates an article that came without a date (see :mod:`communique.nlp.window`)."""
    return DateWindowFinder(load_kb(tuple(Path(d) for d in actor_dirs)))
