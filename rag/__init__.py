"""Retrieval question answering over news articles, with cited and attributed quotes.

    from rag import Assistant
    assistant = Assistant.open()              # default index location, lazy
    answer = assistant.ask("Who said the US trains militants at al-Tanf?")
    for c in answer.citations:
        print(c.n, c.claimant, c.source.render(), c.quote)

Importing this package is cheap: the model and FAISS load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from index.errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexMismatchError,
    IndexNotFoundError,
    ModelError,
    RagError,
)
from rag.settings import AnswerSettings, RetrievalSettings, Settings, SettingsError
from rag.types import Answer, Citation, Filters, Passage, SourceLabel

if TYPE_CHECKING:
    from rag.assistant import Assistant, NoMatchError
    from rag.conversation import Conversation, Turn
    from rag.questions import QuestionError
    from rag.rerank import Reranker
    from rag.retrieve import FilterError

_LAZY = {
    "Assistant": "rag.assistant",
    "NoMatchError": "rag.assistant",
    "Conversation": "rag.conversation",
    "Turn": "rag.conversation",
    "QuestionError": "rag.questions",
    "FilterError": "rag.retrieve",
    "Reranker": "rag.rerank",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rag' has no attribute {name!r}")
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
    "SourceLabel",
    "Turn",
]
