"""Contrary evidence and the answer found on P28-P31: a part of the year ending the question
("in its second quarter?") is the part asked (`slots.parts_in`); "does not break out
operating earnings by unit" withholds a unit's operating earnings, not the company's net
earnings (`withheld`); the roles of others (a title-case qualifier, a rank in the title or the
apposition, a bracket inside a company's name, another country's minister); a list of
amounts by name (`list_pairs`); a term the story never writes (`model_codes.other_term`); a
people's amount no article names (`absent_places`); "winter wheat" is no date; a company
name NER cut at its "and" (`owners.name_cut_before`). Real spaCy model and embedder over a
real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

EARNINGS = (
    "Title: Korvath expects better 2026\n"
    "Outlet: Business Wire Desk\nAuthor: Staff\nDate: 2026-02-03\n\n"
    "Korvath Industries continues to expect a significant improvement in 2026 results, "
    "chief executive Ana Lind said.\n\n"
    "Korvath reported net earnings in its first quarter ended December 31 of 88.2 mln "
    "dlrs, or 1.12 dlrs per share, compared to 71.5 mln dlrs a year ago.\n\n"
    "Operating earnings, however, were off about three pct, and analysts attributed the "
    "decline to Korvath's Delmar unit, which has suffered from weak demand for pumps.\n\n"
    "Lind said first quarter sales for the Delmar unit were flat. She said the company "
    "does not break out operating earnings by unit on a quarterly basis.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"korvath.txt": EARNINGS}
    return assistant_over(tmp_path_factory.mktemp("parts"), stories, real_embedder)


def test_a_part_ending_the_question_is_the_part_asked(assistant: Any) -> None:
    question = "What were Korvath's net earnings in its second quarter?"
    assert_refused(assistant.ask(question), "the second quarter")


def test_the_asked_part_is_answered(assistant: Any) -> None:
    answer = assistant.ask("What were Korvath's net earnings in its first quarter?")
    assert_said_first(answer, "88.2 mln dlrs")


def test_not_breaking_out_a_unit_s_earnings_withholds_them(assistant: Any) -> None:
    question = "What were the Delmar unit's first quarter operating earnings?"
    assert_refused(assistant.ask(question), "does not break")


RESEARCH = (
    "Title: Ruritania's research budget under fire\n"
    "Outlet: Europe Wire\nAuthor: Staff\nDate: 2026-03-25\n\n"
    "Ruritania's Research Minister Anna Berg faced a tough fight to convince her government "
    "colleagues they should accept an increase in research spending, one diplomat said.\n"
)
VISIT = (
    "Title: Prime minister's visit\n"
    "Outlet: Europe Wire\nAuthor: Staff\nDate: 2026-03-24\n\n"
    "Ruritania's foreign minister went to Lisbon to brief officials on Prime Minister "
    "Karl Hess's visit to Valdora last week.\n\n"
    "Talk grew that Prime Minister Karl Hess of Ruritania may call a general election in "
    "June.\n"
)


BANKERS = (
    "Title: Bankers urge faster liberalisation\n"
    "Outlet: Asia Wire\nAuthor: Staff\nDate: 2026-03-16\n\n"
    '"Ruritania will need a more hospitable market," Robert Lund, senior vice-president of '
    "Crestmoor Bank N.A., told a group of legislators.\n\n"
    "At the same meeting Harlow Brothers (Japan) Corp president Ken Ito urged Ruritania to "
    "open its bond markets to an auction system.\n"
)


BROKERS = (
    "Title: Retirees fear the market\n"
    "Outlet: Markets Wire\nAuthor: Staff\nDate: 2026-10-20\n\n"
    '"We certainly have the highest number of elderly active investors," said Marta Quist, '
    "a vice president of Lindgren Securities Corporation in Oslo.\n"
)


BEET = (
    "Title: Beet sugar output estimates\n"
    "Outlet: Commodities Wire\nAuthor: Staff\nDate: 2026-03-05\n\n"
    "Beet sugar production, expressed as white equivalent, was estimated at 2.10 mln tonnes "
    "in Valdora, 1.95 mln tonnes in Ruritania, 0.84 mln in Freedonia and 0.31 mln in "
    "Sylvania.\n"
)


COUNCIL = (
    "Title: Ministers fail to agree research budget\n"
    "Outlet: Europe Wire\nAuthor: Staff\nDate: 2026-03-25\n\n"
    "Belgian Research Minister Anna Claes told reporters the two states had been given a "
    "week to end their opposition to the research programme.\n\n"
    "British Trade Minister John Hale said the programme's budget was still too high.\n"
)


BONDS = (
    "Title: Ruritania considers November bond coupon\n"
    "Outlet: Asia Wire\nAuthor: Staff\nDate: 2026-10-19\n\n"
    "Ruritania's finance ministry has started to consider the coupon rate of the 10-year "
    "government bond issue for November, a ministry official said.\n\n"
    "The underwriting syndicate may want a rise in the coupon rate by nearly one point from "
    "the current 4.9 pct, he said.\n"
)


WHEAT = (
    "Title: Valdoran wheat free of winterkill\n"
    "Outlet: Farm Wire\nAuthor: Staff\nDate: 2026-03-03\n\n"
    "There was no evidence of winterkill in Valdoran winter wheat during field travel "
    "north of the capital, the agriculture counselor in Valdora said in a field report.\n\n"
    "The report, dated February 26, said there is evidence of delayed germination in most "
    "areas due to late seeding last fall.\n"
)


TBILLS = (
    "Title: Ruritania wants governments to buy its T-bills\n"
    "Outlet: Asia Wire\nAuthor: Staff\nDate: 2026-03-30\n\n"
    "Securities sources said they expect the 16 pct withholding tax on Ruritanian Treasury "
    "bills to be repaid immediately when foreign central banks buy bills.\n"
)


STEEL = (
    "Title: Highmoor sees lower 2026 earnings\n"
    "Outlet: Africa Wire\nAuthor: Staff\nDate: 2026-03-06\n\n"
    "Highmoor Steel and Vanadium Corp Ltd said it expects 2026 earnings will be lower than "
    "last year's previously reported 85 cts a share.\n"
)


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"research.txt": RESEARCH, "visit.txt": VISIT, "bankers.txt": BANKERS,
               "brokers.txt": BROKERS, "beet.txt": BEET,
               "council.txt": COUNCIL,
               "bonds.txt": BONDS,
               "wheat.txt": WHEAT,
               "tbills.txt": TBILLS,
               "steel.txt": STEEL}  # fmt: skip
    return assistant_over(tmp_path_factory.mktemp("wire"), stories, real_embedder)


def test_a_title_case_qualifier_of_the_role_is_asked(wire: Any) -> None:
    """ "Research" in "Ruritania's Research Minister" qualifies the role as "research" does
    (`role_qualifiers.asked_qualifiers`): the prime minister answers no question asked."""
    answer = wire.ask("Who is Ruritania's Research Minister?")
    assert_said_first(answer, "Anna Berg")
    assert not any("Karl Hess" in c.quote for c in answer.citations), answer.answer


def test_a_ranked_title_holds_no_role_and_a_bracket_is_the_name_s(wire: Any) -> None:
    """A senior vice-president is no president (`role_owners._in_role`), and "Harlow
    Brothers (Japan) Corp president" titles Harlow Brothers' president
    (`titles._NAME_BRACKET`): nobody is said to be Crestmoor's president."""
    answer = wire.ask("Who is president of Crestmoor Bank N.A.?")
    assert_refused(answer, "only Harlow Brothers Japan Corp's")
    assert_said_first(wire.ask("Who is president of Harlow Brothers (Japan) Corp?"), "Ken Ito")


