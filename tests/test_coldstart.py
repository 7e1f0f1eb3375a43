"""Cold start: `rag index` makes the ONNX query export, `rag ask` then runs without torch.

The real CLI runs in subprocesses (a fresh interpreter is the cold start), with the real
model, export and index; the answers are compared with the torch query path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from news_rag.index.encoders import query as query_module
from news_rag.index.encoders.cache import model_path, sidecar_path
from news_rag.index.encoders.minilm import MODEL_NAME, MODEL_SHA256, SentenceTransformerEmbedder
from news_rag.index.encoders.query import ensure_query_export, query_variant
from news_rag.rag.loading import TORCH_QUERY_ENV, Fp32OnnxEmbedder, query_embedder

QUESTION = "Who said the US trains militants at al-Tanf?"
# Runs the CLI, then says on stderr whether torch was imported (also after sys.exit).
WRAPPER = (
    "import atexit, runpy, sys\n"
    "atexit.register(lambda: print('TORCH_IMPORTED=' + str('torch' in sys.modules),"
    " file=sys.stderr))\n"
    "sys.argv = ['rag', *sys.argv[1:]]\n"
    "runpy.run_module('news_rag', run_name='__main__', alter_sys=True)\n"
)


def _rag(
    args: list[str], env: dict[str, str], extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        capture_output=True,
        text=True,
        env={**env, **(extra or {})},
        check=False,
        timeout=600,
    )


def _torch_imported(result: subprocess.CompletedProcess[str]) -> bool:
    lines = [line for line in result.stderr.splitlines() if line.startswith("TORCH_IMPORTED=")]
    assert lines, result.stderr
    return lines[-1] == "TORCH_IMPORTED=True"


def _cited(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["article_id"], c["quote"]) for c in payload["citations"]]


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The sample indexed by `rag index` with an empty encoder cache (so it exports)."""
    root = tmp_path_factory.mktemp("coldstart")
    env = {
        **os.environ,
        "RAG_ENCODER_CACHE": str(root / "encoders"),
        "XDG_CACHE_HOME": str(root / "xdg-cache"),
        "XDG_DATA_HOME": str(root / "xdg-data"),
        "XDG_CONFIG_HOME": str(root / "xdg-config"),
    }
    env.pop(TORCH_QUERY_ENV, None)
    index = root / "index"
    result = _rag(["index", "--index", str(index)], env)
    assert result.returncode == 0, result.stderr
    # the default encoder (onnx-fp32) exports once to build the index; queries then use it
    assert "exporting the onnx-fp32 encoder (one time)" in result.stderr
    assert (root / "encoders").is_dir()
    return index, env


@pytest.mark.model
def test_ask_on_onnx_export_skips_torch_and_matches_torch(
    cli_index: tuple[Path, dict[str, str]],
) -> None:
    index, env = cli_index
    args = ["ask", QUESTION, "--index", str(index), "--json"]
    onnx = _rag(args, env)
    torch = _rag(args, env, {TORCH_QUERY_ENV: "1"})
    assert onnx.returncode == 0, onnx.stderr
    assert torch.returncode == 0, torch.stderr
    assert not _torch_imported(onnx)
    assert _torch_imported(torch)  # the comparison really ran the torch path
    fast, slow = json.loads(onnx.stdout), json.loads(torch.stdout)
    assert fast["citations"], fast
    assert _cited(fast)[0] == _cited(slow)[0]
    assert fast["answer"] == slow["answer"]


@pytest.mark.model
def test_search_on_onnx_export_ranks_like_torch(cli_index: tuple[Path, dict[str, str]]) -> None:
    index, env = cli_index
    args = ["search", "US-backed forces in Deir Ezzor", "--index", str(index), "--json"]
    onnx = _rag(args, env)
    torch = _rag(args, env, {TORCH_QUERY_ENV: "1"})
    assert onnx.returncode == 0, onnx.stderr
    assert not _torch_imported(onnx)
    assert torch.returncode == 0, torch.stderr
    assert _ranking(json.loads(onnx.stdout))
    assert _ranking(json.loads(onnx.stdout)) == _ranking(json.loads(torch.stdout))


def _ranking(payload: Any) -> list[Any]:
    return [(row["article_id"], row["chunk_id"]) for row in payload["results"]]


