"""Of two values hanging from the question's words in one sentence, the short answer is
the one hanging from more of them (`short_answer._rank`): "failed to report another
1,062,234 dlrs", not "reported 1,880,376 dlrs", for "How much did the firm fail to report?";
and a level before a change where a level is asked ("rise 80 pct in 1986 to 550,332 dinars").
Real spaCy model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_said_first, assistant_over

STORY = (
    "Title: Harlan Securities censured over cash reports\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-03-02\n\n"
    "Federal regulators said Harlan Securities Inc agreed to a censure to settle charges that "
    "it failed to fully report cash transactions.\n\n"
    "After examining its branch offices, the SEC said it found that Harlan Securities "
    "reported 1,880,376 dlrs in cash deposits but failed to report another 1,062,234 dlrs.\n\n"
    "Its Jordan branch saw pre-tax profit rise 80 pct in 1986 to 550,332 dinars on assets of "
    "12.6 mln dinars.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("anchors"), {"cash.txt": STORY}, real_embedder)


def test_the_value_hanging_from_more_of_the_questions_words_is_said(assistant: Any) -> None:
    answer = assistant.ask("How much in cash deposits did Harlan Securities fail to report?")
    assert_said_first(answer, "1,062,234 dlrs")


def test_the_other_value_still_answers_its_own_question(assistant: Any) -> None:
    answer = assistant.ask("How much in cash deposits did Harlan Securities report?")
    assert_said_first(answer, "1,880,376 dlrs")


def test_a_level_is_said_before_a_change_where_a_level_is_asked(assistant: Any) -> None:
    answer = assistant.ask("How much pre-tax profit did the Jordan branch make in 1986?")
    assert_said_first(answer, "550,332 dinars")
    assert_said_first(assistant.ask("By how much did the branch's pre-tax profit rise?"), "80 pct")