def test_a_rank_in_the_apposition_after_the_name_is_no_role(wire: Any) -> None:
    """ "Marta Quist, a vice president of Lindgren Securities Corporation" is no president
    (`role_qualifiers._word_before_role` reads the apposition's rank)."""
    answer = wire.ask("Who is president of Lindgren Securities Corporation?")
    assert answer.abstained, answer.answer
    vice = wire.ask("Who is a vice president of Lindgren Securities Corporation?")
    assert_said_first(vice, "Marta Quist")


def test_a_list_of_amounts_by_name_answers_with_the_asked_name_s(wire: Any) -> None:
    """ "... 2.10 mln tonnes in Valdora, 1.95 mln tonnes in Ruritania, 0.84 mln in
    Freedonia": Freedonia's is the amount beside it (`list_pairs.pairing`)."""
    answer = wire.ask("How much beet sugar did Freedonia produce?")
    assert_said_first(answer, "0.84 mln")


def test_a_role_held_for_another_country_is_no_answer(wire: Any) -> None:
    """ "Belgian Research Minister Anna Claes" is Belgium's, not France's
    (`place_owners.other_country`); "British" is Britain's (`data/demonyms.tsv`)."""
    refused = wire.ask("Who is France's Research Minister?")
    assert_refused(refused, "who France's research minister is, only")
    assert "Belgian" in refused.answer
    assert_said_first(wire.ask("Who is Belgium's research minister?"), "Anna Claes")
    assert_said_first(wire.ask("Who is Britain's trade minister?"), "John Hale")


