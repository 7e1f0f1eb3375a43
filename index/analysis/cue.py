"""Cue stage: the words in a parsed sentence that attribute it to someone.

Works on the dependency parse of one sentence (a spaCy `Doc`), skipping tokens inside
quotation marks (a cue in someone's quoted words is part of what they said). A cue is:
- a speech or report verb ("said", "told", "pointed out"), with its subject as the source;
  verbs with everyday uses ("added", "noted") count only with a complement clause or a quote;
- a passive report verb: "was reported by X" (the agent is the source) or, with no agent,
  "were reportedly/were reported killed" (an unnamed source);
- "according to X" and "..., citing X";
- a passive "X was quoted as saying" (X is the source);
- a hedge adverb with no named source ("reportedly", "allegedly").
A source that is only the medium ("a statement from X", "a report by X") is replaced by X.
Only cues on the sentence's main clause chain count, not those in a relative clause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from news_rag.index.analysis import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

# Dependencies that link a clause to the sentence's main clause: a cue reached only through
# these speaks for the whole sentence.
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis", "xcomp"})
# A cue may itself hang from the main clause as an adverbial ("as he said", "..., citing X").
_CUE_DEPS = _CLAUSE_DEPS | {"advcl", "prep", "advmod"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Cue:
    words: str  # the cue as written: "said", "according to", "reportedly"
    start: int  # character offsets in the sentence Doc
    end: int
    depth: int  # steps from the sentence root (fewer = speaks for more of the sentence)
    source: Token | None  # head token of the source phrase, when one is named
    unnamed: str | None = None  # claimant for an unnamed source ("unnamed reports")


def _depth(token: Token) -> int | None:
    """Steps to the root, or None when the path leaves the main clause chain."""
    depth = 0
    if token.dep_ not in _CUE_DEPS:
        return None
    while token.head.i != token.i:
        token = token.head
        depth += 1
        if token.dep_ not in _CLAUSE_DEPS:
            return None
    return depth


def _verb_entry(token: Token) -> str:
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    lemma = token.lemma_.lower()
    return f"{lemma} {particles[0]}" if particles else lemma


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)


def _has_content(token: Token, quoted: Callable[[Token], bool]) -> bool:
    """The verb introduces content: a clause, a quotation, or hangs off the content clause."""
    if token.dep_ == "parataxis":
        return True
    return any(c.dep_ in {"ccomp", "parataxis"} or quoted(c) for c in token.children)


def _subject(token: Token) -> Token | None:
    """The verb's subject; a verb sharing its subject ("and said", "to say") borrows it."""
    while True:
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            return subjects[0]
        if token.dep_ not in {"conj", "xcomp", "advcl"} or token.head.i == token.i:
            return None
        token = token.head


def _unnamed_report(token: Token, entry: str) -> bool:
    """ "Reports appeared that ...": a report verb whose subject is an unnamed source."""
    if entry not in lexicon.words(lexicon.REPORT_VERBS):
        return False
    subject = _subject(token)
    return subject is not None and subject.lemma_.lower() in lexicon.pairs(lexicon.UNNAMED_SOURCES)


def _words(tokens: list[Token]) -> tuple[str, int, int]:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return tokens[0].doc.text[start:end], start, end


def _verb_cue(token: Token, depth: int, quoted: Callable[[Token], bool]) -> Cue | None:
    entry = _verb_entry(token)
    if entry in lexicon.words(lexicon.PASSIVE_SPEAKER_VERBS) and _is_passive(token):
        speakers = [c for c in token.children if c.dep_ == "nsubjpass"]
        words, start, end = _words([token])
        return Cue(words, start, end, depth, speakers[0]) if speakers else None
    if any(c.dep_ == "neg" for c in token.children) or _under_other_verb(token):
        return None  # "did not say", "declined to comment", "intended to deny"
    strong = entry in lexicon.words(lexicon.SPEECH_VERBS)
    weak = entry in lexicon.words(lexicon.WEAK_SPEECH_VERBS) and _has_content(token, quoted)
    if not (strong or weak or _unnamed_report(token, entry)):
        return None
    parts = [token, *(c for c in token.children if c.dep_ == "prt")]
    words, start, end = _words(sorted(parts, key=lambda t: t.i))
    if _is_passive(token):
        return _passive_cue(token, Cue(words, start, end, depth, None))
    subject = _subject(token) or _speaker_before(token)
    if subject is None or subject.lower_ == "there" or not (strong or _may_speak(subject)):
        return None  # no subject, or "a reading above 50 pct indicates that ..."
    return Cue(words, start, end, depth, subject)


