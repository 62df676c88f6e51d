"""A trained speaker ranker: the rules propose, the model decides who said a quote.

The quote finder's rules name a speaker (the subject of a speech verb, "according to X",
the clause before a colon, the speaker of the quote before). They fail where the parse
breaks or several people are near. So every actor mention around a quote (its own
sentences, the one before and the one after, and the rules' pick) becomes a candidate,
described by what it is (person, state, organisation; named, surname, pronoun), where it
stands (before or after the quote, how far, in which grammatical role, subject of which
verb), and whether the rules chose it or it spoke the quote before. A logistic
regression trained on the gold set's dev split (``communique.quotes.train_speakers``,
``make train``) scores each; the best wins when sure enough, else the rules' answer
stands. Each quote keeps how its speaker was found and, where the model decided, its
probability."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc

from communique.actors.ranker import Ranker, bucket
from communique.models import Mention, Quote
from communique.resources import package_data

MODEL_FILE = "speaker_ranker.json"
WINDOW = 1  # sentences before the quote's first and after its last
SUBJECTS = {"nsubj", "nsubjpass"}


def _actor_kind(mention: Mention) -> str:
    actor = mention.actor
    if actor.members:
        return "set"
    if actor.kind in {"person", "unresolved"}:
        return "person" if actor.code else "person_nocode"
    return actor.kind or "other"


class SpeakerCandidates:
    """The candidate speakers of the quotes of one Doc and their features."""

    def __init__(self, doc: Doc, speech_verbs: frozenset[str]) -> None:
        self.doc = doc
        self.speech_verbs = speech_verbs
        self.sentence_of = {}
        for n, sent in enumerate(doc.sents):
            for token in sent:
                self.sentence_of[token.idx] = n
        self.mentions = [
            m
            for m in doc._.mentions or []
            if m.actor is not None
            and m.role != "location"
            and (m.actor.code or m.actor.is_person or m.actor.members)
        ]
        self.mentions += [m for m in doc._.unnamed or [] if m.actor.code]  # "police said"
        self.mentions.sort(key=lambda m: m.start)
        self.counts = Counter(m.actor.id for m in self.mentions)
        self.at = {m.start: self.sentence(m.start) for m in self.mentions}

    def sentence(self, offset: int) -> int:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return self.sentence_of.get(span[0].idx, 0) if span is not None else 0

    def of(self, quote: Quote) -> list[Mention]:
        """Mentions outside the quote in its sentences and one on each side, and the
        rules' pick wherever it stands."""
        first = self.sentence(quote.start)
        last = self.sentence(max(quote.end - 1, quote.start))
        found = [
            m
            for m in self.mentions
            if not (quote.start <= m.start < quote.end)
            and first - WINDOW <= self.at[m.start] <= last + WINDOW
        ]
        if quote.speaker_start is not None and all(m.start != quote.speaker_start for m in found):
            pick = next((m for m in self.mentions if m.start == quote.speaker_start), None)
            if pick is not None:
                found.append(pick)
        return found

    def features(
        self, quote: Quote, mention: Mention, spoken: Counter, previous: Quote | None
    ) -> dict[str, float]:
        rule = mention.start == quote.speaker_start
        before = mention.end <= quote.start
        if before:
            gap = self.sentence(quote.start) - self.at[mention.start]
            chars = quote.start - mention.end
        else:
            gap = self.at[mention.start] - self.sentence(max(quote.end - 1, quote.start))
            chars = mention.start - quote.end
        f: dict[str, float] = {
            f"kind={_actor_kind(mention)}": 1.0,
            f"how={mention.how}": 1.0,
            f"side={'before' if before else 'after'}": 1.0,
            f"gap={'before' if before else 'after'}{min(gap, 2)}": 1.0,
            f"near={bucket(chars // 6, (1, 3, 6, 12, 25))}": 1.0,
            f"qkind={quote.kind}": 1.0,
            f"spoke={bucket(spoken[mention.actor.id], (1, 2, 4))}": 1.0,
            f"named={bucket(self.counts[mention.actor.id], (1, 2, 4, 8))}": 1.0,
        }
        if rule:
            f["rule"] = 1.0
            f[f"rule_by={quote.attribution}"] = 1.0
        if not rule and quote.speaker is not None and mention.actor.id == quote.speaker.id:
            f["same_actor_as_rule"] = 1.0
        if quote.speaker is None:
            f[f"no_rule_pick_{quote.kind}"] = 1.0
        if previous is not None and previous.speaker and mention.actor.id == previous.speaker.id:
            f["spoke_before"] = 1.0

        self._role(mention, f)
        return f

    def _role(self, mention: Mention, f: dict[str, float]) -> None:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return
        root = span.root
        f[f"dep={root.dep_}"] = 1.0
        if root.dep_ in SUBJECTS:
            verb = root.head.lemma_.lower()
            f["subject_of_speech" if verb in self.speech_verbs else "subject_of_other"] = 1.0
            if verb in self.speech_verbs:
                f[f"says={verb}"] = 1.0
        prep = root.head
        if root.dep_ == "pobj" and prep.lower_ == "to" and prep.i > 0:
            f["according_to" if prep.nbor(-1).lower_ == "according" else "to_whom"] = 1.0
        if root.dep_ == "poss":
            f["possessor"] = 1.0


