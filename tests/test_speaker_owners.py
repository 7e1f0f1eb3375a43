"""A company telling its own figure by a description or a pronoun ("The company had admitted
releasing about 8,000 litres", "according to a company statement") owns it: a question
about another company's figure is refused with the speaker's name, and the speaker's own
figure is still answered (`rag/answer/speaker_owners.py`). Real spaCy model and embedder
over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

SPILL = (
    "Title: Chemicals maker fined for river spill\n"
    "Outlet: Riverside Courier\nAuthor: Staff\nDate: 2026-09-18\n\n"
    "A district court on Wednesday fined Marlow Chemicals 3.5 million dollars for a spill "
    "that killed fish along the river Aske.\n\n"
    "The company had admitted releasing about 8,000 litres of solvent from a storage tank.\n\n"
    "A second company, the transport contractor Brenner Haulage, was cleared of all "
    "charges.\n"
)
STORES = (
    "Title: Department store chain to close 40 stores\n"
    "Outlet: Valley Business Journal\nAuthor: Staff\nDate: 2026-01-20\n\n"
    "Alder Retail Group will close 40 of its department stores by June, the chain said on "
    "Tuesday.\n\n"
    "About 2,300 jobs will be cut as a result of the closures, according to a company "
    "statement.\n\n"
    "Alder's larger competitor, Tolland Stores, reported on Monday that its holiday sales "
    "rose 3 percent.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"spill.txt": SPILL, "stores.txt": STORES}
    return assistant_over(tmp_path_factory.mktemp("speakers"), stories, real_embedder)


def test_a_figure_the_story_s_company_tells_is_not_another_company_s(assistant: Any) -> None:
    answer = assistant.ask("How much solvent did Brenner Haulage release?")
    assert_refused(answer, "Marlow Chemicals")


def test_a_company_statement_s_figure_is_the_company_s(assistant: Any) -> None:
    answer = assistant.ask("How many jobs will Tolland Stores cut?")
    assert_refused(answer, "Alder Retail Group")


def test_the_speaker_s_own_figure_is_answered(assistant: Any) -> None:
    assert_said_first(assistant.ask("How much solvent did Marlow Chemicals release?"), "8,000")
    assert_said_first(assistant.ask("How many jobs will Alder Retail Group cut?"), "2,300")
