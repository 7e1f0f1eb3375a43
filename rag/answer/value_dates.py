"""The dates nearest an answer value in the parse, and whether they put it outside the
question's period: "rose to about 10.7 pct in April" is April's rate, "bottomed out at about
9.08 pct in March" in the same sentence March's. Read for the sentence's answer span
(`short_answer.find_span`: the asked month's value first) and its contrary evidence
(`periods`).
"""

from __future__ import annotations

import calendar

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.rag.answer.time_kinds import YEAR_PATTERN, comparison_date
from news_rag.rag.question.intent import Intent

EARLIEST, LATEST = "0001-01-01", "9999-12-31"
# How many heads apart a date and a value may hang for the date to say the value's month
# in a refusal or a choice between a sentence's values: 1, the same verb or noun ("rose to
# 3.2 pct in May"). With any distance, "were 238 mln dlrs, against April's 66 mln" was
# April's (P26, p26-016 refused).
DATE_BESIDE_VALUE = 1
# Roles of a date a figure is compared with: "over 1986", "from 1985", "against 1986".
COMPARISON_ROLES = frozenset(
    {"pobj:over", "pobj:from", "pobj:against", "pobj:versus", "pobj:than", "pobj:with"}
)
_MONTHS = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
_WEEKDAYS = frozenset(name.casefold() for name in calendar.day_name)


def dated_otherwise(
    value: Entity,
    info: SentenceAnalysis | None,
    intent: Intent,
    steps: int | None = None,
    published: str | None = None,
) -> bool:
    """Whether the question names years (or a month of any year) and the dates nearest the
    answer value in the parse (those whose chain of heads meets the value's soonest) write
    only other years (other months): "recover to 1985 levels when the company earned 152 mln
    U.S. dlrs" gives 1985's figure, though the sentence names 1986 too ("exceed 1986
    results"); "rose to a record 3.2 pct in May, the worst level since ... 1953" gives May's
    rate, not June's. With `steps`, only dates meeting the value within that many heads
    count. A question naming a day of the week ("on Monday") and no month nor year is
    answered by no value whose nearest dates name only other days ("may fall 1,000 points
    on Tuesday"). With `published` (the story's ISO date), "this year" and "last year" are
    years too ("this year of 103 mln dlrs" in a 1987 story is no 1988 figure)."""
    since, until, month = intent.filters.since, intent.filters.until, intent.filters.month
    asks_month = month is not None and intent.filters.day is None
    asked_days = set() if since or until or month else asked_weekdays(intent)
    if info is None or not (since or until or asks_month or asked_days) or not value.heads:
        return False
    texts = _nearest_dates(value, info, steps)
    if not texts:
        return False
    if asked_days:  # "on Monday": every nearest date names only other days of the week
        days = [weekdays(text) for text in texts]
        return all(days) and not any(asked_days & found for found in days)
    if not (since or until):  # "in June": every nearest date names only other months
        named = [months(text) for text in texts]
        return all(named) and not any(month in found for found in named)
    years = [YEAR_PATTERN.findall(text) or relative_year(text, published) for text in texts]
    if not all(years):
        return False  # a date without its year ("in February") may be the asked one's
    low, high = (since or EARLIEST)[:4], (until or LATEST)[:4]
    return not any(low <= y <= high for found in years for y in found)


def _nearest_dates(value: Entity, info: SentenceAnalysis, steps: int | None) -> list[str]:
    """The texts of the sentence's dates whose chain of heads meets the value's soonest
    (within `steps`, when given), none a date it is compared with; of those, the ones
    written nearest the value ("bottomed out at about 8.4 pct in March and rose to about 9.9
    pct in April": March for 8.4, both dates hanging from "bottom")."""
    meets = []
    for date in info.entities:
        if date.label != "DATE" or date.role in COMPARISON_ROLES or comparison_date(date.text):
            continue  # "rise 10 pct over 1986 to 390 mln tonnes": what it is compared with
        met = [i + value.heads.index(h) for i, h in enumerate(date.heads) if h in value.heads]
        if met and (steps is None or min(met) <= steps):
            apart = max(date.start - value.end, value.start - date.end, 0)
            meets.append(((min(met), apart), date.text))
    nearest = min((near for near, _text in meets), default=None)
    return [text for near, text in meets if near == nearest]


# Words before "year" that date it from the story's own year: "this year" is the year the
# story was published, "last year" the one before it, "next year" the one after.
_YEAR_OFFSETS = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}


def relative_year(text: str, published: str | None) -> list[str]:
    """The year a date relative to the story's (`published`, ISO) names ("this year" in a
    1987 story: ["1987"]), or [] where it names none so."""
    words = [raw.strip(".,").casefold() for raw in text.split()]
    if published is None or len(published) < 4 or not published[:4].isdigit():
        return []
    if len(words) != 2 or words[1] != "year" or words[0] not in _YEAR_OFFSETS:
        return []
    return [str(int(published[:4]) + _YEAR_OFFSETS[words[0]])]


def weekdays(text: str) -> set[str]:
    """The days of the week a date's words name ("Monday": {"monday"})."""
    words = (raw.strip(".,").casefold() for raw in text.split())
    return {w for w in words if w in _WEEKDAYS}


def asked_weekdays(intent: Intent) -> set[str]:
    """The days of the week the question's dates name ("How many points did the index drop
    on Monday?": {"monday"})."""
    return {d for e in intent.entities if e.label == "DATE" for d in weekdays(e.text)}


def months(text: str) -> set[int]:
    """The months a date's words name ("January and April": {1, 4})."""
    words = (raw.strip(".,").casefold() for raw in text.split())
    return {_MONTHS[w] for w in words if w in _MONTHS}
