"""Conflicting reports: two quotes from different articles about one fact that disagree.

Two sentences are taken to describe the same fact when their embeddings are close, and to
disagree when they give different dates (weekdays, month-day dates) or different numbers.
The answer then shows both sides, each with its own citation and date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE = re.compile(
    rf"\b(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})"
    rf"|yesterday|today|last\s+week|this\s+week)\b",
    re.I,
)
_NUMBER = re.compile(r"(?<![\w-])\d[\d,]*(?:\.\d+)?%?(?![\w-])")


def date_mentions(text: str) -> set[str]:
    return {re.sub(r"\s+", " ", m.group(0).lower()) for m in _DATE.finditer(text)}


def number_mentions(text: str) -> set[str]:
    return {m.group(0).replace(",", "") for m in _NUMBER.finditer(text)}


def disagree(a: str, b: str) -> bool:
    """Different dates, or (failing dates) different numbers, for the same fact."""
    dates_a, dates_b = date_mentions(a), date_mentions(b)
    if dates_a and dates_b:
        return not (dates_a & dates_b)
    numbers_a, numbers_b = number_mentions(a), number_mentions(b)
    return bool(numbers_a and numbers_b and not (numbers_a & numbers_b))


def conflict_pairs(
    texts: Sequence[str],
    articles: Sequence[str],
    similarity: Sequence[Sequence[float]],
    threshold: float,
) -> list[tuple[int, int]]:
    """Index pairs (i < j) from different articles that look like one fact, disagreeing."""
    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if articles[i] == articles[j] or similarity[i][j] < threshold:
                continue
            if disagree(texts[i], texts[j]):
                pairs.append((i, j))
    return pairs
