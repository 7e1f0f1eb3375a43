"""Helpers for tests that index a few invented articles with the real pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


def index_articles(root: Path, articles: Mapping[str, str], embedder: Any) -> Path:
    """Write `articles` (file name -> text) to `root`/corpus, index them with `run_index`
    into `root`/index, and return the index directory."""
    from news_rag.index.pipeline import run_index

    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    run_index([corpus], root / "index", embedder=embedder)
    return root / "index"
