"""Whose figure a speaker gives, which month a story reports, and which other stories may
be quoted: a company saying a figure with no owner in the sentence gives its own
(`speaker_owners.named_speaker`), not when it is the question's company by a shorter name
or a chairman the small model took for a company (`owners.claimant_surname`), nor when "The
company said" stands for it before another company's figure (`alignment.is_speaker`); a
month asked without a year is refused over a story reporting another month
(`periods.last_month_before`); "A federal judge heard ..." gives way to the story's
sentence naming the judge (`span_preference._names_asked_thing`); another company's chairman is not
quoted for "Who is X's chairman?" (`proof.about_same`); "What would it cost?", "1985 first
quarter" and "results" are read as a price, a year and a figure; a count of another thing
gives way to its story's count of the asked one (`span_preference._names_asked_thing`); a
role in apposition before a person's own title is theirs (`other_roles._apposed_title`); "will
the scheme end" has "end" for its verb (`do_support._restore_noun_verb`). Real spaCy model and
embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

CLAIMS = (
    "Title: Judge hears appeals against Brayford plan\n"
    "Outlet: Court Wire\nAuthor: Staff\nDate: 2026-06-19\n\n"
    "A federal judge heard arguments that Brayford Corp's reorganization plan should be "
    "thrown out.\n\n"
    "During a four-hour hearing, U.S. District Judge Whitman Knapp heard arguments in five "
    "different appeals.\n\n"
    "Brayford Corp said there are currently 9,500 property damage claims filed.\n"
)
STORES = (
    "Title: Tallis Apparel plans new stores\n"
    "Outlet: Retail Wire\nAuthor: Staff\nDate: 2026-04-08\n\n"
    "Tallis Apparel Corp continues to target record earnings, Chairman John Meinert told "
    "the annual meeting.\n\n"
    "In 2026, Meinert said the company will open five new and 10 redesigned Kestner "
    "stores in Atlanta and Detroit.\n"
)
BEDDING = (
    "Title: Ohio Bedding to buy licensee\n"
    "Outlet: Retail Wire\nAuthor: Staff\nDate: 2026-03-30\n\n"
    "Ohio Bedding Co said it agreed to acquire Lakeside Sleep Inc, its Detroit licensee.\n\n"
    "The company said shareholders of Lakeside Sleep will receive a total of 48.6 mln dlrs "
    "from the acquisition.\n"
)
OUTPUT = (
    "Title: Ruritania's industrial output rises in January\n"
    "Outlet: Central Europe Wire\nAuthor: Staff\nDate: 2026-03-17\n\n"
    "Ruritania's industrial production rose a provisional 0.4 pct in January after a 0.6 "
    "pct decline in December 2025, the statistics office said.\n\n"
    "Output of manufacturing industries fell a provisional 2.3 pct in January.\n\n"
    "Within manufacturing, output of the metals industry rose by six pct between the two "
    "latest three month periods.\n\n"
    "The office said output of the investment goods industries rose 0.1 pct while consumer "
    "goods output increased 0.6 pct.\n"
)
CHAIRMEN = (
    "Title: Centrex sees lower profits\n"
    "Outlet: Telecom Wire\nAuthor: Staff\nDate: 2026-03-16\n\n"
    "In the annual report, Chairman Robert Reuss told shareholders telephone profits will "
    "stay limited by regulators.\n"
)
OTHER = (
    "Title: Investor to take control of Riverside Oaks\n"
    "Outlet: Business Wire\nAuthor: Staff\nDate: 2026-03-10\n\n"
    "Seizer is expected to take direct involvement in Riverside Oaks management, said "
    "Charles DeGroot, who will give up the post of chairman to one of Seizer's nominees. "
    "The company's central office will move.\n"
)

PORT = (
    "Title: Court halts Kessford port redundancies\n"
    "Outlet: Harbour Business Daily\nAuthor: Staff\nDate: 2026-03-13\n\n"
    "Employers in Kessford port's strike-hit general cargo sector have been served with an "
    "injunction until May 7 preventing them from continuing with plans for 350 redundancies "
    "this year, an employers' organisation spokesman said.\n\n"
    "Union representative Paul Rosenberg said there would be a meeting of the sector's 4,000 "
    "workers this afternoon to decide on further action in the campaign of lightning "
    "strikes that began on January 19 in protest at planned redundancies of 800, starting "
    "with 350 this year.\n"
)
TALKS = (
    "Title: Marovia and Valdora discuss peace prospects\n"
    "Outlet: World Wire\nAuthor: Staff\nDate: 2026-03-28\n\n"
    "Taking part in the talks at an undisclosed location were Marovia's U.N. Representative, "
    "Ambassador Li Luye, and the director of the Valdoran Foreign Ministry, Abraham Tamir.\n"
)
SCHEME = (
    "Title: Cold weather food scheme may be made permanent\n"
    "Outlet: Brussels Wire\nAuthor: Staff\nDate: 2026-03-24\n\n"
    "Almost 60,000 tonnes of food was taken out of stores between January 20, when ministers "
    "approved the scheme, and March 13, according to the latest figures.\n\n"
    "The present scheme was approved as an emergency measure to help poor people affected by "
    "this year's unusually cold winter and will end on March 31.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "claims.txt": CLAIMS,
        "stores.txt": STORES,
        "bedding.txt": BEDDING,
        "output.txt": OUTPUT,
        "chairmen.txt": CHAIRMEN,
        "other.txt": OTHER,
        "port.txt": PORT,
        "talks.txt": TALKS,
        "scheme.txt": SCHEME,
    }
    return assistant_over(tmp_path_factory.mktemp("speakers"), stories, real_embedder)


def test_a_company_saying_an_unowned_figure_gives_its_own(assistant: Any) -> None:
    question = "How many property damage claims has Eagle-Picher received?"
    assert_refused(assistant.ask(question), "only for Brayford")
    asked = "How many property damage claims has Brayford received?"
    assert_said_first(assistant.ask(asked), "9,500")


def test_a_chairman_taken_for_a_company_owns_no_figure(assistant: Any) -> None:
    answer = assistant.ask("How many new Kestner stores will Tallis Apparel open in 2026?")
    assert not answer.abstained, answer.answer  # not "only for Meinert"
    assert answer.short_answer is not None, answer.answer


def test_the_company_said_is_the_speaker_not_the_owner(assistant: Any) -> None:
    answer = assistant.ask("How much will shareholders of Lakeside Sleep receive?")
    assert_said_first(answer, "48.6 mln dlrs")


def test_a_month_the_story_does_not_report_is_refused(assistant: Any) -> None:
    question = "By how much did Ruritania's industrial production rise in February?"
    assert_refused(assistant.ask(question), "February")
    asked = "By how much did Ruritania's industrial production rise in January?"
    assert_said_first(assistant.ask(asked), "0.4 pct")


def test_a_month_without_a_year_is_the_last_one_before_the_story() -> None:
    from news_rag.rag.answer.periods import last_month_before

    assert last_month_before("1987-03-17", 2) == ("1987-02-01", "1987-02-28")
    assert last_month_before("1987-01-05", 2) == ("1986-02-01", "1986-02-28")
    assert last_month_before("1988-03-01", 2) == ("1988-02-01", "1988-02-29")


def test_a_description_of_the_person_gives_way_to_the_name(assistant: Any) -> None:
    answer = assistant.ask("Who heard the appeals against Brayford's reorganization plan?")
    assert_said_first(answer, "Whitman Knapp")


def test_another_company_s_chairman_is_not_quoted(assistant: Any) -> None:
    answer = assistant.ask("Who is Centrex's chairman?")
    assert_said_first(answer, "Robert Reuss")
    assert {c.source.article_id for c in answer.citations} == {"chairmen"}, answer.answer


def test_a_price_a_year_and_a_figure_are_read_from_the_question() -> None:
    from news_rag.rag.question.parse import parse

    cost = parse("What would it cost to develop the gas field, according to Statsolje?")
    assert cost.expected_types[:1] == ("MONEY",)
    results = parse("What were Centrex's 1985 first quarter results per share?")
    assert results.filters.since == "1985-01-01"
    assert "DATE" not in results.expected_types


def test_a_count_of_another_thing_gives_way_to_its_story_s_count(assistant: Any) -> None:
    answer = assistant.ask("How many workers are in Kessford port's general cargo sector?")
    assert_said_first(answer, "4,000")


def test_a_role_in_apposition_before_a_title_is_the_person_s(assistant: Any) -> None:
    assert_said_first(assistant.ask("Who is Marovia's U.N. representative?"), "Li Luye")


def test_a_verb_read_as_a_noun_after_will_is_the_question_s_verb(assistant: Any) -> None:
    assert_said_first(assistant.ask("When will the emergency food scheme end?"), "March 31")
