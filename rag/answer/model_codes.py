"""A name with a number the question gives ("MetSat-4", "A340", "Flight 214") that no
sentence of the answer writes, where the best writes the same name with another number ("The
satellite, MetSat-5, weighs 3.9 tonnes"): the figure is another model's, flight's or
mission's. NER tags few such names, so they are read from the words themselves: letters
and digits in one word, or a capitalised word and the number right after it. Likewise a
term ("the 20-year government bond") its story never writes where it writes the same unit
with another number ("the 10-year government bond"): another bond's coupon.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import cache
from typing import TypeVar

from news_rag.rag.answer.evidence import Evidence

# A model code: letters and digits in one word ("MetSat-4", "A340", "B-52"), or a
# capitalised word and a number of up to three digits after it ("Apollo 11", "Flight 214";
# not a year).
_CODE = re.compile(r"\b([A-Z][A-Za-z]*)[- ]?(\d{1,3}[A-Za-z]?)\b")


@cache
def _calendar_words() -> frozenset[str]:
    """Month and day names, in full and short ("February 12" is a date, not a code)."""
    names = [*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr]
    return frozenset(n.casefold() for n in names if n)


def _codes(text: str) -> dict[str, set[str]]:
    """Each code's letters (casefolded) and the numbers written after them."""
    found: dict[str, set[str]] = {}
    for m in _CODE.finditer(text):
        letters = m.group(1).casefold()
        if letters not in _calendar_words():
            found.setdefault(letters, set()).add(m.group(2))
    return found


def other_model(question: str, typed: Sequence[Evidence]) -> str | None:
    """The refusal's reason when the best sentence holding an answer writes a code of the
    question with another number only, and no sentence holding one writes the question's
    own: "this for MetSat-4, only for MetSat-5"."""
    if not typed:
        return None
    asked = _codes(question)
    if not asked:
        return None
    written = [_codes(ev.quote) for ev in typed]  # once each
    for letters, numbers in asked.items():
        if any(numbers & codes.get(letters, set()) for codes in written):
            continue  # a sentence holding an answer writes the asked one
        other = sorted(written[0].get(letters, set()) - numbers)
        if other:
            number = min(numbers)
            said = _as_written(typed[0].quote, letters, other[0]) or other[0]
            return f"this for {_as_written(question, letters, number) or number}, only for {said}"
    return None


def _as_written(text: str, letters: str, number: str) -> str | None:
    """The code as `text` writes it ("MetSat-5"), or None."""
    found = re.search(rf"\b{re.escape(letters)}[- ]?{re.escape(number)}\b", text, re.I)
    return found.group(0) if found else None


# A term: a number and a unit of time in one hyphenated word ("10-year", "six-month").
_TERM = re.compile(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
    r"thirty)-(year|month|week|day)\b",
    re.I,
)


# A numbered phrase's key: a unit, with its words.
Phrase = TypeVar("Phrase", bound=Hashable)


def _terms(text: str) -> dict[str, dict[str, str]]:
    """Each unit of the text's terms and the numbers written with it (casefolded), each
    with its term ("20" -> "20-year")."""
    found: dict[str, dict[str, str]] = {}
    for m in _TERM.finditer(text):
        number, unit = m.group(1).casefold(), m.group(2).casefold()
        found.setdefault(unit, {})[number] = f"{number}-{unit}"
    return found


def other_number(
    read: Callable[[str], Mapping[Phrase, Mapping[str, str]]],
    question: str,
    typed: Sequence[Evidence],
) -> tuple[str, str] | None:
    """The question's phrase (as `read` finds them, each with the numbers written with it,
    each as written: a term, a condition's amount) that no story of a sentence holding an
    answer writes with its number, where the best one's story writes it with another number
    only: (the question's, as written; the story's), the lowest numbers first; or None."""
    asked = read(question)
    if not typed or not asked:
        return None
    stories = {text: read(text) for text in {ev.article.text for ev in typed}}
    best = stories[typed[0].article.text]
    for phrase, numbers in asked.items():
        if any(numbers.keys() & story.get(phrase, {}).keys() for story in stories.values()):
            continue
        other = sorted(best.get(phrase, {}).items())
        if other:
            return min(numbers.items())[1], other[0][1]
    return None


def other_term(question: str, typed: Sequence[Evidence]) -> str | None:
    """The refusal's reason when the question gives a term ("the 20-year government bond")
    that no story of a sentence holding an answer writes, and the best one's story writes
    that unit with another number only: "this for the 20-year one, only for the 10-year"."""
    found = other_number(_terms, question, typed)
    return f"this for the {found[0]} one, only for the {found[1]}" if found else None
