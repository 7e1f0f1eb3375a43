"""Whose claim a question is about, and whether it asks for a claimant.

- "according to X" names X ("According to Reuters, how many ...?"); "according to whom"
  asks for the claimant.
- A speech or report verb ("say", "claim", "report", "point out") names its subject, or the
  agent of a passive ("was reported by X"); a question word there ("Who said ...?", "Which
  agency reported ...?") asks for the claimant.
- "What did X say/claim ...?" and "How did X respond ...?" ask for X's claims.
A pronoun subject ("What did she say?") is kept for the follow-up resolution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from news_rag.rag.question import words
from news_rag.rag.question.intent import Claimant
from news_rag.rag.question.reading import noun_labels
from news_rag.rag.question.spans import entity_label, noun_run, phrase, run_head, run_text

if TYPE_CHECKING:
    from spacy.tokens import Token

# How a question word may hang from the speech verb in "What did X say?": directly, or through
# the clause the verb introduces ("What did X say happened?", "... allege Washington is doing").
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "advcl"})
_CLAIMS_WORDS = frozenset({"what", "how"})


@dataclass(frozen=True)
class ClaimantReading:
    claimant: Claimant | None
    pronoun: Token | None  # a pronoun subject standing for the claimant ("she")
    asks_claimant: bool
    claims: bool  # "What did X say?"
    source: Claimant | None  # "according to X", "per X": an outlet or a claimant
    cue: frozenset[int]  # token indices that only mark attribution (not focus)


def is_question_phrase(token: Token) -> bool:
    """ "who", or a phrase with a question word: "which agency", "whose forces"."""
    question_words = words.words(words.QUESTION_WORDS)
    return token.lower_ in question_words or any(
        c.dep_ in {"det", "poss"} and c.lower_ in question_words for c in token.children
    )


def verb_entry(token: Token) -> str:
    """A verb as listed in the word lists: its lemma, with its particle ("point out")."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    lemma = token.lemma_.lower()
    return f"{lemma} {particles[0]}" if particles else lemma


def _claimant(token: Token) -> Claimant:
    text, start, end = phrase(token)
    return Claimant(text, start, end, entity_label(token))


_SOURCE_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _names_source(run: list[Token]) -> bool:
    """The phrase names a person or organisation ("per Moscow's top general", not "per day")."""
    head = run_head(run)
    if head is None:
        return False
    typed = noun_labels(head)
    return head.ent_type_ in _SOURCE_LABELS or bool(typed and typed[0] in _SOURCE_LABELS)


def _attribution(doc: Any) -> tuple[list[Token], list[Token]] | None:
    """(marker tokens, the phrase after them) for "according to X", "per X"."""
    lowered = [t.lower_ for t in doc]
    for marker in words.words(words.ATTRIBUTION_MARKERS):
        parts = marker.split()
        for i in range(len(doc) - len(parts)):
            if lowered[i : i + len(parts)] != parts:
                continue
            after = i + len(parts)
            if doc[after].lower_ in words.words(words.QUESTION_WORDS):
                return list(doc[i:after]), [doc[after]]
            run = noun_run(doc, after)
            if run and (marker != "per" or _names_source(run)):
                return list(doc[i:after]), run
    return None


def _raised(verb: Token) -> bool:
    """ "Where are the fighters said to be?": a "be" before the verb and an infinitive after
    it, so the subject is what is spoken of, not the speaker (the small model does not always
    mark this passive)."""
    infinitive = any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children
    )
    return infinitive and any(t.lemma_ == "be" and t.pos_ == "AUX" for t in verb.doc[: verb.i])


def _subject(verb: Token) -> Token | None:
    """Who speaks: the subject of an active verb, the agent of a passive one ("X is said to
    ..." names no speaker)."""
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or _raised(verb)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects and not passive:
        # "How many people did the ministry say died?" gives "say" two subjects; the
        # speaker is the one next to the verb.
        return max(subjects, key=lambda c: c.i if c.i < verb.i else -1)
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _asks_content(wh: Token | None, verb: Token) -> bool:
    if wh is None or wh.lower_ not in _CLAIMS_WORDS:
        return False
    head = wh.head
    while head.i != verb.i:
        if head.dep_ not in _CONTENT_DEPS or head.head.i == head.i:
            return False
        head = head.head
    return True


def _speech_verb(token: Token, wh: Token | None) -> bool:
    entry = verb_entry(token)
    if entry in words.words(words.SPEECH_VERBS):
        return True
    if entry not in words.words(words.WEAK_SPEECH_VERBS):
        return False
    return _asks_content(wh, token) or any(c.dep_ == "ccomp" for c in token.children)


def _verb_like(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun that the parser still treats as one
    ("What did the ministry claim?" tags "claim" NOUN but gives it the subject)."""
    return token.pos_ == "VERB" or any(c.dep_ in {"nsubj", "aux"} for c in token.children)


def _do_support(doc: Any, wh: Token | None) -> tuple[list[Token], Token] | None:
    """ "What did <noun phrase> <speech verb> ...?" read left to right, for when the parse
    misses it: (the noun phrase, the verb)."""
    if wh is None or wh.i + 2 >= len(doc):
        return None
    position = wh.i + 1
    if doc[position].lower_ == "else":
        position += 1
    if doc[position].lemma_ != "do":
        return None
    run = noun_run(doc, position + 1)
    speech = words.speech_verbs()
    # The tagger may take the verb for the phrase's last noun ("the ministry allege").
    for k, token in enumerate(run[1:], start=1):
        if token.lemma_.lower() in speech or token.lower_ in speech:
            return run[:k], token
    after = run[-1].i + 1 if run else len(doc)
    if after < len(doc) and (doc[after].lemma_.lower() in speech or doc[after].lower_ in speech):
        return run, doc[after]
    return None


def read_claimant(doc: Any, wh: Token | None) -> ClaimantReading:
    source: Claimant | None = None  # "according to X"
    speaker: Claimant | None = None  # the subject of a speech verb
    pronoun: Token | None = None
    asks = claims = False
    cue: set[int] = set()
    found = _attribution(doc)
    if found is not None:
        marker, run = found
        cue |= {t.i for t in marker}
        head = run_head(run)
        if run[0].lower_ in words.words(words.QUESTION_WORDS):
            asks = True
        elif head is not None:
            text, start, end = run_text(run)
            source = Claimant(text, start, end, entity_label(head))
    pronouns = words.table(words.PRONOUNS)
    verbs = [t for t in doc if _verb_like(t) and _speech_verb(t, wh)]
    for verb in sorted(verbs, key=lambda t: (sum(1 for _ in t.ancestors), t.i)):
        subject = _subject(verb)
        if subject is None:
            continue
        cue.add(verb.i)
        if is_question_phrase(subject):
            asks = True
        elif subject.pos_ == "PRON" and subject.lower_ in pronouns:
            pronoun = subject
        else:
            speaker = _claimant(subject)
        claims = not asks and _asks_content(wh, verb)
        break
    if speaker is None and pronoun is None and not asks:
        fallback = _do_support(doc, wh)
        if fallback is not None:
            run, verb = fallback
            text, start, end = run_text(run)
            head = run_head(run)
            speaker = Claimant(text, start, end, entity_label(head) if head else None)
            claims = claims or (wh is not None and wh.lower_ in _CLAIMS_WORDS)
            cue.add(verb.i)
    # "According to CNN, what did the senator say?": the senator speaks, CNN reports it.
    claimant = speaker or (source if pronoun is None else None)
    return ClaimantReading(claimant, pronoun, asks, claims, source, frozenset(cue))
