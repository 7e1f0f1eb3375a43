"""The source-balance line (rag/render.py, issue 22): one voice once with its counts added
up, and no "nobody named" part."""

from __future__ import annotations

from news_rag.rag.render import balance_line, balance_sentence
from news_rag.rag.types import Balance, BalanceEntry


def test_one_claimant_from_two_outlets_is_counted_once() -> None:
    balance = Balance(
        rests_on=(
            BalanceEntry("South Front", "South Front", 2),
            BalanceEntry("South Front", "Global Research", 1),
            BalanceEntry("Stephen Lendman", "Global Research", 1),
        ),
        also_in_results=(),
    )
    assert balance_sentence(balance) == "Rests on: South Front (3), Stephen Lendman (1)."


def test_nobody_is_never_named_as_a_source() -> None:
    uncited = Balance(rests_on=(), also_in_results=(BalanceEntry("Reuters", "Reuters", 2),))
    line = balance_line(uncited)
    assert "nobody" not in line and "Rests on" not in line
    assert line == "Also in the results, not cited: Reuters ×2"
    assert balance_sentence(uncited) == "Also in the results: Reuters (2)."
