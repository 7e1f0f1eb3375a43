"""The question parser loads in the background once `Assistant.load()` (the chat) has opened
the index (rag/question/nlp.py, issue 22 item 7): the first question waits for it, and a
failed load raises the same one-line error in the caller as a load in its own thread. A cold
`ask` starts it before opening the index, and spaCy is imported without torch and without
its command line. No timing is asserted."""

from __future__ import annotations

import subprocess
import sys
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


def test_a_cold_ask_starts_the_parser_before_the_index_and_reports_its_error(
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
    assert fresh_preload.thread is not None
    assert loaded_in[0] == "spacy-preload"  # the caller's retry then fails the same way


def test_torch_is_hidden_only_from_the_thread_that_imports_spacy() -> None:
    """A torch encoder may load in another thread while the parser loads in the background."""
    hidden = model._TorchHidden(threading.get_ident())
    with pytest.raises(ModuleNotFoundError, match="torch"):
        hidden.find_spec("torch.utils.dlpack")
    assert hidden.find_spec("numpy") is None
    answers: list[object] = []
    other = threading.Thread(target=lambda: answers.append(hidden.find_spec("torch")))
    other.start()
    other.join()
    assert answers == [None]  # the other thread's import goes on to the real finders


def test_spacy_loads_without_its_command_line_which_still_works_afterwards() -> None:
    script = (
        "import sys\n"
        "from news_rag.index.analysis.model import load_pipeline\n"
        "nlp = load_pipeline()\n"
        "assert nlp('Reuters said it.').ents, 'parsed'\n"
        "assert 'typer' not in sys.modules and 'spacy.cli' not in sys.modules\n"
        "assert 'torch' not in sys.modules and not any(\n"
        "    type(f).__name__ == '_TorchHidden' for f in sys.meta_path)\n"
        "import spacy, spacy.cli\n"
        "assert callable(spacy.cli.download) and 'spacy_version' in spacy.info()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
