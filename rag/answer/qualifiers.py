"""The word a question puts right before the thing it asks an amount of, and the sentences
that name that thing with another one: "operating earnings" is no answer to "What were
Phelps Dodge's third-quarter net earnings?", and "net earnings" or bare "earnings" may be.

A qualifier is a lowercase word right before the asked noun (any inflection) that is an
ordinal ("the first tranche"), a hyphenated word of a kind ("pre-tax") or no stop word,
no possessive, no capitalised name ("Iranian") and no word of time ("quarterly":
`data/recurrence_words.txt`; "third-quarter" is a period, no qualifier). A sentence
names the asked thing under another qualifier when every mention of the noun has such a
word before it and none is the asked one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from news_rag.index.language.wordlists import words
from news_rag.rag.answer.names import name_words
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


# Ordinals, stop words to spaCy, qualify the noun after them: "the second tranche" is no
# answer to "How large was the first tranche?".
ORDINAL_QUALIFIERS = frozenset({
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth",
})  # fmt: skip


# Words of a hyphenated word that make it a period, no kind of the thing: "third-quarter",
# "full-year", "six-month".
_PERIOD_PARTS = frozenset({"quarter", "half", "year", "month", "week", "day"})


def _hyphenated(word: str) -> bool:
    """Whether a word is a hyphenated qualifier of a kind ("pre-tax", "after-tax",
    "long-term"), not of a period ("third-quarter", "full-year")."""
    parts = word.split("-")
    return (
        len(parts) > 1 and all(p.isalpha() and p.islower() for p in parts)
        and not _PERIOD_PARTS.intersection(parts) and not ORDINAL_QUALIFIERS.intersection(parts)
    )  # fmt: skip


def _qualifier(word: str) -> str | None:
    """`word` as a qualifier (casefolded), or None when it is none."""
    if word in ORDINAL_QUALIFIERS or _hyphenated(word):
        return word
    if not word.isalpha() or not word.islower() or word in _no_qualifiers():
        return None
    return word


def inflects(word: str, noun: str) -> bool:
    """Whether the casefolded `word` is `noun`, inflected or not ("earnings" for "earning")."""
    return word.startswith(noun) and len(word) - len(noun) <= INFLECTION_LETTERS


def names_word(text: str, noun: str) -> bool:
    """Whether `text` has `noun` as a word, inflected or not ("prices" for "price")."""
    return any(inflects(word.casefold(), noun) for word in name_words(text))


def _before_noun(text: str, noun: str) -> list[str | None]:
    """The qualifier before each mention of `noun` (inflected) in `text`, None where there
    is none."""
    tokens = _WORD.findall(text)
    return [
        _qualifier(tokens[at - 1]) if at else None
        for at, token in enumerate(tokens)
        if inflects(token.casefold(), noun)
    ]


def asked_qualifier(intent: Intent) -> str | None:
    """The qualifier the question puts before its asked noun ("net"), or None."""
    return None if intent.target is None else _asked(intent.question, intent.target)


# Questions whose qualifier is kept: one question's candidates ask it for every sentence
# (`alignment.names_target`), and a conversation asks a few questions.
ASKED_CACHED = 64


@lru_cache(maxsize=ASKED_CACHED)
def _asked(question: str, target: str) -> str | None:
    """`asked_qualifier` of a question's text and asked noun, read once."""
    found = _before_noun(question, target)
    return found[0] if found else None


def other_qualifier(quote: str, intent: Intent) -> bool:
    """Whether the sentence names the asked noun only under other qualifiers than the
    question's ("operating earnings" for "net earnings")."""
    asked = asked_qualifier(intent)
    if asked is None or intent.target is None:
        return False
    found = _before_noun(quote, intent.target)
    return bool(found) and all(q is not None and q != asked for q in found)


def last_mention_qualifier(text: str, noun: str) -> tuple[bool, str | None]:
    """Whether `text` names `noun` (inflected), and the qualifier before its last mention
    (None where there is none): "base lending rates of" -> (True, "lending")."""
    found = _before_noun(text, noun)
    return (True, found[-1]) if found else (False, None)
