"""The refusal: what the assistant says when no retrieved sentence answers the question.

It still lists the nearest passages (as `passages`, never as citations), so the reader can
see what was searched; the text is one sentence that says where they are ("…; the nearest
passages are listed below."): the chat points to its sources pane instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.rag.render import NEAREST_BELOW
from news_rag.rag.types import Answer, Passage

ABSTAIN_PREFIX = "The indexed articles don't say"


def abstain(question: str, passages: Sequence[Passage], reason: str | None = None) -> Answer:
    text = f"{ABSTAIN_PREFIX} {reason or 'anything that answers this question'}"
    text += f"; {NEAREST_BELOW}." if passages else "."
    return Answer(
        question=question,
        answer=text,
        abstained=True,
        citations=(),
        passages=tuple(passages),
        kind="abstain",
    )
