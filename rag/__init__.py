"""Retrieval question answering over news articles, with cited and attributed quotes.

    from news_rag.rag import Assistant
    assistant = Assistant.open()              # default index location, lazy
    answer = assistant.ask("Who said the US trains militants at al-Tanf?")
    for c in answer.citations:
        print(c.n, c.claimant, c.source.render(), c.quote)

Importing this package is cheap: the model and FAISS load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from news_rag.index.errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexMismatchError,
    IndexNotFoundError,
    ModelError,
    RagError,
)
from news_rag.rag.types import Answer, Citation, Filters, Passage, ShortAnswer, SourceLabel

if TYPE_CHECKING:
    from news_rag.rag.assistant import Assistant, NoMatchError
    from news_rag.rag.conversation import Conversation, Turn
    from news_rag.rag.rerank import Reranker
    from news_rag.rag.retrieve import FilterError
    from news_rag.rag.settings import AnswerSettings, RetrievalSettings, Settings, SettingsError
    from news_rag.rag.validation import QuestionError

_LAZY = {
    "Assistant": "news_rag.rag.assistant",
    "NoMatchError": "news_rag.rag.assistant",
    "Conversation": "news_rag.rag.conversation",
    "Turn": "news_rag.rag.conversation",
    "QuestionError": "news_rag.rag.validation",
    "FilterError": "news_rag.rag.retrieve",
    "Reranker": "news_rag.rag.rerank",
    # read when first asked for: the settings module reads its sections' own modules
    "AnswerSettings": "news_rag.rag.settings",
    "RetrievalSettings": "news_rag.rag.settings",
    "Settings": "news_rag.rag.settings",
    "SettingsError": "news_rag.rag.settings",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'news_rag.rag' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "Answer",
    "AnswerSettings",
    "Assistant",
    "Citation",
    "Conversation",
    "FilterError",
    "Filters",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexMismatchError",
    "IndexNotFoundError",
    "ModelError",
    "NoMatchError",
    "Passage",
    "QuestionError",
    "RagError",
    "Reranker",
    "RetrievalSettings",
    "Settings",
    "SettingsError",
    "ShortAnswer",
    "SourceLabel",
    "Turn",
]
