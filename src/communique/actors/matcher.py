"""Finding actor candidates: the gazetteer, the NER merge, and people by fuzzy name."""

from __future__ import annotations

from typing import ClassVar

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from communique.actors.kb import KnowledgeBase, Surface
from communique.nlp.extensions import Candidate
from communique.resources import package_data, read_tsv

PERSON_LABELS = {"PERSON"}
# The small model often calls a misspelt person an organisation or a place: such spans
# are tried against people's names too, but kept as unknown actors only when PERSON.
FUZZY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
KIND_LABEL = {"person": "PERSON", "state": "GPE", "observer": "GPE", "territory": "GPE"}


class Gazetteer:
    """Marks every knowledge-base surface form in the text as a candidate.

    Bare surnames that are also common words ("May", "Rice", "No") count only where the
    NER calls the token a person or a title stands before it."""

    def __init__(self, nlp, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, str] = {}
        self.bodies = {  # surfaces of no person
            text
            for text, entries in kb.surfaces.items()
            if not any(kb.actors[e.actor_id].is_person for e in entries)
        }
        self.titles = {o.phrase for o in kb.offices}
        self.before_surname = {w for t in self.titles for w in t.split()} | {
            r["word"] for r in read_tsv(package_data("communique.actors", "honorifics.tsv"))
        }
        texts = list(kb.surfaces)
        for text, pattern in zip(texts, nlp.tokenizer.pipe(texts), strict=True):
            key = nlp.vocab.strings.add(text)
            self.keys[key] = text
            self.matcher.add(text, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        found = [Span(doc, start, end, label=key) for key, start, end in self.matcher(doc)]
        known = {  # words of states, places and bodies: never part of a person's name
            i
            for span in found
            if self.keys[span.label] in self.bodies
            for i in range(span.start, span.end)
        }
        for span in found:
            if self._plausible(doc, span) or _no_name_around(doc, span, known):
                spans.append(span)
        candidates = doc._.actor_candidates or []
        for span in filter_spans(spans):
            text = self.keys[span.label]
            options = list(self.kb.surfaces[text])
            how = options[0].how if len({o.how for o in options}) == 1 else "alias"
            candidates.append(Candidate(span.start, span.end, options, how))
        doc._.actor_candidates = sorted(candidates, key=lambda c: c.start)
        return doc

    def _plausible(self, doc: Doc, span: Span) -> bool:
        options = self.kb.surfaces[self.keys[span.label]]
        in_person = any(t.ent_type_ == "PERSON" for t in span)
        if all(o.how == "surname" for o in options):
            if in_person and _inside_longer_person(doc, span):
                return False  # "Margaret" of an unknown "Margaret Besheer"
            if self._ends_unknown_name(doc, span):
                return False  # "Sun" of "Oh Ei Sun", which the NER missed
            word = span.text.lower()
            common = word in self.kb.surname_stoplist or span[0].is_stop
            if common and not in_person:
                prev = doc[span.start - 1] if span.start else None
                return prev is not None and prev.lower_ in self.titles
            return True
        persons = [o for o in options if self.kb.actors[o.actor_id].is_person]
        if persons and len(persons) == len(options) and _starts_unknown_name(doc, span):
            return False  # "Anwar" of an unknown "Anwar al-Bunni"
        if not persons and in_person and _inside_longer_person(doc, span):
            return _title_place(doc, span)  # "Jordan" of "Michael Jordan": no
        return True

    def _ends_unknown_name(self, doc: Doc, span: Span) -> bool:
        """The surname is the last word of a longer proper name ("Oh Ei Sun"): the word
        before is a capitalised proper noun attached to it and no title or honorific."""
        if span.start == 0:
            return False
        before = doc[span.start - 1]
        return (
            before.pos_ == "PROPN"
            and before.is_title
            and before.dep_ in {"compound", "nmod"}
            and span.start <= before.head.i < span.end
            and before.lower_.rstrip(".") not in self.before_surname
        )


def _starts_unknown_name(doc: Doc, span: Span) -> bool:
    """A one-word name that the NER reads as the first word of a longer person's name
    ("Anwar al-Bunni", "Charlotte Charles") is not the known person of that name."""
    if len(span) != 1 or span.end >= len(doc):
        return False
    after = doc[span.end]
    return span[0].ent_type_ == "PERSON" and after.ent_type_ == "PERSON" and after.ent_iob_ == "I"


def _no_name_around(doc: Doc, span: Span, known: set[int]) -> bool:
    """What the NER took for a longer person's name holds nothing else of a name: names
    of states or bodies, or words of a heading ("Erdogan Reaches Out", "Beyond Ukraine")."""
    ent = next((e for e in doc.ents if e.start <= span.start and span.end <= e.end), None)
    if ent is None or ent.label_ != "PERSON" or len(ent) == len(span):
        return False
    rest = [t for t in ent if not span.start <= t.i < span.end]
    return all(
        t.i in known or t.is_stop or t.is_punct or t.pos_ in {"VERB", "ADP", "ADV", "AUX"}
        for t in rest
    )


def _title_place(doc: Doc, span: Span) -> bool:
    """A state that ends a title and opens what the NER took for one name ("Resident
    Coordinator for Myanmar Andrew Kirkwood"): at least two name words follow it."""
    ent = next(e for e in doc.ents if e.start <= span.start and span.end <= e.end)
    return span.start == ent.start and ent.end - span.end >= 2


def _inside_longer_person(doc: Doc, span: Span) -> bool:
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end:
            return ent.end - ent.start > span.end - span.start
    return False


class NerMerge:
    """The gazetteer wins over the statistical NER: its spans replace overlapping entities
    (the small model calls "Yerevan" a person and "Stoltenberg" an organisation)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc._.actor_candidates or []
        ours = []
        for c in candidates:
            actor = self.kb.actors[c.options[0].actor_id]
            label = "NORP" if c.how == "adjective" else KIND_LABEL.get(actor.kind, "ORG")
            ours.append(Span(doc, c.start, c.end, label=label))
        taken = {i for span in ours for i in range(span.start, span.end)}
        kept = []
        for e in doc.ents:
            free = [i for i in range(e.start, e.end) if i not in taken]
            if len(free) == len(e):
                kept.append(e)
            elif e.label_ == "PERSON" and len(free) >= 2 and free == list(range(free[0], e.end)):
                kept.append(Span(doc, free[0], e.end, label="PERSON"))  # "[Myanmar] Andrew K."
        doc.ents = filter_spans([*ours, *kept])
        return doc


def name_similarity(a: str, b: str) -> float:
    """Similarity of two person names, forgiving truncated and misspelled words
    ("Nikola Pashin" ~ "Nikol Pashinyan")."""
    whole = fuzz.ratio(a, b)
    ta, tb = a.split(), b.split()
    if len(ta) < 2 or len(tb) < 2:
        return whole
    pairs = ((ta[0], tb[0]), (ta[-1], tb[-1]))
    return max(whole, sum(_word_similarity(x, y) for x, y in pairs) / 2)


def _word_similarity(a: str, b: str) -> float:
    a, b = a.lower(), b.lower()
    if a == b:
        return 100.0
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.startswith(short) and len(short) >= 0.6 * len(long_):
        return 92.0
    return fuzz.ratio(a, b)


class PersonFinder:
    """People the NER finds that the gazetteer did not: matched by fuzzy name where one
    person clearly fits, else kept as unresolved actors with their text."""

    def __init__(self, kb: KnowledgeBase, threshold: float = 86.0, margin: float = 6.0) -> None:
        self.kb = kb
        self.threshold = threshold
        self.margin = margin
        self.names: list[tuple[str, str]] = [
            (text, entry.actor_id)
            for text, entries in kb.surfaces.items()
            for entry in entries
            if entry.how in {"name", "alias"} and kb.actors[entry.actor_id].is_person
        ]
        self.by_prefix: dict[str, list[int]] = {}
        for n, (text, _) in enumerate(self.names):
            for key in _prefixes(text):
                self.by_prefix.setdefault(key, []).append(n)
        self._cache: dict[str, str | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc._.actor_candidates or []
        taken = {i for c in candidates for i in range(c.start, c.end)}
        # in a title-case headline the NER calls any capitalised run a person
        title_case, title_end = _title_case(doc), doc._.title_chars
        for ent in doc.ents:
            if ent.label_ not in FUZZY_LABELS or any(i in taken for i in range(ent.start, ent.end)):
                continue
            start, end = _trim_person(ent)
            if end <= start or not _looks_like_name(doc[start:end]):
                continue
            text = doc[start:end].text
            match = self.best(text) if len(text.split()) >= 2 else None
            if match:
                candidates.append(Candidate(start, end, [Surface(match, "fuzzy")], "fuzzy"))
            elif ent.label_ in PERSON_LABELS and not (title_case and ent.start_char < title_end):
                candidates.append(Candidate(start, end, [], "ner", label="PERSON"))
        doc._.actor_candidates = sorted(candidates, key=lambda c: c.start)
        return doc

    def best(self, text: str) -> str | None:
        """The one person whose name is close enough to ``text``, or None."""
        if text not in self._cache:
            self._cache[text] = self._best(text)
        return self._cache[text]

    def _best(self, text: str) -> str | None:
        scored: dict[str, float] = {}
        pool = {n for key in _prefixes(text) for n in self.by_prefix.get(key, ())}
        for name, actor_id in (self.names[n] for n in pool):
            if abs(len(name) - len(text)) > 12:
                continue
            score = name_similarity(text, name)
            if score > scored.get(actor_id, 0.0):
                scored[actor_id] = score
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < self.threshold:
            return None
        if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - self.margin:
            return None
        return ranked[0][0]


def _looks_like_name(span: Span) -> bool:
    """NER PERSON spans worth keeping: capitalised words, no digits ("COP29" and
    "mosaic of" are not people)."""
    words = [t for t in span if not t.is_punct]
    return (
        bool(words)
        and all(
            (t.text[:1].isupper() or t.lower_ in {"bin", "al", "de", "da", "van", "von", "ibn"})
            and not any(c.isdigit() for c in t.text)
            for t in words
        )
        and any(t.pos_ == "PROPN" for t in words)
    )


def _prefixes(name: str) -> set[str]:
    """Keys for the candidate pool: the first three letters of each word. A misspelt name
    keeps at least one word's beginning ("Nikola Pashin" ~ "Nikol Pashinyan")."""
    return {w[:3].lower() for w in name.split() if len(w) >= 3}


def _trim_person(ent: Span) -> tuple[int, int]:
    """A PERSON entity without possessive endings and stray punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


class PlaceFinder:
    """Regions and cities stand for their country where they are an actor's place:
    "shelled Kharkiv" targets Ukraine, "killed in Balochistan" happens in Pakistan.

    Two sources: the knowledge base's curated places (``places.tsv``: first-level
    subdivisions and cities, names shared between countries or with common words and
    people left out), matched as written wherever no longer entity of another kind
    holds them; and the offline city gazetteer, only for spans the NER calls a place."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for text in kb.places:
            self.matcher.add("PLACE", [nlp.make_doc(text)])

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc._.actor_candidates or []
        taken = {i for c in candidates for i in range(c.start, c.end)}
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            if any(i in taken for i in range(span.start, span.end)) or _held(span):
                continue
            name, code = self.kb.places[span.text]
            if code in self.kb.actors:
                candidates.append(_place(span.start, span.end, "GPE", name, code))
                taken.update(range(span.start, span.end))
        self._ner_places(doc, candidates, taken)
        doc._.actor_candidates = sorted(candidates, key=lambda c: c.start)
        return doc

    def _ner_places(self, doc: Doc, candidates: list[Candidate], taken: set[int]) -> None:
        from communique.events.geo import place  # the gazetteer loads on first use

        for ent in doc.ents:
            if ent.label_ not in {"GPE", "LOC"} or any(
                i in taken for i in range(ent.start, ent.end)
            ):
                continue
            start, end = _trim_person(ent)
            found = place(doc[start:end].text) if end > start else None
            if found is None or found.country not in self.kb.actors:
                continue
            candidates.append(_place(start, end, ent.label_, found.name, found.country))


