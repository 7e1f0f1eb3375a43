"""What the answer's figure is of, and whose role the person holds, found on P25: a counted
noun misspelt in the story is the asked one ("managment positions": `counted._spelt_alike`);
"how much copper" over a story measuring only zinc and lead is refused, saying so
(`measured_thing`); a name joined to the question's own in the sentence stands in no other
argument's place ("Harlow and Seacrest plants" for "Harlow's Ruritanian plants":
`alignment._joined`); a vice chairman is not the chairman (`role_qualifiers.RANKS`); "will
the salary freeze save" has "save" for its verb (`do_support._verb_after_subject`); found on
P26: "how far behind schedule" asks for a gap in any unit (`amount_units._GAP_WORDS`); a
year NER left untagged dates its sentence ("the previous 2024-25 harvest"); a possessive
date dates its own figure only ("against April's 66 mln": `periods._only_possessive_dates`);
a premium is a share or a sum (`noun_types.tsv`); found on P27: "By how much will it fall
short?" is answered by the amount "short" (`amount_changes.difference_asked`); a figure dated
by its nearest date in the parse ("recover to 1985 levels when the company earned ...":
`periods.span_outside_period`) gives way to the asked year's; found on general-dev: a
model's figure is no other model's ("MetSat-5" for "MetSat-4": `model_codes`); a lead manager
is a firm as often as a person (`reading._firm_role`, `firm_roles.txt`). Real spaCy
model and embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

AIRLINE = (
    "Title: Skyline Air to cut management costs\n"
    "Outlet: Airline Wire\nAuthor: Staff\nDate: 2026-03-04\n\n"
    "Skyline Air Corp said it will reduce management costs by 20 pct, or about 80 mln dlrs, "
    "through job cuts, salary freezes and other measures.\n\n"
    "The airline said it will eliminate 464 managment positions and freeze all management "
    "salaries, a move that will save 30 mln dlrs a year.\n\n"
    "Skyline Air vice chairman Martin Shugrue said in a statement that management was "
    "leading the way.\n"
)
SMELTER = (
    "Title: Strike shuts Harbour smelter\n"
    "Outlet: Metals Wire\nAuthor: Staff\nDate: 2026-06-01\n\n"
    "Production at the Harbour smelter has been shut down since the strike began May 9.\n\n"
    "The Harbour smelter produced 240,000 long tons of zinc and 110,000 long tons of lead "
    "last year.\n"
)
MINES = (
    "Title: Harlow urges Ruritania to change policies\n"
    "Outlet: Mining Wire\nAuthor: Staff\nDate: 2026-03-17\n\n"
    "Harlow Metals, the Dutch mining company, has urged Ruritania to change policies it says "
    "are causing heavy losses on bauxite mining there, a company spokesman said.\n\n"
    "Harlow also urged the government to improve the safety of its employees, the spokesman "
    "said, adding rebel fighting since July 2025 had depressed production at Harlow and "
    "Seacrest plants.\n"
)


SUGAR = (
    "Title: Ruritania sugar harvest far behind schedule\n"
    "Outlet: Commodity Wire\nAuthor: Staff\nDate: 2026-04-07\n\n"
    "President Ana Castel told a party congress that the production of crude sugar during "
    "the harvest still in progress is 800,000 tonnes behind schedule.\n\n"
    "Ruritania expects its 2026 grain harvest to be 397 mln tonnes, eight mln tonnes short of "
    "its target, the statistics bureau said.\n\n"
    "A sugar official said the country will be lucky if crude output reaches last year's 7.2 "
    "mln tonnes. Output of crude for the previous 2024-25 harvest was 8.2 mln tonnes.\n"
)
RESERVES = (
    "Title: Ruritania reserves show record rise in May\n"
    "Outlet: Europe Wire\nAuthor: Staff\nDate: 2026-06-02\n\n"
    "Ruritania's gold and currency reserves rose a record underlying 4.76 billion dlrs in "
    "May, following April's 2.9 billion dlrs increase, the Treasury said.\n\n"
    "Borrowings under the exchange cover scheme were 238 mln dlrs, against April's 66 mln.\n"
)
BOND = (
    "Title: Harlow Foods issues convertible eurobond\n"
    "Outlet: Bond Wire\nAuthor: Staff\nDate: 2026-06-01\n\n"
    "Harlow Foods Plc is issuing a 75 mln stg convertible eurobond due 2036 with an "
    "indicated coupon of five pct, lead manager Westbank Securities said.\n\n"
    "The issue is available in denominations of 1,000 stg and will be listed in London.\n\n"
    "The expected conversion premium is 20 to 24 pct.\n"
)


PROFITS = (
    "Title: Moorland sees profit gain\n"
    "Outlet: Business Wire\nAuthor: Staff\nDate: 1987-04-09\n\n"
    "Moorland Corp Ltd expects 1987 profits from continuing operations will exceed 1986 "
    "results and recover to 1985 levels when the company earned 152 mln dlrs, president "
    "Keith Goodall said.\n\n"
    "Goodall said Moorland is still actively looking for acquisitions in business forms.\n\n"
    "In 1986, profits from continuing operations slumped to 139.5 mln dlrs or 1.54 dlrs a "
    "share, as the recession in the farm belt hurt sales of business forms across the "
    "midwest and the plains states.\n"
)


SATELLITE = (
    "Title: Europe launches weather satellite\n"
    "Outlet: Space Wire\nAuthor: Staff\nDate: 2026-09-10\n\n"
    "A rocket carrying Europe's newest weather satellite lifted off on Tuesday.\n\n"
    "The satellite, Skyeye-5, weighs 3.9 tonnes and will observe Europe and Africa.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "airline.txt": AIRLINE,
        "smelter.txt": SMELTER,
        "mines.txt": MINES,
        "sugar.txt": SUGAR,
        "reserves.txt": RESERVES,
        "bond.txt": BOND,
        "profits.txt": PROFITS,
        "satellite.txt": SATELLITE,
    }
    return assistant_over(tmp_path_factory.mktemp("things"), stories, real_embedder)


def test_a_misspelt_counted_noun_is_the_asked_one(assistant: Any) -> None:
    answer = assistant.ask("How many management positions will Skyline Air eliminate?")
    assert_said_first(answer, "464")


def test_a_measure_of_another_thing_is_refused(assistant: Any) -> None:
    question = "How much copper did the Harbour smelter produce last year?"
    assert_refused(assistant.ask(question), "how much copper, only how much zinc")
    asked = "How much zinc did the Harbour smelter produce last year?"
    assert_said_first(assistant.ask(asked), "240,000 long tons")


def test_a_name_joined_to_the_question_s_stands_in_no_other_place(assistant: Any) -> None:
    question = "Since when has rebel fighting depressed production at Harlow's Ruritanian plants?"
    assert_said_first(assistant.ask(question), "July 2025")


def test_a_vice_chairman_is_not_the_chairman(assistant: Any) -> None:
    assert assistant.ask("Who is Skyline Air's chairman?").abstained
    assert_said_first(assistant.ask("Who is Skyline Air's vice chairman?"), "Martin Shugrue")


def test_the_verb_after_a_noun_read_as_the_root_is_the_question_s() -> None:
    from news_rag.rag.question.parse import parse

    intent = parse("How much will Skyline Air's management salary freeze save a year?")
    assert intent.slots.predicate == "save"


def test_how_far_behind_asks_for_a_gap_in_any_unit(assistant: Any) -> None:
    answer = assistant.ask("How far behind schedule is Ruritania's crude sugar production?")
    assert_said_first(answer, "800,000 tonnes")


def test_a_year_ner_left_untagged_dates_its_sentence(assistant: Any) -> None:
    asked = "What was Ruritania's crude sugar output in the 2024-25 harvest?"
    assert_said_first(assistant.ask(asked), "8.2 mln tonnes")
    assert assistant.ask(
        "What was Ruritania's crude sugar output in the 2021-22 harvest?"
    ).abstained


def test_a_possessive_date_dates_its_own_figure_only(assistant: Any) -> None:
    answer = assistant.ask("How much were borrowings under the exchange cover scheme in May?")
    assert_said_first(answer, "238 mln dlrs")


def test_a_premium_is_a_share_or_a_sum(assistant: Any) -> None:
    answer = assistant.ask("What is the expected conversion premium on Harlow Foods' eurobond?")
    assert_said_first(answer, "20 to 24 pct")


def test_a_difference_asked_is_answered_by_one(assistant: Any) -> None:
    answer = assistant.ask("By how much will Ruritania's 2026 grain harvest fall short of target?")
    assert_said_first(answer, "eight mln tonnes")


def test_a_figure_dated_by_its_nearest_date_is_that_year_s(assistant: Any) -> None:
    answer = assistant.ask("What were Moorland's 1986 profits from continuing operations?")
    assert_said_first(answer, "139.5 mln dlrs")


def test_another_model_s_figure_is_refused(assistant: Any) -> None:
    assert_refused(assistant.ask("How much does Skyeye-4 weigh?"), "only for Skyeye-5")
    assert_said_first(assistant.ask("How much does Skyeye-5 weigh?"), "3.9 tonnes")


def test_a_lead_manager_may_be_a_firm(assistant: Any) -> None:
    answer = assistant.ask("Who is the lead manager of Harlow Foods' convertible eurobond?")
    assert_said_first(answer, "Westbank Securities")
