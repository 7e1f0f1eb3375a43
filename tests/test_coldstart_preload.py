"""The question parser loads in the background once `Assistant.load()` (the chat) has opened
the index (rag/question/nlp.py, issue 22 item 7): the first question waits for it, and a
failed load raises the same one-line error in the caller as a load in its own thread. A cold
`ask` loads it in its own thread. No timing is asserted."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from news_rag.index.analysis import model
from news_rag.index.errors import ModelError, RagError
from news_rag.rag.assistant import Assistant
from news_rag.rag.question import nlp

from tests.fakes import FakeEmbedder

BROKEN = "spaCy model file ner/model does not match its recorded sha256; reinstall it"


@pytest.fixture
def fresh_preload(monkeypatch: pytest.MonkeyPatch) -> nlp._Preload:
    """A process with no background load started yet."""
    state = nlp._Preload()
    monkeypatch.setattr(nlp, "_preload", state)
    return state


@pytest.fixture
def broken_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that fails its hash check, in a process that has not loaded it yet."""

    def refuse(directory: Path, expected: Any = None) -> None:
        raise ModelError(BROKEN)

    monkeypatch.setattr(model, "_nlp", None)
    monkeypatch.setattr(model, "verify_model", refuse)


def test_the_caller_waits_for_the_background_load(
    fresh_preload: nlp._Preload, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded_in: list[str] = []
    release = threading.Event()

    def load() -> str:
        if not loaded_in:
            release.wait()  # the background load is still running when pipeline() is called
        loaded_in.append(threading.current_thread().name)
        return "the pipeline"

    monkeypatch.setattr(nlp, "_load", load)
    nlp.preload()
    nlp.preload()  # once per process
    threading.Timer(0.05, release.set).start()
    assert nlp.pipeline() == "the pipeline"
    assert loaded_in == ["spacy-preload", threading.current_thread().name]
    assert fresh_preload.thread is not None and not fresh_preload.thread.is_alive()


@pytest.mark.usefixtures("fresh_preload", "broken_model")
def test_a_failed_background_load_is_the_callers_error_with_the_same_message() -> None:
    with pytest.raises(ModelError) as serial:
        nlp.pipeline()  # no preload: loaded in this thread
    nlp.preload()
    with pytest.raises(ModelError) as background:
        nlp.pipeline()
    assert str(background.value) == str(serial.value) == BROKEN
    with pytest.raises(ModelError, match="sha256"):  # and again, while the model is broken
        nlp.pipeline()


@pytest.mark.usefixtures("broken_model")
def test_load_starts_the_parser_and_the_first_question_reports_its_error(
    fresh_preload: nlp._Preload, fake_sample_dir: Path
) -> None:
    assistant = Assistant.open(fake_sample_dir, embedder=FakeEmbedder())
    assistant.load()  # the chat's load: the index opens whatever the parser does
    assert fresh_preload.thread is not None and fresh_preload.thread.name == "spacy-preload"
    with pytest.raises(RagError, match="sha256"):
        assistant.ask("Who said the US trains militants at al-Tanf?")


def test_a_cold_ask_loads_the_parser_in_its_own_thread(
    fresh_preload: nlp._Preload, fake_sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded_in: list[str] = []

    def load() -> None:
        loaded_in.append(threading.current_thread().name)
        raise ModelError(BROKEN)

    monkeypatch.setattr(nlp, "_load", load)
    assistant = Assistant.open(fake_sample_dir, embedder=FakeEmbedder())
    with pytest.raises(RagError, match="sha256"):
        assistant.ask("Who said the US trains militants at al-Tanf?")
    assert fresh_preload.thread is None
    assert loaded_in == [threading.current_thread().name]
