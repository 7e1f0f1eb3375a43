"""Contrary evidence and the answer found on P24: a rival doing the asked thing in a relative
clause on its name ("Nordair, which has placed 12 firm orders": `owners.clause_owners`), not
a name's short form in brackets ("the Valdoran Miners Federation (FMV), which groups ...");
"declined to say how many" withholds the count (`withheld.withheld_noun`); a place whose
amount is asked that no article names (`absent_places.whose_amount`); a whole year's
figure for a month asked without a year (`periods.in_month`); a count hanging from the asked
noun counts it (`amount_units.counts_other_thing`); "Who said X?" answered by the sentence
saying X in the question's words (`span_preference.CLAIM_ECHO_MARGIN`); a surplus that
"widened to" an amount is what the amount is of (the change verbs). Real spaCy model and
embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

JET = (
    "Title: Skyway faces K90 decision\n"
    "Outlet: Aviation Wire\nAuthor: Staff\nDate: 2026-03-13\n\n"
    "The supervisory board of the Skyway consortium has begun a meeting to review airline "
    "orders for its proposed K90 long range jet.\n\n"
    "The plane has so far only been bought by one airline -- Nordair, which has placed 12 "
    "firm orders and 10 options for the plane.\n"
)
MINERS = (
    "Title: Miners elect new leader\n"
    "Outlet: Labour Wire\nAuthor: Staff\nDate: 2026-03-18\n\n"
    "Tomas Ferreira was named president of the Valdoran Miners Federation (FMV), which "
    "groups 18,000 workers, union officials said.\n"
)
CARS = (
    "Title: Ruritania approves new car programme\n"
    "Outlet: Asia Wire\nAuthor: Staff\nDate: 2026-06-01\n\n"
    "Ruritania's Board of Investments has approved new guidelines on making cars, trade "
    "secretary Ana Ruiz said.\n\n"
    "The two accredited local car manufacturers are Alpha Motors and Beta Motors.\n\n"
    "Ruiz declined to say how many car assemblers would be allowed to operate in Ruritania, "
    "but said they will be required to finance 75 pct of the foreign exchange needed to "
    "import kits.\n"
)
SURPLUS = (
    "Title: Ruritania's current account surplus widens in March\n"
    "Outlet: Europe Wire\nAuthor: Staff\nDate: 2026-04-29\n\n"
    "Ruritania's current account surplus widened to a provisional 8.8 billion crowns in "
    "March from 6.5 billion in February, the statistics office said.\n\n"
    "The office said the March trade surplus had also risen from the year-ago total of 8.5 "
    "billion crowns, while the March current account surplus compared with only 4.3 billion "
    "crowns a year earlier.\n"
)
RECORD = (
    "Title: Ruritania posts record trade surplus\n"
    "Outlet: Europe Wire\nAuthor: Staff\nDate: 2026-04-27\n\n"
    "Ruritania posted a record trade surplus of 124 billion crowns in 2025, after 86 billion "
    "in 2024.\n"
)
RIGS = (
    "Title: Jets attack oil rigs in the Gulf\n"
    "Outlet: Gulf Wire\nAuthor: Staff\nDate: 2026-10-19\n\n"
    "Unidentified jets attacked three Valdoran oil rigs in the southern Gulf early on Monday, "
    "setting at least one of them ablaze, regional shipping sources said.\n"
)
GAS = (
    "Title: Gas imports from Valdora unlikely this year\n"
    "Outlet: Energy Wire\nAuthor: Staff\nDate: 2026-02-26\n\n"
    "Liquefied natural gas imports from Valdora are unlikely to happen this year, industry "
    "analysts said.\n\n"
    '"Contract negotiations and the time required to restart mothballed terminals will delay '
    'the Valdoran imports until 2028," Daniel Tulis, an analyst with Shearwater Securities, '
    "said.\n\n"
    "Industry analysts said some imports of Valdoran gas were feasible.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "jet.txt": JET,
        "miners.txt": MINERS,
        "cars.txt": CARS,
        "surplus.txt": SURPLUS,
        "record.txt": RECORD,
        "rigs.txt": RIGS,
        "gas.txt": GAS,
    }
    return assistant_over(tmp_path_factory.mktemp("rivals"), stories, real_embedder)


def test_a_rival_in_a_relative_clause_does_the_asked_thing(assistant: Any) -> None:
    question = "How many firm orders has Skyline Air placed for the K90?"
    assert_refused(assistant.ask(question), "only for Nordair")
    assert_said_first(assistant.ask("How many firm orders has Nordair placed for the K90?"), "12")


def test_a_short_form_in_brackets_is_the_name_it_follows(assistant: Any) -> None:
    answer = assistant.ask("How many workers does the Valdoran Miners Federation group?")
    assert_said_first(answer, "18,000")


def test_declining_to_say_how_many_withholds_the_count(assistant: Any) -> None:
    question = "How many car assemblers will be allowed to operate in Ruritania?"
    assert_refused(assistant.ask(question), "declined to say")


def test_a_place_whose_amount_no_article_names_is_refused(assistant: Any) -> None:
    question = "What was France's current account surplus in March?"
    assert_refused(assistant.ask(question), "anything about France")


def test_a_whole_year_s_figure_is_no_month_s(assistant: Any) -> None:
    question = "What was Ruritania's current account surplus in April?"
    assert_refused(assistant.ask(question), "April")
    asked = "What was Ruritania's current account surplus in March?"
    assert_said_first(assistant.ask(asked), "8.8 billion crowns")


def test_a_count_hanging_from_the_asked_noun_counts_it(assistant: Any) -> None:
    answer = assistant.ask("How many Valdoran oil rigs did the jets attack in the southern Gulf?")
    assert_said_first(answer, "three")


def test_who_said_it_is_who_said_it_in_the_question_s_words(assistant: Any) -> None:
    answer = assistant.ask("Who said Valdoran gas imports would be delayed until 2028?")
    assert_said_first(answer, "Daniel Tulis")
