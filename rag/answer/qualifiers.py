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

from news_rag.index.language.wordlists import data_list, words
from news_rag.rag.question.intent import Intent

# A noun inflected has at most this many letters more than its lemma ("earnings", "sales"),
# as `alignment.INFLECTION_LETTERS`.
INFLECTION_LETTERS = 2
_WORD = re.compile(r"[\w'’-]+")
# Words of time before a noun: a period or a recurrence, never what the amount is of.
RECURRENCE_WORDS = data_list("news_rag.rag.answer", "recurrence_words.txt")


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list, no model

    return frozenset(STOP_WORDS) | words(RECURRENCE_WORDS) | {"annual"}


def _qualifier(word: str) -> str | None:
    """`word` as a qualifier (casefolded), or None when it is none."""
    if not word.isalpha() or not word.islower() or word in _stop_words():
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
