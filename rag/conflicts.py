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


OFF_FOCUS_MARGIN = 0.15  # a conflict on a fact the question did not ask about needs closer quotes
_ASKS_DATE = re.compile(r"\b(when|what\s+(date|day)|which\s+(date|day)|on\s+what\s+day)\b", re.I)
_ASKS_NUMBER = re.compile(
    r"\b(how\s+(many|much)|what\s+(number|share|percentage)|how\s+large)\b", re.I
)


def question_focus(question: str) -> str | None:
    """Which kind of fact the question asks for: "date", "number" or None."""
    if _ASKS_DATE.search(question) and not date_mentions(question):
        return "date"
    if _ASKS_NUMBER.search(question):
        return "number"
    return None


def _differ(a: set[str], b: set[str]) -> bool:
    return bool(a and b and not (a & b))


def disagree(a: str, b: str, similarity: float, threshold: float, focus: str | None) -> bool:
    """Different dates (or numbers) for what looks like one fact.

    On the fact the question asks about (its focus) the similarity threshold is enough;
    off focus, the two quotes must be near-paraphrases (threshold + OFF_FOCUS_MARGIN).
    """
    dates = _differ(date_mentions(a), date_mentions(b))
    numbers = _differ(number_mentions(a), number_mentions(b))
    if focus == "date" and dates:
        return True
    if focus == "number" and numbers:
        return True
    return similarity >= threshold + OFF_FOCUS_MARGIN and (dates or numbers)


def conflict_pairs(
    texts: Sequence[str],
    articles: Sequence[str],
    similarity: Sequence[Sequence[float]],
    threshold: float,
    focus: str | None = None,
) -> list[tuple[int, int]]:
    """Index pairs (i < j) from different articles that look like one fact, disagreeing."""
    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if articles[i] == articles[j] or similarity[i][j] < threshold:
                continue
            if disagree(texts[i], texts[j], similarity[i][j], threshold, focus):
                pairs.append((i, j))
    return pairs
