"""Quotes and their speakers on the parsed Doc.

Direct and partial quotes come from quotation marks; their speaker from a speech verb
outside the quote in the same sentence ("X said", "said X", "X added", "according to X"),
from the clause before a colon ("made the following remark: ..."), or, for a quote
paragraph with no attribution, from the quote before it. Indirect speech is a speech verb
with a content clause ("the Prime Minister added that ...") or a stance expressed
("Peskov expressed skepticism about ..."). A quote that accuses an actor it names is
also an event."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from communique.actors.ranker import Ranker
from communique.events.coder import MentionIndex
from communique.events.dates import event_date, parse_expression
from communique.events.lexicon import Lexicon
from communique.models import Event, EventDate, EventMention, Mention, Quote, ResolvedActor
from communique.quotes.spans import QuoteSpan, find_quote_spans, looks_like_speech
from communique.quotes.speakers import rank_speakers
from communique.resources import package_data, read_tsv

SUBJECTS = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class QuoteRules:
    speech_verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    stance_verbs: frozenset[str]
    stance_nouns: frozenset[str]
    addressee_verbs: frozenset[str]
    accusations: dict[str, str]


@lru_cache(maxsize=1)
def quote_rules() -> QuoteRules:
    verbs = list(read_tsv(package_data("communique.quotes", "speech_verbs.tsv")))
    return QuoteRules(
        speech_verbs=frozenset(r["verb"] for r in verbs if r["stance"] != "only"),
        indirect_verbs=frozenset(r["verb"] for r in verbs if r["indirect"] == "yes"),
        directive_verbs=frozenset(r["verb"] for r in verbs if r["directive"] == "yes"),
        stance_verbs=frozenset(r["verb"] for r in verbs if r["stance"] in {"yes", "only"}),
        addressee_verbs=frozenset(r["verb"] for r in verbs if r["addressee"] == "yes"),
        stance_nouns=frozenset(
            r["noun"] for r in read_tsv(package_data("communique.quotes", "stance_nouns.tsv"))
        ),
        accusations={
            r["cue"]: r["code"]
            for r in read_tsv(package_data("communique.quotes", "accusation_cues.tsv"))
        },
    )


class QuoteFinder:
    def __init__(self, lexicon: Lexicon, ranker: Ranker | None = None) -> None:
        self.lex = lexicon
        self.rules = quote_rules()
        self.ranker = ranker  # the trained speaker ranker (speakers.py)
        self.record = False  # training: leave every quote's candidates on the Doc

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc, people=True)
        ref: EventDate = doc._.ref_event_date or EventDate(None, None, "none")
        quotes = self._direct(doc, index, ref)
        inside = [(q.start, q.end) for q in quotes]
        partial = [(q.start, q.end) for q in quotes if q.kind == "partial"]
        quotes += self._indirect(doc, index, ref, inside, partial)
        _carry_speakers(doc, quotes)
        if self.record:
            doc._.speaker_trace = []
        trace = doc._.speaker_trace if self.record else None
        rank_speakers(doc, quotes, self.rules.speech_verbs, self.ranker, trace)
        events = list(doc._.events or [])
        for quote in quotes:
            quote.event_ids = [e.id for e in events if _inside(e, quote)]
            accusation = self._accusation(doc, quote, index)
            if accusation is not None and accusation.key() not in {e.key() for e in events}:
                events.append(accusation)
                quote.event_ids.append(accusation.id)
        doc._.quotes = sorted(quotes, key=lambda q: q.start)
        doc._.events = events
        return doc

    # ---- direct and partial --------------------------------------------------------------

    def _direct(self, doc: Doc, index: MentionIndex, ref: EventDate) -> list[Quote]:
        quotes: list[Quote] = []
        previous: Quote | None = None
        previous_span: QuoteSpan | None = None
        for span in find_quote_spans(index.text):
            words = doc.char_span(span.inner_start, span.inner_end, alignment_mode="expand")
            if words is None:
                continue
            has_verb = any(t.pos_ in {"VERB", "AUX"} for t in words)
            speech = looks_like_speech(words.text, has_verb)
            if not speech and not self._named_by_speaker(words):
                continue
            speaker, how, when = self._attribute(doc, span, index, ref)
            if not speech and (speaker is None or how != "verb" or speaker.how == "unnamed"):
                continue  # a short quote counts only with a speaker the text names
            if (
                speaker is None
                and previous is not None
                and previous_span is not None
                and (
                    previous_span.continues
                    or _adjacent(index.text, previous_span, span)
                    or _same_sentence(doc, previous_span, span)
                )
            ):
                speaker, how = (_speaker_mention(previous), "carried")
                when = previous.date
            quote = self._quote(doc, span, words, speaker, how, when, index)
            quotes.append(quote)
            previous, previous_span = quote, span
        return quotes

    def _named_by_speaker(self, words: Span) -> bool:
        """A short quote that is what a speaker says or calls something ('he called the
        ruling "arbitrary"', 'characterized as "inhumane"'), not a scare quote: the
        nearest verb above it is a speech verb with a subject."""
        token = words.root.head
        for _ in range(4):
            if token.pos_ in {"VERB", "AUX"}:
                return token.lemma_.lower() in self.rules.speech_verbs and (
                    _subject(token) is not None
                )
            if token.head == token:
                return False
            token = token.head
        return False

    def _attribute(
        self, doc: Doc, span: QuoteSpan, index: MentionIndex, ref: EventDate
    ) -> tuple[Mention | None, str, EventDate]:
        """The speaker of a quote, how it was found, and the date the attribution gives."""
        outside = lambda t: not (span.open <= t.idx < span.close)  # noqa: E731
        end_token = doc.char_span(span.inner_end - 1, span.inner_end, alignment_mode="expand")
        sentences = []
        if end_token is not None:
            sentences.append(end_token[0].sent)
        start_token = doc.char_span(span.inner_start, span.inner_start + 1, alignment_mode="expand")
        if start_token is not None and start_token[0].sent not in sentences:
            sentences.append(start_token[0].sent)
        for sent in sentences:
            for token in sent:
                if not outside(token):
                    continue
                found = self._speech_verb_speaker(token, index)
                if found is not None:
                    return found, "verb", self._when(sent, token, span, ref)
                if (
                    token.lower_ == "according"
                    and token.i + 1 < len(doc)
                    and (doc[token.i + 1].lower_ == "to")
                ):
                    mention = _first_mention(doc[token.i + 2 : sent.end], index, outside)
                    if mention is not None:
                        return mention, "according-to", ref
        colon = self._colon_speaker(doc, span, index)
        if colon is not None:
            return colon[0], "colon", self._when(colon[1].sent, colon[1], span, ref)
        return None, "none", ref

    def _speech_verb_speaker(self, token: Token, index: MentionIndex) -> Mention | None:
        if token.lemma_.lower() not in self.rules.speech_verbs or token.pos_ not in {"VERB"}:
            return None
        subject = _subject(token)
        return _person_first(subject, index) if subject is not None else None

    def _colon_speaker(
        self, doc: Doc, span: QuoteSpan, index: MentionIndex
    ) -> tuple[Mention, Token] | None:
        """ "X ... made the following remark: '...'": the subject of the clause before the
        colon."""
        k = index.text.rfind(":", 0, span.open)
        if k < 0 or index.text[k + 1 : span.open].strip():
            return None
        colon = doc.char_span(k, k + 1, alignment_mode="expand")
        if colon is None:
            return None
        root = colon[0].sent.root
        for token in [root, *(t for t in colon[0].sent if t.dep_ == "ROOT")]:
            for child in token.children:
                if child.dep_ in SUBJECTS:
                    mention = _person_first(child, index)
                    if mention is not None:
                        return mention, token
        return None

    def _when(self, sent: Span, verb: Token, span: QuoteSpan, ref: EventDate) -> EventDate:
        """A date in the attribution ("said in June 2022"), not inside the quote."""
        for ent in sent.ents:
            if ent.label_ == "DATE" and not (span.open <= ent.start_char < span.close):
                parsed = parse_expression(ent.text, ref)
                if parsed is not None and abs(ent.root.i - verb.i) <= 6:
                    return parsed
        return ref

    def _quote(
        self,
        doc: Doc,
        span: QuoteSpan,
        words: Span,
        speaker: Mention | None,
        how: str,
        when: EventDate,
        index: MentionIndex,
    ) -> Quote:
        sent_start = words[0].sent.start_char
        lead = index.text[sent_start : span.open].strip()
        opened = lead.endswith((":", ","))  # 'X tweeted, "..."' introduces the whole quote
        kind = "partial" if lead and not opened and len(lead.split()) >= 3 else "direct"
        return self._record(doc, span.inner_start, span.inner_end, kind, speaker, how, when, index)

    def _record(
        self,
        doc: Doc,
        start: int,
        end: int,
        kind: str,
        speaker: Mention | None,
        how: str,
        when: EventDate,
        index: MentionIndex,
    ) -> Quote:
        about: list[ResolvedActor] = []
        for mention in index.ordered:
            other = speaker is None or mention.actor.code != speaker.actor.code
            if start <= mention.start < end and mention.actor not in about and other:
                about.append(mention.actor)
        key = f"{doc._.article_id}|{start}|{end}"
        return Quote(
            id=hashlib.sha1(key.encode()).hexdigest()[:16],
            article_id=doc._.article_id,
            speaker=speaker.actor if speaker else None,
            text=index.text[start:end],
            start=start,
            end=end,
            kind=kind,
            date=when,
            attribution=how,
            about=about,
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
        )

    # ---- indirect -------------------------------------------------------------------------

    def _indirect(
        self,
        doc: Doc,
        index: MentionIndex,
        ref: EventDate,
        inside: list[tuple[int, int]],
        partial: list[tuple[int, int]],
    ) -> list[Quote]:
        """Reported speech after a speech verb. Content that is itself quoted is the
        direct quote; content that only ends in a quoted phrase ('said the facilities
        would house "the worst of the worst"') is reported speech around a partial quote,
        and kept."""
        quotes = []
        for token in doc:
            if any(a <= token.idx < b for a, b in inside) or token.pos_ != "VERB":
                continue
            tokens = _trimmed(self._content(token))
            if not tokens:
                continue
            subject = _subject(token)
            if subject is None:
                continue
            speaker = _person_first(subject, index)
            named = subject.pos_ in {"NOUN", "PROPN"} or (subject.is_title and subject.i > 0)
            if speaker is None and (not named or subject.pos_ == "PRON"):
                continue  # "it was reported that ...": nobody to name ("Oh said": a name)
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            if end <= start or _clashes(start, end, inside, partial):
                continue
            when = self._when(token.sent, token, QuoteSpan(start, end, start, end), ref)
            quotes.append(self._record(doc, start, end, "indirect", speaker, "verb", when, index))
        taken = inside + [(q.start, q.end) for q in quotes]
        quotes += self._according(doc, index, ref, taken)
        return quotes

    def _content(self, verb: Token) -> list[Token]:
        """What a speech verb reports, in text order: its content clause ("said that
        ..."), the appeal of a directive ("urged X to ..."), or the stance expressed
        ("expressed skepticism about ...")."""
        lemma = verb.lemma_.lower()
        tokens: list[Token] = []
        if lemma in self.rules.indirect_verbs:
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is not None:
                tokens = [t for t in clause.subtree if t.dep_ != "mark" or t.head != clause]
                if lemma not in self.rules.addressee_verbs:  # "told [reporters] ..."
                    tokens += _stray_subject(verb, clause)
            elif verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"}:
                inner = {t.i for t in verb.subtree}  # "..., analysts say, talks will go on"
                tokens = [t for t in verb.head.subtree if t.i not in inner and not t.is_punct]
                tokens = [t for t in tokens if t.i > verb.i] or tokens
        if not tokens and lemma in self.rules.directive_verbs:
            tokens = _appeal(verb)
        if not tokens and lemma in self.rules.stance_verbs:
            stance = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "dobj" and c.lemma_.lower() in self.rules.stance_nouns
                ),
                None,
            )
            if stance is not None:  # "skepticism about X", "gratitude for X"
                tokens = [*stance.subtree] + [
                    t
                    for c in verb.children
                    if c.dep_ == "prep" and c.i > stance.i
                    for t in c.subtree
                ]
        return sorted(tokens, key=lambda t: t.i)

    def _according(
        self, doc: Doc, index: MentionIndex, ref: EventDate, taken: list[tuple[int, int]]
    ) -> list[Quote]:
        """ "According to X, ..." and "..., according to X": the rest of the sentence is
        what X reports; X may be nobody the knowledge base knows ("analysts")."""
        quotes = []
        for token in doc[:-1]:
            if token.lower_ != "according" or doc[token.i + 1].lower_ != "to":
                continue
            phrase = [token, *(t for c in doc[token.i + 1].children for t in c.subtree)]
            phrase_ids = {t.i for t in phrase} | {token.i + 1}
            rest = _trimmed([t for t in token.sent if t.i not in phrase_ids])
            if not any(t.pos_ in {"VERB", "AUX"} for t in rest):
                continue
            start, end = rest[0].idx, rest[-1].idx + len(rest[-1])
            if any(a < end and start < b for a, b in taken):
                continue
            found = [m for t in phrase if (m := index.get(t)) is not None]
            people = [m for m in found if m.actor.is_person]  # "an analysis by ... Andrew Rosser"
            speaker = (people or found or [None])[0]
            quotes.append(
                self._record(doc, start, end, "indirect", speaker, "according-to", ref, index)
            )
        return quotes

    # ---- quotes as acts ---------------------------------------------------------------

    def _accusation(self, doc: Doc, quote: Quote, index: MentionIndex) -> Event | None:
        """A direct quote with an accusation cue that names another actor: the speaker
        accuses (or criticises) that actor."""
        if quote.kind == "indirect" or quote.speaker is None or not quote.about:
            return None
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        cue = (
            next(
                (
                    t
                    for t in span
                    if t.lemma_.lower() in self.rules.accusations
                    or t.lower_ in self.rules.accusations
                ),
                None,
            )
            if span
            else None
        )
        target = next((a for a in quote.about if a.code and a.code != quote.speaker.code), None)
        if cue is None or target is None:
            return None
        code = self.rules.accusations.get(cue.lemma_.lower()) or self.rules.accusations[cue.lower_]
        info = self.lex.codes[code]
        when = quote.date if quote.date.source == "text" else event_date(cue.sent, cue, quote.date)
        key = f"{doc._.article_id}|{quote.speaker.code}|{target.code}|{code}|{when.value}"
        sent = cue.sent
        return Event(
            id=hashlib.sha1(key.encode()).hexdigest()[:16],
            article_id=doc._.article_id,
            source=quote.speaker,
            target=target,
            cameo=code,
            cameo_name=info.name,
            root=info.root,
            goldstein=info.goldstein,
            quad_class=info.quad_class,
            plover_type=info.plover_type,
            plover_mode=info.plover_mode,
            date=when,
            modality="asserted",
            pattern=f"quote accusation: {cue.lower_} [{code}]",
            confidence=0.55,
            mentions=[
                EventMention(
                    sent.text, sent.start_char, sent.end_char, cue.text, cue.idx, cue.idx + len(cue)
                )
            ],
            source_how=quote.attribution,
            target_how="quoted",
        )


CARRY_SENTENCES = 2


def _carry_speakers(doc: Doc, quotes: list[Quote]) -> None:
    """A quote with no attribution of its own that follows an attributed one (direct or
    reported) within two sentences goes on in the same voice, by news convention: "X
    said the strain poses a risk. 'This strain is new ...'"."""
    ordered = sorted(quotes, key=lambda q: q.start)
    sentence_of = {s.start_char: n for n, s in enumerate(doc.sents)}

    def sent_no(offset: int) -> int:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        return sentence_of.get(span[0].sent.start_char, 0) if span is not None else 0

    last: Quote | None = None
    for quote in ordered:
        near = last is not None and (
            sent_no(quote.start) - sent_no(max(last.end - 1, last.start)) <= CARRY_SENTENCES
        )
        if quote.speaker is None and last is not None and near and quote.kind != "indirect":
            quote.speaker, quote.attribution = last.speaker, "carried"
            quote.speaker_start, quote.speaker_end = last.speaker_start, last.speaker_end
        if quote.speaker is not None:
            last = quote


def _stray_subject(verb: Token, clause: Token) -> list[Token]:
    """The reported clause's subject where the parser made it the speech verb's object
    ("said [Ankara] in the last few years imposed ...", "remarked [toilet paper] is ..."):
    an object between the verb and the clause, with nothing else between."""
    start = min(t.i for t in clause.subtree)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < start), None)
    if obj is None:
        return []
    words = sorted(obj.subtree, key=lambda t: t.i)
    return words if words[0].i == verb.i + 1 and words[-1].i == start - 1 else []


def _appeal(verb: Token) -> list[Token]:
    """What a directive verb asks for: "urged X to ...", "called on X to ...", "called
    for X to ..." (parsed as a clause marked "for"), "called for a ceasefire"."""
    appeal = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if appeal is not None and any(c.lower_ == "to" for c in appeal.children):
        return [
            t
            for c in verb.children
            if c.dep_ in {"dobj", "prep", "xcomp"} and c.i > verb.i
            for t in c.subtree
        ]
    for c in verb.children:
        marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
        marked = c.dep_ == "advcl" and "for" in marks
        if marked:
            return [t for t in c.subtree if not (t.dep_ == "mark" and t.head is c)]
        if c.dep_ == "prep" and c.lower_ == "for" and c.i == verb.i + 1:
            return [t for t in c.subtree if t is not c]
    return []


def _clashes(
    start: int, end: int, inside: list[tuple[int, int]], partial: list[tuple[int, int]]
) -> bool:
    """Reported content overlaps a quote, other than a partial quote it leads up to."""
    return any(a < end and start < b and not ((a, b) in partial and start < a) for a, b in inside)


def _trimmed(tokens: list[Token]) -> list[Token]:
    """Tokens without leading or trailing punctuation and white space."""
    edge = lambda t: t.is_punct or t.is_space  # noqa: E731
    while tokens and edge(tokens[0]):
        tokens = tokens[1:]
    while tokens and edge(tokens[-1]):
        tokens = tokens[:-1]
    return tokens


def _subject(verb: Token) -> Token | None:
    """The subject of a speech verb, or of the verb it depends on when it has none of its
    own: "Chaudhry said, adding that ...", "the house voted ..., saying ...", "He rejected
    ... and warned ..."."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None or verb.dep_ not in {"advcl", "xcomp", "conj"}:
            return subject
        verb = verb.head
    return None


def _person_first(token: Token, index: MentionIndex) -> Mention | None:
    """The speaker in a subject phrase: a person if one is named there ("the official
    representative ..., Maria Zakharova", "U.N. Coordinator for Myanmar Andrew
    Kirkwood"), else the first actor, one outside a prepositional phrase first; one
    named in a possessive ("Erdogan's communication chief, Fahrettin Altun") only when
    no other."""
    found: list[tuple[bool, bool, bool, int, Mention]] = []
    for t in token.subtree:
        mention = index.get(t)
        if mention is None or any(f[3] is mention for f in found):
            continue
        if _in_clause(t, token):
            continue  # "The politician, who is challenging Macron, says": not Macron
        person = mention.actor.is_person
        path = list(_path(t, token))
        poss = any(_possessor(p) for p in path)
        prep = any(p.dep_ == "prep" for p in path)
        found.append((poss, not person, prep, len(found), mention))
    return min(found, key=lambda f: f[:4])[4] if found else None


def _path(token: Token, top: Token) -> Iterator[Token]:
    while token != top and token.head != token:
        yield token
        token = token.head


def _possessor(token: Token) -> bool:
    """A real possessor ("Erdogan's", "his"), not a word the parser merely labelled so."""
    if token.dep_ == "nmod" and token.i + 1 < len(token.doc):
        return token.nbor(1).text in {"’", "'"}  # "Guterres’ spokesman": parsed as nmod
    if token.dep_ != "poss":
        return False
    return token.tag_ == "PRP$" or any(c.tag_ == "POS" for c in token.children)


def _in_clause(token: Token, top: Token) -> bool:
    return any(t.dep_ in {"relcl", "acl", "advcl"} for t in _path(token, top))


def _first_mention(tokens: Span, index: MentionIndex, keep) -> Mention | None:
    """The first person among the mentions of ``tokens``, else the first mention."""
    found = [m for t in tokens if (m := index.get(t)) is not None and keep(t)]
    people = [m for m in found if m.actor.is_person]
    return (people or found or [None])[0]


def _speaker_mention(quote: Quote) -> Mention | None:
    if quote.speaker is None:
        return None
    return Mention(
        quote.speaker.name,
        quote.speaker_start or 0,
        quote.speaker_end or 0,
        quote.speaker,
        "carried",
    )


def _adjacent(text: str, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """The quote follows the previous one directly, or opens the next paragraph (a quote
    paragraph after an attributed quote is the same speaker's, by news convention)."""
    gap = text[previous.close : span.open]
    if not gap.strip():
        return True
    return gap.count("\n\n") == 1 and not gap.rsplit("\n\n", 1)[1].strip()


def _same_sentence(doc: Doc, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """A quote interrupted by its attribution ("We will," he said, "respond.")."""
    a = doc.char_span(previous.inner_start, previous.inner_start + 1, alignment_mode="expand")
    b = doc.char_span(span.inner_start, span.inner_start + 1, alignment_mode="expand")
    return a is not None and b is not None and a[0].sent.start == b[0].sent.start


def _inside(event: Event, quote: Quote) -> bool:
    return any(quote.start <= m.trigger_start < quote.end for m in event.mentions)
