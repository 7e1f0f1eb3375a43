"""The default encoder that builds an index is onnx-fp32 (issue 10 item 2): recorded in the
manifest and shown by `rag info`; torch-fp32 and onnx-fp32 indexes extend each other; int8
still mixes with nothing; a failed export falls back to torch fp32 with a notice (real
model, real FAISS, sample articles; the ONNX export is made once per test session)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from news_rag.index.encoders.cache import model_path, read_record
from news_rag.index.encoders.minilm import MODEL_NAME, MODEL_SHA256, SentenceTransformerEmbedder
from news_rag.index.errors import IndexMismatchError
from news_rag.index.paths import sample_dir
from news_rag.index.pipeline import run_index
from news_rag.index.store.publish import Generation, check_model, open_generation
from news_rag.index.store.reader import IndexReader

from news_rag.cli import cli

pytestmark = pytest.mark.model

# Cosine between a vector torch fp32 made and one onnx-fp32 made of the same text, read back
# from an index, below which they would not be one arithmetic. Fresh vectors: minimum
# 0.99999988 over 600 Reuters texts (index/encoders/family.py); int8 reaches only 0.987.
# Sentence vectors are stored as float16 (a component's rounding is up to 2^-11 of it): the
# sample's stored vectors reach 0.99997 against fresh ones.
MIN_STORED_COSINE = 0.9999


@pytest.fixture(autouse=True)
def _no_encoder_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAG_ENCODER", raising=False)


def _corpus(root: Path, first: int = 0, count: int = 2) -> Path:
    root.mkdir(parents=True)
    for source in sorted(sample_dir().glob("*.txt"))[first : first + count]:
        shutil.copy(source, root / source.name)
    return root


def _index(*args: str) -> Any:
    return CliRunner().invoke(cli, ["index", *args])


def _model(index: Path) -> dict[str, Any]:
    model = open_generation(index).manifest["model"]
    assert isinstance(model, dict)
    return model


def _onnx_fp32_sha() -> str:
    from news_rag.index.encoders.export import ensure_export

    ensure_export("onnx-fp32")  # the session's export (made once)
    return read_record(model_path("onnx-fp32")).sha256


def _cosines_to(embedder: Any, index: Path, article_ids: set[str]) -> Any:
    """Cosine of each stored sentence vector of `article_ids` to `embedder`'s vector of its
    text (each sentence runs on its own in every mode but pooled; a composed chunk vector
    is not a pass over the chunk's text)."""
    reader = IndexReader.open(index)
    rows, texts = [], []
    for article_id in sorted(article_ids):
        text = reader.article(article_id).text
        for row, start, end in reader.sentence_spans(article_id):
            rows.append(row)
            texts.append(text[start:end])
    assert rows
    stored = np.asarray(reader.sentence_vectors())[rows]
    fresh = embedder.encode(texts)
    return np.sum(stored * fresh, axis=1)


def test_rag_index_builds_a_new_index_with_onnx_fp32(tmp_path: Path) -> None:
    index = tmp_path / "idx"
    made = _index(str(_corpus(tmp_path / "c")), "--index", str(index), "--json")
    assert made.exit_code == 0, made.output
    assert "Warning" not in made.output  # no fallback, no failed query export
    model = _model(index)
    assert model["variant"] == "onnx-fp32"
    assert model["weights_sha256"] == _onnx_fp32_sha() != MODEL_SHA256

    info = CliRunner().invoke(cli, ["info", "--index", str(index), "--json"])
    assert info.exit_code == 0, info.output
    data = json.loads(info.stdout)
    assert data["encoder"] == "onnx-fp32"
    assert data["model"] == MODEL_NAME and data["articles"] == 2  # the old fields stay
    text = CliRunner().invoke(cli, ["info", "--index", str(index)])
    assert any(line.split() == ["encoder", "onnx-fp32"] for line in text.output.splitlines())


def test_run_index_without_embedder_builds_with_onnx_fp32(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    index = tmp_path / "idx"
    report = run_index([_corpus(tmp_path / "c")], index)
    assert report.generation == 1 and report.notices == []
    assert _model(index)["variant"] == "onnx-fp32"
    # the same vectors sentence-transformers makes
    cosines = _cosines_to(real_embedder, index, set(report.added))
    assert cosines.min() >= MIN_STORED_COSINE, cosines


def test_pooled_sentence_vectors_use_the_default(tmp_path: Path) -> None:
    index = tmp_path / "idx"
    args = [str(_corpus(tmp_path / "c")), "--index", str(index), "--json"]
    made = _index(*args, "--sentence-vectors", "pooled")
    assert made.exit_code == 0, made.output
    report = json.loads(made.stdout)
    assert report["pooled_sentences"] > 0 and report["embedded_sentences"] == 0
    model = _model(index)
    assert model["variant"] == "onnx-fp32" and model["sentence_vectors"] == "pooled"


def _legacy_index(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> Path:
    """An index sentence-transformers built before manifests named the variant."""
    index = tmp_path / "idx"
    run_index([_corpus(tmp_path / "a")], index, embedder=embedder)
    manifest_path = open_generation(index).file("manifest.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["model"].pop("variant") == "torch-fp32"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert "variant" not in _model(index)
    return index


def test_legacy_torch_index_is_extended_by_the_default(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    index = _legacy_index(tmp_path, real_embedder)
    before = IndexReader.open(index)
    old = {before.chunk(i).text: np.array(before.vectors()[i]) for i in range(before.chunk_count())}
    info = CliRunner().invoke(cli, ["info", "--index", str(index), "--json"])
    assert json.loads(info.stdout)["encoder"] == "torch-fp32"  # legacy: what built it

    more = _corpus(tmp_path / "b", first=2, count=1)
    added = _index(str(more), "--index", str(index), "--json")
    assert added.exit_code == 0, added.output  # no rebuild asked for
    report = json.loads(added.stdout)
    assert report["generation"] == 2 and len(report["added"]) == 1
    model = _model(index)
    # the run that wrote the generation names itself (index/encoders/default.py)
    assert model["variant"] == "onnx-fp32" and model["weights_sha256"] == _onnx_fp32_sha()

    after = IndexReader.open(index)
    for i in range(after.chunk_count()):  # the torch vectors were kept, not re-embedded
        text = after.chunk(i).text
        if text in old:
            assert np.array_equal(after.vectors()[i], old[text])
    assert report["embedded_chunks"] == after.chunk_count() - before.chunk_count()
    cosines = _cosines_to(real_embedder, index, set(report["added"]))
    assert cosines.min() >= MIN_STORED_COSINE, cosines

    # and back: torch-fp32 named outright adds to the index onnx-fp32 wrote last
    again = _index(
        str(_corpus(tmp_path / "d", first=3, count=1)), "--index", str(index),
        "--encoder", "torch-fp32", "--json",
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    assert _model(index)["variant"] == "torch-fp32"
    asked = CliRunner().invoke(cli, ["search", "Deir Ezzor", "--index", str(index), "--json"])
    assert asked.exit_code == 0, asked.output


def test_int8_index_still_refuses_fp32(tmp_path: Path) -> None:
    index = tmp_path / "idx"
    made = _index(str(_corpus(tmp_path / "a")), "--index", str(index), "--encoder", "onnx-int8")
    assert made.exit_code == 0, made.output
    before = (index / "CURRENT").read_text()
    more = str(_corpus(tmp_path / "b", first=2, count=1))
    for fp32 in ("onnx-fp32", "torch-fp32"):
        refused = _index(more, "--index", str(index), "--encoder", fp32)
        assert refused.exit_code == 1
        message = refused.output.strip()
        assert len(message.splitlines()) == 1 and message.startswith("Error: ")
        assert "built by the onnx-int8 encoder, not " + fp32 in message
        assert f"rag index --rebuild --encoder {fp32} --index {index}" in message
    from news_rag.index.encoders import load_encoder

    int8_weights = re.escape(f"(weights {_model(index)['weights_sha256'][:12]}")
    with pytest.raises(IndexMismatchError, match="index was built with model .*" + int8_weights):
        run_index([more], index, embedder=load_encoder("onnx-fp32"))
    assert (index / "CURRENT").read_text() == before  # nothing written
    # no encoder named: the index's own int8 adds to it
    kept = _index(more, "--index", str(index), "--json")
    assert kept.exit_code == 0, kept.output
    assert json.loads(kept.stdout)["generation"] == 2
    assert _model(index)["variant"] == "onnx-int8"


def _generation(tmp_path: Path, **model: Any) -> Generation:
    return Generation(tmp_path, tmp_path / "gen-000001", {"model": {"name": MODEL_NAME, **model}})


def test_check_model_accepts_only_the_fp32_pair(tmp_path: Path) -> None:
    onnx = {"weights_sha256": _onnx_fp32_sha(), "variant": "onnx-fp32"}
    legacy = {"weights_sha256": MODEL_SHA256}
    for built, writer in ((legacy, onnx), (onnx, {**legacy, "variant": "torch-fp32"})):
        check_model(_generation(tmp_path, **built), MODEL_NAME, *writer.values())
    # a reader that names no variant (the torch query fallback) reads an onnx-fp32 index
    check_model(_generation(tmp_path, **onnx), MODEL_NAME, MODEL_SHA256)
    int8 = {"weights_sha256": "1" * 64, "variant": "onnx-int8"}
    bf16 = {"weights_sha256": MODEL_SHA256, "variant": "torch-bf16"}  # same weights file
    foreign = {"weights_sha256": "2" * 64, "variant": "onnx-fp32"}  # not our weights' export
    model_differs = "index was built with model"
    refusals = [
        (bf16, (MODEL_SHA256, "torch-fp32"), "built by the torch-bf16 encoder, not torch-fp32"),
        (bf16, (_onnx_fp32_sha(), "onnx-fp32"), model_differs),
        (int8, (_onnx_fp32_sha(), "onnx-fp32"), model_differs),
        (int8, (MODEL_SHA256, "torch-fp32"), model_differs),
        (legacy, ("1" * 64, "onnx-int8"), model_differs),
        (foreign, (MODEL_SHA256, "torch-fp32"), model_differs),
        (legacy, (MODEL_SHA256, "torch-bf16"), "built by the torch-fp32 encoder, not torch-bf16"),
    ]
    for built, (sha, variant), message in refusals:
        with pytest.raises(IndexMismatchError, match=message) as caught:
            check_model(_generation(tmp_path, **built), MODEL_NAME, sha, variant)
        assert "\n" not in str(caught.value)


def _fail_export(*_args: Any, **_kwargs: Any) -> None:
    raise RuntimeError("torch.onnx.export failed: unsupported operator\nsecond line")


def test_failed_export_falls_back_to_torch_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_embedder: SentenceTransformerEmbedder
) -> None:
    monkeypatch.setenv("RAG_ENCODER_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setattr("news_rag.index.encoders.export.ensure_export", _fail_export)
    index = tmp_path / "idx"
    made = _index(str(_corpus(tmp_path / "c")), "--index", str(index), "--json")
    assert made.exit_code == 0, made.output
    report = json.loads(made.stdout)  # stdout stays JSON; the notice is on stderr
    fallback = [line for line in made.stderr.splitlines() if "could not make or verify" in line]
    assert len(fallback) == 1, made.stderr
    assert fallback[0].startswith("Warning: ") and "unsupported operator" in fallback[0]
    assert "second line" not in made.stderr and "Traceback" not in made.stderr
    assert fallback[0].removeprefix("Warning: ") in report["notices"]
    model = _model(index)
    assert model["variant"] == "torch-fp32" and model["weights_sha256"] == MODEL_SHA256
    cosines = _cosines_to(real_embedder, index, set(report["added"]))
    assert cosines.min() >= MIN_STORED_COSINE, cosines


def test_tampered_export_falls_back_in_run_index(tmp_path: Path) -> None:
    """A cache whose export does not hash to its sidecar is never loaded: the run pools its
    sentence vectors with the torch-fp32 encoder instead and says why in the report."""
    _onnx_fp32_sha()
    good = model_path("onnx-fp32")
    cache = tmp_path / "cache"
    bad = model_path("onnx-fp32", cache)
    bad.parent.mkdir(parents=True)
    shutil.copy(good.with_name(good.name + ".json"), bad.with_name(bad.name + ".json"))
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAG_ENCODER_CACHE", str(cache))
        index = tmp_path / "idx"
        report = run_index([_corpus(tmp_path / "c")], index, sentence_mode="pooled")
    assert report.generation == 1 and report.pooled_sentences > 0
    assert len(report.notices) == 1 and "\n" not in report.notices[0]
    assert str(bad) in report.notices[0] and "does not match" in report.notices[0]
    model = _model(index)
    assert model["variant"] == "torch-fp32" and model["sentence_vectors"] == "pooled"


def test_assistant_builds_with_the_default_and_queries_it(tmp_path: Path) -> None:
    """The chat UI's "build the sample" path: `Assistant.build_index` with no embedder given.
    Its query embedder was chosen before the index existed (torch then): the onnx-fp32
    index it built is still one fp32 arithmetic with it, so it is not refused."""
    from news_rag.rag.assistant import Assistant

    assistant = Assistant.open(tmp_path / "idx")
    before = assistant.embedder  # no index yet: sentence-transformers
    assert before.weights_sha256 == MODEL_SHA256
    report = assistant.build_index([_corpus(tmp_path / "c")])
    assert report.generation == 1 and report.notices == []
    assert _model(tmp_path / "idx")["variant"] == "onnx-fp32"
    assert assistant.info()["articles"] == 2
    assert len(assistant.search("Deir Ezzor", mode="dense")) > 0  # torch query, fp32 vectors
