"""Refusal on a role held for another owner (`role_owners.owned_elsewhere`): "Harbourside
coach Maria Lopez" does not answer "Who is Kingsbridge's coach?", and the refusal says whose
coach the stories name; a nationality in the title ("Spanish Foreign Minister") is no other
owner. Real spaCy model and embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assistant_over

SEMI_FINAL = (
    "Title: Harbourside edge Kingsbridge to reach the final\n"
    "Outlet: Rugby Weekly\nAuthor: Owen Price\nDate: 2025-05-18\n\n"
    "Harbourside reached the Premier League final after a 24-21 victory over Kingsbridge at "
    "Riverside Park on Saturday.\n\n"
    "Kingsbridge had led 21-14 at half-time thanks to two tries from winger Sam Okoro.\n\n"
    'Harbourside coach Maria Lopez said her team had "shown character".\n'
)
GULF = (
    "Title: European ministers back U.S. action in the Gulf\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-19\n\n"
    "Spanish Foreign Minister Francisco Fernandez Ordonez said Spain understood the United "
    "States' action against Iranian oil platforms in the Gulf.\n"
)
ELECTION = (
    "Title: Farmers' party wins most seats in Valdoria's election\n"
    "Outlet: Continental Wire\nAuthor: Petra Novak\nDate: 2025-09-15\n\n"
    "The Rural Alliance won 48 of the 150 seats in Valdoria's parliamentary election on "
    "Sunday.\n\n"
    "The governing Social Democrats, led by Prime Minister Anton Richter, fell to 41 seats "
    "from 55. The Greens won 22 seats.\n\n"
    "Rural Alliance leader Marta Kovacs said she would begin talks with the Greens on Monday.\n"
)

COALITION = (
    "Title: Unity Party wins Norland election, falls short of a majority\n"
    "Outlet: Continental Wire\nAuthor: Petra Novak\nDate: 2026-06-22\n\n"
    "The Unity Party won 71 of the 180 seats in Norland's parliament on Sunday, short of a "
    "majority.\n\n"
    "The party's leader, Tomas Berger, said he would start coalition talks this week.\n\n"
    "The Farmers League took 22 seats, and its leader Ilse Marten said any deal would "
    "require lower fuel taxes.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "semi.txt": SEMI_FINAL,
        "gulf.txt": GULF,
        "election.txt": ELECTION,
        "coalition.txt": COALITION,
    }
    return assistant_over(tmp_path_factory.mktemp("owners"), stories, real_embedder)


def test_a_role_held_for_another_owner_is_refused(assistant: Any) -> None:
    answer = assistant.ask("Who is Kingsbridge's coach?")
    assert_refused(answer, "only Harbourside's")


def test_the_owner_named_is_answered(assistant: Any) -> None:
    answer = assistant.ask("Who is Harbourside's coach?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Maria Lopez", answer.answer


def test_a_nationality_is_no_other_owner(assistant: Any) -> None:
    answer = assistant.ask("Who is Spain's foreign minister?")
    assert not answer.abstained, answer.answer
    assert "Ordonez" in answer.answer, answer.answer


def test_a_clause_after_the_name_is_no_title(assistant: Any) -> None:
    # "Anton Richter, fell to 41 seats from 55. The Greens ..." names no owner of his role
    answer = assistant.ask("Who is Valdoria's prime minister?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Anton Richter", answer.answer


def test_a_person_titled_for_the_asked_owner_beats_one_led_for_another(assistant: Any) -> None:
    # "led by Prime Minister Anton Richter" hangs from the question's verb, but his title
    # names no Rural Alliance; "Rural Alliance leader Marta Kovacs" is titled for it
    answer = assistant.ask("Who leads the Rural Alliance?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Marta Kovacs", answer.answer


def test_its_leader_is_the_leader_of_what_its_stands_for(assistant: Any) -> None:
    # "its leader Ilse Marten": the analysis reads "its" as the Farmers League
    # (`SentenceAnalysis.described`), so she is no leader of the Unity Party
    answer = assistant.ask("Who leads the Unity Party?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Tomas Berger", answer.answer
    answer = assistant.ask("Who leads the Farmers League?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Ilse Marten", answer.answer
