"""`rag index --encoder VARIANT`: the manifest records it, queries use it, and an index
never mixes the vectors of two encoders (real model, real FAISS, a few sample articles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_rag.index.store.publish import open_generation

from news_rag.cli import cli
from tests.index_helpers import sample_corpus

pytestmark = pytest.mark.model


def _model(index: Path) -> dict[str, object]:
    model = open_generation(index).manifest["model"]
    assert isinstance(model, dict)
    return model


@pytest.fixture
def int8_index(tmp_path: Path) -> tuple[Path, Path]:
    corpus, index = sample_corpus(tmp_path), tmp_path / "idx"
    made = CliRunner().invoke(
        cli, ["index", str(corpus), "--index", str(index), "--encoder", "onnx-int8", "--json"]
    )
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["articles"] == 3
    return corpus, index


def test_encoder_is_recorded_and_queries_use_it(int8_index: tuple[Path, Path]) -> None:
    from news_rag.rag.loading import query_embedder

    corpus, index = int8_index
    model = _model(index)
    assert model["variant"] == "onnx-int8"
    # the int8 export's own hash, not the fp32 safetensors': check_model tells them apart
    from news_rag.index.encoders.minilm import MODEL_SHA256

    assert model["weights_sha256"] != MODEL_SHA256
    embedder = query_embedder(index)
    assert getattr(embedder, "variant", None) == "onnx-int8"
    assert embedder.weights_sha256 == model["weights_sha256"]

    runner = CliRunner()
    first = sorted(corpus.glob("*.txt"))[0].read_text(encoding="utf-8")
    title = next(line for line in first.splitlines() if line.strip())
    asked = runner.invoke(cli, ["ask", title, "--index", str(index), "--json"])
    assert asked.exit_code == 0, asked.output
    answer = json.loads(asked.stdout)
    assert answer["passages"], answer
    # no --encoder: an existing index keeps the encoder that built it (nothing to embed)
    again = runner.invoke(cli, ["index", str(corpus), "--index", str(index), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["generation"] is None
    assert _model(index)["variant"] == "onnx-int8"


def test_another_encoder_is_refused_with_what_to_do(int8_index: tuple[Path, Path]) -> None:
    corpus, index = int8_index
    before = (index / "CURRENT").read_text()
    runner = CliRunner()
    refused = runner.invoke(
        cli, ["index", str(corpus), "--index", str(index), "--encoder", "torch-fp32"]
    )
    assert refused.exit_code == 1
    message = refused.output.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    assert "onnx-int8" in message and "torch-fp32" in message
    assert f"rag index --rebuild --encoder torch-fp32 --index {index}" in message
    assert (index / "CURRENT").read_text() == before  # nothing written

    # what the message says to do works: every article re-embedded by the new encoder
    rebuilt = runner.invoke(
        cli,
        ["index", "--rebuild", "--encoder", "torch-fp32", "--index", str(index), "--json"],
    )
    assert rebuilt.exit_code == 0, rebuilt.output
    report = json.loads(rebuilt.stdout)
    assert report["articles"] == 3
    assert report["embedded_chunks"] + report["composed_chunks"] == report["chunks"] > 0
    assert _model(index)["variant"] == "torch-fp32"


def test_unknown_encoder_is_a_usage_error(tmp_path: Path) -> None:
    corpus = sample_corpus(tmp_path, 1)
    result = CliRunner().invoke(
        cli, ["index", str(corpus), "--index", str(tmp_path / "i"), "--encoder", "x"]
    )
    assert result.exit_code == 2
    assert "onnx-int8" in result.output  # click lists the choices
    assert not (tmp_path / "i" / "CURRENT").exists()
