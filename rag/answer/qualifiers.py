"""The word a question puts right before the thing it asks an amount of, and the sentences
that name that thing with another one: "operating earnings" is no answer to "What were
Phelps Dodge's third-quarter net earnings?", and "net earnings" or bare "earnings" may be.

A qualifier is a lowercase word right before the asked noun (any inflection) that is no
stop word, no possessive, no capitalised name ("Iranian") and no word of time ("quarterly":
`data/recurrence_words.txt`; "third-quarter" is hyphenated, no qualifier). A sentence
names the asked thing under another qualifier when every mention of the noun has such a
word before it and none is the asked one.
"""

from __future__ import annotations

import re
from functools import cache

from news_rag.index.language.wordlists import words
from news_rag.rag.answer.time_kinds import RECURRENCE_WORDS
from news_rag.rag.question.intent import Intent

# A word is the asked-for noun (a lemma) with at most this many letters more: "sales" for
# "sale", "earnings" for "earning" (an English plural adds "s" or "es").
INFLECTION_LETTERS = 2
_WORD = re.compile(r"[\w'’-]+")


# The adjective of a whole year ("annual earnings"), which says when, as the recurrence words do.
_YEAR_ADJECTIVE = "annual"


@cache
def _no_qualifiers() -> frozenset[str]:
    """Stop words, and words of time before a noun (a period, a recurrence): they say when,
    never what the amount is."""
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list, no model

    return frozenset(STOP_WORDS) | words(RECURRENCE_WORDS) | {_YEAR_ADJECTIVE}


def _qualifier(word: str) -> str | None:
    """`word` as a qualifier (casefolded), or None when it is none."""
    if not word.isalpha() or not word.islower() or word in _no_qualifiers():
        return None
    return word


def _before_noun(text: str, noun: str) -> list[str | None]:
    """The qualifier before each mention of `noun` (inflected) in `text`, None where there
    is none."""
    tokens = _WORD.findall(text)
    out: list[str | None] = []
    for at, token in enumerate(tokens):
        low = token.casefold()
        if low.startswith(noun) and len(low) - len(noun) <= INFLECTION_LETTERS:
            out.append(_qualifier(tokens[at - 1]) if at else None)
    return out


def asked_qualifier(intent: Intent) -> str | None:
    """The qualifier the question puts before its asked noun ("net"), or None."""
    if intent.target is None:
        return None
    found = _before_noun(intent.question, intent.target)
    return found[0] if found else None


def other_qualifier(quote: str, intent: Intent) -> bool:
    """Whether the sentence names the asked noun only under other qualifiers than the
    question's ("operating earnings" for "net earnings")."""
    asked = asked_qualifier(intent)
    if asked is None or intent.target is None:
        return False
    found = _before_noun(quote, intent.target)
    return bool(found) and all(q is not None and q != asked for q in found)
