"""A rival that does the asked-for thing throughout the story refuses the question, even
where the first sentence's parse leaves its role open ("Hartwell Industries Plc (HRTW.L)
1986 pretax profits of 48.0 mln stg exceeded ..." for Crestmoor's profits, with
"Hartwell's profits of 18.9 mln stg" later): `answerability.contradicted`. Real spaCy model
and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

MARKET = (
    "Title: Hartwell results lift shares\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-04-08\n\n"
    "Hartwell Industries Plc (HRTW.L) 1986 pretax profits of 48.0 mln stg exceeded market "
    "expectations of around 40 mln and pushed the company's shares up sharply to a high of "
    "491p, dealers said.\n\n"
    "Hartwell Industries reported a 32.4 mln stg profit in 1985.\n\n"
    "Analysts noted that Hartwell's profits of 18.9 mln stg from 13.2 mln previously had "
    "been given a boost by pension benefits.\n\n"
    "Elsewhere in the building sector Crestmoor Plc eased 3p to 402p ahead of its results "
    "next week.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("rival"), {"market.txt": MARKET}, real_embedder)


def test_another_company_s_profits_throughout_refuse_and_are_named(assistant: Any) -> None:
    answer = assistant.ask("What were Crestmoor Plc's 1986 pretax profits?")
    assert_refused(answer, "for Crestmoor Plc, only for Hartwell")


def test_the_rival_s_own_profits_are_answered(assistant: Any) -> None:
    assert_said_first(assistant.ask("What were Hartwell's 1986 pretax profits?"), "48.0 mln stg")
