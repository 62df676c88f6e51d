"""Coreference: pronouns and definite descriptions to the actor, or set of actors, they
stand for, by rules and salience.

What each phrase may refer to is data (``anaphora.tsv``): he/she take a person of that
gender (or an unknown person), "it"/"its" and "the country" a state or organisation,
"they"/"their" a set (a coordination "A and B", a plural agent, a group organisation),
"the two countries"/"both sides" a pair of states, "the two leaders" a pair of people,
"the ministers" a group of people, "the government" the state in focus. Among the
compatible candidates the nearest sentence wins, and within it a grammatical subject,
then the latest mention (a salience order in the spirit of Hobbs and of Lappin and
Leass). Every resolved mention keeps the rule (``basis``) and its antecedents, and the
chains are left on ``doc._.coref_chains``."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from communique.actors.anaphoricity import NEAR_SENTENCES, Filter, filtered_pronouns
from communique.actors.anaphoricity import features as pronoun_features
from communique.actors.coref_base import (
    MAX_SENTENCES_BACK,
    ORG_KINDS,
    PAIR_SENTENCES_BACK,
    PLURAL_TAGS,
    STATE_KINDS,
    _anaphoric,
    _best,
    _Cand,
    _chains,
    _codes,
    _Context,
    _coordinations,
    _is_set,
    _is_subject,
    _modifies_next,
    _refers,
    _single,
    grammatical_role,
    set_actor,
)
from communique.actors.coref_descriptions import DescriptionResolution
from communique.actors.descriptions import Detector, Lexicon, noun_phrases
from communique.actors.kb import KnowledgeBase
from communique.actors.ranker import Ranker, bucket
from communique.models import Mention, ResolvedActor

DOUBTFUL = 0.5  # a pronoun the filter kept below this is no antecedent for another


class Coreference(DescriptionResolution):
    def __init__(
        self,
        nlp: Language,
        kb: KnowledgeBase,
        ranker: Ranker | None = None,
        detector: Detector | None = None,
        pronoun_filter: Filter | None = None,
    ) -> None:
        self.kb = kb
        self.ranker = ranker
        self.pronoun_filter = pronoun_filter  # pronouns that refer to no actor
        self._filtered = filtered_pronouns(kb)
        self.detector = detector  # descriptions the rules do not list (descriptions.py)
        self.lexicon = Lexicon.of(kb)
        self.record = False  # training: leave every pronoun's candidate pairs on the Doc
        self._institutions: set[str] | None = None
        self._genders: dict[str, str] = {}
        self._anaphoric: dict[int, float] = {}
        self._states: set[str] | None = None
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in [*kb.anaphora, *kb.shared_institutions]:
            if " " in phrase:
                self.matcher.add(phrase, [nlp.make_doc(phrase)])

    def __call__(self, doc: Doc) -> Doc:
        if self.record:
            doc._.coref_trace = []
            doc._.description_trace = []
            doc._.pronoun_trace = []
        mentions: list[Mention] = list(doc._.mentions or [])
        taken = {i for m in mentions for i in range(m.start, m.end)}
        sentence_of = {i: n for n, s in enumerate(doc.sents) for i in range(s.start, s.end)}
        mentions = self._demonym_people(doc, mentions, sentence_of)
        self._genders = self._infer_genders(doc, mentions)  # for this document only
        self._anaphoric = {}  # the filter's probability of each pronoun, this document
        phrases = [
            s
            for s in filter_spans(list(self.matcher(doc, as_spans=True)))
            if s.start_char not in taken and not _modifies_next(s)
        ]
        starts = {s.start: s for s in phrases}
        chunks = noun_phrases(doc, taken)
        added: list[Mention] = []
        i = 0
        while i < len(doc):
            span = starts.get(i) or doc[i : i + 1]
            i = span.end
            if span.start_char in taken:
                continue
            found = self._shared_institution(span, mentions + added, sentence_of)
            if found is None and span.text.lower() in self.kb.anaphora and _anaphoric(span):
                anaphoric = self._anaphoricity(doc, span, mentions, sentence_of)
                if anaphoric is None or anaphoric >= self.pronoun_filter.threshold:
                    found = self._resolve(doc, span, mentions + added, sentence_of)
                if found is not None and anaphoric is not None:
                    found.basis = f"{found.basis}; anaphoric p={anaphoric:.2f}"
            elif found is None:
                found = self._context_alias(doc, span, mentions + added, sentence_of)
            if found is None and len(span) == 1 and span[0].lower_ in self._institution_nouns():
                found = self._bare_institution(doc, span, mentions + added, sentence_of)
            if found is None and (agent := self._agent_description(doc, span, taken)):
                found = self._resolve_agent(doc, agent, mentions + added, sentence_of)
                if found is not None:
                    i = agent.end
            if found is None and (chunk := chunks.get(span.start)) is not None:
                found = self._detected(doc, chunk, mentions + added, sentence_of)
                if found is not None:
                    i = max(i, chunk.end)
            if found is not None:
                added.append(found)
        doc._.mentions = sorted(mentions + added, key=lambda m: m.start)
        doc._.coref_chains = _chains(doc._.mentions)
        return doc

    def _anaphoricity(
        self, doc: Doc, span: Span, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> float | None:
        """How likely a neuter or plural pronoun refers to an actor (the trained filter),
        or None where the filter does not apply. ``mentions`` are the names found
        before coreference, so the features do not depend on its own decisions."""
        token = span[0]
        if len(span) > 1 or token.lower_ not in self._filtered:
            return None
        if self.pronoun_filter is None and not self.record:
            return None
        here = sentence_of.get(token.i, 0)
        near = [
            m
            for m in mentions
            if m.start < token.idx
            and m.sentence is not None
            and here - NEAR_SENTENCES <= m.sentence <= here
        ]
        if self.record:
            doc._.pronoun_trace.append(
                {
                    "start": token.idx,
                    "end": token.idx + len(token),
                    "text": token.text,
                    "features": pronoun_features(token, near, self.lexicon.speech_verbs),
                }
            )
        if self.pronoun_filter is None:
            return None
        p = self.pronoun_filter.probability(token, near, self.lexicon.speech_verbs)
        self._anaphoric[token.idx] = p
        return p

    # ---- candidates ------------------------------------------------------------------

    def _candidates(
        self,
        doc: Doc,
        anaphor: Span,
        mentions: list[Mention],
        sentence_of: dict[int, int],
        back: int,
    ) -> list[_Cand]:
        """Mentions before the anaphor in the last ``back`` sentences, with coordinations
        ("A and B") as one plural candidate, nearest first."""
        span_of: dict[int, Span] = {}
        cands: list[_Cand] = []
        before = anaphor.start_char
        token_sent = sentence_of.get(anaphor.start, 0)
        for m in mentions:
            if m.start >= before or m.actor is None or m.role == "location":
                continue
            if self._anaphoric.get(m.start, 1.0) < DOUBTFUL:
                continue  # no chain through a pronoun the filter doubted
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            sent = sentence_of.get(span.start, 0)
            if token_sent - sent > back:
                continue
            span_of[m.start] = span
            root = span.root
            plural = root.tag_ in PLURAL_TAGS or _is_set(m)
            cands.append(_Cand(m, sent, _is_subject(root), plural, role=grammatical_role(root)))
        cands += _coordinations(cands, span_of)
        cands.sort(key=lambda c: (-c.sentence, -c.mention.start))
        return cands

    def _resolve(
        self, doc: Doc, span: Span, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        kinds = self.kb.anaphora[span.text.lower()]
        pair = any(k.startswith("pair") for k in kinds)
        back = PAIR_SENTENCES_BACK if pair else MAX_SENTENCES_BACK
        cands = self._candidates(doc, span, mentions, sentence_of, back)
        rule = None
        for kind in kinds:
            found = self._by_kind(kind, cands, mentions, span)
            if found is not None:
                actor, antecedents, basis = found
                rule = _refers(span, actor, sentence_of, antecedents, f"{kind}: {basis}")
                break
        if not (self.ranker or self.record):
            return rule
        return self._ranked(doc, span, kinds, cands, mentions, sentence_of, rule)

    # ---- the trained ranker (pronouns) -----------------------------------------------

    def _ranked(
        self,
        doc: Doc,
        span: Span,
        kinds: list[str],
        cands: list[_Cand],
        mentions: list[Mention],
        sentence_of: dict[int, int],
        rule: Mention | None,
    ) -> Mention | None:
        """The ranker's choice among the candidates when it is sure enough, else the
        rules' answer; with ``record`` set, the pairs and their features are left on
        ``doc._.coref_trace`` for training."""
        before = [m for m in mentions if m.start < span.start_char and m.actor]
        counts = Counter(m.actor.code for m in before)
        top = counts.most_common(1)[0][0] if counts else None
        people = Counter(m.actor.id for m in before if self._person(m, "person"))
        context = _Context(
            rule.actor.codes if rule is not None else None,
            rule.actor.id if rule is not None else None,
            counts,
            top,
            people,
            people.most_common(1)[0][0] if people else None,
            Counter(_codes(c) for c in cands),
            next((k for k, c in enumerate(cands) if any(self._fits(x, c) for x in kinds)), None),
        )
        rows = [
            self._pair_features(span, kinds, c, k, context, sentence_of)
            for k, c in enumerate(cands)
        ]
        if self.record:
            doc._.coref_trace.append(
                {
                    "start": span.start_char,
                    "rows": rows,
                    "codes": [list(_codes(c)) for c in cands],
                    "names": [None if c.members else c.mention.actor.name for c in cands],
                    "rule": list(rule.actor.codes) if rule is not None else None,
                    "rule_name": rule.actor.name if rule is not None else None,
                }
            )
        choice = self.ranker.choose(rows) if self.ranker else None
        if choice is None:
            return rule
        k, p = choice
        actor, antecedents, _ = self._as_set(cands[k], "")
        people = ("person", "pair_person", "group_person", "office_holder")
        if not any(kind.startswith(people) for kind in kinds):
            state = actor.is_person or actor.kind in STATE_KINDS
            if state and actor.code and actor.code in self.kb.actors:
                actor = self._body_of(actor, span, kinds)  # "the government": the leader's state
        found = _refers(span, actor, sentence_of, antecedents, f"ranker: p={p:.2f}")
        found.probability = round(p, 3)
        return found

    def _pair_features(
        self,
        span: Span,
        kinds: list[str],
        cand: _Cand,
        rank: int,
        context: _Context,
        sentence_of: dict[int, int],
    ) -> dict[str, float]:
        a = span.text.lower()
        actor = cand.mention.actor
        kind = "set" if cand.members or _is_set(cand.mention) else actor.kind
        known = self.kb.actors.get(actor.id)
        gender = known.gender if known is not None and known.is_person else "-"
        if actor.kind == "unresolved":
            gender = self._genders.get(actor.id, "-")
        dist = bucket(sentence_of.get(span.start, 0) - cand.sentence, (0, 1, 2, 3))
        fits = any(self._fits(k, cand) for k in kinds)
        return {
            f"a={a}": 1.0,
            f"c={kind}": 1.0,
            f"a={a}|c={kind}": 1.0,
            f"how={cand.mention.how}": 1.0,
            f"dist={dist}": 1.0,
            f"a={a}|dist={dist}": 1.0,
            f"rank={bucket(rank, (0, 1, 2, 3, 5))}": 1.0,
            f"a={a}|gender={gender}": 1.0,
            f"count={bucket(context.counts.get(actor.code, 0), (1, 2, 4, 8))}": 1.0,
            f"among={bucket(context.among[_codes(cand)], (1, 2, 3))}": 1.0,
            "top_code": float(actor.code is not None and actor.code == context.top),
            "first_fit": float(rank == context.first_fit),
            "rule_codes": float(_codes(cand) == context.rule_codes),
            "rule_actor": float(actor.id == context.rule_id),
            f"a={a}|person_count={bucket(context.people.get(actor.id, 0), (1, 2, 4))}": 1.0,
            f"a={a}|top_person": float(actor.id == context.top_person),
            "no_rule": float(context.rule_codes is None),
            "c_subject": float(cand.subject),
            "a_subject": float(_is_subject(span.root)),
            "both_subject": float(cand.subject and _is_subject(span.root)),
            f"a={a}|plural": float(cand.plural),
            "rule_fits": float(fits),
            f"a={a}|fits": float(fits),
            f"a={a}|rank={bucket(rank, (0, 1, 2, 3, 5))}": 1.0,
            f"c_role={cand.role}": 1.0,
            f"a={a}|c_role={cand.role}": 1.0,
            f"c_anaphoric={self._anaphoric_bucket(cand)}": 1.0,
        }

    def _anaphoric_bucket(self, cand: _Cand) -> str:
        """How sure the pronoun filter was that a pronoun candidate refers to an actor at
        all: a chain built on a doubtful pronoun ("it marked his first visit") carries
        its error on."""
        p = self._anaphoric.get(cand.mention.start)
        if p is None or cand.members:
            return "-"
        return "low" if p < 0.5 else "mid" if p < 0.75 else "high"

    def _fits(self, kind: str, cand: _Cand) -> bool:
        """The candidate is of a kind the rules allow for the pronoun."""
        if kind in {"person_m", "person_f", "person"}:
            return not cand.members and self._person(cand.mention, kind)
        if kind in {"state", "organisation"}:
            return not cand.members and self._body(cand.mention, kind)
        if kind == "group":
            return cand.plural and self._group_ok(cand)
        return False

    def _by_kind(
        self, kind: str, cands: list[_Cand], mentions: list[Mention], span: Span
    ) -> tuple[ResolvedActor, tuple[int, ...], str] | None:
        if kind in {"person_m", "person_f", "person"}:
            pick = _best([c for c in cands if not c.members and self._person(c.mention, kind)])
            return _single(pick, "nearest person, subject first")
        if kind == "state" and len(span) > 1:  # "the country": a state, or a leader's
            keep = [c for c in cands if not c.members and self._state_or_leader(c.mention)]
            pick = _best(keep)
            if pick is None:
                return None
            return self._state_of(pick.mention), (pick.mention.start,), "nearest state"
        if kind in {"state", "organisation"}:
            keep = [c for c in cands if not c.members and self._body(c.mention, kind)]
            return _single(_best(keep), f"nearest {kind}, subject first")
        if kind == "group":
            keep = [c for c in cands if c.plural and self._group_ok(c)]
            pick = _best(keep)
            if pick is None:
                return None
            return self._as_set(pick, "nearest plural or coordination, subject first")
        if kind in {"pair_state", "trio_state", "pair_person", "group_person"}:
            return self._pair(kind, cands, mentions, span)
        if kind == "state_body":
            keep = [c for c in cands if not c.members and self._state_cand(c.mention)]
            pick = self._most_named(keep, mentions, span.start_char)
            if pick is None:
                return None
            actor = pick.mention.actor
            sector = self.kb.agents.get(span[-1].lower_, "GOV")
            body = ResolvedActor(actor.id, actor.name, actor.code, sector, actor.kind)
            return body, (pick.mention.start,), "the state in focus"
        if kind == "armed_group":
            keep = [c for c in cands if not c.members and self._armed_group(c.mention)]
            return _single(_best(keep), "nearest group")
        if kind == "office_holder":
            offices = self._offices(span)
            keep = [c for c in cands if not c.members and self._holds(c.mention, offices)]
            titled = [c for c in keep if self._titled(c.mention, span[-1].lower_)]
            if titled or keep:
                return _single(_best(titled or keep), "nearest holder of the office")
            named = self._titled_before(span.doc, span[-1], mentions, span.start_char)
            return (named.actor, (named.start,), "titled so before") if named else None
        return None

    def _state_or_leader(self, mention: Mention) -> bool:
        """A state, or a person acting for one ("Mahathir ... the country's rights")."""
        if self._state_cand(mention):
            return True
        actor = mention.actor
        state = self.kb.actors.get(actor.code or "") if actor else None
        return self._person(mention, "person") and state is not None and state.kind in STATE_KINDS

    def _body_of(self, actor: ResolvedActor, span: Span, kinds: list[str]) -> ResolvedActor:
        """The body a description names through a person or state antecedent: the state
        itself, in the description's sector for an institution ("the ministry")."""
        state = self.kb.resolve(actor.code, None)
        if kinds[0] != "state_body":
            return state
        sector = self.kb.agents.get(span[-1].lower_, "GOV")
        return ResolvedActor(state.id, state.name, state.code, sector, state.kind)

    def _state_of(self, mention: Mention) -> ResolvedActor:
        actor = mention.actor
        if self._body(mention, "state"):
            return actor
        return self.kb.resolve(actor.code, None)

    def _state_cand(self, mention: Mention) -> bool:
        """A state an institution or "the country" may belong to: named, or as the
        adjective of an agent ("Pakistani train" -> PAK)."""
        return self._body(mention, "state", adjective=True)

    def _armed_group(self, mention: Mention) -> bool:
        known = self.kb.actors.get(mention.actor.id) if mention.actor else None
        return known is not None and known.kind == "group" and mention.how != "adjective"

    def _offices(self, span: Span) -> set[str]:
        """The offices a description names ("the prime minister"); every office when it
        names none ("the secretary")."""
        words = span.text.lower().removeprefix("the ").strip()
        named = {o.office for o in self.kb.offices if o.phrase == words}
        return named or {o.office for o in self.kb.offices}

    def _titled(self, mention: Mention, word: str) -> bool:
        """The person's own title has the description's noun ("the Secretary": the
        Secretary of State, not a foreign minister named after him)."""
        roles = self.kb.roles.get(mention.actor.id, ())
        return any(word in r.title.lower().split() for r in roles)

    def _holds(self, mention: Mention, offices: set[str]) -> bool:
        """A person of the knowledge base who has held one of ``offices``."""
        actor = mention.actor
        if actor is None or not self._person(mention, "person") or actor.kind == "unresolved":
            return False
        roles = self.kb.roles.get(actor.id, ())
        return any(r.office in offices for r in roles)

    def _as_set(self, cand: _Cand, basis: str) -> tuple[ResolvedActor, tuple[int, ...], str]:
        if cand.members:
            actors = [m.actor for m in cand.members]
            return set_actor(actors), tuple(m.start for m in cand.members), basis
        return cand.mention.actor, (cand.mention.start,), basis

    def _pair(
        self, kind: str, cands: list[_Cand], mentions: list[Mention], span: Span
    ) -> tuple[ResolvedActor, tuple[int, ...], str] | None:
        """Two (or, for ``trio_state``, three) states or people: the nearest coordination
        of that many, else the nearest distinct ones, else those the article named most."""
        want = "person" if kind in {"pair_person", "group_person"} else "state"
        size = 3 if kind == "trio_state" else 2
        ok = (
            (lambda m: self._body(m, "state"))
            if want == "state"
            else (lambda m: self._person(m, "person"))
        )
        for c in cands:  # nearest coordination of the right kind
            if c.members and all(ok(m) for m in c.members) and len(c.members) >= size:
                return self._as_set(c, f"nearest coordination of {want}s")
        seen: dict[str, Mention] = {}
        for c in cands:  # else the nearest distinct bodies of the right kind
            if not c.members and ok(c.mention):
                code = c.mention.actor.code
                if code and code not in {m.actor.code for m in seen.values()}:
                    seen[c.mention.actor.id] = c.mention
            if len(seen) == size and kind != "group_person":
                break
        if len(seen) < size and want == "state":
            seen = self._most_named_states(mentions, span.start_char, size)
        if len(seen) < size:
            return None
        picked = list(seen.values())
        actors = [m.actor for m in picked]
        return set_actor(actors), tuple(m.start for m in picked), f"nearest {size} {want}s"

    def _most_named(self, keep: list[_Cand], mentions: list[Mention], before: int) -> _Cand | None:
        """The state an institution belongs to: the state the article has named most so
        far when it dominates (at least three times, twice any nearby state), else among
        the nearby states the one named most, ties to the nearest. An institution is
        more often the story's state's than the last state named."""
        named = [
            m for m in mentions if m.start < before and m.role != "location" and self._state_cand(m)
        ]
        counts = Counter(m.actor.code for m in named)
        most = max((counts[c.mention.actor.code] for c in keep), default=0)
        if counts:
            code, n = counts.most_common(1)[0]
            if n >= 3 and n >= 2 * most:
                last = max((m for m in named if m.actor.code == code), key=lambda m: m.start)
                return _Cand(last, -1, False, False)
        return _best([c for c in keep if counts[c.mention.actor.code] == most])

    def _most_named_states(
        self, mentions: list[Mention], before: int, size: int = 2
    ) -> dict[str, Mention]:
        """The ``size`` states the article has named most so far (the pair it is about)."""
        counts: Counter[str] = Counter()
        last: dict[str, Mention] = {}
        for m in mentions:
            if m.start < before and m.role != "location" and self._body(m, "state"):
                counts[m.actor.code] += 1
                last[m.actor.code] = m
        top = [code for code, n in counts.most_common(size) if n >= 2]
        return {last[code].actor.id: last[code] for code in top} if len(top) == size else {}

    def _shared_institution(
        self, span: Span, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        """ "Congress", "the Senate", "Republicans": a name several states' bodies share
        (``shared_institutions.tsv``) is the body of the one of them named last before it,
        or whose official was. Only as a proper name (capitalised)."""
        words = span[1:] if span[0].lower_ == "the" else span
        entry = self.kb.shared_institutions.get(words.text.lower()) if len(words) else None
        if entry is None or (not words[0].is_title and not words[0].is_upper):
            return None
        codes, sector = entry
        for m in sorted(mentions, key=lambda m: -m.start):
            if m.start >= span.start_char or m.actor is None or m.actor.code not in codes:
                continue
            state = self.kb.actors.get(m.actor.code)
            if state is None or state.kind not in STATE_KINDS:
                continue
            body = ResolvedActor(state.id, state.name, state.code, sector, state.kind)
            return _refers(span, body, sentence_of, (m.start,), "shared institution name")
        return None

    def _context_alias(
        self, doc: Doc, span: Span, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        """ "the alliance", "the bloc", "the world body": the organisation the phrase can
        denote that was named before, or whose official was ("the NATO chief ... the
        alliance"). The determiner is not in the span."""
        token = span[0]
        if len(span) != 1 or token.i == 0 or doc[token.i - 1].lower_ not in {"the", "this"}:
            return None
        org_ids = self.kb.context_aliases.get(token.lower_)
        if not org_ids:
            return None
        org_codes = {self.kb.actors[o].code: o for o in org_ids}
        for m in sorted(mentions, key=lambda m: -m.start):
            if m.start >= token.idx or m.actor is None:
                continue
            actor = self.kb.actors.get(m.actor.id)
            if actor is None:
                continue
            if actor.is_person and m.actor.code in org_codes:
                org = self.kb.resolve(org_codes[m.actor.code], None)
                return _refers(span, org, sentence_of, (m.start,), "alias: official's body")
            if not actor.is_person and (actor.id in org_ids or actor.parent in org_ids):
                return _refers(span, m.actor, sentence_of, (m.start,), "alias: body named before")
        return None

    # ---- compatibility ---------------------------------------------------------------

    def _person(self, mention: Mention, kind: str) -> bool:
        actor = mention.actor
        if actor is None:
            return False
        want = {"person_m": "m", "person_f": "f"}.get(kind)
        if actor.kind == "unresolved":
            gender = self._genders.get(actor.id)
            return mention.label in {None, "PERSON"} and (want is None or gender in (want, None))
        known = self.kb.actors.get(actor.id)
        if known is None or not known.is_person:
            return False
        return want is None or known.gender in (want, None)

    def _infer_genders(self, doc: Doc, mentions: list[Mention]) -> dict[str, str]:
        """The gender of people the knowledge base does not know, from the words next to
        their name ("Ms. Roe", "Roe, a spokeswoman", ``gender_cues.tsv``), else from the
        first he/she after the name in a sentence where they are the only person and the
        subject ("Khoshbo, 33, said she ...")."""
        genders: dict[str, str] = {}
        for m in mentions:
            if m.actor is None or m.actor.kind != "unresolved" or m.actor.id in genders:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            gender = self._gender_cue(doc, span) or self._first_pronoun(span, mentions)
            if gender is not None:
                genders[m.actor.id] = gender
        return genders

    def _gender_cue(self, doc: Doc, span: Span) -> str | None:
        words = list(doc[max(span.start - 3, span.sent.start) : span.start])
        if span.end < span.sent.end and doc[span.end].text == ",":
            words += list(doc[span.end + 1 : min(span.end + 7, span.sent.end)])
        cues = [self.kb.gender_cues.get(t.lower_.rstrip(".")) for t in words]
        return next((g for g in cues if g), None)

    def _first_pronoun(self, span: Span, mentions: list[Mention]) -> str | None:
        sent = span.sent
        people = {
            m.actor.id
            for m in mentions
            if sent.start_char <= m.start < sent.end_char
            and m.actor is not None
            and m.how != "coref"
            and (m.actor.kind == "unresolved" or m.actor.is_person)
        }
        if len(people) != 1 or not _is_subject(span.root):
            return None
        genders = {"person_m": "m", "person_f": "f"}  # the kinds of he/she in anaphora.tsv
        for token in span.doc[span.end : sent.end]:
            kinds = self.kb.anaphora.get(token.lower_, ())
            if kinds and kinds[0] in genders and token.pos_ == "PRON":
                return genders[kinds[0]]
        return None

    def _body(self, mention: Mention, kind: str, adjective: bool = False) -> bool:
        """A state (or organisation) mention; a nationality adjective ("a Pakistani
        train") counts only where ``adjective`` allows it: for an institution or "the
        country", not for "it"."""
        actor = mention.actor
        if actor is None or actor.code is None or _is_set(mention):
            return False
        if mention.how == "adjective" and not adjective:
            return False
        known = self.kb.actors.get(actor.id)
        if known is None or known.is_person:
            return False
        if known.kind in STATE_KINDS:
            return kind in {"state", "organisation"} and (kind == "state" or actor.sector is None)
        return kind == "organisation" and known.kind in ORG_KINDS

    def _group_ok(self, cand: _Cand) -> bool:
        if cand.members:
            return True
        actor = cand.mention.actor
        known = self.kb.actors.get(actor.id) if actor else None
        if _is_set(cand.mention):
            return True
        return (
            actor is not None
            and actor.code is not None
            and (known is None or not known.is_person)
            and cand.mention.how != "adjective"
        )
