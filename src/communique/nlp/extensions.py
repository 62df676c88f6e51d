"""Custom attributes on the spaCy Doc: where each stage leaves its typed results."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from communique.actors.kb import Surface


@dataclass(slots=True)
class Candidate:
    """A token span that may refer to an actor, before the resolver picks one.

    ``fixed`` is set when the span already determines one actor (a role phrase resolved
    to its holder); ``office`` is a title seen right before a name ("President Aliyev")."""

    start: int
    end: int
    options: list[Surface]
    how: str
    sector: str | None = None
    fixed: str | None = None
    office: str | None = None
    label: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def register_extensions() -> None:
    """Idempotent: spaCy extensions are process-wide, so set them once."""
    for name, default in (
        ("ref_date", None),
        ("ref_event_date", None),
        ("date_window", None),
        ("article_id", None),
        ("title_chars", 0),
        ("actor_candidates", None),
        ("mentions", None),
        ("focus_state", None),
        ("unnamed", None),
        ("coref_chains", None),
        ("coref_trace", None),
        ("description_trace", None),
        ("pronoun_trace", None),
        ("speaker_trace", None),
        ("events", None),
        ("quotes", None),
        ("event_candidates", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
