"""Issue 20, item 6: a format-1 index built on 2026-12-04 (tests/data/index-format1: two
articles, the fake embedder) is read by the current code, verifies, answers and takes an
update. A later format must keep this test passing: read it or migrate it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from news_rag.index.pipeline import run_index
from news_rag.index.store.doctor import diagnose
from news_rag.index.store.publish import open_generation
from news_rag.index.store.reader import IndexReader

from tests.fakes import FakeEmbedder

FIXTURE = Path(__file__).parent / "data" / "index-format1"


@pytest.fixture
def index(tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(FIXTURE, target)
    return target


def test_format1_index_reads_and_verifies(index: Path) -> None:
    generation = open_generation(index)
    assert generation.manifest["format_version"] == 1
    reader = IndexReader.open(index)
    found = reader.articles()
    assert set(found) == {"grain", "harbour"}
    assert "Kestrel will carry 400 passengers" in found["harbour"].text
    assert diagnose(index).healthy


def test_format1_index_answers_and_takes_an_update(index: Path, tmp_path: Path) -> None:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    question = "How many passengers will the ferry Kestrel carry?"
    answer = Assistant(index, Settings(), FakeEmbedder()).ask(question)
    assert not answer.abstained and "400 passengers" in answer.answer, answer.answer
    new = tmp_path / "new.txt"
    new.write_text(
        "Rail link opens\n\nBy Test Reporter\n\nThe rail link to Vell opened on Monday.\n"
    )
    report = run_index([new], index, embedder=FakeEmbedder())
    assert report.generation == 2
    assert set(IndexReader.open(index).articles()) == {"grain", "harbour", "new"}


def test_an_update_writes_format_2_with_half_precision_sentence_vectors(
    index: Path, tmp_path: Path
) -> None:
    import numpy as np

    new = tmp_path / "new.txt"
    new.write_text(
        "Rail link opens\n\nBy Test Reporter\n\nThe rail link to Vell opened on Monday.\n"
    )
    run_index([new], index, embedder=FakeEmbedder())
    generation = open_generation(index)
    assert generation.manifest["format_version"] == 2
    assert generation.manifest["model"]["sentence_vector_dtype"] == "float16"
    sentences = np.load(generation.file("sentence_vectors.npy"), allow_pickle=False)
    chunks = np.load(generation.file("vectors.npy"), allow_pickle=False)
    assert sentences.dtype == np.float16 and chunks.dtype == np.float32
    assert len(sentences) == generation.manifest["counts"]["sentences"]
