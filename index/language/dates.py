"""The one dateparser wrapper: what day a phrase names and how precise it is, read at a
reference day. Both the article analysis (event dates and periods) and the question parse
(date filters) read dates through it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Period = tuple[dt.date, dt.date]  # first and last day
# Units of time a number counts in a duration or an age ("two weeks", "65 years old").
TIME_UNITS = frozenset({"day", "week", "month", "year"})
# Every unit a length of time is counted in ("three-year", "six hours", "two decades").
DURATION_UNITS = TIME_UNITS | {"second", "minute", "hour", "quarter", "decade", "century"}


def is_duration(span: Any) -> bool:
    """Whether a parsed DATE phrase is a length of time, not a date: a unit of time in the
    plural, counted ("65 years old", "the past six months"); "the year 1986" is a date."""
    return any(t.lemma_.lower() in TIME_UNITS and t.tag_ == "NNS" for t in span)


# A year written into a word before it ("end-1986", "mid-1987", "early-1985"), as wire copy
# writes a part of a year; the tokenizer keeps it one token, so no number is seen in it.
_HYPHENED_YEAR_DIGITS = 4


def hyphened_year(word: str) -> int | None:
    """The year a word like "end-1986" or "mid-1987" names: letters, a hyphen, four digits."""
    head, hyphen, year = word.rpartition("-")
    if not hyphen or not head.isalpha() or not year.isdigit():
        return None
    return int(year) if len(year) == _HYPHENED_YEAR_DIGITS else None


@dataclass(frozen=True)
class ReadDate:
    """A date dateparser found: its day and its precision (dateparser's `period`: "day",
    "week", "month", "year", "time"; None when it says none)."""

    day: dt.date
    precision: str | None


@lru_cache(maxsize=64)
def _parser(base: dt.date | None, prefer: str) -> Any:
    # deferred: importing dateparser takes ~0.3 s
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def read_date(
    text: str, base: dt.date | None = None, prefer: str = "current_period"
) -> ReadDate | None:
    """The date `text` names, read (in English) at `base` (today when None): relative dates
    ("last week", "March") count from it, in the past, the future or the current period as
    `prefer` says. None when dateparser finds no date."""
    data = _parser(base, prefer).get_date_data(text)
    return None if data.date_obj is None else ReadDate(data.date_obj.date(), data.period)


def period_of(day: dt.date, precision: str | None) -> Period | None:
    """The calendar period of a date dateparser read with `precision` (its `period`): the
    day, the month or the year holding `day`; None for weeks and times of day."""
    if precision == "day":
        return day, day
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return None
