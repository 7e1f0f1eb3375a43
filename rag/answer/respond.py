"""The answer stage: `respond(intent, passages, reader, settings, search, embedder) -> Answer`.

No passage: a refusal. A metadata question: the stored metadata of the best-matching
article (`from_metadata`). Otherwise the sentences that answer (`engine`), a follow-up
preferring what the previous answer cited and going on from it (`follow_up`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.engine import answer
from news_rag.rag.answer.follow_up_bias import (
    FollowUp,
    adjuster,
    continuing_passages,
    following_sentences,
)
from news_rag.rag.answer.from_metadata import answer_from_metadata
from news_rag.rag.answer.refusal import abstain
from news_rag.rag.question.intent import METADATA, Intent
from news_rag.rag.settings import Settings
from news_rag.rag.types import Answer, Passage

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from news_rag.index.encoders.minilm import Embedder


@dataclass(frozen=True, eq=False)
class Search:
    """How the passages were retrieved: the query searched (the question, a follow-up's
    context and the name forms it uses), its vector, and the ids of the articles the filters
    allow (None: no filter)."""

    query: str
    vector: npt.NDArray[np.float32]
    allowed: Collection[str] | None = None


def respond(
    intent: Intent,
    passages: list[Passage],
    reader: IndexReader,
    settings: Settings,
    search: Search,
    embedder: Embedder,
    follow_up: FollowUp | None = None,
) -> Answer:
    """Answer `intent` from the retrieved `passages`, or abstain."""
    if not passages:
        return abstain(intent.question, passages)
    if intent.kind == METADATA and intent.metadata_field:
        found = answer_from_metadata(
            intent, intent.metadata_field, search.vector, passages, reader, embedder
        )
        if found is not None:
            return found
    follow_up = follow_up or FollowUp()
    following = following_sentences(reader, follow_up.already_cited)
    if following:
        passages = passages + continuing_passages(reader, passages, following, settings)
    return answer(
        intent, search.query, search.vector, passages, reader, settings.answer,
        adjust=adjuster(follow_up, following), allowed=search.allowed,
        similar=phrase_similarity(embedder), within=follow_up.prefer_articles,
    )  # fmt: skip


def phrase_similarity(embedder: Embedder) -> Callable[[str, str], float]:
    """The cosine of two short phrases as the query embedder embeds them (both at once)."""

    def similar(one: str, other: str) -> float:
        import numpy as np

        vectors = np.asarray(embedder.encode([one, other]), dtype=np.float32)
        a, b = vectors[0], vectors[1]
        return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) or 1.0))

    return similar