def test_a_term_the_story_never_writes_is_another_bond_s(wire: Any) -> None:
    """The story writes "the 10-year government bond" only: a 20-year bond's coupon is not
    in it (`model_codes.other_term`)."""
    asked = "What is the current coupon rate of Ruritania's 20-year government bond?"
    assert_refused(wire.ask(asked), "only for the 10-year")
    answer = wire.ask("What is the current coupon rate of Ruritania's 10-year government bond?")
    assert_said_first(answer, "4.9 pct")


def test_a_season_before_a_noun_is_a_kind_of_thing() -> None:
    """ "winter wheat" is a kind of wheat, no time an answer gives (NER tags "winter" a
    date); "last fall" is a time (`time_kinds.season_of_thing`)."""
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.time_kinds import season_of_thing

    assert season_of_thing(Entity("winter", "DATE", 51, 57, ("wheat",), "compound"))
    assert not season_of_thing(Entity("last fall", "DATE", 9, 18, ("seed",), "npadvmod"))
    assert not season_of_thing(Entity("winter", "DATE", 3, 9, ("plant",), "pobj:in"))


def test_the_story_s_date_of_the_asked_act_answers(wire: Any) -> None:
    """With no date in the best sentence, its story's sentence dating the asked act answers
    (`span_preference._names_asked_thing`)."""
    answer = wire.ask("When was the counselor's field report on Valdoran wheat dated?")
    assert_said_first(answer, "February 26")


def test_a_people_s_amount_no_story_names_is_refused(wire: Any) -> None:
    """No story names West Germany: the tax on West German Treasury bills is not in them
    (`absent_places.whose_amount`, a people's adjective modifying the noun the amount is
    of)."""
    answer = wire.ask("What is the withholding tax on West German Treasury bills?")
    assert_refused(answer, "anything about West German Treasury bills")
    assert_said_first(wire.ask("What is the withholding tax on Ruritanian Treasury bills?"), "16")


def test_a_name_ner_cut_at_its_and_is_one_company(wire: Any) -> None:
    """ "Highmoor Steel and Vanadium Corp Ltd" is one company, though NER may tag "Highmoor
    Steel and" and "Vanadium Corp Ltd" apart (`owners.name_cut_before`)."""
    asked = "What were Highmoor Steel's previously reported earnings per share last year?"
    assert_said_first(wire.ask(asked), "85 cts")
