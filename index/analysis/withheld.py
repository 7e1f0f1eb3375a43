"""Sentences that say a value was withheld: "Terms were not disclosed", "he declined to
estimate how much would be sought", "an undisclosed share", "would not say how many". Such
a sentence is contrary evidence for a question asking for that value: the story says it is
not known, and the answer is a refusal that says so, not a neighbouring figure.

Read from spaCy's parse of the sentence: a word that withholds by itself ("undisclosed",
"unnamed"), a verb of telling that is negated ("not disclosed", "did not say") or tells
"no" thing ("gave no figure", "gave no actual outturn"), one that is declined or refused
("declined to estimate"), a phrasal verb of telling negated ("does not break out
earnings by unit"), or "no" before a noun of telling ("made no mention of").
"""

from __future__ import annotations

from typing import Any

from news_rag.index.analysis.lexicon import (
    REFUSING_VERBS,
    TELLING_PHRASAL_VERBS,
    TELLING_VERBS,
    WITHHOLDING_NOUNS,
    WITHHOLDING_WORDS,
)
from news_rag.index.language.wordlists import words

_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_AUXILIARIES = frozenset({"aux", "auxpass"})


def _negated(token: Any) -> Any | None:
    """The negation of a verb ("not" in "were not disclosed"), if any."""
    return next((c for c in token.children if c.dep_ == "neg" or c.lower_ in _NEGATIONS), None)


def _told_none(token: Any) -> Any | None:
    """The object a verb tells "no" of ("figure" in "gave no figure"), if any."""
    return next(
        (c for c in token.children if c.dep_ in {"dobj", "nsubjpass"} and _with_no(c)), None
    )


def _with_no(token: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


# A verb of commenting tells a value only with what it comments on: "declined to comment on
# the size of the second tranche", not "The company declined to comment."
_COMMENTING_VERBS = frozenset({"comment"})
_COMMENTED_ON = frozenset({"on", "about"})


def _comments_on(token: Any) -> bool:
    """Whether a verb comments on something ("comment on the size of ...")."""
    return token.lemma_.lower() in _COMMENTING_VERBS and any(
        c.dep_ == "prep" and c.lower_ in _COMMENTED_ON for c in token.children
    )


def _refused(token: Any) -> Any | None:
    """The verb refusing `token` ("declined" in "declined to estimate"), if any."""
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_.lower() in words(REFUSING_VERBS):
        return head
    return None


def withheld(doc: Any) -> str | None:
    """The words of a parsed sentence that say a value was withheld ("not disclosed",
    "declined to estimate", "undisclosed"), or None."""
    for token in doc:
        lemma = token.lemma_.lower()
        if token.lower_ in words(WITHHOLDING_WORDS) or lemma in words(WITHHOLDING_WORDS):
            return str(token.text)
        if lemma in words(WITHHOLDING_NOUNS) and token.pos_ == "NOUN" and _with_no(token):
            return f"no {token.text}"  # "made no mention of"
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
        if particles:  # most phrasal verbs tell nothing: "will not give up control"
            if f"{lemma} {particles[0]}" not in words(TELLING_PHRASAL_VERBS):
                continue  # those that do: "does not break out earnings by unit"
        elif lemma not in words(TELLING_VERBS) and not _comments_on(token):
            continue
        nothing = _told_none(token)
        if nothing is not None:  # "gave no actual outturn"
            return str(doc[token.i : nothing.i + 1].text)
        negation = _negated(token)
        if negation is not None:  # from its auxiliary: "did not disclose", "were not given"
            words_of = [negation, token, *(c for c in token.children if c.dep_ in _AUXILIARIES)]
            first, last = min(t.i for t in words_of), max(t.i for t in words_of)
            return str(doc[first : last + 1].text)
        refusing = _refused(token)
        if refusing is not None:
            return str(doc[refusing.i : token.i + 1].text)
    return None
