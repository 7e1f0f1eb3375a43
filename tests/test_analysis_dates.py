"""Event dates and what a name or a number hangs from (`index/analysis/dates.py`,
`heads.heads`), with the real spaCy model."""

from __future__ import annotations

import pytest
from news_rag.index.analysis.analyse import Analyser

from tests.test_analysis import _sentence_spans, analyse


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


# ------------------------------------------------------------------------- event dates


def test_event_dates_explicit_and_relative(analyser: Analyser) -> None:
    text = (
        "On November 18, the army shelled the town. "
        "On the same day, the rebels withdrew. "
        "Two days later, aid convoys arrived. "
        "On Wednesday, the army entered the city. "
        "Yesterday, officials counted the dead. "
        "Days earlier, the mayor had fled. "
        "The war has lasted for years."
    )
    records = analyse(analyser, text, published="2017-11-23")  # a Thursday
    dates = [r.event_date for r in records]
    assert dates == [
        "2017-11-18",  # explicit, year from the publication date
        "2017-11-18",  # the same day as the last date
        "2017-11-20",  # two days after it
        "2017-11-22",  # the Wednesday before publication
        "2017-11-22",  # the day before publication
        None,  # "days earlier": no day
        None,  # no date
    ]


def test_future_weekday_and_durations(analyser: Analyser) -> None:
    text = (
        "Banks will close on Tuesday afternoon. "
        "The strike lasted two weeks. "
        "Exports fell a week ago."
    )
    future, duration, week_ago = analyse(
        analyser, text, published="1987-03-02", spans=_sentence_spans(text)
    )  # a Monday
    assert future.event_date == "1987-03-03"  # the next Tuesday, not the last
    assert duration.event_date is None
    assert week_ago.event_date == "1987-02-23"


def test_weekday_on_publication_day_and_unresolvable_without_date(analyser: Analyser) -> None:
    text = "The company said on Friday it would cut 300 jobs."
    [same_day] = analyse(analyser, text, published="1987-02-27")  # a Friday
    assert same_day.event_date == "1987-02-27"
    [no_base] = analyse(analyser, text, published=None)
    assert no_base.event_date is None
    [explicit] = analyse(analyser, "The deal closed on March 3, 1986.", published=None)
    assert explicit.event_date == "1986-03-03"


def test_a_persons_title_is_a_head_of_the_name(analyser: Analyser) -> None:
    text = (
        "Interior Minister Omar Said told reporters the toll would rise. "
        "World Bank Vice-President David Knox said banks must be flexible."
    )
    said, knox = analyse(analyser, text, published="2023-09-09", spans=_sentence_spans(text))
    heads = {e.text: e.heads for r in (said, knox) for e in r.entities if e.label == "PERSON"}
    assert heads["Omar Said"][0] == "tell" and "minister" in heads["Omar Said"]
    assert "vice-president" in heads["David Knox"] and "president" not in heads["David Knox"]


def test_a_number_counts_what_it_is_a_part_of(analyser: Analyser) -> None:
    text = "Labour won 62 of the 150 seats in the election."
    [record] = analyse(analyser, text, published="2024-04-15")
    heads = {e.text: e.heads for e in record.entities}
    assert heads["62"][0] == "seat"  # not only "win": a count of seats


def test_a_range_of_days_is_its_first_day(analyser: Analyser) -> None:
    text = (
        "An FDA advisory committee will meet May 28-29 to review the drug. "
        "Talks were held March 3 to 4 in Paris."
    )
    meeting, talks = analyse(analyser, text, published="1987-03-27", spans=_sentence_spans(text))
    # dateparser reads the "29" after the hyphen as a year (2029); the range starts May 28
    assert meeting.event_date == "1987-05-28"
    assert meeting.periods == (("1987-05-28", "1987-05-28"),)
    assert talks.event_date == "1987-03-03"


def test_a_month_ner_left_untagged_is_a_period(analyser: Analyser) -> None:
    """ "May spec shorts": NER tags no date and the tagger a modal verb, but the word
    modifies a noun, so it names the month (`dates.untagged_months`); the modal verb of
    "Exports may fall" names none."""
    text = (
        "May spec shorts totaled 13.6 pct versus 25.6 pct in April. "
        "Exports may fall in June, the minister said."
    )
    shorts, exports = analyse(analyser, text, published="1987-06-05", spans=_sentence_spans(text))
    assert ("1987-05-01", "1987-05-31") in shorts.periods
    assert ("1987-04-01", "1987-04-30") in shorts.periods
    assert not any(first.startswith("1987-05") for first, _last in exports.periods)
