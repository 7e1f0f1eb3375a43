"""A LlamaIndex retriever over an `Assistant` (the `llamaindex` extra: llama-index-core).

    from llama_index.core.query_engine import RetrieverQueryEngine
    from news_rag.rag import Assistant
    from news_rag.rag.adapters.llamaindex import NewsRagRetriever

    retriever = NewsRagRetriever(Assistant.open(), unit="passages")
    engine = RetrieverQueryEngine.from_args(retriever, llm=your_llm)

Nodes are `TextNode`s with claimant, offsets and every source-label field in `metadata`
(see `rag.adapters.records`).
"""

from __future__ import annotations

from typing import Any

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from news_rag.rag.adapters.records import Unit, retrieve_records
from news_rag.rag.types import Filters

# Metadata left out of the text an LLM or embedder sees (long or purely positional).
HIDDEN_KEYS = ["quotes", "also_in", "char_start", "char_end", "passage_start", "passage_end",
               "chunk_id", "offsets", "source_path", "url"]  # fmt: skip


class NewsRagRetriever(BaseRetriever):
    """Cited quotes (or passages) as scored nodes."""

    def __init__(
        self,
        assistant: Any,
        *,
        unit: Unit = "quotes",
        k: int | None = None,
        mode: str | None = None,
        filters: Filters | None = None,
        **kwargs: Any,
    ) -> None:
        self._assistant = assistant
        self._unit: Unit = unit
        self._k = k
        self._mode = mode
        self._filters = filters
        super().__init__(**kwargs)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        records = retrieve_records(self._assistant, query_bundle.query_str, unit=self._unit,
                                   k=self._k, mode=self._mode, filters=self._filters)  # fmt: skip
        hidden = [key for key in HIDDEN_KEYS if records and key in records[0].metadata]
        return [
            NodeWithScore(
                node=TextNode(
                    id_=r.id,
                    text=r.text,
                    metadata=r.metadata,
                    excluded_llm_metadata_keys=hidden,
                    excluded_embed_metadata_keys=hidden,
                ),
                score=r.score,
            )
            for r in records
        ]
