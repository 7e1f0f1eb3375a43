"""The answer found on P36: an amount under a verb of its level ("Sales ... reached 12.4
billion dlrs") is the amount of the verb's subject (`language/data/level_verbs.txt`); a
scale without a number ("committed billions of dollars") is no amount
(`amount_units.vague_amount`); a value dated in another month than the asked one, though
its sentence names a year elsewhere, is another period's (`periods.span_outside_period`);
amounts listed against names ("38 pct against 30 pct for the Liberals") pair with the name
beside them (`list_pairs`), and give nothing for a party they never name
(`listed_others`); and a company whose amount is asked that no chosen story writes
out is absent, whatever names share its first letters
(`absent_places.own_owner_name`). From P37: a bracketed short name after a long title
and its comma names the title's owner (`role_qualifiers.apposition`); "chief economist at
X" asks for X's (`role_owners.OWNER_OBJECTS`); of a sentence's values, the one beside the
asked month answers (`value_dates`); "How much did X fall?" is answered by "X tumbled"
(`rag/question/data/falling_verbs.txt`). From P39 and P40: a name is said in full, not by
the short form bracketed after it; "How much capital ...?" asks for an amount, whatever
name the word lists type the noun as; "X will remain president" makes X the president, and
"Who will remain president?" asks for the role; from P41, the wire's other currencies
("five billion ecus") are money, and "how quickly" and a progressive the parser misread ask
for a change; the list item naming the asked thing, or the noun after its "of", gives its
figure (`asked_items`). Real spaCy model and embedder over a real index of
stories written for the test; a misspelt company and a list naming the question's
participant guard against false refusals."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import analysed, assert_refused, assert_said_first, assistant_over

RETAILER = (
    "Title: Harlan Stores says 2025 was a turning point\n"
    "Outlet: Retail Desk\nAuthor: Staff\nDate: 2026-03-12\n\n"
    "Harlan Stores Corp said its record fiscal 2025 net earnings of 412.5 mln dlrs marked "
    "a turning point for the retailer.\n\n"
    "Sales for the 2025 fiscal year reached a record 12.4 billion dlrs, a 6.1 pct rise "
    "from 11.69 billion dlrs the prior year.\n\n"
    "Harlan Stores, the chairman said, committed billions of dollars for store remodeling "
    "and installing a new point of sale system over the past five years.\n"
)
JOBS = (
    "Title: Fenland jobless rate at record\n"
    "Outlet: Economy Desk\nAuthor: Staff\nDate: 2026-06-29\n\n"
    "Fenland's seasonally adjusted jobless rate rose to a record 4.2 pct in May, the worst "
    "level since the statistics office started compiling the figures in 1961, the office "
    "said.\n\n"
    "An office official blamed factory closures for the rise.\n"
)
POLL = (
    "Title: Greens lead in Norland poll\n"
    "Outlet: Politics Desk\nAuthor: Staff\nDate: 2026-03-15\n\n"
    "Norland's Greens have an eight point lead over the Liberals, according to a survey "
    "published on Sunday.\n\n"
    "The survey gives the Greens a rating of 38 pct against 30 pct for the Liberals and 22 "
    "pct for the Centre Party.\n"
)
EMPLOYERS = (
    "Title: Yen may rise further, employers say\n"
    "Outlet: Markets Desk\nAuthor: Staff\nDate: 2026-03-25\n\n"
    "Kenji Tanaka, president of the influential Federation of Northern Employers' "
    "Associations, (Hokkeiren), told reporters the yen could rise further.\n\n"
    '"Growth is slowing," said Ruth Alder, chief economist at the brokerage Carrow Baines '
    "Inc.\n\nAlder expects the economy to grow about 2.0 pct this year.\n"
)
MORTGAGES = (
    "Title: Norland home sales tumble\n"
    "Outlet: Housing Desk\nAuthor: Staff\nDate: 2026-06-29\n\n"
    "Sales of new homes in Norland tumbled 12.5 pct in May from April levels because of "
    "higher mortgage rates, analysts said.\n\n"
    "Interest rates on conventional mortgages bottomed out at about 8.4 pct in March and "
    "rose to about 9.9 pct in April, according to an economist at Dunmore Bank.\n"
)
PERMITS = (
    "Title: Norland building permits fall\n"
    "Outlet: Housing Desk\nAuthor: Staff\nDate: 2026-02-17\n\n"
    "Permits for new houses in Norland fell in January by 4.4 pct to 812,000.\n"
)
FEED = (
    "Title: Feed maker sues over levy\n"
    "Outlet: Farm Desk\nAuthor: Staff\nDate: 2026-04-13\n\n"
    "A major animal feed producer, Veldhoven Agri NV (VAN), has begun legal proceedings "
    "against the grain levy, the trade association said.\n\n"
    "River Lane Industries Inc said it agreed to give control of the company to Paul Brandt, "
    "a Boston investor, in return for 3.4 mln dlrs in capital.\n"
)
HOMES = (
    "Title: Investor to take control of Dunmore Homes\n"
    "Outlet: Deals Desk\nAuthor: Staff\nDate: 2026-03-11\n\n"
    "Dunmore Homes Inc said it agreed to give control of the company to Alan Vance, a "
    "Chicago investor, who is experienced in turnaround situations and will remain a "
    "director of two other builders.\n\n"
    "Ray Holt will cede his post as chief executive but will remain president, the company "
    "said.\n"
)
GRAIN = (
    "Title: Norland grain sales to Vestia fall\n"
    "Outlet: Grain Desk\nAuthor: Staff\nDate: 2026-04-24\n\n"
    "Norland's exports of barley to Vestia fell to zero last year from 200,000 tonnes in "
    "2024, while oats sales fell to 12,000 tonnes from 800,000, official statistics show.\n\n"
    "Offers will be assessed taking into account the cost of taking cocoa into store "
    "(currently 21.00 pounds sterling) and the cost of carry which currently is 11.00 "
    "pounds sterling per month, the cocoa council said.\n"
)
DRUGS = (
    "Title: Biovance drug sales\n"
    "Outlet: Health Desk\nAuthor: Staff\nDate: 2026-06-02\n\n"
    "Last year Biovanse's sales of Dermagen were about 41 mln dlrs, the company said.\n"
)
STAKES = (
    "Title: Kaito to expand Norvik plant\n"
    "Outlet: Auto Wire\nAuthor: Staff\nDate: 2026-03-31\n\n"
    "Norvik Motor Corp (NMC) will double output at its car plant, the company said.\n\n"
    "The Orlan government owns a 74 pct stake in NMC, and the balance of 26 pct is held "
    "by Kaito Motor Co Ltd of Japan.\n"
)
LOAN = (
    "Title: Nortenha mandates 250 mln dlr loan\n"
    "Outlet: Banking Desk\nAuthor: Staff\nDate: 2026-06-02\n\n"
    "Companhia Petroquimica Nortenha (CPN), the state-owned refinery, has awarded a "
    "mandate to two banks to arrange a 250 mln dlr loan, banking sources said.\n\n"
    "The loan will run for eight years and refinance existing debt.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "retailer.txt": RETAILER, "jobs.txt": JOBS, "poll.txt": POLL, "loan.txt": LOAN,
        "employers.txt": EMPLOYERS, "mortgages.txt": MORTGAGES, "permits.txt": PERMITS,
        "drugs.txt": DRUGS, "stakes.txt": STAKES, "feed.txt": FEED, "homes.txt": HOMES,
        "grain.txt": GRAIN,
    }  # fmt: skip
    return assistant_over(tmp_path_factory.mktemp("levels"), stories, real_embedder)


def test_an_amount_a_level_verb_states_is_its_subject_s() -> None:
    text = "Sales for the 2025 fiscal year reached a record 12.4 billion dlrs."
    (record,) = analysed(text)
    (amount,) = [e for e in record.entities if e.label == "MONEY"]
    assert "sale" in amount.heads


def test_the_sales_the_level_verb_states_answer(assistant: Any) -> None:
    assert_said_first(assistant.ask("What were Harlan Stores' 2025 sales?"), "12.4 billion dlrs")


def test_a_scale_without_a_number_is_no_amount() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.amount_units import vague_amount

    def money(text: str) -> Entity:
        return Entity(text, "MONEY", 0, len(text), (), "dobj")

    assert vague_amount(money("committed billion of dollars"))
    assert vague_amount(money("millions"))
    assert not vague_amount(money("a billion dollars"))
    assert not vague_amount(money("three mln dollars"))
    assert not vague_amount(money("12.4 billion dlrs"))


def test_another_month_s_rate_does_not_answer(assistant: Any) -> None:
    answer = assistant.ask("What was Fenland's jobless rate in June?")
    assert_refused(answer, "for June, only for other dates")


def test_the_asked_month_s_rate_answers(assistant: Any) -> None:
    assert_said_first(assistant.ask("What was Fenland's jobless rate in May?"), "4.2 pct")


@pytest.mark.parametrize(
    ("party", "rating"), [("the Liberals", "30 pct"), ("the Centre Party", "22 pct")]
)
def test_an_amount_listed_against_names_is_the_name_s_beside_it(
    assistant: Any, party: str, rating: str
) -> None:
    assert_said_first(assistant.ask(f"What rating does the survey give {party}?"), rating)


def test_a_list_of_others_amounts_gives_none_for_the_asked_party(assistant: Any) -> None:
    answer = assistant.ask("What rating does the survey give the Socialists?")
    assert_refused(answer, "for Socialists, only for")


def test_a_company_no_story_writes_out_is_absent(assistant: Any) -> None:
    assert_refused(assistant.ask("How large is Petrovia's loan?"), "Petrovia")


def test_the_company_the_story_writes_out_answers(assistant: Any) -> None:
    assert_said_first(assistant.ask("How large is CPN's loan?"), "250 mln dlr")


def test_a_company_the_story_misspells_is_named(assistant: Any) -> None:
    answer = assistant.ask("What were Biovance's sales of Dermagen last year?")
    assert_said_first(answer, "41 mln dlrs")


def test_a_list_naming_the_question_s_participant_is_no_list_of_others(assistant: Any) -> None:
    answer = assistant.ask("What stake does Kaito hold in Norvik Motor Corp?")
    assert_said_first(answer, "26 pct")


def test_a_bracketed_short_name_after_a_long_title_names_its_owner(assistant: Any) -> None:
    assert_said_first(assistant.ask("Who is president of Hokkeiren?"), "Kenji Tanaka")


def test_a_role_at_an_organisation_no_story_names_is_refused(assistant: Any) -> None:
    answer = assistant.ask("Who is chief economist at Wexford Hale?")
    assert_refused(answer, "Wexford Hale")


@pytest.mark.parametrize(("month", "rate"), [("April", "9.9 pct"), ("March", "8.4 pct")])
def test_the_value_beside_the_asked_month_answers(assistant: Any, month: str, rate: str) -> None:
    question = f"What were interest rates on conventional mortgages in {month}?"
    assert_said_first(assistant.ask(question), rate)


def test_a_fall_is_answered_by_a_verb_of_falling_in_the_asked_month(assistant: Any) -> None:
    answer = assistant.ask("How much did sales of new homes in Norland fall in May?")
    assert_said_first(answer, "12.5 pct")


def test_a_name_is_said_in_full_not_by_its_bracketed_short_form(assistant: Any) -> None:
    answer = assistant.ask("Which feed producer began legal proceedings against the grain levy?")
    assert_said_first(answer, "Veldhoven Agri NV")


def test_how_much_of_a_noun_typed_as_a_place_asks_an_amount(assistant: Any) -> None:
    from news_rag.rag.question.parse import parse

    question = "How much capital will Paul Brandt provide to River Lane?"
    assert "GPE" not in parse(question).expected_types
    assert_said_first(assistant.ask(question), "3.4 mln dlrs")


def test_a_person_s_heads_end_with_the_role_a_verb_says_he_is() -> None:
    text = "Ray Holt will cede his post as chief executive but will remain president."
    (record,) = analysed(text)
    (person,) = [e for e in record.entities if e.label == "PERSON"]
    assert person.heads[-1] == "president"


def test_the_role_a_linking_verb_asks_for_is_answered_by_its_holder(assistant: Any) -> None:
    answer = assistant.ask("Who will remain president of Dunmore Homes?")
    assert_said_first(answer, "Ray Holt")


def test_the_wire_s_other_currencies_are_money() -> None:
    from news_rag.index.language.units import unit_of

    assert unit_of("ecus") == ("ecu", "currency")
    assert unit_of("intis") == ("inti", "currency")


def test_how_quickly_and_a_misparsed_progressive_ask_for_the_change() -> None:
    from news_rag.rag.question.parse import parse

    assert parse("How quickly did prices rise?").expected_types[:1] == ("QUANTITY",)
    rising = parse("How fast were underlying average earnings rising in May?")
    assert "rise" in rising.anchors


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How much oats did Norland sell to Vestia last year?", "12,000 tonnes"),
        ("What is the current cost of carry for cocoa?", "11.00 pounds sterling"),
    ],
)
def test_the_list_item_naming_the_asked_thing_answers(
    assistant: Any, question: str, expected: str
) -> None:
    assert_said_first(assistant.ask(question), expected)
