"""Which span answers, and whose word a quote is: a country's people's adjective names the
country ("Norwegian" for Norway: `demonyms.tsv`); a sentence of another year gives way to
one of the asked year (`span_preference._span_rank`); a quote whose speaker is "he", named in an
earlier sentence, is labelled with the name (`compose.carries_attribution`); "How many seats
has X lost?" is read with "lost" as its verb (`do_support._restore_perfect`) and answered by
the count under that verb (`amount_nouns.verb_depth`); "offering" read as a noun still asks
for a price (`reading._ing_nouns`); a scaled sum is no rate (`amount_units.money_for_share`);
a description NER took for a name gives way to the name after it
(`other_roles.describes_next`); "Canadian housing starts" has "U.S. housing starts" for a
rival though the parser hangs the nationality on "housing" (`alignment._own_noun`); a
figure that is the subject of its own clause is not the speaker's (`owners._says_it_has`);
"To what was X raised?" asks for a level and "What was spending ...?" for the gerund's
noun (`bare_what`); "an annual rate of 1,851,000 units" answers "At what annual rate ...?"
(`amount_units.count_for_share`). Real spaCy model and embedder over a real index of stories
written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

BANK = (
    "Title: Halvard bank's Norway unit posts loss\n"
    "Outlet: Nordic Business Wire\nAuthor: Staff\nDate: 2026-04-08\n\n"
    "Halvard Bank A/S, the Norwegian subsidiary of the Danish lender, said it made a net "
    "loss of just over four mln crowns in 2025 after restructuring its trading arm.\n\n"
    "Halvard lost 310,000 crowns in Norway in 2024, but its treasury head said a profit was "
    "likely this year.\n"
)
GOVERNOR = (
    "Title: Central bank holds rates\n"
    "Outlet: Marovia Financial News\nAuthor: Staff\nDate: 2026-05-14\n\n"
    "Central bank governor Ada Lindqvist said inflation in Marovia was easing faster than "
    "expected.\n\n"
    '"The bank will not cut interest rates before the end of the year," she told a news '
    "conference.\n"
)
ELECTION = (
    "Title: Greens suffer setback in regional polls\n"
    "Outlet: Alpine Politics Wire\nAuthor: Staff\nDate: 2026-04-13\n\n"
    "In the regional assembly elections to fill 1,900 seats, the Green Party has so far lost "
    "45 of its previously held 610 seats to the liberals.\n"
)
DEFICIT = (
    "Title: Marovia's deficit seen narrowing\n"
    "Outlet: Marovia Financial News\nAuthor: Staff\nDate: 2026-03-15\n\n"
    "Marovia's current account deficit for February is expected to narrow from the January "
    "level of 1.29 billion, economists polled by the paper said.\n"
)
FIELD = (
    "Title: Statsolje seeks share in gas field\n"
    "Outlet: Nordic Energy Daily\nAuthor: Staff\nDate: 2026-04-13\n\n"
    "The field, in the southern sector of the Gulf of Valdora, is currently operated by U.S. "
    "Oil company Gulf Pacific Oil Co Inc, a unit of Canada's Seagram Co Ltd.\n"
)

STARTS = (
    "Title: Housing starts rose 2.6 pct in February\n"
    "Outlet: Washington Wire\nAuthor: Staff\nDate: 2026-03-17\n\n"
    "U.S. housing starts rose 2.6 pct in February to a seasonally adjusted annual rate of "
    "1,851,000 units, the Commerce Department said.\n"
)
SUGAR = (
    "Title: Intervention board details sugar sales\n"
    "Outlet: London Commodities Wire\nAuthor: Staff\nDate: 2026-03-25\n\n"
    "A total 59,000 tonnes of current series white sugar received export rebates of a "
    "maximum 45.678 European Currency Units (Ecus) per 100 kilos at today's European "
    "Community (EC) tender, the U.K. Intervention Board said.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "bank.txt": BANK,
        "governor.txt": GOVERNOR,
        "election.txt": ELECTION,
        "deficit.txt": DEFICIT,
        "field.txt": FIELD,
        "starts.txt": STARTS,
        "sugar.txt": SUGAR,
    }
    return assistant_over(tmp_path_factory.mktemp("spans"), stories, real_embedder)


def test_a_nationality_names_its_country_and_the_asked_year_wins(assistant: Any) -> None:
    answer = assistant.ask("How much did Halvard's Norwegian subsidiary lose in 2025?")
    assert not answer.abstained, answer.answer
    assert_said_first(answer, "four mln crowns")


def test_a_quote_said_by_he_is_labelled_with_who_he_is(assistant: Any) -> None:
    answer = assistant.ask(
        "Who said the bank will not cut interest rates before the end of the year?"
    )
    assert "According to Ada Lindqvist" in answer.answer, answer.answer


def test_a_question_in_the_perfect_is_answered_by_the_count_under_its_verb(
    assistant: Any,
) -> None:
    answer = assistant.ask("How many seats has the Green Party lost in the regional elections?")
    assert_said_first(answer, "45")


def test_a_question_in_the_perfect_has_its_participle_for_verb() -> None:
    from news_rag.rag.question.parse import parse

    intent = parse("How many seats has the Green Party lost in the regional elections?")
    assert intent.slots.predicate == "lose"
    assert "lose" in intent.anchors


def test_offering_read_as_a_noun_still_asks_for_a_price() -> None:
    from news_rag.rag.question.parse import parse

    intent = parse("How much is Lynch offering per Becor share?")
    assert "PERCENT" not in intent.expected_types
    assert "MONEY" in intent.expected_types


def test_a_scaled_sum_is_no_rate(assistant: Any) -> None:
    answer = assistant.ask("What is Marovia's inflation rate?")
    short = answer.short_answer
    assert short is None or "billion" not in short.text, answer.answer


def test_a_description_before_a_name_gives_way_to_the_name(assistant: Any) -> None:
    answer = assistant.ask("Which company operates the gas field in the Gulf of Valdora?")
    assert_said_first(answer, "Gulf Pacific Oil")


def test_a_nationality_before_the_asked_noun_has_another_country_for_rival(
    assistant: Any,
) -> None:
    question = "By how much did Canadian housing starts rise in February?"
    assert_refused(assistant.ask(question), "only for U.S.")
    assert_said_first(
        assistant.ask("By how much did U.S. housing starts rise in February?"), "2.6 pct"
    )


def test_a_count_the_sentence_gives_as_the_asked_rate_answers(assistant: Any) -> None:
    answer = assistant.ask("At what annual rate did U.S. housing starts run in February?")
    assert_said_first(answer, "1,851,000")


def test_a_figure_that_is_its_clause_s_subject_is_not_the_speaker_s(assistant: Any) -> None:
    answer = assistant.ask("How much white sugar received export rebates at the EC tender?")
    assert_said_first(answer, "59,000 tonnes")


def test_a_bare_what_asks_for_a_level_and_a_gerund_for_its_noun() -> None:
    from news_rag.rag.question.parse import parse

    raised = parse("To what was the dividend raised?")
    assert "PERCENT" in raised.expected_types and "MONEY" in raised.expected_types
    assert parse("To what did the company attribute the loss?").expected_types == ()
    spending = parse("What was spending on nonresidential construction in April?")
    assert spending.target == "spending"
    assert spending.expected_types[:1] == ("MONEY",)
