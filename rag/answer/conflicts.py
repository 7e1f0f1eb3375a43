"""Conflicts on evidence: two quotes disagree only when they report the same event and give
different values for what the question asks.

- Only "how many/much" and "when" questions can have disagreeing sources: the value is the
  number (entities of the asked-for type) or the date (the sentence's resolved event date).
- The two quotes come from different articles, or from two claimants one article names (its
  own unattributed voice is not a second source).
- They report the same event: they name the same participants (the entities that are not
  values: people, organisations, places), `event_entity_overlap` of them shared, and either
  the same resolved event date (for numbers) or an embedding similarity of at least
  `same_event_similarity` (for dates, and for numbers without both dates).
- Their values do not overlap at all, and for a date neither states the other's date: a
  quote whose event date was read from "last week" but that names "April 17" as the other
  quote does agrees with it.
- Undated numbers in stories published more than `REPORT_GAP_DAYS` apart are two issues of
  a recurring report.
- Numbers stated for two different periods ("the four weeks ended March six" and "... ended
  March 13") are two figures, not two reports of one (`other_periods`).
So casualty counts of two battles on different days are not a disagreement, and nor are two
dates of two different events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from news_rag.index.language.entities import AMOUNT_LABELS
from news_rag.rag.answer.evidence import VALUE_LABELS, Evidence, fallback_claimant
from news_rag.rag.answer.pinned_dates import other_pins, pinned
from news_rag.rag.question.intent import QUANTITY, WHEN, Intent
from news_rag.rag.settings import AnswerSettings

# Two numbers disagree only in quotes worded alike apart from the numbers (a report and its
# correction). Set on reuters-dev: its corrections overlap 0.89-1.0; the two false conflicts
# there (numbers of different things: a judgment and a lawsuit, a stake and an investment)
# overlap 0.5-0.58. Two differently worded reports of one bid (0.4) are missed: the cost of
# never calling a disagreement that is not one.
WORDING_OVERLAP = 0.7
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NOT_ALNUM = re.compile(r"[\W_]+")


def _number_key(text: str) -> str:
    """ "28", "some 15", "1.5 billion dlrs" -> the digits with their scale word."""
    digits = _DIGITS.findall(text.replace(",", ""))
    words = [w for w in text.casefold().split() if w.isalpha()]
    return " ".join([*digits, *words[-1:]]) if digits else text.casefold().strip()


def values(ev: Evidence, intent: Intent) -> frozenset[str]:
    """What the quote says for what the question asks (numbers or the event date)."""
    if ev.info is None:
        return frozenset()
    if intent.kind == WHEN:
        return frozenset([ev.info.event_date]) if ev.info.event_date else frozenset()
    wanted = set(intent.expected_types) & AMOUNT_LABELS or AMOUNT_LABELS
    question = intent.question.casefold()
    return frozenset(
        _number_key(e.text)
        for e in ev.info.entities
        if e.label in wanted and e.text.casefold() not in question
    )


def stated_dates(ev: Evidence) -> frozenset[str]:
    """The dates a quote names in its text (DATE entities, casefolded)."""
    if ev.info is None:
        return frozenset()
    return frozenset(" ".join(e.text.casefold().split()) for e in ev.info.entities
                     if e.label == "DATE")  # fmt: skip


def other_periods(a: Evidence, b: Evidence) -> bool:
    """Whether each quote pins its dates with a word the other lacks (`pinned_dates`): the
    figures of two periods ("in the four weeks ended March six" and "... ended March 13",
    weekly reports alike in every other word), not two reports of one. A weekday against a
    date ("on Tuesday") is left to the event dates."""
    if a.info is None or b.info is None:
        return False
    return other_pins(pinned(a.info.entities), pinned(b.info.entities))


def _shared_share(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _words(ev: Evidence) -> set[str]:
    """The quote's words, without the values (numbers and dates) it gives."""
    text = ev.quote
    if ev.info is not None:
        for entity in ev.info.entities:
            if entity.label in VALUE_LABELS:
                text = text.replace(entity.text, " ")
    return {w for w in _NOT_ALNUM.split(text.casefold()) if w and not w.isdigit()}


def wording_overlap(a: Evidence, b: Evidence) -> float:
    """Share of the shorter quote's words (values left out) that the other one uses too."""
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _squash(text: str) -> str:
    """Letters and digits only: "al-Bukamal" and "Albukamal" read alike."""
    return _NOT_ALNUM.sub("", text.casefold())


