"""Whether a sentence is about another period than the one the question names.

"What was Japan's unemployment rate in March 1987?" names March 1987 (`Intent.filters`,
since/until); "... in September?" names September of any year (`QuestionFilters.month`;
"June 3", `.day` too). A sentence whose dates all name other periods ("the rate in
February", stored at index time as `SentenceAnalysis.periods`; the date of the saying, "said
on Tuesday", is not one) reports another month's figure; a sentence without dates may be
about any period and is not held against. When every sentence of an answer that holds the
asked-for value is about another period, the articles do not give it for the question's
period, and the answer is a refusal that says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.rag.answer.alignment import Contradiction, answer_values, part_contradiction
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.pinned_dates import pinned
from news_rag.rag.answer.time_kinds import YEAR_PATTERN, comparison_date, other_kind_of_time
from news_rag.rag.answer.value_dates import (
    DATE_BESIDE_VALUE,
    EARLIEST,
    LATEST,
    asked_weekdays,
    dated_otherwise,
    relative_year,
    weekdays,
)
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.slots import MONTH_WORDS, parts_in

# Each sentence's stored analysis of an article, by its id (`IndexReader.sentence_analysis`).
Story = Callable[[str], Sequence[SentenceAnalysis]]


def _in_period(info: SentenceAnalysis | None, intent: Intent) -> bool | None:
    """Whether a date of the sentence falls in the question's period; None when the
    question names no period or the sentence no date. A sentence whose dates resolve to no
    period is outside the question's when both pin months and none the same ("the first
    half ended November 30" for "the year ended June 30 2023": `pinned_dates`)."""
    since, until = intent.filters.since, intent.filters.until
    if info is not None and not info.periods and _other_months_pinned(info, intent):
        return False
    if info is None or not info.periods or _only_possessive_dates(info):
        return None
    if since is None and until is None:
        years = _value_years(info, intent)
        return in_month(info.periods, intent.filters.month, intent.filters.day, years)
    low, high = since or EARLIEST, until or LATEST
    periods = (*info.periods, *_years_before(info))  # "the previous year's record of ..."
    return any(first <= high and last >= low for first, last in periods)


def _years_before(info: SentenceAnalysis) -> list[tuple[str, str]]:
    """The year before each whole year the sentence names, where it names a date compared
    with the year before ("rose to 3.30 billion marks in 1986, exceeding the previous
    year's record of 3.15 billion": 1985), as ISO pairs; none otherwise."""
    if not any(
        e.label == "DATE" and comparison_date(e.text) and "year" in e.text.casefold()
        for e in info.entities
    ):
        return []
    years = {first[:4] for first, last in info.periods if _whole_years((first, last))}
    return [(f"{int(y) - 1}-01-01", f"{int(y) - 1}-12-31") for y in sorted(years)]


def _other_months_pinned(info: SentenceAnalysis, intent: Intent) -> bool:
    """Whether the question's dates and the sentence's both pin months, none the same."""
    asked = pinned(intent.entities) & MONTH_WORDS
    found = pinned(info.entities) & MONTH_WORDS
    return bool(asked) and bool(found) and not asked & found


def span_outside_period(
    value: Entity,
    info: SentenceAnalysis | None,
    intent: Intent,
    steps: int | None = None,
    published: str | None = None,
) -> bool:
    """`value_dates.dated_otherwise`, where for a month of any year the sentence does not
    name the asked month elsewhere ("Unadjusted May unemployment totalled 1.91 mln people,
    up from 1.90 mln in April", "May" untagged, is no April figure)."""
    if intent.filters.since is None and intent.filters.until is None and _in_period(info, intent):
        return False
    return dated_otherwise(value, info, intent, steps, published)


def _only_possessive_dates(info: SentenceAnalysis) -> bool:
    """Whether every date of the sentence is a possessive, dating the figure it owns
    ("Borrowings ... were 238 mln dlrs, against April's 66 mln"): the other figures of the
    sentence it does not date."""
    dates = [e for e in info.entities if e.label == "DATE"]
    return bool(dates) and all(e.role == "poss" for e in dates)


