"""The question's vector is encoded beside its parse (`rag/early_vector.py`), and the answer
is the one a sequential call gives."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from news_rag.rag.assistant import Assistant
from news_rag.rag.early_vector import start_encoding
from news_rag.rag.question.parse import parse
from news_rag.rag.types import Answer

from tests.conftest import CountingEmbedder
from tests.fakes import FakeEmbedder


class ThreadRecordingEmbedder(CountingEmbedder):
    """A real embedder that notes which thread encoded each text."""

    def __init__(self, inner: Any) -> None:
        super().__init__(inner)
        self.threads: list[tuple[str, str]] = []

    def encode(self, texts: Any, *, progress: Any = None) -> Any:
        name = threading.current_thread().name
        self.threads.extend((text, name) for text in texts)
        return super().encode(texts, progress=progress)


def _without_timings(answer: Answer) -> dict[str, Any]:
    return replace(answer, timings_ms={}).to_dict()


@pytest.fixture(scope="module")
def recorded(sample_index_dir: Path, real_embedder: Any) -> tuple[Assistant, Any]:
    """The sample's assistant over an embedder noting which thread encodes each text."""
    embedder = ThreadRecordingEmbedder(real_embedder)
    assistant = Assistant.open(sample_index_dir, embedder=embedder)
    assistant.load()
    return assistant, embedder


def test_a_question_on_its_own_is_encoded_beside_its_parse_with_the_same_answer(
    recorded: tuple[Assistant, Any],
) -> None:
    assistant, embedder = recorded
    question = "Who liberated al-Bukamal from ISIS?"
    embedder.threads.clear()
    early = assistant.ask(question)
    encoded = [name for text, name in embedder.threads if "Bukamal" in text]
    assert len(encoded) == 1 and encoded[0].startswith("query-vector")
    embedder.threads.clear()
    sequential = assistant.ask(question, intent=parse(question))  # a given intent: no early
    assert [name for _, name in embedder.threads] == [threading.current_thread().name]
    assert early.citations and _without_timings(early) == _without_timings(sequential)


def test_a_question_with_context_is_encoded_once_for_its_own_query(
    recorded: tuple[Assistant, Any],
) -> None:
    assistant, embedder = recorded
    embedder.threads.clear()
    assistant.ask("Who liberated it?", context="al-Bukamal")
    main = threading.current_thread().name
    assert [name for _, name in embedder.threads] == [main]
    assert embedder.threads[0][0].startswith("Who liberated it? al-Bukamal")


def test_a_vector_started_for_another_query_is_not_used() -> None:
    embedder = FakeEmbedder()
    early = start_encoding(embedder, "Who liberated al-Bukamal?")
    assert early.vector_for("Who liberated Raqqa?") is None
    vector = early.vector_for("Who liberated al-Bukamal?")
    assert vector is not None
    assert np.allclose(vector, embedder.encode(["Who liberated al-Bukamal?"])[0])


def test_a_forked_child_encodes_on_a_pool_of_its_own() -> None:
    import multiprocessing

    embedder = FakeEmbedder()
    assert (
        start_encoding(embedder, "warm the parent's pool").vector_for("warm the parent's pool")
        is not None
    )
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        result = pool.apply_async(_encode_in_child)
        assert result.get(timeout=30) == 64


def _encode_in_child() -> int:
    vector = start_encoding(FakeEmbedder(), "asked in the child").vector_for("asked in the child")
    return 0 if vector is None else int(vector.shape[0])
