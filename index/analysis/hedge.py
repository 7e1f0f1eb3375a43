"""Hedge stage: why a sentence's claim is unverified.

A hedge word outside quotation marks ("reportedly", "allegedly", "claimed", "unconfirmed"),
a partisan claimant ("pro-government sources"), or an attribution to no one ("according to
reports") marks the sentence as a claim, never a fact.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from news_rag.index.analysis import lexicon


def find_hedge(
    doc: Any,
    quoted: Callable[[Any], bool],
    *,
    partisan_claimant: str | None,
    unnamed_cue: str | None,
) -> str | None:
    """The hedges of a sentence, "; "-joined in reading order, or None."""
    hedge_words = lexicon.pairs(lexicon.HEDGE_WORDS)
    found: list[str] = []
    if partisan_claimant:
        found.append(partisan_claimant)
    for token in doc:
        if quoted(token):
            continue
        for word in (token.lower_, token.lemma_.lower()):
            if token.pos_ in hedge_words.get(word, "").split(","):
                found.append(token.text)
                break
    if unnamed_cue and not found:
        found.append(unnamed_cue)
    return "; ".join(dict.fromkeys(found)) or None
