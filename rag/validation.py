"""Checks on a question before anything is searched: empty, too long, unsupported script."""

from __future__ import annotations

import unicodedata

from news_rag.index.errors import RagError

# A question whose letters are less than this share Latin is not in a language the bundled
# model (all-MiniLM-L6-v2, English) reads.
MIN_LATIN_SHARE = 0.5


class QuestionError(RagError):
    """The question cannot be answered as given (empty, too long, unsupported script)."""


def validate_question(question: str, max_chars: int) -> str:
    """Return the stripped question or raise QuestionError with a message that says why."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    text = question.strip()
    if not text:
        raise QuestionError("the question is empty; ask something about the indexed articles")
    if len(text) > max_chars:
        raise QuestionError(
            f"the question is {len(text):,} characters long; the limit is {max_chars:,} "
            "(ask a shorter question)"
        )
    letters = [c for c in text if c.isalpha()]
    if letters:
        latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
        if latin / len(letters) < MIN_LATIN_SHARE:
            raise QuestionError(
                "the question is not in a Latin-script language; the bundled model "
                "(all-MiniLM-L6-v2) only understands English, so ask in English"
            )
    return text