def _place(start: int, end: int, label: str, name: str, country: str) -> Candidate:
    return Candidate(start, end, [], "place", label=label, extra={"name": name, "country": country})


def _held(span: Span) -> bool:
    """The place is part of a longer name of another kind ("Kansas City Chiefs", "the
    University of Texas", "Virginia Woolf")."""
    return any(
        ent.start <= span.start
        and span.end <= ent.end
        and len(ent) > len(span)
        and ent.label_ not in {"GPE", "LOC"}
        for ent in span.doc.ents
    )


class SpeakerFinder:
    """A proper name that is the subject of a speech verb ("Wasuge said", "Mmolotsi, however,
    says") names a person even where the small NER model saw nothing: kept as an unknown
    person, so that the quote has a speaker and later surnames a full name. The speech
    verbs are the quote finder's (``quotes/data/speech_verbs.tsv``)."""

    # Places the gazetteers know are taken before this runs; the small model calls many
    # unfamiliar surnames a place or even a date ("Mmolotsi" DATE), so only these labels
    # rule a subject out.
    NOT_PEOPLE: ClassVar[frozenset[str]] = frozenset({"NORP", "FAC"})

    def __init__(self, kb: KnowledgeBase) -> None:
        rows = read_tsv(package_data("communique.quotes", "speech_verbs.tsv"))
        self.verbs = frozenset(r["verb"] for r in rows if r["stance"] != "only")
        phrases = [o.phrase for o in kb.offices] + list(kb.agents) + list(kb.institutions)
        self.title_words = frozenset(w for p in phrases for w in p.split())

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc._.actor_candidates or []
        taken = {i for c in candidates for i in range(c.start, c.end)}
        for token in doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.verbs:
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.pos_ != "PROPN":
                continue
            start, end = _proper_name(subject)
            words = doc[start:end]
            found = next((c for c in candidates if (c.start, c.end) == (start, end)), None)
            if found is not None and found.how == "ner" and not found.options:
                found.how = "speaker"  # a one-word name the NER saw: kept as a speaker
                continue
            if any(t.i in taken for t in words) or not self._person_like(words):
                continue
            candidates.append(Candidate(start, end, [], "speaker", label="PERSON"))
            taken.update(range(start, end))
        doc._.actor_candidates = sorted(candidates, key=lambda c: c.start)
        return doc

    def _person_like(self, words: Span) -> bool:
        """Capitalised words that are no title ("Secretary General"), that the NER does not
        call a nationality or a building, and no multi-word organisation ("Somali Public
        Agenda") unless a title stands before the name."""
        if not _looks_like_name(words) or len(words) > 4:
            return False
        if any(t.lower_ in self.title_words for t in words):
            return False  # "the Secretary General noted": a title, for coreference
        labels = {t.ent_type_ for t in words if t.ent_type_}
        if labels & self.NOT_PEOPLE:
            return False
        whole_org = len(words) > 1 and all(t.ent_type_ == "ORG" for t in words)
        before = words.doc[words.start - 1] if words.start else None
        titled = before is not None and before.lower_ in self.title_words
        return not whole_org or titled  # "archbishop Wojciech Polak" (tagged ORG)