@pytest.mark.model
def test_reindex_keeps_the_export_and_a_tampered_export_falls_back_to_torch(
    cli_index: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    index, env = cli_index
    again = _rag(["index", "--index", str(index)], env)
    assert again.returncode == 0, again.stderr
    assert "exporting" not in again.stderr  # one time only
    # A cache whose sidecar records another hash: the export is refused, torch answers.
    good = model_path("onnx-fp32", env["RAG_ENCODER_CACHE"])
    bad = model_path("onnx-fp32", tmp_path / "encoders")
    bad.parent.mkdir(parents=True)
    bad.symlink_to(good)
    record = json.loads(sidecar_path(good).read_text())
    sidecar_path(bad).write_text(json.dumps({**record, "sha256": "0" * 64}))
    result = _rag(
        ["ask", QUESTION, "--index", str(index), "--json"],
        env,
        {"RAG_ENCODER_CACHE": str(tmp_path / "encoders")},
    )
    assert result.returncode == 0, result.stderr
    assert _torch_imported(result)
    assert json.loads(result.stdout)["citations"]


@pytest.mark.model
def test_query_embedder_follows_the_manifest(
    cli_index: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, env = cli_index
    monkeypatch.setenv("RAG_ENCODER_CACHE", env["RAG_ENCODER_CACHE"])
    built = query_module.manifest_model(index)
    assert built is not None and built["variant"] == "onnx-fp32"  # rag index's default
    own = query_embedder(index)  # the very export that built it
    assert (getattr(own, "variant", None), own.weights_sha256) == (
        "onnx-fp32",
        built["weights_sha256"],
    )
    # An index sentence-transformers built (fp32, before variants): the export stands in
    # for the weights it was exported from.
    legacy = {"name": MODEL_NAME, "weights_sha256": MODEL_SHA256}
    monkeypatch.setattr(query_module, "manifest_model", lambda _dir: legacy)
    fp32 = query_embedder(index)
    assert isinstance(fp32, Fp32OnnxEmbedder)
    assert (fp32.name, fp32.weights_sha256) == (MODEL_NAME, MODEL_SHA256)
    # An int8 index (no int8 export here) never gets fp32 vectors: torch, which
    # check_model then refuses (its hash is not the int8 file's).
    int8 = {"name": MODEL_NAME, "weights_sha256": "1" * 64, "variant": "onnx-int8"}
    monkeypatch.setattr(query_module, "manifest_model", lambda _dir: int8)
    assert isinstance(query_embedder(index), SentenceTransformerEmbedder)
    other = {"name": "another-model", "weights_sha256": MODEL_SHA256}
    monkeypatch.setattr(query_module, "manifest_model", lambda _dir: other)
    assert isinstance(query_embedder(index), SentenceTransformerEmbedder)


def test_query_variant_keeps_variants_apart() -> None:
    assert query_variant({"name": MODEL_NAME, "weights_sha256": MODEL_SHA256}) == "onnx-fp32"
    assert query_variant({"name": MODEL_NAME, "variant": "torch-fp32"}) == "onnx-fp32"
    assert query_variant({"name": MODEL_NAME, "variant": "onnx-int8"}) == "onnx-int8"
    assert query_variant({"name": MODEL_NAME, "variant": "torch-bf16"}) == "torch-bf16"
    assert query_variant({"name": MODEL_NAME, "variant": "fake"}) is None
    assert query_variant({"name": "fake-hash-embedder"}) is None
    assert query_variant(None) is None


def test_a_failing_export_only_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from news_rag.index.encoders import export

    def broken(*_args: Any, **_kwargs: Any) -> Path:
        raise RuntimeError("tracing failed\nmore detail")

    monkeypatch.setattr(query_module, "manifest_model", lambda _dir: {"name": MODEL_NAME})
    monkeypatch.setattr(export, "ensure_export", broken)
    said: list[str] = []
    warning = ensure_query_export(tmp_path / "index", tmp_path / "cache", announce=said.append)
    assert warning is not None
    assert "tracing failed" in warning
    assert "\n" not in warning
    assert "queries use torch" in warning
    assert len(said) == 1
    # Not the bundled model: nothing to export, nothing said.
    monkeypatch.setattr(query_module, "manifest_model", lambda _dir: {"name": "other"})
    assert ensure_query_export(tmp_path / "index", tmp_path / "cache", announce=said.append) is None
    assert len(said) == 1
