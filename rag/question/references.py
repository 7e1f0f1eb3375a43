"""Words in a question that point outside it: what makes it a follow-up.

- A pronoun with no antecedent in the question ("When did she say it?"). An antecedent is an
  earlier noun of the right kind (a person for "she", a plural or a group for "they") that is
  not in the pronoun's own clause: in "What did Russia say about it?" Russia cannot be "it"
  (that would be "itself"), in "Did the company say it would cut jobs?" it can. A possessive
  may also look ahead ("In his speech, what did Biden promise?").
- A demonstrative pronoun ("Who reported that?", "the first of those"); a demonstrative
  determiner only with a noun that is not a time of now: "this week" and "these days" point
  at the present, "that day", "those attacks", "that company" at something said before.
- Not a pronoun: "it" with a clause after it ("How long did it take to ...?"), "there" in
  "there were", "that" introducing a clause, a relative "that"/"which".
- "else", and a date counted from an earlier one ("the next day", "the same week").
- A fragment with no verb that opens with a question word, a preposition or a continuation
  ("Why?", "In 2019?", "What about Japan?", "And in 2019?"): an ellipsis. A full question
  opening with a continuation ("And what did Japan say?") continues the previous one too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from news_rag.rag.question import words
from news_rag.rag.question.claimant import verb_entry
from news_rag.rag.question.intent import Reference
from news_rag.rag.question.reading import noun_labels

if TYPE_CHECKING:
    from spacy.tokens import Token

PERSON, THING, GROUP, PLACE, ANY = "PERSON", "THING", "GROUP", "PLACE", "ANY"
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_PROXIMAL = frozenset({"this", "these"})
_TEMPORAL_LABELS = frozenset({"DATE", "TIME"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubj"})
_KIND_LABELS = {
    PERSON: frozenset({"PERSON"}),
    GROUP: frozenset({"ORG", "NORP", "GPE"}),
    PLACE: frozenset({"GPE", "LOC", "FAC"}),
}
_VERB_POS = frozenset({"VERB", "AUX"})
# A verbless question is an ellipsis only when it is a bare fragment: "Why?", "Since when?",
# "In which city?", "Who else exactly?" have at most four words. A longer verbless question
# is a full question whose verb the tagger missed ("Which banks co-chair the committee?").
ELLIPSIS_MAX_WORDS = 4


def _span(token: Token, reason: str, refers_to: str) -> Reference:
    return Reference(token.text, token.idx, token.idx + len(token), reason, refers_to)


def _clause_head(token: Token) -> int:
    head = token.head
    while head.pos_ not in _VERB_POS and head.head.i != head.i:
        head = head.head
    return int(head.i)


def _compatible(candidate: Token, refers_to: str) -> bool:
    if candidate.lower_ in {"who", "whom"}:
        return refers_to in {PERSON, GROUP}
    if candidate.pos_ not in {"NOUN", "PROPN"}:
        return False
    typed = noun_labels(candidate)
    label = candidate.ent_type_ or (typed[0] if typed else "")
    if refers_to == PERSON and candidate.pos_ == "PROPN" and not candidate.ent_type_:
        return True  # a name NER did not type ("Jaime Ongpin said he ...")
    if refers_to == THING:
        return candidate.tag_ in {"NN", "NNP"} and label != "PERSON"
    if refers_to == GROUP and candidate.tag_ in {"NNS", "NNPS"}:
        return True
    return label in _KIND_LABELS.get(refers_to, frozenset())


def has_antecedent(pronoun: Token, refers_to: str) -> bool:
    if refers_to == ANY:
        return False
    possessive = pronoun.dep_ == "poss"
    clause = _clause_head(pronoun)
    for candidate in pronoun.doc:
        if candidate.i == pronoun.i or not (candidate.i < pronoun.i or possessive):
            continue
        if not _compatible(candidate, refers_to):
            continue
        if possessive or _clause_head(candidate) != clause:
            return True
    return False


def _expletive(token: Token) -> bool:
    """ "it" that stands for a clause after it ("Is it true that ...", "did it take to ...")."""
    if token.dep_ == "expl":
        return True
    head = token.head
    speech = words.speech_verbs()
    return any(c.dep_ in _CLAUSE_DEPS for c in head.children) and verb_entry(head) not in speech


def _about_statement(token: Token) -> bool:
    """ "it"/"that" as what a speech verb reports ("When did she say it?"): the statement."""
    speech = words.speech_verbs()
    return token.dep_ in {"dobj", "advmod"} and verb_entry(token.head) in speech


def _determiner_of(token: Token) -> Token | None:
    """The noun a demonstrative determines ("that subsidy"), also where the small model
    takes it for a clause marker ("How large is that subsidy?")."""
    head = token.head
    if token.dep_ == "det":
        return head
    if token.dep_ == "mark" and head.pos_ in {"NOUN", "PROPN"} and head.i > token.i:
        return head
    return None


def _demonstrative(token: Token) -> Reference | None:
    noun = _determiner_of(token)
    if noun is None:
        if token.tag_ == "WDT" or token.dep_ == "mark" or token.pos_ == "SCONJ":
            return None  # "the company that ...", "said that ..."
        return _span(token, "pronoun", ANY)
    labels = noun_labels(noun)
    temporal = noun.ent_type_ in _TEMPORAL_LABELS or bool(labels and labels[0] in _TEMPORAL_LABELS)
    if temporal and token.lower_ in _PROXIMAL:
        return None  # "this week": the present
    return _span(token, "demonstrative", ANY)


def _pronoun(token: Token, refers_to: str) -> Reference | None:
    word = token.lower_
    if word in _DEMONSTRATIVES:
        return _demonstrative(token)
    if word == "there" and token.dep_ == "expl":
        return None
    if word == "it" and _expletive(token):
        return None
    if word == "it" and _about_statement(token):
        return _span(token, "pronoun", ANY)
    if has_antecedent(token, refers_to):
        return None
    return _span(token, "pronoun", refers_to)


def _anaphoric(token: Token) -> Reference | None:
    if token.lower_ == "else":
        return _span(token, "anaphoric", ANY)
    if token.ent_type_ not in _TEMPORAL_LABELS:
        return None
    entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
    if entity[0].lower_ != "the":
        return None  # "next week" is counted from now, "the next week" from before
    if any(t.like_num or t.pos_ == "PROPN" for t in entity):
        return None  # "the week before April 7" names its own anchor
    return Reference(entity.text, entity.start_char, entity.end_char, "anaphoric", ANY)


def opening(doc: Any) -> tuple[int, int] | None:
    """Character span of a continuation phrase the question opens with ("And", "What about")."""
    lowered = [t.lower_ for t in doc]
    for phrase in sorted(words.words(words.CONTINUATION_WORDS), key=len, reverse=True):
        parts = phrase.split()
        if lowered[: len(parts)] == parts:
            last = doc[len(parts) - 1]
            return 0, last.idx + len(last)
    return None


def _fragment(doc: Any) -> Reference | None:
    opening_span = opening(doc)
    content = [t for t in doc if not t.is_punct]
    verbless = not any(t.pos_ in _VERB_POS for t in content)
    if opening_span is not None:
        reason = "ellipsis" if verbless else "continuation"
        start, end = opening_span
        return Reference(doc.text[start:end], start, end, reason, ANY)
    first = content[0] if content else None
    question_words = words.words(words.QUESTION_WORDS)
    short = len(content) <= ELLIPSIS_MAX_WORDS
    opens = first is not None and (first.lower_ in question_words or first.pos_ == "ADP")
    if verbless and short and opens:
        return Reference(doc.text.strip(), 0, len(doc.text.rstrip()), "ellipsis", ANY)
    return None


def find_references(doc: Any) -> list[Reference]:
    """The question's references to earlier turns, in order (unresolved)."""
    found: list[Reference] = []
    fragment = _fragment(doc)
    if fragment is not None:
        found.append(fragment)
    pronouns = words.table(words.PRONOUNS)
    anaphoric = words.words(words.ANAPHORIC_WORDS)
    for token in doc:
        reference: Reference | None = None
        word = token.lower_
        if word in pronouns and token.pos_ in {"PRON", "DET", "ADV"}:
            reference = _pronoun(token, pronouns[word][0])
        elif word == "so" and _about_statement(token):
            reference = _span(token, "pronoun", ANY)
        elif word in anaphoric:
            reference = _anaphoric(token)
        if reference is not None and all(r.start != reference.start for r in found):
            found.append(reference)
    return found
