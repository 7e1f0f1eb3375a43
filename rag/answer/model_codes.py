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
from collections.abc import Sequence
from functools import cache

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


def _terms(text: str) -> dict[str, set[str]]:
    """Each unit of the text's terms and the numbers written with it (casefolded)."""
    found: dict[str, set[str]] = {}
    for m in _TERM.finditer(text):
        found.setdefault(m.group(2).casefold(), set()).add(m.group(1).casefold())
    return found


def other_term(question: str, typed: Sequence[Evidence]) -> str | None:
    """The refusal's reason when the question gives a term ("the 20-year government bond")
    that no story of a sentence holding an answer writes, and the best one's story writes
    that unit with another number only: "this for the 20-year one, only for the 10-year"."""
    asked = _terms(question)
    if not typed or not asked:
        return None
    stories = [_terms(text) for text in {ev.article.text for ev in typed}]
    best = _terms(typed[0].article.text)
    for unit, numbers in asked.items():
        if any(numbers & story.get(unit, set()) for story in stories):
            continue
        other = sorted(best.get(unit, set()) - numbers)
        if other:
            return f"this for the {min(numbers)}-{unit} one, only for the {other[0]}-{unit}"
    return None
