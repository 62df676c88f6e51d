"""Components of the NLP stage that run before the parser."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


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
