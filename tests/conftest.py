"""Shared fixtures. Every test runs with user directories and the index under tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from news_rag.index.encoders.minilm import SentenceTransformerEmbedder, default_embedder
from news_rag.index.paths import sample_dir

from tests.fakes import FakeEmbedder


@pytest.fixture(scope="session")
def encoder_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ONNX export per test session: every `rag index` in a test would otherwise export
    again into its own empty cache (~9 s each). Tests that need an empty or tampered cache
    set RAG_ENCODER_CACHE themselves."""
    return tmp_path_factory.mktemp("encoder-cache")


@pytest.fixture(autouse=True)
def _isolate_user_dirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder_cache_dir: Path
) -> None:
    monkeypatch.setenv("RAG_ENCODER_CACHE", str(encoder_cache_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("RAG_INDEX", str(tmp_path / "default-index"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_embedder() -> SentenceTransformerEmbedder:
    return default_embedder()


class CountingEmbedder:
    """Wraps a real embedder and counts embedding calls (for incremental-index tests)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.weights_sha256 = inner.weights_sha256
        self.dimension = inner.dimension
        self.max_tokens = inner.max_tokens
        self.calls = 0
        self.texts = 0

    def count_tokens(self, text: str) -> int:
        return int(self.inner.count_tokens(text))

    def encode(self, texts: Any, *, progress: Any = None) -> Any:
        self.calls += 1
        self.texts += len(texts)
        return self.inner.encode(texts, progress=progress)


@pytest.fixture(scope="session")
def sample_index_dir(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Path:
    """The bundled sample indexed once with the real model (read-only for tests)."""
    from news_rag.index.pipeline import run_index

    target = tmp_path_factory.mktemp("sample-index") / "index"
    run_index(None, target, embedder=real_embedder)
    return target


@pytest.fixture
def sample_index_copy(sample_index_dir: Path, tmp_path: Path) -> Iterator[Path]:
    """A private, writable copy of the sample index."""
    target = tmp_path / "index-copy"
    shutil.copytree(sample_index_dir, target)
    yield target


@pytest.fixture(scope="session")
def sample_assistant(sample_index_dir: Path, real_embedder: SentenceTransformerEmbedder) -> Any:
    from news_rag.rag.assistant import Assistant

    assistant = Assistant.open(sample_index_dir, embedder=real_embedder)
    assistant.load()
    return assistant


@pytest.fixture
def sample_articles_dir(tmp_path: Path) -> Path:
    """A writable copy of the five bundled sample files."""
    target = tmp_path / "articles"
    shutil.copytree(sample_dir(), target)
    return target


@pytest.fixture(scope="session")
def wire_index_dir(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Path:
    """Three wire stories with different datelines (tests/wire_corpus.py), indexed once with
    the real model (read-only for tests)."""
    from news_rag.index.pipeline import run_index

    from tests.wire_corpus import write_wire_corpus

    root = tmp_path_factory.mktemp("wire")
    run_index([write_wire_corpus(root / "corpus")], root / "index", embedder=real_embedder)
    return root / "index"


@pytest.fixture(scope="session")
def wire_assistant(wire_index_dir: Path, real_embedder: SentenceTransformerEmbedder) -> Any:
    from news_rag.rag.assistant import Assistant

    assistant = Assistant.open(wire_index_dir, embedder=real_embedder)
    assistant.load()
    return assistant


@pytest.fixture(scope="session")
def fake_sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample indexed with the fake embedder (the chat's fast tests)."""
    from news_rag.index.pipeline import run_index

    target = tmp_path_factory.mktemp("fake-sample") / "sample-index"
    run_index(None, target, embedder=FakeEmbedder())
    return target
