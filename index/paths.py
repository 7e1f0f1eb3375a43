"""Where things live: the default index directory and the bundled sample corpus."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "news-rag"
INDEX_ENV = "RAG_INDEX"


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return Path(user_data_path(APP_NAME, appauthor=False))


def resolve_index_dir(index_dir: str | os.PathLike[str] | None = None) -> Path:
    """`--index DIR`, else $RAG_INDEX, else the per-user data directory (XDG)."""
    if index_dir:
        return Path(index_dir).expanduser()
    env = os.environ.get(INDEX_ENV)
    if env:
        return Path(env).expanduser()
    return user_data_dir() / "index"


def sample_dir() -> Path:
    """The five bundled sample articles (shipped inside the `index` package)."""
    return Path(str(resources.files("news_rag.index") / "sample"))
