"""Contrary evidence and the answer found on P32: an organisation's short form between commas,
its letters in the order of another language ("The Andean Fruit Council, CFA,") is the
organisation (`name_forms.learn`, `role_owners._short_form`); a country's president is no
organisation's (`place_owners.country_for_organisation`); a stake in another company than
the asked one ("owns 24 pct of Bexley Motors", `value_objects.of_value`); a count of the things
a rate is asked per is no rate (`Slots.per`); the question's participant hanging nearer the
value than a rival owner (`owners._named_nearer`); and from P33, two weeks' figures are no
disagreement, the asked week's first (`pinned_dates`); from P34, a bracketed short name
closing a title is its owner, "Who chairs X?" asks for the chairman, and a year a speech
verb reports ("Last year X reported earnings of ...") is the figures' period; from P35, a
hyphened length of time ("52-week") is no year, and "it" after a speaker NER left untagged
is the speaker. Real spaCy model and embedder over a real index of stories written for the
test."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from news_rag.index.analysis.name_forms import learn

from tests.index_helpers import analysed, assert_refused, assert_said_first, assistant_over

FRUIT = (
    "Title: Andean fruit exports seen steady\n"
    "Outlet: Commodities Desk\nAuthor: Staff\nDate: 2026-04-07\n\n"
    "The Andean Fruit Council, CFA, expects exports to hold steady this season, "
    "exporters said.\n\n"
    "They said CFA President Lucia Ferraz is likely to leave the export quota unchanged.\n"
)
TIN = (
    "Title: Tin talks stall\n"
    "Outlet: Metals Wire\nAuthor: Staff\nDate: 2026-04-08\n\n"
    "Bolivian president Ramon Quiroga told miners that tin output is 4,000 tonnes "
    "behind schedule.\n\n"
    "Talks at the International Tin Council on a new export quota stalled on Tuesday, "
    "delegates said.\n"
)
STAKES = (
    "Title: Arlo to re-enter European market\n"
    "Outlet: Auto Wire\nAuthor: Staff\nDate: 2026-04-09\n\n"
    "Arlo Corp will begin exporting cars to Europe this year, a company official said.\n\n"
    "Arlo sold its European plants to Dunmore SA in 2019. Arlo now owns 24 pct of Bexley "
    "Motors Corp and 15 pct of Carrow, which may serve as distribution channels, the "
    "official said.\n"
)
OFFER = (
    "Title: Trent raises bid for Vale\n"
    "Outlet: Deals Desk\nAuthor: Staff\nDate: 2026-04-10\n\n"
    "Trent Holdings said it raised its tender offer for Vale Industries to 31 dlrs a share "
    "from 28 dlrs.\n\n"
    "Trent said tendered shares had been withdrawn, leaving it with only 1.1 mln shares, or "
    "just over 20 pct of the roughly 5.2 mln Vale shares outstanding.\n"
)
DAM = (
    "Title: Rivermark changes accounting\n"
    "Outlet: Utilities Wire\nAuthor: Staff\nDate: 2026-04-11\n\n"
    "Rivermark Power said the change was prompted by delays in the receipt of a Northern "
    "Water Board decision on the company's application to recover the 2.1 billion dlr cost "
    "of building the Kestrel Dam project.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "fruit.txt": FRUIT, "tin.txt": TIN, "stakes.txt": STAKES, "offer.txt": OFFER,
        "dam.txt": DAM,
    }  # fmt: skip
    return assistant_over(tmp_path_factory.mktemp("forms"), stories, real_embedder)


def test_a_short_form_between_commas_in_another_order_is_learned() -> None:
    text = "The Andean Fruit Council, CFA, met. Ford, GM, and Fiat fell."
    table = learn([(text, analysed(text))])
    assert table["CFA"][0] == "Andean Fruit Council"
    assert "GM" not in table or "Ford" not in table["GM"]


def test_the_organisation_s_short_form_titles_its_own_president(assistant: Any) -> None:
    answer = assistant.ask("Who is president of the Andean Fruit Council?")
    assert_said_first(answer, "Lucia Ferraz")


def test_a_country_s_president_is_no_organisation_s(assistant: Any) -> None:
    answer = assistant.ask("Who is president of the International Tin Council?")
    assert_refused(answer, "only who the Bolivian president is")


def test_a_stake_in_another_company_does_not_answer(assistant: Any) -> None:
    assert_refused(assistant.ask("What stake does Arlo own in Dunmore?"), "only for Bexley")


def test_the_stake_in_the_asked_company_answers(assistant: Any) -> None:
    assert_said_first(assistant.ask("What stake does Arlo own in Bexley Motors?"), "24 pct")


def test_a_count_of_shares_is_no_price_per_share(assistant: Any) -> None:
    answer = assistant.ask("How much is Trent offering per Vale share?")
    assert answer.short_answer is not None, answer.answer
    assert "shares" not in answer.short_answer.text
    assert "dlrs" in answer.short_answer.text


def test_the_asked_project_s_cost_is_not_the_board_s(assistant: Any) -> None:
    answer = assistant.ask("What did it cost to build the Kestrel Dam?")
    assert_said_first(answer, "2.1 billion dlr")


def _analysed(text: str) -> Any:
    """The first sentence's stored analysis of `text`, by the real spaCy analyser."""
    return analysed(text)[0]


