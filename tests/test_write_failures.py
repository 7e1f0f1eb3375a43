"""Disk full, a read-only index and a crafted .npy: one line naming the file, exit 1, and the
previous generation stays live and loadable.

The failures are simulated (tests run as root, which ignores file permissions, and a full
disk cannot be made portably): the write functions raise what the OS or SQLite raises.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from news_rag.index.store.generations import CURRENT, list_generations
from news_rag.index.store.reader import IndexReader

from news_rag.cli import cli
from tests.fakes import FakeEmbedder
from tests.test_recovery import (
    DEFAULT_HOOK,
    craft_object_vectors,
    suggested_command,
    two_generations,
)
from tests.test_recovery import write_corpus as write_articles


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI indexes with the fake embedder the test index was built with."""
    monkeypatch.setattr(DEFAULT_HOOK, lambda *_a, **_k: FakeEmbedder())


def index_new_article(index: Path, tmp_path: Path) -> tuple[int, str]:
    new = write_articles(tmp_path / "new", 1, start=7)
    result = CliRunner().invoke(cli, ["index", str(new), "--index", str(index)])
    return result.exit_code, result.output


def assert_one_line_error(code: int, output: str, *names: str) -> str:
    assert code == 1, output
    assert output.startswith("Error: ") and output.count("\n") == 1, output
    assert "Traceback" not in output
    for name in names:
        assert name in output, output
    return output


def assert_previous_live(index: Path, expected: set[str]) -> None:
    assert (index / CURRENT).read_text().strip() == "gen-000002"
    assert [p.name for p in list_generations(index)] == ["gen-000002", "gen-000001"]
    assert not [p for p in index.iterdir() if p.name.startswith(".tmp")]
    assert set(IndexReader.open(index).articles()) == expected  # verifies every checksum


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize(
    ("target", "error", "victim"),
    [
        ("numpy.save", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "vectors.npy"),
        (
            "news_rag.index.store.database._write_rows",
            sqlite3.OperationalError("database or disk is full"),
            "meta.sqlite",
        ),
        (
            "faiss.write_index",
            RuntimeError("Error in faiss::FileIOWriter: write error: No space left on device"),
            "vectors.faiss",
        ),
    ],
)
def test_disk_full_is_one_line_and_keeps_the_previous_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, error: Exception, victim: str
) -> None:
    index, expected = two_generations(tmp_path)

    def fail(*_: Any, **__: Any) -> None:
        raise error

    monkeypatch.setattr(target, fail)
    code, output = index_new_article(index, tmp_path)
    assert_one_line_error(
        code, output, str(index / "gen-000003" / victim), "disk is full", "gen-000002 stays live"
    )
    assert_previous_live(index, expected)


@pytest.mark.usefixtures("fake_model")
def test_read_only_index_directory_is_one_line_naming_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index, expected = two_generations(tmp_path)
    real_open = Path.open

    def guarded_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == ".lock":  # what a chmod 0o555 directory does to a non-root user
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    code, output = index_new_article(index, tmp_path)
    assert_one_line_error(code, output, str(index / ".lock"), f"make {index} writable")
    monkeypatch.undo()
    assert_previous_live(index, expected)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
@pytest.mark.usefixtures("fake_model")
def test_really_read_only_index_directory(tmp_path: Path) -> None:
    index, expected = two_generations(tmp_path)
    index.chmod(0o555)
    try:
        code, output = index_new_article(index, tmp_path)
    finally:
        index.chmod(0o755)
    assert_one_line_error(code, output, str(index))
    assert_previous_live(index, expected)


@pytest.mark.usefixtures("fake_model")
def test_crafted_object_vectors_in_the_live_generation(tmp_path: Path) -> None:
    index, expected = two_generations(tmp_path)
    craft_object_vectors(index / "gen-000002")  # checksums updated: only loading catches it
    code, output = index_new_article(index, tmp_path)
    message = assert_one_line_error(
        code, output, str(index / "gen-000002" / "vectors.npy"), "allow_pickle=False"
    )
    assert (index / CURRENT).read_text().strip() == "gen-000002"
    assert [p.name for p in list_generations(index)] == ["gen-000002", "gen-000001"]
    assert set(IndexReader.open(index, pin=False).articles()) == expected
    repaired = CliRunner().invoke(cli, suggested_command(message))
    assert repaired.exit_code == 0, repaired.output
    assert set(IndexReader.open(index).articles()) == expected
    code, output = index_new_article(index, tmp_path)
    assert code == 0, output
    assert set(IndexReader.open(index).articles()) == expected | {"article7"}
