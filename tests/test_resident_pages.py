"""A serving process keeps the pages of the generation's mapped files it touched only up to
`retrieval.mapped_budget_mb` (index/store/resident.py, issue 21): the pages are dropped from
the process, the data stays readable and the answers stay the same."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from news_rag.index.store.resident import _mappings_under, file_backed_mb, release_mapped
from news_rag.rag.assistant import Assistant
from news_rag.rag.settings import Settings

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc, calls madvise")
MB = 1024 * 1024


def test_released_pages_leave_the_process_and_the_data_readable(tmp_path: Path) -> None:
    folder = tmp_path / "gen-000001"
    folder.mkdir()
    path = folder / "vectors.npy"
    np.save(path, np.arange(64 * MB // 8, dtype=np.float64))  # 64 MB
    mapped = np.load(path, mmap_mode="r")
    outside = np.load(_copy(path, tmp_path / "elsewhere.npy"), mmap_mode="r")
    before = file_backed_mb()
    assert before is not None
    total = float(mapped.sum()) + float(outside.sum())  # touches every page of both
    touched = file_backed_mb()
    assert touched is not None and touched - before > 100  # both files resident
    assert len(_mappings_under(folder)) == 1  # only the folder's own file
    assert release_mapped(folder) >= 64 * MB
    released = file_backed_mb()
    assert released is not None and touched - released > 50  # the folder's pages left
    assert float(mapped.sum()) + float(outside.sum()) == total  # read back from page cache


def test_a_writable_mapping_is_never_released(tmp_path: Path) -> None:
    path = tmp_path / "w.npy"
    np.save(path, np.zeros(MB // 8))
    writable = np.load(path, mmap_mode="r+")
    writable[0] = 7.0
    assert _mappings_under(tmp_path) == []
    release_mapped(tmp_path)
    assert writable[0] == 7.0


def test_answers_are_the_same_when_every_question_releases_the_pages(
    sample_index_dir: Path, real_embedder: Any
) -> None:
    question = "Who said the US trains militants at al-Tanf?"
    defaults = Settings()
    every = replace(defaults, retrieval=replace(defaults.retrieval, mapped_budget_mb=0))
    never = replace(defaults, retrieval=replace(defaults.retrieval, mapped_budget_mb=None))
    releasing = Assistant.open(sample_index_dir, every, embedder=real_embedder)
    keeping = Assistant.open(sample_index_dir, never, embedder=real_embedder)
    first = releasing.ask(question)
    assert _resident_mb(releasing) == 0.0  # released after the question
    assert releasing.ask(question).answer == first.answer == keeping.ask(question).answer


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def _resident_mb(assistant: Any) -> float:
    """MB of the assistant's generation files resident in this process (/proc/self/smaps)."""
    folder = f"{assistant.reader.generation.path.resolve()}/"
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and "-" in parts[0] and not parts[0].endswith(":"):
            inside = len(parts) >= 6 and parts[5].startswith(folder) and "w" not in parts[1]
        elif inside and line.startswith("Rss:"):
            total += int(parts[1])
    return total / 1024.0
