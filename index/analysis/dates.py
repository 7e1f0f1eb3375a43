"""Event dates: the calendar day a sentence reports, from its DATE entities; and the
calendar periods those entities name.

Explicit dates ("November 18", "Feb 26, 1987") and dates relative to the publication date
("yesterday", "on Wednesday", "last week", "two days ago") are parsed by dateparser. A date
relative to the article's last date ("the same day", "a day later", "two days earlier") is
counted from the last date resolved in an earlier sentence (or the publication date). A
month, a year or a vague span ("days earlier", "this year") is not a day: None.

Periods are coarser: every DATE entity that dateparser reads as a day, a month or a year,
read at the publication date, in the past unless its clause is in the future tense ("in
February" in an August 1987 story is February 1987, "last year" is 1986), or else the years
it writes out ("the first two months of 1986": 1986). A question that names a period ("in
March 1987") is answered from sentences about it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from news_rag.index.analysis import lexicon
from news_rag.index.language.dates import (
    TIME_UNITS,
    Period,
    hyphened_year,
    period_of,
    read_date,
)

# A day-and-month date without a year is put in the year that brings it closest to the
# publication date: half a year either side ("March 3" in a February story is this March).
_HALF_YEAR = dt.timedelta(days=183)
_ONE = frozenset({"a", "an", "the", "one"})
_WEEKDAYS = frozenset(name.lower() for name in calendar.day_name)
_WEEKDAY_FILLERS = frozenset({"on", "last", "this", "past", "'s", "’s"})
# Periods dateparser may return that still name one day; "week" is kept for "last week".
_DAY_PERIODS = frozenset({"day", "week"})
# A span of time ("two weeks", "the past few days") is no date unless one of these makes it
# a point in time ("a week ago", "last week").
_POINT_WORDS = frozenset({"ago", "last"})


# Marks between the first and last day of a range ("May 28-29", "March 3 to 4").
_RANGE_MARKS = frozenset({"-", "–", "to"})
_LAST_DAY = 31

# Parses per process: a wire corpus repeats the same phrases ("Tuesday", "last year") on
# the same publication dates, and dateparser takes ~0.3 ms a phrase.
PARSE_CACHE_SIZE = 8192


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse(text: str, base: dt.date | None, prefer: str = "current_period") -> dt.date | None:
    read = read_date(text, base, prefer)
    if read is None or read.precision not in _DAY_PERIODS:
        return None
    found = read.day
    if read.precision == "week" and found == base:
        return None  # "this week" is no particular day
    return found


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse_period(text: str, base: dt.date | None, prefer: str) -> Period | None:
    """The day, month or year `text` names, read at `base`; None for anything else."""
    read = read_date(text, base, prefer)
    return None if read is None else period_of(read.day, read.precision)


def _nearest_year(found: dt.date, base: dt.date) -> dt.date:
    for shift in (-1, 1):
        try:
            other = found.replace(year=found.year + shift)
        except ValueError:  # 29 February
            continue
        if abs(other - base) < abs(found - base) and abs(found - base) > _HALF_YEAR:
            return other
    return found


def _first_of_range(tokens: list[Any]) -> list[Any]:
    """A range of days without its end: "May 28-29" -> "May 28" (dateparser reads the "29"
    after a hyphen as a year)."""
    for n in range(1, len(tokens) - 1):
        before, mark, after = tokens[n - 1], tokens[n], tokens[n + 1]
        if mark.text in _RANGE_MARKS and _day_number(before) and _day_number(after):
            return tokens[:n]
    return tokens


def _day_number(token: Any) -> bool:
    return bool(token.is_digit) and 1 <= int(token.text) <= _LAST_DAY


def _near(period: Period, published: dt.date | None) -> bool:
    """A period read from words that write no year lies within a year of publication."""
    return published is None or abs(period[0].year - published.year) <= 1


def _iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class DateResolver:
    """Resolves the DATE entities of an article's sentences, in reading order."""

    def __init__(self, published: str | None) -> None:
        self.published = _iso(published)
        self.last: dt.date | None = None  # the last date resolved in this article

    def resolve(self, dates: Iterable[tuple[list[Any], bool]]) -> str | None:
        """The first of a sentence's DATE entities that names a day. Each comes as its tokens
        and whether its clause is in the future tense ("will close on Tuesday")."""
        for tokens, future in dates:
            found = self._one(tokens, future)
            if found is not None:
                self.last = found
                return found.isoformat()
        return None

    def periods(self, dates: Iterable[tuple[list[Any], bool]]) -> tuple[tuple[str, str], ...]:
        """The periods a sentence's DATE entities name, as ISO pairs. Each entity comes as
        its tokens and whether its clause is in the future tense: a month without a year is
        the last such month before publication ("exports in February" in an August story),
        or the next one in a future-tense clause ("will vote in February")."""
        found: list[tuple[str, str]] = []
        for tokens, future in dates:
            for first, last in self._periods(tokens, future):
                pair = (first.isoformat(), last.isoformat())
                if pair not in found:
                    found.append(pair)
        return tuple(found)

    def _periods(self, tokens: list[Any], future: bool) -> list[Period]:
        years = [int(t.text) for t in tokens if t.like_num and len(t.text) == 4 and t.is_digit]
        years += [y for y in (hyphened_year(t.text) for t in tokens) if y is not None]
        if self.published is not None or years:
            text = " ".join(t.text for t in _first_of_range(tokens))
            period = _parse_period(text, self.published, "future" if future else "past")
            if period is not None and (years or _near(period, self.published)):
                return [period]
        return [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years if y > 0]

    def _one(self, tokens: list[Any], future: bool) -> dt.date | None:
        words = [t.lower_ for t in tokens]
        anchors = lexicon.pairs(lexicon.DATE_ANCHORS)
        direction = next((anchors[w] for w in words if w in anchors), None)
        units = [t.lemma_.lower() for t in tokens if t.lemma_.lower() in TIME_UNITS]
        if direction is not None and units:
            return self._from_anchor(tokens, direction, units[0])
        if units and not _POINT_WORDS & set(words):
            return None  # a duration ("two weeks", "four weeks last July")
        content = [w for w in words if w not in _WEEKDAY_FILLERS]
        if content and all(w in _WEEKDAYS for w in content):
            return self._weekday(content[-1], future)
        tokens = _first_of_range(tokens)
        text = " ".join(t.text for t in tokens)
        has_year = any(t.like_num and len(t.text) == 4 for t in tokens)
        if self.published is None and not has_year:
            return None
        found = _parse(text, self.published)
        if found is not None and self.published is not None and not has_year:
            found = _nearest_year(found, self.published)
            if abs(found.year - self.published.year) > 1:
                return None  # a date that writes no year is near its story
        return found

    def _from_anchor(self, tokens: list[Any], direction: str, unit: str) -> dt.date | None:
        anchor = self.last or self.published
        if anchor is None:
            return None
        if direction == "same":
            return anchor if unit == "day" else None
        counts = [t.text for t in tokens if t.like_num or t.lower_ in _ONE]
        if not counts:
            return None  # "days earlier": no count, no day
        count = "1" if counts[0].lower() in _ONE else counts[0]
        phrase = f"{count} {unit}s ago" if direction == "before" else f"in {count} {unit}s"
        prefer = "past" if direction == "before" else "future"
        return _parse(phrase, anchor, prefer)

    def _weekday(self, name: str, future: bool) -> dt.date | None:
        """The last such weekday on or before publication (wire style: "said on Wednesday"),
        or the next one on or after it in a future-tense clause ("will meet on Tuesday")."""
        if self.published is None:
            return None
        day = list(calendar.day_name).index(name.title())
        if future:
            return self.published + dt.timedelta(days=(day - self.published.weekday()) % 7)
        return self.published - dt.timedelta(days=(self.published.weekday() - day) % 7)


