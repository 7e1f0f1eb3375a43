"""Interrupted embedding resumes: finished batches are checkpointed in INDEX_DIR/embed-cache.

The real-pipeline test runs `python -m news_rag index` (real model) with a small batch
($RAG_EMBED_BATCH) and the store.py test hook, which makes the writer announce that half of
the embedding is checkpointed and wait; it is then killed with SIGKILL and the index is
built again in-process with a counting embedder.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from news_rag.index.encoders.batches import EMBED_BATCH_ENV, HALFWAY_STAGE
from news_rag.index.encoders.checkpoint import CACHE_DB, CACHE_DIR
from news_rag.index.pipeline import run_index
from news_rag.index.store.generations import CURRENT
from news_rag.index.store.previous import load_previous
from news_rag.index.store.publish import HANDSHAKE_ENV
from news_rag.index.store.reader import IndexReader

from tests.conftest import CountingEmbedder
from tests.fakes import FakeEmbedder

BATCH = 16  # texts per batch in these tests: the sample makes many batches of it


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class RecordingEmbedder(CountingEmbedder):
    """Counts and records (by sha256) every text it embeds."""

    def __init__(self, inner: Any) -> None:
        super().__init__(inner)
        self.variant = getattr(inner, "variant", None)  # part of the checkpoints' model tag
        self.hashes: list[str] = []

    def encode(self, texts: Any, *, progress: Any = None) -> Any:
        self.hashes.extend(sha(t) for t in texts)
        return super().encode(texts, progress=progress)


class DyingEmbedder(RecordingEmbedder):
    """Embeds `batches` calls, then raises as a kill would stop it."""

    def __init__(self, inner: Any, batches: int) -> None:
        super().__init__(inner)
        self.left = batches

    def encode(self, texts: Any, *, progress: Any = None) -> Any:
        if self.left == 0:
            raise KeyboardInterrupt
        self.left -= 1
        return super().encode(texts, progress=progress)


def checkpointed(index_dir: Path) -> set[str]:
    conn = sqlite3.connect(index_dir / CACHE_DIR / CACHE_DB)
    try:
        return {h for (h,) in conn.execute("SELECT hash FROM vectors")}
    finally:
        conn.close()


def unique_texts(index_dir: Path) -> set[str]:
    """The sha256 of every chunk and sentence text of the live generation."""
    state = load_previous(index_dir, rebuild=False)
    return set(state.chunk_hashes) | {s.text_hash for s in state.sentences}


def test_interrupted_run_resumes_from_checkpoints(
    sample_articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(EMBED_BATCH_ENV, str(BATCH))
    index = tmp_path / "idx"
    dying = DyingEmbedder(FakeEmbedder(), batches=3)
    with pytest.raises(KeyboardInterrupt):
        run_index([sample_articles_dir], index, embedder=dying)
    assert not (index / CURRENT).exists()  # nothing was published
    saved = checkpointed(index)
    assert saved == set(dying.hashes) and len(saved) == 3 * BATCH

    rerun = RecordingEmbedder(FakeEmbedder())
    report = run_index([sample_articles_dir], index, embedder=rerun)
    total = unique_texts(index)
    assert not saved & set(rerun.hashes)  # no checkpointed text is embedded again
    assert set(rerun.hashes) | saved == total and rerun.texts == len(total) - len(saved)
    assert report.embedded_chunks + report.embedded_sentences == rerun.texts
    assert not (index / CACHE_DIR).exists()  # dropped once the generation is live

    fresh = tmp_path / "fresh"
    run_index([sample_articles_dir], fresh, embedder=FakeEmbedder())
    for name in ("vectors.npy", "sentence_vectors.npy"):
        resumed = np.load(IndexReader.open(index).generation.file(name))
        assert np.array_equal(resumed, np.load(IndexReader.open(fresh).generation.file(name)))


@pytest.mark.parametrize(
    ("field", "value"), [("weights_sha256", "1" * 64), ("variant", "onnx-int8"), ("name", "other")]
)
def test_checkpoints_of_another_model_are_never_reused(
    sample_articles_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    field: str,
    value: str,
) -> None:
    monkeypatch.setenv(EMBED_BATCH_ENV, str(BATCH))
    index = tmp_path / "idx"
    with pytest.raises(KeyboardInterrupt):
        run_index([sample_articles_dir], index, embedder=DyingEmbedder(FakeEmbedder(), 2))
    other = RecordingEmbedder(FakeEmbedder())
    setattr(other, field, value)  # another model, weights or encoder variant
    run_index([sample_articles_dir], index, embedder=other)
    assert set(other.hashes) == unique_texts(index)  # everything embedded again


def test_a_damaged_shard_is_embedded_again(
    sample_articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(EMBED_BATCH_ENV, str(BATCH))
    index = tmp_path / "idx"
    with pytest.raises(KeyboardInterrupt):
        run_index([sample_articles_dir], index, embedder=DyingEmbedder(FakeEmbedder(), 2))
    shard = index / CACHE_DIR / "shard-000001.npy"
    data = bytearray(shard.read_bytes())
    data[-1] ^= 0xFF  # one flipped byte in a vector
    shard.write_bytes(bytes(data))
    rerun = RecordingEmbedder(FakeEmbedder())
    run_index([sample_articles_dir], index, embedder=rerun)
    assert rerun.texts == len(unique_texts(index)) - BATCH  # shard 2 reused, shard 1 not


def test_bad_batch_setting_is_one_line(
    sample_articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from news_rag.index.errors import InputError

    monkeypatch.setenv(EMBED_BATCH_ENV, "zero")
    with pytest.raises(InputError, match=EMBED_BATCH_ENV):
        run_index([sample_articles_dir], tmp_path / "idx", embedder=FakeEmbedder())


def test_kill_at_half_of_the_embedding_then_rerun_embeds_only_the_rest(
    sample_articles_dir: Path, tmp_path: Path, real_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "idx"
    handshake = tmp_path / "handshake"
    env = {
        **os.environ,
        HANDSHAKE_ENV: f"{handshake}:{HALFWAY_STAGE}",
        EMBED_BATCH_ENV: str(BATCH),
    }
    # separate: the recording embedder below cannot compose (composed resumes are tested in
    # tests/test_sentence_vectors_composed.py)
    command = [sys.executable, "-m", "news_rag", "index", str(sample_articles_dir)]
    command += ["--sentence-vectors", "separate"]
    with (tmp_path / "stderr").open("wb") as stderr:
        proc = subprocess.Popen(
            [*command, "--index", str(index)], env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
        try:
            deadline = time.monotonic() + 600
            while not handshake.exists():
                assert proc.poll() is None, (tmp_path / "stderr").read_text()
                assert time.monotonic() < deadline, "the writer never reached half the embedding"
                time.sleep(0.05)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert not (index / CURRENT).exists()
    saved = checkpointed(index)
    assert saved and len(saved) % BATCH == 0

    monkeypatch.setenv(EMBED_BATCH_ENV, str(BATCH))
    # the encoder `rag index` chose (its default, onnx-fp32): checkpoints are kept per encoder
    from news_rag.index.encoders.default import default_index_embedder

    rerun = RecordingEmbedder(default_index_embedder(index, []))
    assert rerun.variant == "onnx-fp32"
    run_index([sample_articles_dir], index, embedder=rerun, sentence_mode="separate")
    total = unique_texts(index)
    # The writer was killed once half of the texts were checkpointed (and none in flight):
    # the rerun re-embeds none of them, and embeds only the other half.
    assert len(saved) * 2 >= len(total) > len(saved)
    assert not saved & set(rerun.hashes)
    assert rerun.texts == len(total - saved) <= len(total) - len(total) // 2
    # The checkpointed vectors are the model's: embed a few of those texts again and compare.
    state = load_previous(index, rebuild=False)  # row i of vectors.npy is chunk i
    rows = [i for i, h in enumerate(state.chunk_hashes) if h in saved][:4]
    assert rows and state.vectors_path is not None
    again = real_embedder.encode([state.chunks[i].text for i in rows])
    assert np.allclose(again, np.load(state.vectors_path)[rows], atol=1e-5)
