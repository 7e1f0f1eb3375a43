"""news-rag: retrieval question answering over news articles, with cited and attributed quotes.

One import package with four subpackages, one per stage of the data flow:

- `news_rag.index`: the write path (load, clean, analyse, chunk, embed, store);
- `news_rag.rag`: the read path (retrieve, answer, API, CLI);
- `news_rag.tui`: the Textual chat app, which uses only the public API;
- `news_rag.eval`: question sets, metrics, the runner and benchmarks.

The public API is re-exported here, so `from news_rag import Assistant` works::

    from news_rag import Assistant
    assistant = Assistant.open()              # default index location, lazy
    answer = assistant.ask("Who said the US trains militants at al-Tanf?")

Importing this package is cheap: the model and FAISS load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from news_rag.rag import __all__ as _public

if TYPE_CHECKING:
    from news_rag.rag import (
        Answer,
        AnswerSettings,
        Assistant,
        Citation,
        Conversation,
        FilterError,
        Filters,
        IndexCorruptError,
        IndexLockedError,
        IndexMismatchError,
        IndexNotFoundError,
        ModelError,
        NoMatchError,
        Passage,
        QuestionError,
        RagError,
        Reranker,
        RetrievalSettings,
        Settings,
        SettingsError,
        SourceLabel,
        Turn,
    )


def __getattr__(name: str) -> Any:
    if name in _public:
        from news_rag import rag

        return getattr(rag, name)
    raise AttributeError(f"module 'news_rag' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_public])


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
