"""The encoder on a GPU: which variant an encoder actor runs, the device checks, and the
harness that measured it (`eval/benchmarks/gpu_encoder.py`, run here on the CPU).

This machine has no GPU: what CUDA itself computes was checked on a lent H100 with the
harness below (eval/RESULTS.md, "The encoder on a GPU").
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from news_rag.index.cluster import gpu
from news_rag.index.encoders import load_encoder
from news_rag.index.encoders.cache import KNOWN_SHA256
from news_rag.index.encoders.family import same_vectors
from news_rag.index.encoders.minilm import MODEL_SHA256, bundled_model_path
from news_rag.index.encoders.torch_backend import GPU_PASS_TOKENS, TorchEncoder
from news_rag.index.errors import ModelError

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = [
    "The central bank raised its key rate by half a point on Tuesday.",
    "Shares of the company fell 4 pct after the announcement.",
    "Officials said the talks would resume next week in Geneva.",
    "The refinery produces 120,000 barrels a day.",
    "He declined to comment.",
] * 8


def test_an_actor_on_a_gpu_runs_the_torch_variant_of_the_same_arithmetic() -> None:
    assert gpu.gpu_variant("onnx-fp32") == "torch-fp32"
    assert gpu.gpu_variant("torch-fp32") == "torch-fp32"
    assert gpu.gpu_variant("torch-bf16") == "torch-bf16"
    assert gpu.gpu_variant("onnx-int8") is None  # no GPU kernel here: stays on the CPU


def test_torch_fp32_vectors_stand_for_onnx_fp32_and_nothing_else() -> None:
    onnx = ("onnx-fp32", KNOWN_SHA256["onnx-fp32"])
    torch_fp32 = ("torch-fp32", MODEL_SHA256)
    assert same_vectors(onnx, torch_fp32)
    assert same_vectors(torch_fp32, onnx)
    assert not same_vectors(("onnx-int8", KNOWN_SHA256["onnx-int8"]), torch_fp32)
    assert not same_vectors(onnx, ("torch-bf16", MODEL_SHA256))
    assert not same_vectors(onnx, ("torch-fp32", "0" * 64))  # other weights


def test_outside_an_actor_no_gpu_is_assigned() -> None:
    assert gpu.assigned_gpus() == []  # and no cluster was started or looked for


def test_a_gpu_without_cuda_in_torch_keeps_the_variant_on_the_cpu(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if gpu.cuda_available():
        pytest.skip("this machine's torch sees a GPU")
    monkeypatch.setattr(gpu, "assigned_gpus", lambda: ["0"])
    encoder = gpu.actor_encoder("torch-fp32", threads=1)
    assert isinstance(encoder, TorchEncoder) and encoder.device == "cpu"


def test_cuda_without_a_gpu_and_onnx_on_cuda_are_one_line_errors() -> None:
    if gpu.cuda_available():
        pytest.skip("this machine's torch sees a GPU")
    with pytest.raises(ModelError, match="sees no GPU"):
        TorchEncoder("torch-fp32", device="cuda")
    with pytest.raises(ModelError, match="runs on the CPU only"):
        load_encoder("onnx-fp32", device="cuda")
    with pytest.raises(ModelError, match="not a device"):
        TorchEncoder("torch-fp32", device="tpu")


@pytest.mark.model
def test_the_gpu_pass_size_does_not_change_a_vector() -> None:
    encoder = TorchEncoder("torch-fp32", threads=2)
    small, small_weights, small_rows = encoder.encode_packed(SENTENCES)
    encoder._pass_tokens = GPU_PASS_TOKENS
    large, large_weights, large_rows = encoder.encode_packed(SENTENCES)
    assert small_rows == large_rows
    np.testing.assert_allclose(large, small, atol=1e-5)
    np.testing.assert_allclose(large_weights, small_weights, rtol=1e-5)


def test_the_gpu_harness_prepares_and_runs_on_the_cpu(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as out:
        for number in range(3):
            text = " ".join(SENTENCES[number : number + 4])
            out.write(json.dumps({"id": f"s{number}", "text": text}) + "\n")
    model = tmp_path / "model"
    model.mkdir()
    for name in ("config.json", "tokenizer.json", "vocab.txt", "tokenizer_config.json"):
        (model / name).write_bytes((bundled_model_path() / name).read_bytes())
    module = [sys.executable, "-m", "news_rag.eval.benchmarks.gpu_encoder"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    sentences = tmp_path / "sentences.txt.gz"
    subprocess.run([*module, "prepare", str(corpus), str(sentences)], check=True, env=env)
    with gzip.open(sentences, "rt", encoding="utf-8") as lines:
        assert len(lines.read().splitlines()) == 12
    result_path = tmp_path / "result.json"
    args = ["run", str(sentences), "--out", str(result_path), "--random-like", str(model),
            "--work", str(tmp_path), "--device", "cpu", "--variants", "torch-fp32",
            "--pass-tokens", "64,1152"]  # fmt: skip
    subprocess.run([*module, *args], check=True, env=env, capture_output=True, timeout=300)
    result = json.loads(result_path.read_text(encoding="utf-8"))
    assert result["weights"] == "random, same shape" and result["texts"] == 12
    assert result["check"]["cuda_packed_vs_unpacked"]["min_cosine"] > 0.9999
    assert [row["pass_tokens"] for row in result["timings"]] == [64, 1152]
    assert all(row["rows"] >= 1 and row["wall_s"] > 0 for row in result["timings"])