def _proper_name(head: Token) -> tuple[int, int]:
    """The proper-noun chain ending at ``head`` ("Mahad Wasuge")."""
    start = head.i
    while (
        start > 0
        and head.doc[start - 1].pos_ == "PROPN"
        and head.doc[start - 1].head.i
        in {
            head.i,
            start,
        }
    ):
        start -= 1
    return start, head.i + 1


class BodyFinder:
    """An organisation the knowledge base lacks ("the Coast Guard", "Sightsavers",
    "the Public Ministry") is still an actor: the NER's ORG spans no other candidate
    holds, kept as unknown bodies for the resolver to place (the body or place their
    phrase names, else the story's state). Runs after role phrases and agents took theirs.
    Left to coreference: the descriptions it resolves ("Congress", "the Senate"); left
    out: a headline in title case, where the NER calls any capitalised phrase an ORG."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.descriptions = frozenset([*kb.anaphora, *kb.shared_institutions])

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc._.actor_candidates or []
        taken = {i for c in candidates for i in range(c.start, c.end)}
        title_case = _title_case(doc)
        for ent in doc.ents:
            if ent.label_ != "ORG" or any(i in taken for i in range(ent.start, ent.end)):
                continue
            if title_case and ent.start_char < doc._.title_chars:
                continue
            start, end = _trim_person(ent)
            while start < end and doc[start].lower_ == "the":
                start += 1
            span = doc[start:end]
            text = span.text.lower()
            if not len(span) or text in self.descriptions or f"the {text}" in self.descriptions:
                continue
            if not _looks_like_body(span):
                continue
            candidates.append(Candidate(start, end, [], "ner", label="ORG"))
        doc._.actor_candidates = sorted(candidates, key=lambda c: c.start)
        return doc


def _title_case(doc: Doc) -> bool:
    """The headline capitalises most of its longer words ("Turkey Faces Isolation")."""
    words = []
    for token in doc:
        if token.idx >= doc._.title_chars:
            break
        if token.is_alpha and len(token) > 3:
            words.append(token)
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) > 0.7 * len(words)


def _looks_like_body(span: Span) -> bool:
    """Capitalised words, function words between them ("Center for Food Safety"), no
    digits."""
    words = [t for t in span if not t.is_punct]
    return (
        bool(words)
        and words[0].text[:1].isupper()
        and words[-1].text[:1].isupper()
        and all(
            (t.text[:1].isupper() or t.is_stop) and not any(c.isdigit() for c in t.text)
            for t in words
        )
        and any(t.pos_ == "PROPN" for t in words)
    )
