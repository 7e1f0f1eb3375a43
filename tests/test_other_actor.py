"""The asked act done by another participant (`other_actor`), and a question's name that no
story tags (`name_labels`, `owners.ANY_KIND`): real spaCy model and embedder over a real
index of stories written for the test.

"How much is Walletry valued at?": the small model tags "Walletry" nowhere, in the question
or the story; the only valuation is Quidco's ("The round values Quidco at ..."), and
Walletry's own sentence gives a sum raised, not a value, so the answer is refused with
Quidco's name. The same story answers Quidco's valuation and what Walletry raised.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

FUNDING = (
    "Title: Payments startup Quidco raises 75 million dollars\n"
    "Outlet: Tech Funding Daily\nAuthor: Raj Patel\nDate: 2026-03-30\n\n"
    "Quidco, a London-based payments startup, has raised 75 million dollars in a funding "
    "round led by the venture firm Northgate Capital, the company said on Monday.\n\n"
    "The round values Quidco at about 600 million dollars, according to people familiar "
    "with the matter.\n\n"
    "Quidco was founded in 2021 by two former bankers.\n\n"
    "Its rival Walletry raised 40 million dollars in January.\n"
)
WRITE_OFF = (
    "Title: Dornfeld Systems to take write-off\n"
    "Outlet: Business Daily Wire\nAuthor: Lena Park\nDate: 2026-05-12\n\n"
    "Dornfeld Systems Inc said it plans a major restructuring that will include a write-off "
    "of between 39 million and 43 million dollars.\n\n"
    "Helen Marsh, president of the company, said the charges would not touch the "
    "company's cash position.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("other-actor")
    return assistant_over(root, {"funding.txt": FUNDING, "write_off.txt": WRITE_OFF}, real_embedder)


def test_another_company_s_valuation_is_refused_with_its_name(assistant: Any) -> None:
    answer = assistant.ask("How much is Walletry valued at?")
    assert answer.abstained, answer.answer
    assert "Quidco" in answer.answer and "Walletry" in answer.answer, answer.answer


def test_the_company_s_own_valuation_and_its_rival_s_sum_raised_are_answered(
    assistant: Any,
) -> None:
    own = assistant.ask("How much is Quidco valued at?")
    assert own.short_answer is not None and "600 million" in own.short_answer.text, own.answer
    raised = assistant.ask("How much did Walletry raise?")
    assert raised.short_answer is not None, raised.answer
    assert raised.short_answer.text.startswith("40 million"), raised.answer