def in_month(
    periods: Sequence[tuple[str, str]],
    month: int | None,
    day: int | None = None,
    years: frozenset[str] = frozenset(),
) -> bool | None:
    """Whether the sentence's periods name the question's month (and day) of any year ("in
    September", "on June 3"): True when one of them is that month (that day), False when
    every one lies within another single month or is a whole year of `years` (the years
    the sentence's values are for: "a record trade surplus of 124 billion marks in 1986", a
    year's figure and no month's; not "index (base 1980)"; for a day, when every one is
    another single day or month), None when it cannot say (none asked, or another longer
    period: "the first quarter", "since June")."""
    if month is None:
        return None
    found = [_month_day(first, last) for first, last in periods]
    if day is None:
        if any(m == month for m, _d in found if m is not None):
            return True
        other = all(
            m is not None or (_whole_years(p) and p[0][:4] in years)
            for (m, _d), p in zip(found, periods, strict=True)
        )
        return False if other else None
    if any((m, d) == (month, day) for m, d in found):
        return True
    other = all(d is not None or (m is not None and m != month) for m, d in found)
    return False if other else None


def _value_years(info: SentenceAnalysis, intent: Intent) -> frozenset[str]:
    """The years the sentence's dates write out that hang from the word one of its answer
    values hangs from ("in 1986" and "124 billion marks", both from "post"): the years its
    figures are for."""
    values = answer_values(info, intent)
    near = {h for v in values for h in v.heads[:2]}
    return frozenset(
        year for e in info.entities if e.label == "DATE" and set(e.heads[:1]) & near
        for year in YEAR_PATTERN.findall(e.text)
    )  # fmt: skip


def _whole_years(period: tuple[str, str]) -> bool:
    """Whether a period is one or more whole calendar years ("1986", "1986/87")."""
    first, last = period
    return first[5:] == "01-01" and last[5:] == "12-31"


def _month_day(first: str, last: str) -> tuple[int | None, int | None]:
    """(month, day) of a period lying within one month (one day); None where it does not."""
    one_month = first[:7] == last[:7]
    month = int(first[5:7]) if one_month else None
    return month, (int(first[8:10]) if first == last else None)


def outside_period(info: SentenceAnalysis | None, intent: Intent) -> bool:
    """True when the question names a period and every date of the sentence is outside it."""
    return _in_period(info, intent) is False


def names_period(info: SentenceAnalysis | None, intent: Intent) -> bool:
    """True when the question names a period and a date of the sentence falls in it; where
    the question's resolves to none (`Intent.filters`), when the sentence's dates pin every
    word the question's do ("the four weeks ended March six": `pinned_dates`)."""
    found = _in_period(info, intent)
    filters = intent.filters
    resolved = (filters.since, filters.until, filters.month, filters.day) != (None,) * 4
    if found is None and info is not None and not resolved:
        days = asked_weekdays(intent)  # "on Monday": a date of the sentence names Monday
        if days & {d for e in info.entities if e.label == "DATE" for d in weekdays(e.text)}:
            return True
        asked = pinned(intent.entities)
        return bool(asked) and asked <= pinned(info.entities)
    return found is True


def _holds_first_type(ev: Evidence, intent: Intent) -> bool:
    """Whether the sentence holds a value of the question's first asked-for type that the
    question does not name and that could answer it (an amount of money for "How much did
    the bank lend?"; a length of time, not "on Wednesday", for "How long did the outage
    last?": `time_kinds.other_kind_of_time`)."""
    first = intent.expected_types[:1]
    if ev.info is None:
        return False
    values = answer_values(ev.info, intent)
    return any(e.label in first and not other_kind_of_time(e.text, e.label, intent) for e in values)


