"""A LangChain retriever over an `Assistant` (the `langchain` extra: langchain-core).

    from news_rag.rag import Assistant, Filters
    from news_rag.rag.adapters.langchain import NewsRagRetriever

    retriever = NewsRagRetriever(assistant=Assistant.open(), filters=Filters(since="2018"))
    docs = retriever.invoke("Who said the US trains militants at al-Tanf?")
    docs[0].metadata["claimant"], docs[0].metadata["outlet"], docs[0].metadata["char_start"]

See `rag.adapters.records` for what the documents hold.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from news_rag.rag.adapters.records import Unit, retrieve_records
from news_rag.rag.types import Filters
from pydantic import ConfigDict


class NewsRagRetriever(BaseRetriever):
    """Cited quotes (or passages) with claimant, offsets and source label in `metadata`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    assistant: Any  # a news_rag Assistant (loaded lazily on first use)
    unit: Unit = "quotes"
    k: int | None = None  # passages retrieved (default: the Assistant's settings)
    mode: str | None = None  # hybrid, dense or bm25
    filters: Filters | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        records = retrieve_records(self.assistant, query, unit=self.unit, k=self.k,
                                   mode=self.mode, filters=self.filters)  # fmt: skip
        return [
            Document(id=r.id, page_content=r.text, metadata={**r.metadata, "score": r.score})
            for r in records
        ]