# A month's name is a date NER missed where it modifies a noun or is a name ("May spec
# shorts totaled 13.6 pct": "May" tagged a modal verb, hung as a compound), never where it
# is a verb's auxiliary ("Exports may fall").
_MONTH_NAMES = frozenset(calendar.month_name[1:])
_VERB_DEPS = frozenset({"aux", "auxpass", "ROOT"})


def untagged_months(doc: Any) -> list[Any]:
    """The tokens of a parsed sentence that name a month, capitalised, outside any entity
    and not as a verb: dates NER left untagged."""
    return [
        t for t in doc
        if t.text in _MONTH_NAMES and not t.ent_type_ and t.dep_ not in _VERB_DEPS
        and (t.pos_ == "PROPN" or t.head.pos_ in {"NOUN", "PROPN"})
    ]  # fmt: skip


# The word that makes a date a year ("last year", "this year").
_YEAR_WORD = "year"


def whole_year(span: Any) -> bool:
    """Whether a date names a year, no day or month in it ("Last year", "in 1986"): the
    period of what a speech verb reports ("Last year Pacific Gas reported earnings of 925
    mln dlrs"), never the day of the saying ("said on Tuesday", "reported today")."""
    words = [t for t in span if not t.is_punct]
    years = [t for t in words if t.lower_ == _YEAR_WORD or (t.is_digit and len(t.text) == 4)]
    others = [t for t in words if t.like_num and t not in years]
    return bool(years) and not others and not any(t.text in _MONTH_NAMES for t in words)