def story_outside_period(ev: Evidence, intent: Intent, story: Story) -> bool:
    """True when the question names a period, the sentence names no date, and its story
    (each sentence's periods and the years its dates write out, by `story`, and its
    publication day) names dates, none of them in the question's period: "Norstar ...
    reported net income of 104.8 mln dlrs" in a March 1987 story that names 1986 and 1987
    only is no answer for 1985. A story that names the period anywhere, or no date at all,
    may be about it. A month without a year ("in February") is the story's last February
    on or before its publication (`last_month_before`), and only a story reporting by the
    month (naming another month) is known to be about others: its publication day says
    nothing of which month it reports ("the year to end-February"). A sentence writing a
    year NER left untagged ("the previous 1984-85 harvest") is about that year's period."""
    if ev.info is None or (_dated(ev.info) and not _only_possessive_dates(ev.info)):
        return False
    since, until = intent.filters.since, intent.filters.until
    written = YEAR_PATTERN.findall(ev.quote)  # a year NER left untagged ("the 1984-85 harvest")
    if written:
        low, high = since or EARLIEST, until or LATEST
        return bool(since or until) and not any(low[:4] <= y <= high[:4] for y in written)
    rows = story(ev.article.id)
    periods = [period for row in rows for period in row.periods]
    if since is None and until is None and intent.filters.month and ev.article.published:
        if not any(first[:7] == last[:7] and first != last for first, last in periods):
            return False  # no month named (a day is news, not a report's): it may be about it
        since, until = last_month_before(ev.article.published, intent.filters.month)
    elif since is None and until is None:
        return False
    else:
        periods += [(f"{year}-01-01", f"{year}-12-31") for row in rows for year in _years(row)]
        if ev.article.published:
            periods.append((ev.article.published, ev.article.published))
    low, high = since or EARLIEST, until or LATEST
    return bool(periods) and not any(first <= high and last >= low for first, last in periods)


def last_month_before(published: str, month: int) -> tuple[str, str]:
    """The first and last day of the last `month` on or before the ISO date `published` (a
    March 1987 story's February is February 1987; a January 1987 story's, February 1986)."""
    day = dt.date.fromisoformat(published[:10])
    year = day.year if month <= day.month else day.year - 1
    last = calendar.monthrange(year, month)[1]
    return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}"


def _dated(info: SentenceAnalysis) -> bool:
    """Whether a sentence names a date: a period, or a year the periods leave out ("1986"
    in "1986 pretax profits of 48.0 mln stg"); not a date without one ("the full year ended
    December 31")."""
    return bool(info.periods) or bool(_years(info))


def _years(info: SentenceAnalysis) -> set[str]:
    """The years a sentence's dates write out ("1986", "1986/87")."""
    return {m for e in info.entities if e.label == "DATE" for m in YEAR_PATTERN.findall(e.text)}


def _values_dated_otherwise(ev: Evidence, intent: Intent) -> bool:
    """For a question naming a month of any year, whether every value of its first asked-for
    type in the sentence is dated in another month by a date hanging beside it
    (`span_outside_period` within `DATE_BESIDE_VALUE` heads: "rose to a record 3.2 pct in
    May, the worst level since ... 1953" for June), though the sentence names a year too;
    for a year, in another year by a date relative to the story's ("this year of 103 mln
    dlrs" in a 1987 story, for 1988)."""
    filters = intent.filters
    if ev.info is None:
        return False
    published = None
    if filters.since or filters.until:  # a year: only by a date relative to the story's
        # ("this year of 103 mln dlrs" for 1988); no story read, no year relative to it
        published = ev.cand.article.published if ev.cand is not None else None
        if not _relative_years(ev.info):
            return False
    elif filters.month is None:
        return False
    first = intent.expected_types[:1]
    values = [e for e in answer_values(ev.info, intent) if e.label in first]
    return bool(values) and all(
        span_outside_period(e, ev.info, intent, DATE_BESIDE_VALUE, published) for e in values
    )


# Any ISO date: whether a date names a year relative to a story's does not depend on it.
_ANY_DATE = "2000-01-01"


def _relative_years(info: SentenceAnalysis) -> bool:
    """Whether the sentence dates something by a year relative to the story's ("this year of
    103 mln dlrs, compared to 43 mln dlrs last year"): only then are a year question's
    values read against the dates beside them."""
    return any(e.label == "DATE" and relative_year(e.text, _ANY_DATE) for e in info.entities)


def only_other_periods(
    chosen: Sequence[Evidence], intent: Intent, story: Story | None = None
) -> bool:
    """True when the answer's sentences that hold the asked-for type all name other periods
    than the question's: "the rate in February" for "the rate in March 1987". When some
    hold the first asked-for type, only those count: "The Bank's lending last year ...
    totaling 3.04 billion dlrs" for "How much did the bank lend in 1985?" is not saved by
    "... with the assistance of only one other country", which gives no amount lent. With
    `story`, an undated sentence counts as another period's when its whole story is
    (`story_outside_period`)."""
    typed = [ev for ev in chosen if ev.adds]
    first = [ev for ev in typed if _holds_first_type(ev, intent)]

    def other(ev: Evidence) -> bool:
        if outside_period(ev.info, intent) or _values_dated_otherwise(ev, intent):
            return True
        return story is not None and story_outside_period(ev, intent, story)

    return bool(typed) and all(other(ev) for ev in first or typed)


