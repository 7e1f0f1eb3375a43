""" "Who said X?" is answered by someone, not by a document that "said" it ("The measure
said ...", "the statement said"): such a claimant is no answer and earns no claimant
bonus (`Evidence.said_by_document`, rag/answer/data/document_claimants.txt). Real spaCy
model and embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_said_first, assistant_over

SENATE = (
    "Title: Senate backs Gulf strike\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-20\n\n"
    "The Senate approved a measure backing the attack on an Iranian oil platform.\n\n"
    "The measure said the United States was fully entitled to take military action against "
    "Iran in self-defence.\n"
)
LONDON = (
    "Title: Britain supports U.S. action\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-19\n\n"
    "British Foreign Secretary Geoffrey Howe said the United States was fully entitled to "
    "take military action against Iran.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"senate.txt": SENATE, "london.txt": LONDON}
    return assistant_over(tmp_path_factory.mktemp("claimants"), stories, real_embedder)


def test_who_said_is_answered_by_someone_not_a_document(assistant: Any) -> None:
    question = "Who said the United States was fully entitled to take military action?"
    assert_said_first(assistant.ask(question), "Geoffrey Howe")
