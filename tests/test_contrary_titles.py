"""Contrary evidence in a title and in a sentence's kind of amount: another nationality
titling the asked role ("Dutch co-chairman Pieter Maas" for "Seabridge's British
co-chairman", `titles.titled_otherwise`), a percentage where a sum of money is asked
("70 percent of which" for "How much money ...?", `reading._sum_of_money`), and a
sentence holding no value of the asked type beside one whose value is another company's
(`answerability.holding_values`). And what is no contrary evidence: a part of an
organisation in a title ("managing director of the Corporate Finance Department", whose
department unsaid: `alignment.organisation_part`, `titles._other_owner`). Real spaCy
model and embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

RAIL = (
    "Title: Rail tunnel group must raise new capital\n"
    "Outlet: Harbour Business Daily\nAuthor: Staff\nDate: 2026-05-04\n\n"
    "The Anglo-Dutch rail tunnel group Seabridge must raise 2 billion euros by July to "
    "cover rising costs, Dutch co-chairman Pieter Maas said on Monday.\n\n"
    "Seabridge shares fell 4 percent in Amsterdam after the statement.\n"
)
FUND = (
    "Title: Harwick fund arm wins licence\n"
    "Outlet: Asia Markets Wire\nAuthor: Staff\nDate: 2026-06-18\n\n"
    "Harwick Investment Co, set up three years ago, manages about 900 million dollars, "
    "70 percent of which is invested in European shares.\n\n"
    "The firm was among 40 advisers granted a licence for discretionary fund management "
    "on June 10, a Harwick spokesman said.\n"
)
POWER = (
    "Title: Ostra Kraft profit falls\n"
    "Outlet: Nordic Energy Daily\nAuthor: Staff\nDate: 2026-02-12\n\n"
    "Ostra Kraft reported a fourth-quarter net profit of 1.1 billion crowns on Thursday, "
    "down from 1.6 billion a year earlier, as lower power prices hit its trading arm.\n\n"
    "The utility generated 19 terawatt hours of electricity in 2025, mostly from wind "
    "farms.\n"
)

BROKER = (
    "Title: Broker's executive charged with insider trading\n"
    "Outlet: Wall Street Wire\nAuthor: Staff\nDate: 2026-03-11\n\n"
    "The Securities and Exchange Commission said it charged a managing director of Harbridge "
    "Securities Ltd in London with running an insider trading scheme.\n\n"
    "Tomas Keller, the managing director of the Corporate Finance Department of the broker's "
    "London office, was charged in a civil complaint filed in Manhattan.\n"
)

CABINET = (
    "Title: Valdoran president reshuffles cabinet\n"
    "Outlet: East Africa Wire\nAuthor: Staff\nDate: 2026-06-01\n\n"
    "President Amos Kerubo replaced his ministers of foreign affairs and planning in a "
    "cabinet reshuffle, the official news agency said.\n\n"
    "Peter Odhiambo, former minister of tourism, becomes minister of planning after Samuel "
    "Otieno, who moves to the new ministry of industry.\n\n"
    "Twelve ministers keep their jobs, including Finance Minister Grace Wanjiru and Energy "
    "Minister Paul Mutua.\n"
)

BANKCHIEF = (
    "Title: Harwick Bank chairman says bank is turning around\n"
    "Outlet: Pacific Banking Wire\nAuthor: Staff\nDate: 2026-03-16\n\n"
    "Harwick Bank Chairman Tom Reyes said the bank is back on the road to profitability.\n\n"
    "In a speech to the city's chamber of commerce, Reyes said the bank would keep cutting "
    "costs this year.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "rail.txt": RAIL,
        "fund.txt": FUND,
        "power.txt": POWER,
        "broker.txt": BROKER,
        "cabinet.txt": CABINET,
        "bankchief.txt": BANKCHIEF,
    }
    return assistant_over(tmp_path_factory.mktemp("contrary"), stories, real_embedder)


def test_another_nationality_in_the_title_holds_no_role_asked(assistant: Any) -> None:
    answer = assistant.ask("Who is Seabridge's British co-chairman?")
    assert "Pieter Maas" not in (answer.short_answer or "")
    assert_said_first(assistant.ask("Who is Seabridge's Dutch co-chairman?"), "Pieter Maas")


def test_a_sum_of_money_asked_is_not_answered_by_a_percentage(assistant: Any) -> None:
    answer = assistant.ask("How much money does Harwick Investment manage?")
    assert_said_first(answer, "900 million dollars")


def test_another_company_s_figure_beside_a_sentence_with_no_value_is_refused(
    assistant: Any,
) -> None:
    answer = assistant.ask("How much electricity did Lindqvist Energi generate in 2025?")
    assert_refused(answer, "Kraft")


def test_a_department_in_the_title_is_no_other_owner(assistant: Any) -> None:
    question = "Which Harbridge Securities managing director did the SEC charge?"
    assert_said_first(assistant.ask(question), "Tomas Keller")


def test_the_nationality_and_the_title_read_from_the_question() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.role_qualifiers import asked_nationality, titled_otherwise
    from news_rag.rag.question.parse import parse

    text = "Seabridge needs cash, Dutch co-chairman Pieter Maas said."
    maas = Entity("Pieter Maas", "PERSON", 40, 51, ("say",), "nsubj")
    dutch = Entity("Dutch", "NORP", 22, 27, ("co",), "amod")
    assert text[maas.start : maas.end] == "Pieter Maas" and text[22:27] == "Dutch"
    british = parse("Who is Seabridge's British co-chairman?")
    assert asked_nationality(british) == "british"
    assert titled_otherwise(maas, british, text, 0, (dutch, maas))
    assert not titled_otherwise(maas, british, text, 0, (maas,))  # "Dutch" no nationality
    assert not titled_otherwise(
        maas, parse("Who is Seabridge's Dutch co-chairman?"), text, 0, (dutch, maas)
    )
    assert asked_nationality(parse("Who is the UK ambassador?")) is None  # an acronym


def test_a_money_noun_asks_for_no_percentage_a_change_does() -> None:
    from news_rag.rag.question.parse import parse

    assert "PERCENT" not in parse("How much money does Harwick Investment manage?").expected_types
    assert "PERCENT" not in parse("How much profit did Ostra Kraft make?").expected_types
    assert "PERCENT" in parse("How much did Ostra Kraft's profit fall?").expected_types
    assert "PERCENT" in parse("How much tax does Ostra Kraft pay?").expected_types


def test_a_name_with_a_kind_of_organisation_holds_no_person_s_role() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.other_roles import organisation_as_person
    from news_rag.rag.question.parse import parse

    group = Entity("Components Group", "PERSON", 0, 16, ("name",), "oprd")
    person = Entity("Richard H. Hale", "PERSON", 20, 35, ("name",), "nsubjpass")
    role = parse("Who was named executive vice president of Seabridge's Systems Group?")
    assert organisation_as_person(group, role)
    assert not organisation_as_person(person, role)
    assert not organisation_as_person(group, parse("Who bought the Components Group?"))


def test_a_story_naming_other_posts_only_does_not_say_who_holds_the_asked_one(
    assistant: Any,
) -> None:
    assert_refused(assistant.ask("Who is Valdora's defence minister?"), "defence minister")
    assert_said_first(assistant.ask("Who is Valdora's finance minister?"), "Grace Wanjiru")


def test_a_person_titled_with_another_role_only_holds_no_role_asked(assistant: Any) -> None:
    answer = assistant.ask("Who is Harwick Bank's chief financial officer?")
    assert_refused(answer, "financial officer")
    assert_said_first(assistant.ask("Who is Harwick Bank's chairman?"), "Tom Reyes")


def test_another_role_is_read_only_where_the_question_names_its_role() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.other_roles import titled_other_role
    from news_rag.rag.question.parse import parse

    text = "Harwick Bank Chairman Tom Reyes said so. Lead researcher Professor Ann Roy agreed."
    reyes = Entity("Tom Reyes", "PERSON", 22, 31, ("say",), "nsubj")
    roy = Entity("Ann Roy", "PERSON", 67, 74, ("agree",), "nsubj")
    assert text[reyes.start : reyes.end] == "Tom Reyes" and text[roy.start : roy.end] == "Ann Roy"
    assert titled_other_role(reyes, parse("Who is Harwick Bank's chief financial officer?"), text)
    assert not titled_other_role(reyes, parse("Who is Harwick Bank's chairman?"), text)
    assert not titled_other_role(roy, parse("Who led the malaria vaccine research?"), text)