def mentions_question(ev: Evidence, intent: Intent) -> bool | None:
    """Whether the quote names every participant the question names (None: it names none)."""
    entities = [*intent.entities, *intent.context_entities]  # a follow-up's: the last turn's
    names = [e.text for e in entities if e.label not in VALUE_LABELS]
    if not names:
        return None
    text = _squash(ev.quote)
    return all(_squash(n.removeprefix("the ")) in text for n in names)


def _same_participants(a: Evidence, b: Evidence, intent: Intent, settings: AnswerSettings) -> bool:
    """Both name the question's participants or, when it names none, share most of theirs
    (never for "when": two dates of unnamed events are not known to be one event)."""
    named = (mentions_question(a, intent), mentions_question(b, intent))
    if named[0] is not None:
        return bool(named[0] and named[1])
    if intent.kind == WHEN:
        return False
    return _shared_share(a.names(), b.names()) >= settings.event_entity_overlap


def same_event(
    a: Evidence, b: Evidence, intent: Intent, settings: AnswerSettings, similarity: float
) -> bool:
    """Whether two quotes report the event the question asks about: the same participants,
    and the same event date (numbers) or a close reading."""
    if not _same_participants(a, b, intent, settings):
        return False
    if intent.kind != QUANTITY:
        return similarity >= settings.conflict_similarity
    if wording_overlap(a, b) < WORDING_OVERLAP:
        return False  # a number of another thing ("a 9.13 billion dlr judgment")
    if a.event_date and b.event_date:
        return a.event_date == b.event_date and similarity >= settings.conflict_similarity
    if _days_apart(a, b) > REPORT_GAP_DAYS:
        return False  # undated figures of two issues of a weekly report
    return similarity >= settings.same_event_similarity


# Two undated figures worded alike in stories published more than this many days apart are
# two issues of a recurring report ("distillate demand was down 2.2 pct in the period" in two
# weekly petroleum reports), not one report and its correction, which comes within a day or
# two. Set by hand: a week's reports are seven days apart.
REPORT_GAP_DAYS = 3


def _days_apart(a: Evidence, b: Evidence) -> int:
    """The days between the two quotes' stories' publication (0 when either is undated)."""
    first, second = a.article.published, b.article.published
    if not first or not second:
        return 0
    try:
        gap = dt.date.fromisoformat(first[:10]) - dt.date.fromisoformat(second[:10])
    except ValueError:
        return 0
    return abs(gap.days)


def different_sources(a: Evidence, b: Evidence) -> bool:
    """Two articles, or two claimants the one article names. A sentence of the article's
    own voice (no claimant named: the author or outlet stands in) is the same source as the
    article: "Imports will rise to 7.75 billion, the department said. It [exports] is
    expected to rise to 4.68 billion." is one report of two things, not a disagreement."""
    if a.article.id != b.article.id:
        return True
    if not (a.explicit and b.explicit):
        return False
    return a.claimant(fallback_claimant(a.article)) != b.claimant(fallback_claimant(b.article))


def find_conflicts(
    chosen: Sequence[Evidence],
    pool: Sequence[Evidence],
    intent: Intent,
    settings: AnswerSettings,
    similarity: Callable[[Evidence, Evidence], float],
) -> list[tuple[Evidence, Evidence]]:
    """Pairs (a chosen quote, another strong quote) that disagree on evidence. The most
    alike pairs are taken first and each quote is on one side of one pair at most, so a
    quote about a neighbouring event is not set against the report it resembles less."""
    if intent.kind not in (QUANTITY, WHEN) or not chosen:
        return []
    floor = chosen[0].score - 2 * settings.relative_cutoff
    others = [e for e in pool if e.score >= floor and not e.restates]
    keyed = {id(e): e for e in [*chosen, *others]}
    found: list[tuple[float, Evidence, Evidence]] = []
    for a in chosen:
        mine = values(a, intent)
        if not mine:
            continue
        for b in keyed.values():
            if b is a:
                continue
            theirs = values(b, intent)
            if not theirs or mine & theirs or not different_sources(a, b):
                continue
            if intent.kind == WHEN and stated_dates(a) & stated_dates(b):
                continue  # both name the same date: they agree on it
            if intent.kind == QUANTITY and other_periods(a, b):
                continue  # weekly figures of two weeks
            alike = similarity(a, b)
            if same_event(a, b, intent, settings, alike):
                found.append((alike, a, b))
    found.sort(key=lambda item: -item[0])
    used: set[int] = set()
    pairs: list[tuple[Evidence, Evidence]] = []
    for _alike, a, b in found:
        if id(a) in used or id(b) in used:
            continue
        used.update((id(a), id(b)))
        pairs.append((a, b))
    return pairs
