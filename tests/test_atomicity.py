"""A real `rag index` subprocess killed (SIGKILL) mid-write leaves the previous index intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from news_rag.index.store.generations import CURRENT
from news_rag.index.store.publish import HANDSHAKE_ENV
from news_rag.index.store.reader import IndexReader
from news_rag.rag.assistant import Assistant

QUERIES = ["Who said the US is training militants at al-Tanf?", "Tu-22M3 bombers Deir Ezzor"]


def answers(index_dir: Path, embedder: Any) -> list[Any]:
    assistant = Assistant.open(index_dir, embedder=embedder)
    results: list[Any] = [[(p.chunk_id, p.text) for p in assistant.search(q, 5)] for q in QUERIES]
    results.append(assistant.ask(QUERIES[0]).to_dict()["citations"])
    return results


@pytest.mark.parametrize("stage", ["files", "renamed"])
def test_kill_mid_write_keeps_previous_index(
    stage: str, sample_index_copy: Path, real_embedder: Any, tmp_path: Path
) -> None:
    before = answers(sample_index_copy, real_embedder)
    current_before = (sample_index_copy / CURRENT).read_text()
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.txt").write_text(
        "A new report\n\nOn December 1, the SAA reported heavy fighting near Palmyra."
    )
    handshake = tmp_path / "handshake"
    env = {**os.environ, HANDSHAKE_ENV: f"{handshake}:{stage}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "news_rag", "index", str(extra), "--index", str(sample_index_copy)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 180
        while not handshake.exists():
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the writer never reached the handshake"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)  # the writer is mid-write: new files are on disk
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    leftovers = [p.name for p in sample_index_copy.iterdir() if p.name.startswith((".tmp", "gen-"))]
    assert len(leftovers) >= 2  # the dead writer's generation is really there
    assert (sample_index_copy / CURRENT).read_text() == current_before
    reader = IndexReader.open(sample_index_copy)  # verifies every checksum
    assert "new" not in reader.articles()
    assert answers(sample_index_copy, real_embedder) == before

    # The next writer cleans up after the dead one and publishes normally.
    from news_rag.index.pipeline import run_index

    report = run_index([extra], sample_index_copy, embedder=real_embedder)
    assert report.added == ["new"]
    assert not any(p.name.startswith(".tmp") for p in sample_index_copy.iterdir())
    assert "new" in IndexReader.open(sample_index_copy).articles()
