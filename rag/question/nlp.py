"""The spaCy pipeline for questions: the same hash-verified model the index analysis uses.

`news_rag.index.analysis.model.load_pipeline` checks every model file against its recorded
sha256 before loading, and keeps one pipeline per process; questions reuse it, so a process
that answers questions loads the model once.
"""

from __future__ import annotations

from typing import Any


def pipeline() -> Any:
    """The verified spaCy `Language` (en_core_web_sm 3.8.0), loaded once per process."""
    # deferred: loading spaCy and the model takes about a second
    from news_rag.index.analysis.model import load_pipeline

    return load_pipeline()


def parse_text(text: str) -> Any:
    """The spaCy `Doc` of one question."""
    return pipeline()(text)