def rank_speakers(
    doc: Doc,
    quotes: list[Quote],
    speech_verbs: frozenset[str],
    ranker: Ranker | None,
    record: list | None = None,
) -> None:
    """Let the model choose each quote's speaker among the candidates where it is sure
    enough; with ``record``, append every quote's candidates and features instead (for
    training)."""
    if ranker is None and record is None:
        return
    cands = SpeakerCandidates(doc, speech_verbs)
    spoken: Counter = Counter()
    previous: Quote | None = None
    for quote in sorted(quotes, key=lambda q: q.start):
        found = cands.of(quote)
        rows = [cands.features(quote, m, spoken, previous) for m in found]
        _rank_people(quote, found, rows)
        if record is not None:
            record.append({"quote": quote, "mentions": found, "rows": rows})
        elif ranker is not None and (choice := ranker.choose(rows)) is not None:
            pick, p = found[choice[0]], choice[1]
            if pick.start != quote.speaker_start:
                quote.speaker = pick.actor
                quote.speaker_start, quote.speaker_end = pick.start, pick.end
                quote.attribution = f"ranker ({quote.attribution})"
            quote.speaker_probability = round(p, 3)
        if quote.speaker is not None:
            spoken[quote.speaker.id] += 1
            previous = quote


def _rank_people(quote: Quote, found: list[Mention], rows: list[dict[str, float]]) -> None:
    """How near each person is to the quote among the people on the same side (the
    nearest before, the second nearest, ...), and how the rules found their pick."""
    rule_how = next((m.how for m in found if m.start == quote.speaker_start), "none")
    before = sorted(
        (k for k, m in enumerate(found) if m.end <= quote.start and m.actor.is_person),
        key=lambda k: -found[k].start,
    )
    after = sorted(
        (k for k, m in enumerate(found) if m.start >= quote.end and m.actor.is_person),
        key=lambda k: found[k].start,
    )
    for side, order in (("before", before), ("after", after)):
        for rank, k in enumerate(order):
            rows[k][f"person_{side}{min(rank, 2)}"] = 1.0
    for row in rows:
        row[f"rule_how={rule_how}"] = 1.0 if "rule" not in row else 0.0


@lru_cache(maxsize=1)
def shipped_speaker_ranker() -> Ranker | None:
    """The model shipped in the package, or None before ``make train`` has made one."""
    path = package_data("communique.quotes", MODEL_FILE)
    return Ranker.from_file(path) if path.exists() else None
