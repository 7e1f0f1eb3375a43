"""The words that pin a stated date to its day or period: its numbers (a number word as its
digits) and its months. "the four weeks ended March six" pins {4, march, 6}; "the four weeks
ended March 13" pins {4, march, 13}: two periods, whatever else their sentences share. Read
where the question's date resolves to no period (`Intent.filters`) and a sentence's to none
(`SentenceAnalysis.periods`): weekly and monthly reporting periods ("the week ended ...").
"""

from __future__ import annotations

from collections.abc import Iterable

from news_rag.index.language.entities import Entity
from news_rag.rag.question.slots import MONTH_WORDS

_NUMBER_WORDS = {
    word: str(n)
    for n, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        start=1,
    )
}
_DATE_LABELS = frozenset({"DATE"})


def pinned(entities: Iterable[Entity]) -> frozenset[str]:
    """The words pinning the dates among `entities`: digits, months, number words as digits."""
    found = set()
    for entity in entities:
        if entity.label not in _DATE_LABELS:
            continue
        for raw in entity.text.split():
            word = raw.strip(".,").casefold()
            word = _NUMBER_WORDS.get(word, word)
            if word.isdigit() or word in MONTH_WORDS:
                found.add(word)
    return frozenset(found)


def other_pins(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether each set pins a word the other lacks: two periods. "March 3" and "March 3,
    1987" are one date."""
    return bool(mine - theirs) and bool(theirs - mine)