def _forms(intent: Any) -> list[tuple[str, ...]]:
    from news_rag.rag.answer.corpus import CorpusTables
    from news_rag.rag.answer.coverage import argument_forms

    corpus = CorpusTables({}, {})
    return [argument_forms(a.text, a.label, corpus) for a in intent.slots.arguments]


def test_a_stake_of_another_company_is_in_the_asked_object_s_role() -> None:
    from news_rag.rag.answer.alignment import name_contradictions
    from news_rag.rag.question.parse import parse

    text = "Chrysler now owns 24 pct of Mitsubishi Motors Corp, Hammes said."
    intent = parse("What stake does Chrysler own in Peugeot?")
    found = name_contradictions(_analysed(text), text, intent, _forms(intent))
    assert [(c.found, c.same_role, c.decisive) for c in found] == [
        ("Mitsubishi Motors Corp", True, True)
    ]


def test_a_cost_hanging_from_the_asked_project_is_not_the_board_s() -> None:
    from news_rag.rag.answer.owners import owner_contradictions
    from news_rag.rag.question.parse import parse

    text = (
        "Pacific Gas said the accounting change was prompted by delays in the receipt of a "
        "California Public Utilities Commission decision on the company's 1984 application "
        "for rate relief to recover the 5.8 billion dlr cost of constructing units one and "
        "two of the Diablo Canyon Nuclear Power Project."
    )
    parsed = parse("What did it cost to construct the Diablo Canyon units?")
    # labelled as the story's name is (`name_labels`: an organisation there)
    project = replace(parsed.slots.arguments[0], label="ORG")
    intent = replace(parsed, slots=replace(parsed.slots, arguments=(project,)))
    assert owner_contradictions(_analysed(text), intent, _forms(intent)) == []


def test_a_count_of_the_rate_s_base_is_no_answer() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.amount_units import count_of_rate_base
    from news_rag.rag.question.parse import parse

    intent = parse("How much is Dixons offering per Cyclops share?")
    assert intent.slots.per == "share"
    shares = Entity("roughly 4.26", "CARDINAL", 0, 12, ("share", "pct"), "nummod")
    price = Entity("92.25 dlrs", "MONEY", 0, 10, ("offer",), "pobj:of")
    assert count_of_rate_base(shares, intent) and not count_of_rate_base(price, intent)


WEEK_ONE = (
    "Title: U.S. fuel demand up 1.9 pct\n"
    "Outlet: Energy Desk\nAuthor: Staff\nDate: 2026-03-11\n\n"
    "U.S. fuel demand rose 1.9 pct in the four weeks ended March six to 16.39 mln barrels "
    "per day from 16.08 mln a year earlier, the Energy Bureau said.\n\n"
    "The bureau said distillate demand was down 2.2 pct in the period to 3.33 mln barrels "
    "per day.\n"
)
WEEK_TWO = (
    "Title: U.S. fuel demand up 2.3 pct\n"
    "Outlet: Energy Desk\nAuthor: Staff\nDate: 2026-03-18\n\n"
    "U.S. fuel demand rose 2.3 pct in the four weeks ended March 13 to 16.49 mln barrels "
    "per day from 16.11 mln a year earlier, the Energy Bureau said.\n\n"
    "The bureau said distillate demand was up 2.9 pct in the period to 3.51 mln barrels "
    "per day.\n"
)