def _speaker_before(token: Token) -> Token | None:
    """The speaker of a closing speech verb the parser left without a subject: "Protectionism
    is the biggest danger, the president of the Federal Association of German Banks,
    Wolfgang Roeller, said." hangs "the president ..., Wolfgang Roeller" from "danger" as an
    apposition; the name written last before ", said" after the said content is the
    speaker."""
    doc = token.doc
    if token.dep_ != "ROOT" or token.i < 2 or doc[token.i - 1].text != ",":
        return None
    if not any(c.dep_ == "ccomp" and c.i < token.i for c in token.children):
        return None
    name = doc[token.i - 2]
    return name if name.dep_ == "appos" and name.pos_ in {"PROPN", "NOUN"} else None


def _passive_cue(token: Token, cue: Cue) -> Cue | None:
    """ "was reported by X": X; "were reported killed": an unnamed source."""
    agents = [g for c in token.children if c.dep_ == "agent" for g in c.children]
    if agents and agents[0].dep_ == "pobj":
        return replace(cue, source=agents[0])
    label = lexicon.pairs(lexicon.UNNAMED_SOURCES).get(token.lemma_.lower())
    return replace(cue, unnamed=label) if label else None


def _under_other_verb(token: Token) -> bool:
    """A speech verb that is the complement of another verb ("declined to say")."""
    if token.dep_ != "xcomp":
        return False
    head = token.head
    return _verb_entry(head) not in lexicon.words(lexicon.SPEECH_VERBS)


def _may_speak(subject: Token) -> bool:
    """Whether a subject can be a speaker: a name, a pronoun, a person or organisation noun,
    an unnamed source, or a plural noun ("analysts", "dealers"); not "the data"."""
    if subject.pos_ in {"PROPN", "PRON"} or subject.ent_type_:
        return True
    lemma = subject.lemma_.lower()
    known = (
        lexicon.words(lexicon.PERSON_ROLES)
        | lexicon.words(lexicon.ORG_NOUNS)
        | set(lexicon.pairs(lexicon.UNNAMED_SOURCES))
    )
    return lemma in known or subject.tag_ == "NNS"


def _according_cue(token: Token, depth: int) -> Cue | None:
    for to in token.children:
        if to.lower_ == "to":
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects:
                words, start, end = _words([token, to])
                return Cue(words, start, end, depth, objects[0])
    return None


def _citing_cue(token: Token, depth: int) -> Cue | None:
    if token.dep_ == "ROOT":
        return None  # "The company cited its outlook as the reason": no attribution
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if not objects:
        return None
    words, start, end = _words([token])
    return Cue(words, start, end, depth, objects[0])


def _through_medium(source: Token) -> Token:
    """ "a statement from the ministry" -> "ministry": the source behind a medium noun
    (also "the central bank's report" -> "central bank")."""
    if source.lemma_.lower() not in lexicon.words(lexicon.MEDIUM_NOUNS):
        return source
    owners = [c for c in source.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    if owners:
        return owners[0]
    for prep in source.children:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return source


def find_cues(doc: Any, quoted: Callable[[Token], bool]) -> list[Cue]:
    """The sentence's cues, the one that speaks for most of the sentence first.

    Named sources come before unnamed ones; then fewer steps from the root; then position.
    """
    cues: list[Cue] = []
    for token in doc:
        if quoted(token):
            continue
        depth = _depth(token)
        if depth is None:
            continue
        cue: Cue | None = None
        lower = token.lower_
        if lower == "according":
            cue = _according_cue(token, depth)
        elif (
            token.pos_ == "VERB"
            and token.lemma_.lower() in lexicon.words(lexicon.CITING_VERBS)
            and not _is_passive(token)
        ):
            cue = _citing_cue(token, depth)
        elif token.pos_ in {"VERB", "AUX"}:
            cue = _verb_cue(token, depth, quoted)
        elif token.pos_ == "ADV" and lower in lexicon.pairs(lexicon.UNNAMED_SOURCES):
            words, start, end = _words([token])
            cue = Cue(words, start, end, depth, None, lexicon.pairs(lexicon.UNNAMED_SOURCES)[lower])
        if cue is not None:
            if cue.source is not None:
                cue = replace(cue, source=_through_medium(cue.source))
            cues.append(cue)
    return sorted(cues, key=lambda c: (c.unnamed is not None, c.depth, c.start))
