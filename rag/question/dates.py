"""Date filters a question implies: "in 2018", "in March 1987", "since 2019", "before May 2020".

Each DATE entity of the question is parsed by dateparser, which also says how precise it is
(a day, a month, a year): "2018" is the period 2018-01-01..2018-12-31. A date that depends on
when it is read ("last week", "March", "on Wednesday", "the next day") says nothing on its
own: it is parsed against two different reference days, and if the two periods differ it is
relative and sets no filter. A date with no number in it has no year and is relative too, so
it is not parsed at all (dateparser takes a few ms a call). The preposition in front of the
date decides which end of the period it sets ("since 2018" sets only the start).
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache
from typing import Any

from news_rag.index.language.dates import (
    DURATION_UNITS,
    Period,
    hyphened_year,
    is_duration,
    period_of,
    read_date,
)
from news_rag.rag.question import words

# Two arbitrary reference days, far apart and on different weekdays, months and years: a
# date whose period is the same read from both does not depend on when it is read.
_REFERENCE_DAYS = (dt.date(2000, 6, 15), dt.date(2011, 2, 3))


@lru_cache(maxsize=1024)
def absolute_period(text: str) -> Period | None:
    """The period `text` names, or None when it is relative or not a date."""
    periods = []
    for base in _REFERENCE_DAYS:
        read = read_date(text, base)
        if read is None or read.precision is None:
            return None
        periods.append(period_of(read.day, read.precision))
    first = periods[0]
    return first if first is not None and all(p == first for p in periods) else None


def _runs(entity: Any) -> list[str]:
    """The parts of a date phrase dateparser cannot read whole ("between 2017 and 2019",
    "the first quarter of 2019", "1985 first quarter"): runs of numbers and proper nouns
    (month names); an ordinal ("first", an adjective) is neither."""
    runs: list[list[str]] = [[]]
    for token in entity:
        number = token.like_num and token.pos_ != "ADJ"
        if number or token.pos_ == "PROPN" or (runs[-1] and token.text == ","):
            runs[-1].append(token.text)
        elif runs[-1]:
            runs.append([])
    return [" ".join(run).strip(" ,") for run in runs if run]


@lru_cache(maxsize=1024)
def anchored_period(text: str, anchor: dt.date) -> Period | None:
    """The period a date without a year names when read at `anchor` ("January" after a
    question about February 1987 is January 1987)."""
    read = read_date(text, anchor)
    if read is None or read.precision is None:
        return None
    return period_of(read.day, read.precision)


def entity_periods(entity: Any, anchor: dt.date | None = None) -> list[Period]:
    """The absolute periods one DATE entity names (several for a range). With an anchor (the
    previous turn's date), a date with no year is read at the anchor."""
    hyphened = [y for y in (hyphened_year(t.text) for t in entity) if y is not None]
    if hyphened:  # "end-1985": the year it is a part of
        return [p for p in (period_of(dt.date(y, 1, 1), "year") for y in hyphened) if p]
    if not any(t.like_num for t in entity):
        # No year, so it depends on when it is read ("last week", "March").
        found = anchored_period(entity.text, anchor) if anchor is not None else None
        return [found] if found is not None else []
    whole = absolute_period(entity.text)
    if whole is not None:
        return [whole]
    if _duration(entity):  # "the 52-week low": a length of time, no date
        return []
    parts = [absolute_period(run) for run in _runs(entity) if any(c.isdigit() for c in run)]
    return [p for p in parts if p is not None]


def _duration(entity: Any) -> bool:
    """Whether a date phrase is a length of time written with a hyphen ("52-week", "10-day",
    "20-year"): a count of units, never a year dateparser may read the number as (2052)."""
    tokens = list(entity)
    return any(
        a.like_num and b.text == "-" and c.lemma_.lower() in DURATION_UNITS
        for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)
    )


def _direction(entity: Any) -> str | None:
    root = entity.root
    while root.dep_ in {"pobj", "nummod", "compound", "appos", "conj"} and root.head is not root:
        head = root.head
        if head.pos_ == "ADP" or head.dep_ == "prep":
            found = words.table(words.DATE_PREPOSITIONS).get(head.lower_)
            return found[0] if found else None
        root = head
    return None


def bare_date(doc: Any) -> tuple[int, int | None] | None:
    """The month, and the day, a question names without a year ("in September": (9, None);
    "in the week ended June 3": (6, 3)), read the same from both reference days; None for a
    relative date ("last month", "on Tuesday") or none."""
    for entity in doc.ents:
        if entity.label_ != "DATE" or is_duration(entity):
            continue
        for text in dict.fromkeys([entity.text, *_runs(entity)]):
            found = _same_day_of_year(text)
            if found is not None:
                return found
    return None


# Month names and their abbreviations ("September", "Sept", "Sep"), lowercase: a bare date
# names one (dateparser reads "M-1", the money supply, as January).
_MONTH_WORDS = frozenset(
    w.casefold() for w in (*calendar.month_name, *calendar.month_abbr, "sept") if w
)


def _same_day_of_year(text: str) -> tuple[int, int | None] | None:
    """(month, day) of a date with no year that names a month, the same from both reference
    days; None otherwise."""
    if not any(w.strip(".,").casefold() in _MONTH_WORDS for w in text.split()):
        return None
    reads = [read_date(text, base) for base in _REFERENCE_DAYS]
    if any(r is None for r in reads):
        return None
    days = [r.day for r in reads if r is not None]
    precisions = {r.precision for r in reads if r is not None}
    if precisions == {"month"} and len({d.month for d in days}) == 1:
        return days[0].month, None
    if precisions == {"day"} and len({(d.month, d.day) for d in days}) == 1:
        return days[0].month, days[0].day
    return None


def date_range(doc: Any, anchor: dt.date | None = None) -> tuple[str | None, str | None]:
    """(since, until) as ISO dates from the question's absolute DATE entities (and those
    without a year, when an anchor is given)."""
    since: list[dt.date] = []
    until: list[dt.date] = []
    one_day = dt.timedelta(days=1)
    for entity in doc.ents:
        if entity.label_ != "DATE" or is_duration(entity):  # "65 years old" is not 2065
            continue
        periods = entity_periods(entity, anchor)
        if not periods:
            continue
        start, end = min(p[0] for p in periods), max(p[1] for p in periods)
        direction = _direction(entity)
        if direction in {None, "since"}:
            since.append(start)
        if direction == "after":
            since.append(end + one_day)
        if direction in {None, "until"}:
            until.append(end)
        if direction == "before":
            until.append(start - one_day)
    return (
        min(since).isoformat() if since else None,
        max(until).isoformat() if until else None,
    )