@pytest.fixture(scope="module")
def weekly(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"one.txt": WEEK_ONE, "two.txt": WEEK_TWO}
    return assistant_over(tmp_path_factory.mktemp("weekly"), stories, real_embedder)


def test_two_weeks_figures_are_no_disagreement_and_the_asked_week_comes_first(
    weekly: Any,
) -> None:
    answer = weekly.ask("How much did U.S. fuel demand rise in the four weeks ended March six?")
    assert not answer.conflicts, answer.answer
    assert "ended March six" in answer.citations[0].quote


FEDERATION = (
    "Title: Business leaders wary of accord\n"
    "Outlet: Tokyo Desk\nAuthor: Staff\nDate: 2026-04-09\n\n"
    "Visiting Under-Secretary of State Allen Wallis told Kenji Mori, Chairman of the "
    "Federation of Trade Organisations (Zenkeiren), that import controls must go, a "
    "spokesman for Zenkeiren said.\n\n"
    "Wallis wrote to Finance Committee Chairman Paul Ostrow, who has urged tariffs on "
    "imported steel, the spokesman said.\n"
)


@pytest.fixture(scope="module")
def federation(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"federation.txt": FEDERATION}
    return assistant_over(tmp_path_factory.mktemp("federation"), stories, real_embedder)


def test_undated_figures_of_two_weekly_reports_are_no_disagreement(weekly: Any) -> None:
    answer = weekly.ask("How much did U.S. distillate demand change in the period?")
    assert not answer.conflicts, answer.answer


def test_a_bracketed_short_name_closing_the_title_is_its_owner(federation: Any) -> None:
    assert_said_first(federation.ask("Who is chairman of Zenkeiren?"), "Kenji Mori")


def test_who_chairs_asks_for_the_chairman(federation: Any) -> None:
    assert_said_first(federation.ask("Who chairs the Finance Committee?"), "Paul Ostrow")


def _periods(text: str, published: str) -> tuple[tuple[str, str], ...]:
    return analysed(text, published)[0].periods


def test_a_year_a_speech_verb_reports_is_the_figures_period() -> None:
    text = "Last year Pacific Gas reported earnings of 925 mln dlrs, or 2.60 dlrs per share."
    assert _periods(text, "1987-03-31") == (("1986-01-01", "1986-12-31"),)


def test_the_day_of_the_saying_is_no_period() -> None:
    text = "Pacific Gas said on Tuesday that its earnings rose to 925 mln dlrs."
    assert _periods(text, "1987-03-31") == ()


def test_a_hyphened_length_of_time_is_no_year() -> None:
    from news_rag.rag.question.parse import parse

    filters = parse("What was IBM's 52-week low?").filters
    assert (filters.since, filters.until) == (None, None)
    fiscal = parse("What was the deficit in fiscal 1985-86?").filters
    assert (fiscal.since, fiscal.until) == ("1985-01-01", "1986-12-31")


DIGEST = (
    "CHICAGO - The rally in soybean prices may prompt farmers to plant more soybean acres "
    "than the USDA projected in last week's acreage report, traders said.\n"
    "    NEW YORK - Magma Copper Co, a subsidiary of Newmont Mining Corp, said it is lowering "
    "its copper cathode price by 0.50 cent to 65.50 cents a lb, effective immediately.\n"
)


def test_it_after_a_speaker_ner_left_untagged_is_the_speaker() -> None:
    copper = analysed(DIGEST, "1987-04-07")[1]
    assert copper.claimant == "Magma Copper Co"  # no dateline in the name
    assert {e.text for e in copper.described} == {"Magma Copper Co"}


def test_a_hyphen_inside_a_name_is_no_dateline() -> None:
    text = "M/A-Com Inc said it has eliminated the post of chief operating officer."
    assert analysed(text, "1987-04-08")[0].claimant == "M/A-Com Inc"
