"""People named again: a surname after the full name, a name spelt another way.

News names a person in full once ("Denny Roy, a senior fellow at ...") and by surname
afterwards ("Roy said"); transliterations vary (Zelensky, Zelenskyy, Zelenskiy). This
component, after the resolver, gives such mentions the actor of the full name: a person
of the knowledge base by folded name, or the unknown person seen before with the body
their title named."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc

from communique.actors.kb import KnowledgeBase
from communique.models import Mention, ResolvedActor
from communique.nlp.dates import article_period
from communique.resources import package_data, read_tsv


@lru_cache(maxsize=1)
def _variants() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = read_tsv(package_data("communique.actors", "name_variants.tsv"))
    return tuple((re.compile(r["pattern"]), r["replacement"]) for r in rows)


def fold(name: str) -> str:
    """A name for comparison: no diacritics, lower case, hyphens as spaces, spelling
    variants reduced (``name_variants.tsv``)."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’`]s$", "", plain)
    plain = re.sub(r"[^a-z ]+", " ", plain.replace("-", " "))
    plain = " ".join(plain.split())
    for pattern, replacement in _variants():
        plain = pattern.sub(replacement, plain)
    return plain


class NameLinker:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.people: dict[str, set[str]] = {}
        for text, entries in kb.surfaces.items():
            for entry in entries:
                if entry.how in {"name", "alias"} and kb.actors[entry.actor_id].is_person:
                    self.people.setdefault(fold(text), set()).add(entry.actor_id)

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = list(doc._.mentions or [])
        first, last = article_period(doc)
        for m in mentions:
            if m.actor is not None and m.actor.kind == "unresolved":
                known = self._known(m.text, first, last)
                if known is not None:
                    m.actor, m.how = known, "variant"
        doc._.mentions = self._carry(doc, mentions)
        return doc

    def _known(self, text: str, first, last) -> ResolvedActor | None:
        ids = self.people.get(fold(text), set())
        if len(ids) != 1:
            return None
        return self.kb.resolve(next(iter(ids)), first, last)

    def _carry(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Surnames of people named in full before take their actor, and so does an
        unknown person's full name repeated without the title that gave its body."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        by_start = {m.start: m for m in mentions}
        seen: dict[str, Mention] = {}
        full_names: dict[str, Mention] = {}
        result: list[Mention] = list(mentions)
        for token in doc:
            m = by_start.get(token.idx)
            if m is not None and m.actor is not None and m.actor.is_person:
                words = m.text.split()
                first = full_names.get(fold(m.text)) if len(words) >= 2 else None
                if first is not None and m.actor.kind == "unresolved" and first.actor != m.actor:
                    m.actor, m.basis = first.actor, "the same name before"  # "Mech Dara" again
                if len(words) >= 2 and m.actor.code:
                    full_names.setdefault(fold(m.text), m)
                if len(words) >= 2:  # "Jimmy Lai", even of no known body, owns "Lai"
                    seen[fold(words[-1])] = m
                elif len(words) == 1 and fold(m.text) in seen and _weaker(m):
                    full = seen[fold(m.text)]
                    m.actor, m.how, m.basis = full.actor, "surname", "surname of a name before"
                continue
            if token.idx in taken or not token.is_title or token.pos_ != "PROPN":
                continue
            full = seen.get(fold(token.text))
            if full is not None:
                result.append(
                    Mention(
                        token.text,
                        token.idx,
                        token.idx + len(token),
                        full.actor,
                        "surname",
                        basis="surname of a name before",
                    )
                )
        return sorted(result, key=lambda m: m.start)


def _weaker(mention: Mention) -> bool:
    """A one-word mention whose own resolution is unsure: unknown, or a surname match."""
    return (
        mention.actor is None
        or mention.actor.kind == "unresolved"
        or mention.how in {"surname", "ner", "fuzzy", "speaker"}
    )
