"""Which kind of time a DATE is: a point ("Monday", "April 1987"), a length ("six
months") or a recurrence ("daily"), and whether it answers the question's kind of time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

from news_rag.index.language.dates import DURATION_UNITS
from news_rag.index.language.entities import Entity
from news_rag.index.language.wordlists import data_list
from news_rag.index.language.wordlists import words as words_of
from news_rag.rag.question.intent import WHEN, Intent

DATE_LABELS = frozenset({"DATE", "TIME"})
# A year written out ("1986", "2019"): what a date's years are read by.
YEAR_PATTERN = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
# Words that make a DATE a recurrence ("daily", "every year"): no answer to "when".
RECURRENCE_WORDS = data_list("news_rag.rag.answer", "recurrence_words.txt")


def other_kind_of_time(text: str, label: str, intent: Intent) -> bool:
    """Whether a DATE is no answer to the question's kind of time: a recurrence ("daily
    doses", "every year") asked about with "when" says how often, not when; a point in time
    ("Monday", "April 1987") asked about with "how long" says when, not how long."""
    if label not in DATE_LABELS:
        return False
    if asks_how_long(intent) or (intent.counts_things and intent.target in DURATION_UNITS):
        return not _counts_time(text)  # "how long", "how many days"
    if asks_how(intent, "old"):  # an age: "23-year-old", "58 years old", not "Sunday"
        return not _length_of_time(text)
    if asks_how(intent, "often"):  # a recurrence: "every three nights", not "ten-year"
        return not _recurrence(text)
    if intent.kind != WHEN:
        return False
    return _recurrence(text) or _length_of_time(text)


# Words that count how often: "twice a year", "three times a week".
_FREQUENCY_WORDS = frozenset({"once", "twice", "times"})


def _recurrence(text: str) -> bool:
    """Whether a DATE says how often ("every year", "daily", "twice a year")."""
    words = text.casefold().split()
    return bool(words) and (
        words[0] in words_of(RECURRENCE_WORDS) or bool(_FREQUENCY_WORDS.intersection(words))
    )


def counts_no_age(entity: Entity, intent: Intent) -> bool:
    """For "How old is X?": a number counting a noun other than years is no age ("two break
    points"); "Webb, 58," and "58 years" are."""
    if not asks_how(intent, "old") or entity.label not in {"CARDINAL", "QUANTITY"}:
        return False
    return entity.role == "nummod" and entity.heads[:1] != ("year",)


# The oldest age news copy gives a person in apposition ("Okoye, 52,"): above it, a number
# after a name between commas is no age (a year, a count). Set by hand: the oldest people
# live to about 120.
MAX_AGE = 120


def age_in_apposition(entity: Entity, entities: Sequence[Entity], text: str) -> bool:
    """Whether a bare number is a person's age written in apposition, the news way ("Okoye,
    52, a former teacher"): a whole number between commas right after a PERSON's name. It
    answers "How old is X?" and nothing else: not a share, a count or an amount."""
    if entity.label != "CARDINAL" or not entity.text.isdigit():
        return False
    if not 0 < int(entity.text) <= MAX_AGE or not in_commas(entity, text):
        return False
    return any(e.label == "PERSON" and e.end == entity.start - len(_COMMA) for e in entities)


# What stands between a name and a word in apposition to it ("Okoye, 52,").
_COMMA = ", "


def in_commas(entity: Entity, text: str) -> bool:
    """Whether an entity stands between commas in `text` (", 58,": in apposition)."""
    before = text[max(0, entity.start - len(_COMMA)) : entity.start]
    return before == _COMMA and text[entity.end : entity.end + 1] == ","


def age_not_asked(entity: Entity, entities: Sequence[Entity], text: str, intent: Intent) -> bool:
    """A person's age in apposition (`age_in_apposition`) where the question does not ask
    "how old": no answer ("What share of the vote did Okoye win?" over "Okoye, 52, ...")."""
    return not asks_how(intent, "old") and age_in_apposition(entity, entities, text)


def asks_how_long(intent: Intent) -> bool:
    """Whether the question asks "how long" (a length of time or of something)."""
    return asks_how(intent, "long")


def asks_how(intent: Intent, word: str) -> bool:
    """Whether the question asks "how `word`" ("how long", "how old", "how many")."""
    words = intent.question.casefold().split()
    return any(a == "how" and b == word for a, b in pairwise(words))


# The endings of ordinal numbers ("first", "2nd", "third", "fourth"): a place, not a count.
_ORDINAL_ENDINGS = ("st", "nd", "rd", "th")
# Words that make a length of time a point in time ("two years ago", "the last six months").
POINT_WORDS = frozenset({"ago", "last", "next", "past", "this", "earlier", "later", "since"})


def _hyphen_words(text: str) -> list[str]:
    return text.casefold().replace("-", " ").split()


# Words that count one unit of time: "a day", "half an hour".
_ONE = frozenset({"a", "an", "one", "half"})


def _counts_time(text: str) -> bool:
    """Whether a DATE counts units of time ("three-year", "six months", "a decade",
    "hours"), not one named by the unit ("the end of the year", "this week")."""
    from spacy.lang.en.lex_attrs import like_num  # a word list, no model

    words = _hyphen_words(text)
    for i, word in enumerate(words):
        if word.rstrip("s") not in DURATION_UNITS:
            continue
        before = words[i - 1] if i else ""
        if word.endswith("s") or before in _ONE or (like_num(before) and before[:1] != "0"):
            return True
    return False


def _length_of_time(text: str) -> bool:
    """A counted length of time that is no point in time: "three-year", "six months", not
    "two years ago", "the past six months" nor "the first quarter"."""
    from spacy.lang.en.lex_attrs import like_num  # a word list, no model

    words = _hyphen_words(text)
    cardinal = [w for w in words if like_num(w) and not w.endswith(_ORDINAL_ENDINGS)]
    counted = bool(cardinal) and _counts_time(text)
    return counted and not POINT_WORDS.intersection(words)


def recurrence_start(entity: Entity, text: str) -> int:
    """Where a time starts with the word right before it that makes it a recurrence
    ("every" before "three nights"); else where the entity starts."""
    low = max(0, entity.start - RECURRENCE_REACH)
    before = text[low : entity.start]
    words = before.split()
    if not words or words[-1].casefold() not in words_of(RECURRENCE_WORDS):
        return entity.start
    return low + before.rindex(words[-1])


# Characters read before a time for the word making it a recurrence ("every", "each").
RECURRENCE_REACH = 12


# Words making a date the one a figure is compared with ("from 19.4 mln dlrs a year
# earlier", "a year ago"): the "before" anchors of the analysis's date words
# (`index/analysis/data/date_anchors.txt`) and "ago".
_AGO = "ago"


@cache
def _comparison_words() -> frozenset[str]:
    from news_rag.index.analysis.lexicon import DATE_ANCHORS
    from news_rag.index.language.wordlists import pairs

    anchors = pairs(DATE_ANCHORS)
    return frozenset(w for w, direction in anchors.items() if direction == "before") | {_AGO}


def comparison_date(text: str) -> bool:
    """Whether a date is the one a figure is compared with ("a year earlier", "a year ago",
    "the previous year"): not the period the figure is for."""
    return any(w in _comparison_words() for w in text.casefold().split())


# The seasons: before a noun, a kind of thing ("winter wheat", "spring barley", "summer
# tyres"), which NER tags a date.
_SEASONS = frozenset({"winter", "spring", "summer", "autumn", "fall"})
_MODIFIER_ROLES = frozenset({"compound", "amod", "nmod"})


def season_of_thing(entity: Entity) -> bool:
    """Whether a date is a season's name modifying a noun: a kind of thing ("winter wheat"),
    no time an answer gives."""
    return (
        entity.label in DATE_LABELS and entity.role in _MODIFIER_ROLES
        and entity.text.casefold() in _SEASONS
    )  # fmt: skip