def asked_period(intent: Intent) -> str:
    """The question's period in words: "1987", "March 1987", "1987-03-02", "since 2018",
    "September" (a month named without a year)."""
    since, until = intent.filters.since, intent.filters.until
    month, day = intent.filters.month, intent.filters.day
    if not since and not until and month is not None:  # a month or a day of any year
        named = dt.date(2000, month, day or 1)
        return named.strftime("%B") if day is None else f"{named:%B} {day}"
    if since and until:
        return _span_in_words(dt.date.fromisoformat(since), dt.date.fromisoformat(until))
    return f"since {since}" if since else f"until {until}"


def _span_in_words(first: dt.date, last: dt.date) -> str:
    """A period from `first` to `last` in words: "1987", "1982 to 1983", "March 1987"."""
    if first == last:
        return first.isoformat()
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):  # whole years
        return str(first.year) if first.year == last.year else f"{first.year} to {last.year}"
    if first.day == 1 and (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    return f"{first.isoformat()} to {last.isoformat()}"


def other_dates(intent: Intent) -> str:
    """The refusal's reason when the answer's values are of other periods than the asked
    one: "this for 1983, only for other dates"."""
    return f"this for {asked_period(intent)}, only for other dates"


def story_part(ev: Evidence, intent: Intent) -> Contradiction | None:
    """For a question asking for a part of a year ("first-quarter net earnings"), a sentence
    whose dates name no part nor a whole year ("In the 1986 quarter, the group's operating
    earnings were 5.2 mln dlrs") in a story whose title and text name parts of a year, none
    of them the asked one ("third quarter" only): the story's part, not the asked one. A
    story naming the asked part anywhere, or no part at all, may be about it."""
    asked = intent.slots.part
    if asked is None or ev.info is None:
        return None
    if part_contradiction(ev.info, intent) is not None:
        return None  # its own dates name other parts, or a whole year
    if any(parts_in(e.text) for e in ev.info.entities if e.label == "DATE"):
        return None  # and otherwise, naming a part, they name the asked one
    named = parts_in(f"{ev.article.title or ''}\n{ev.article.text}")
    if not named or asked in named:
        return None
    return Contradiction("part", min(named), asked)


def with_story_parts(
    found: Sequence[Sequence[Contradiction]], typed: Sequence[Evidence], intent: Intent
) -> list[list[Contradiction]]:
    """`found` with each typed sentence's `story_part` (its story names only other
    parts of the year than the question asks for). It decides a refusal and is no feature
    of the fitted model, which was fitted without it."""
    if len(found) != len(typed) or intent.slots.part is None:
        return [list(cs) for cs in found]
    parts = (story_part(ev, intent) for ev in typed)
    return [[*cs, *([part] if part else [])] for cs, part in zip(found, parts, strict=True)]


def periods_and_rivals(
    found: Sequence[Sequence[Contradiction]], typed: Sequence[Evidence], intent: Intent
) -> str | None:
    """The refusal's reason when every sentence holding a value (`typed`, with its
    contradictions `found`) is contrary evidence of one kind or the other, some of them
    for another period ("winning 100 of the parliament's 347 seats in elections in July
    1986" for the 1983 elections: `outside_period`) and the rest for another participant
    doing the asked thing ("the LDP has so far lost 92 of its ... seats": a decisive
    contradiction); or None. The period is the reason when the first is of another one."""
    if not typed or len(found) != len(typed):
        return None
    dated = [outside_period(ev.info, intent) for ev in typed]
    rivals = [any(c.decisive for c in cs) for cs in found]
    if not any(dated) or not all(d or r for d, r in zip(dated, rivals, strict=True)):
        return None
    if dated[0]:
        return other_dates(intent)
    return next(c for c in found[0] if c.decisive).instead
