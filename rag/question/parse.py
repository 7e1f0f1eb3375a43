"""One parse of a question: `parse(question, history) -> Intent`.

spaCy parses the question once (tokens, parts of speech, dependencies, entities); small
stages read that parse:
- `reading`: the question word, the kind of answer and the entity types it expects;
- `metadata`: whether it asks about the article itself (author, publication date, outlet);
- `claimant`: whose claim it is about ("What did Russia say?", "according to Reuters");
- `dates`: the period it names ("in 2018" -> since/until);
- `focus`: its content terms and named entities;
- `references` and `followup`: pronouns and ellipses that point at the previous turn.
A question is a follow-up only when it holds such a reference and there is a previous turn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from news_rag.rag.question import words
from news_rag.rag.question.claimant import ClaimantReading, read_claimant
from news_rag.rag.question.dates import bare_date, date_range
from news_rag.rag.question.focus import entities, focus_terms
from news_rag.rag.question.followup import carry, resolve_claimant, resolve_references
from news_rag.rag.question.intent import (
    CLAIMS,
    FACTOID,
    METADATA,
    WHO,
    Intent,
    QuestionFilters,
)
from news_rag.rag.question.metadata_question import (
    MetadataQuestion,
    metadata_question,
    quoted_title,
)
from news_rag.rag.question.nlp import parse_text
from news_rag.rag.question.reading import LINKING_VERBS, Reading, question_word, read
from news_rag.rag.question.references import find_references, opening
from news_rag.rag.question.slots import read_slots
from news_rag.rag.question.spelling import short_closed_syllable

# What a question asking for a claimant expects when its question word says nothing more
# ("Which informants say ...?").
_CLAIMANT_TYPES = ("PERSON", "ORG", "NORP")
_LIGHT_VERBS = frozenset({"be", "have", "do"})


def _answer_kind(
    reading: Reading, claim: ClaimantReading, meta: MetadataQuestion | None
) -> tuple[str, tuple[str, ...]]:
    if meta is not None:
        return METADATA, meta.expected_types
    if claim.claims:
        return CLAIMS, ()
    if claim.asks_claimant and reading.answer_kind == FACTOID:
        return WHO, reading.expected_types or _CLAIMANT_TYPES
    return reading.answer_kind, reading.expected_types


# The word of a claimant's cue the parser may make the question's root: "According to X,
# how much ...?" ("What did X say?" keeps "say": the question asks what was said).
_CLAIM_FRAME = "according"


def _main_verb(doc: Any, cue: Collection[int] = ()) -> str | None:
    """The lemma of the question's main verb ("carry" in "What interest does the loan
    carry?"), unless it is a light verb (be, have, do) that says nothing of the answer; for
    "be", the noun asked about ("president" in "Who is the president of X?"). A root that
    frames the claimant (of `cue`, its tokens' indexes: "According to Lord Catto, by how much
    did the losses depress profits?") is no verb of the answer: the next verb is."""
    for token in doc:
        if token.dep_ != "ROOT":
            continue
        framed = token.i in cue and token.lower_ == _CLAIM_FRAME  # "According to X, ..."
        if token.pos_ == "ADP" or framed:  # "To what was the dividend raised?": its verb
            verbs = [
                t for t in doc
                if t.pos_ == "VERB" and t.lemma_.lower() not in _LIGHT_VERBS and t.i not in cue
            ]  # fmt: skip
            return str(verbs[0].lemma_.lower()) if verbs else None
        if token.lemma_ == "be":  # "Who is the president of X?": the noun it asks about
            nouns = [c for c in token.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
            # "How long was X sentenced to?", parsed with "was" as its root: the verb below
            verbs = [c for c in token.children if c.dep_ == "ccomp" and c.pos_ == "VERB"]
            found = nouns or [v for v in verbs if v.lemma_.lower() not in _LIGHT_VERBS]
            return str(found[0].lemma_.lower()) if found else None
        if token.pos_ == "NOUN":  # "How fast were ... earnings rising?" parsed with the
            # subject as its root: the verb on it ("rising", an `acl`)
            verbs = [c for c in token.children if c.dep_ == "acl" and c.pos_ == "VERB"]
            return str(verbs[0].lemma_.lower()) if verbs else None
        lemma = str(token.lemma_.lower())
        return None if token.pos_ != "VERB" or lemma in _LIGHT_VERBS else lemma
    return None


def _complement_verb(doc: Any) -> str | None:
    """The lemma of the verb the main verb governs as its complement: "sell" in "To whom
    does GenCorp plan to sell WOR TV?", "pay" in "How much did Unilever agree to pay?" (an
    `xcomp`): the answer hangs from it as much as from "plan" or "agree"."""
    for token in doc:
        if token.dep_ == "ROOT" and token.pos_ == "VERB":
            verbs = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
            return str(verbs[0].lemma_.lower()) if verbs else None
    return None


def _reports_a_clause(doc: Any) -> bool:
    """Whether the main verb reports a clause: "Who said (that) ISIS controlled 70%?" (a
    `ccomp`), where "Which executive told reporters about the purchase?" names a relation."""
    return any(c.dep_ == "ccomp" for token in doc if token.dep_ == "ROOT" for c in token.children)


def _anchors(
    target: str | None, verb: str | None, doc: Any, asks_claimant: bool
) -> tuple[str, ...]:
    """The lemmas an answer hangs from: the target, the main verb and its complement, a
    purchase verb with the others (rag/question/data/purchase_verbs.txt), a verb of a rise
    or a fall with the others of its direction (`rising_verbs.txt`, `falling_verbs.txt`).
    Not the verb of "Who said X?": every "X said" sentence's claimant hangs from it, where
    "according to X" states the claim as well (the stored claimant decides)."""
    if asks_claimant and _reports_a_clause(doc):
        verb = None
    if target is not None and verb in LINKING_VERBS:  # "Who will remain president?": the
        verb = None  # role answers it, not whatever else "remains"
    verbs = [v for v in (verb, _complement_verb(doc)) if v]
    verbs += [other for v in verbs if (other := _other_lemma(v, doc)) is not None]
    # "pay for X" by "buy X for $2.3 billion"; "fall" by "tumble"
    verbs += [kin for v in list(verbs) for kin in sorted(words.kin_verbs(v))]
    return tuple(a for a in dict.fromkeys((target, *verbs)) if a)


def _other_lemma(lemma: str, doc: Any) -> str | None:
    """The lemma an "-ed" verb of the question has when the lemmatizer cut its "e" too
    ("fined" -> "fin": the story's "could fine the retailer" has "fine"), else None. Read by
    spelling: a one-syllable verb ending consonant-vowel-consonant doubles its last letter
    before "-ed" ("stop", "stopped"), so "fined" is "fine" + "d"."""
    if not short_closed_syllable(lemma):
        return None
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_.lower() == lemma and token.lower_ == f"{lemma}ed":
            return f"{lemma}e"
    return None


def _filters(doc: Any, claim: ClaimantReading, meta: MetadataQuestion | None) -> QuestionFilters:
    since, until = date_range(doc)
    source = claim.source.text if claim.source else None
    outlet = meta.outlet if meta else None
    author = meta.author if meta else None
    month, day = (
        (bare_date(doc) or (None, None)) if since is None and until is None else (None, None)
    )
    return QuestionFilters(since, until, outlet, author, source, month, day)


def _single(question: str) -> tuple[Intent, Any, Any]:
    """The intent of a question on its own (no history), the pronoun claimant token, and
    the spaCy Doc."""
    doc = parse_text(question)
    wh = question_word(doc)
    opener = opening(doc)
    if wh is not None and opener is not None and wh.idx < opener[1]:
        wh = None  # "What about Japan?" asks what the previous question asked
    title_span = quoted_title(doc)
    reading = read(doc, wh)
    meta = metadata_question(doc, wh, title_span)
    claim = read_claimant(doc, wh)
    kind, expected = _answer_kind(reading, claim, meta)
    verb = _main_verb(doc, claim.cue)
    skip = set(claim.cue) | (set(meta.cue) if meta else set())
    intent = Intent(
        question=question,
        question_word=wh.lower_ if wh is not None else None,
        kind=kind,
        expected_types=expected,
        claimant=claim.claimant,
        asks_claimant=claim.asks_claimant,
        focus=focus_terms(doc, skip),
        entities=entities(doc),
        filters=_filters(doc, claim, meta),
        target=reading.target,
        counts_things=reading.counts,
        asks_relation=reading.relation,
        anchors=_anchors(reading.target, verb, doc, claim.asks_claimant),
        metadata_field=meta.field if meta else None,
        title=question[title_span[0] : title_span[1]] if title_span else None,
        references=tuple(find_references(doc)),
        query=question,
        slots=read_slots(doc, verb),
    )
    return intent, claim.pronoun, doc


def _elliptical(intent: Intent, previous: Intent) -> Intent:
    """ "What about Japan?", "And in 2019?": the previous question with a part replaced.

    It asks what the previous turn asked (unless it has its own question word: "Why?"),
    within the previous filters, and a name of the claimant's type replaces the claimant.
    """
    own_question = intent.question_word is not None
    earlier = previous.filters
    if any(e.label == "DATE" for e in intent.entities):  # "And in January?" replaces the date
        earlier = replace(earlier, since=None, until=None)
    changes: dict[str, Any] = {"filters": earlier.updated(intent.filters)}
    if not own_question:
        changes.update(
            kind=previous.kind,
            expected_types=previous.expected_types,
            metadata_field=previous.metadata_field,
            asks_claimant=previous.asks_claimant,
            target=previous.target,
            counts_things=previous.counts_things,
            asks_relation=previous.asks_relation,
        )
        claimant = previous.claimant
        if claimant is not None and intent.claimant is None:
            swap = next((e for e in intent.entities if e.label == claimant.label), None)
            if swap is not None:
                claimant = replace(claimant, text=swap.text, start=swap.start, end=swap.end)
            changes["claimant"] = claimant
    return replace(intent, **changes)


def parse(question: str, history: Sequence[Intent] = ()) -> Intent:
    """Parse a question once; `history` holds the earlier turns' intents, oldest first.

    Only the last turn is used: a follow-up's pronouns resolve against it and its query
    carries that turn's topic (see `followup`).
    """
    intent, pronoun, doc = _single(question.strip())
    previous = history[-1] if history else None
    if previous is None or not intent.references:
        return intent
    references, names = resolve_references(intent.references, previous)
    intent = replace(intent, is_follow_up=True, references=references)
    anchor = previous.filters.since or previous.filters.until
    if anchor and intent.filters.since is None and intent.filters.until is None:
        since, until = date_range(doc, dt.date.fromisoformat(anchor))
        dated = since is not None or until is not None
        month, day = (None, None) if dated else (intent.filters.month, intent.filters.day)
        filters = replace(intent.filters, since=since, until=until, month=month, day=day)
        intent = replace(intent, filters=filters)
    if pronoun is not None:
        span = (pronoun.text, pronoun.idx, pronoun.idx + len(pronoun))
        claimant = resolve_claimant(span, names)
        if claimant is not None:
            intent = replace(intent, claimant=claimant)
    if any(r.reason == "ellipsis" for r in references):
        intent = _elliptical(intent, previous)
    context, context_entities = carry(intent, previous)
    query = " ".join([intent.question, *context])
    return replace(intent, context=context, context_entities=context_entities, query=query)
