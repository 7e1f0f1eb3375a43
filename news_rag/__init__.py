"""news-rag: retrieval question answering over news articles, with cited and attributed quotes.

One import package, its subpackages in data-flow order (docs/ARCHITECTURE.md is the map):

- `news_rag.index`: the write path (load, clean, analyse, chunk, embed, store);
- `news_rag.rag`: the read path (question, retrieve, answer, API);
- `news_rag.tui`: the Textual chat app, which uses only the public API;
- `news_rag.eval`: question sets, metrics, the runner and benchmarks;
- `news_rag.cli`: the `rag` command line, at the top of the house.

The public API is re-exported here, so `from news_rag import Assistant` works::

    from news_rag import Assistant
    assistant = Assistant.open()              # default index location, lazy
    answer = assistant.ask("Who said the US trains militants at al-Tanf?")

Importing this package is cheap: the model and FAISS load on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

# The subpackages live in the top-level folders of the design (index/, rag/, tui/, eval/):
# pyproject's package-dir puts them under news_rag/ in the wheel, and from a checkout (an
# editable install, a worktree, `python -m news_rag`) the checkout root joins this package's
# search path, so that `news_rag.index` is `index/`. No symbolic links are involved.
_CHECKOUT = Path(__file__).resolve().parent.parent
if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "rag" / "__init__.py").is_file():
    __path__.append(str(_CHECKOUT))

from news_rag.rag import __all__ as _public  # noqa: E402

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
        ShortAnswer,
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
    "ShortAnswer",
    "SourceLabel",
    "Turn",
]
