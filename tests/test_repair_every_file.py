"""Issue 20, item 1: any single-file corruption of the newest generation (each file truncated,
and one byte flipped) is repaired without losing an article, or the repair prints the exact
count missing and a command that restores them; the test runs that command and counts.

The fake embedder keeps this fast; the repair path is the one the real model takes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_rag.index.errors import IndexCorruptError, IndexNotFoundError
from news_rag.index.pipeline import run_index
from news_rag.index.store.generations import CURRENT, list_generations

from news_rag.cli import cli
from tests.fakes import FakeEmbedder
from tests.test_recovery import DEFAULT_HOOK, articles, write_corpus

FILES = [
    "meta.sqlite",
    "vectors.npy",
    "sentence_vectors.npy",
    "vectors.faiss",
    "manifest.json",
    "bm25",
]


def build(tmp_path: Path, generations: int) -> tuple[Path, set[str]]:
    index = tmp_path / "idx"
    run_index([write_corpus(tmp_path / "a", 2)], index, embedder=FakeEmbedder())
    if generations == 2:
        run_index([write_corpus(tmp_path / "b", 1, start=2)], index, embedder=FakeEmbedder())
    return index, articles(index)


def newest(index: Path) -> Path:
    return index / (index / CURRENT).read_text().strip()


def target_file(gen: Path, name: str) -> Path:
    if name == "bm25":
        return max(
            (p for p in (gen / "bm25").rglob("*") if p.is_file()), key=lambda p: p.stat().st_size
        )
    return gen / name


def corrupt(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
        return
    at = len(data) // 2
    if path.name == "meta.sqlite":  # a byte inside an article's text, as the issue did
        at = data.index(b"river rose") + 2
    path.write_bytes(data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :])


def live_articles(index: Path) -> set[str]:
    try:
        return articles(index)
    except (IndexCorruptError, IndexNotFoundError):  # nothing live after the repair
        return set()


def invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("generations", [1, 2])
@pytest.mark.parametrize("how", ["truncate", "flip"])
@pytest.mark.parametrize("name", FILES)
def test_repair_keeps_every_article_or_says_how_to_restore_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generations: int, how: str, name: str
) -> None:
    monkeypatch.setattr(DEFAULT_HOOK, lambda *_a, **_k: FakeEmbedder())
    index, expected = build(tmp_path, generations)
    corrupt(target_file(newest(index), name), how)
    code, output = invoke(["doctor", "--repair", "--yes", "--index", str(index)])
    live = live_articles(index)
    if live != expected:
        missing = re.search(r"(\d+) article\(s\) missing; .*restore them with: (rag .*)", output)
        assert missing, output
        assert int(missing.group(1)) == len(expected - live), output
        code, output = invoke(shlex.split(missing.group(2))[1:])
        assert code == 0, output
        live = articles(index)
    assert live == expected, output
    assert invoke(["doctor", "--index", str(index)])[0] == 0


def test_repair_asks_before_leaving_fewer_articles(tmp_path: Path) -> None:
    index, _ = build(tmp_path, 2)
    corrupt(newest(index) / "meta.sqlite", "truncate")
    code, output = invoke(["doctor", "--repair", "--index", str(index)])  # answers no (EOF)
    assert code == 1 and "1 missing" in output and "Repair anyway?" in output
    assert [p.name for p in list_generations(index, broken=True)] == []  # nothing changed


def test_salvage_brings_back_a_quarantined_generations_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DEFAULT_HOOK, lambda *_a, **_k: FakeEmbedder())
    index, expected = build(tmp_path, 2)
    (tmp_path / "b" / "article2.txt").unlink()  # its only copy is in gen-000002
    corrupt(index / "gen-000002" / "meta.sqlite", "flip")  # and one of its texts is hit
    (index / "gen-000002").rename(index / "broken-gen-000002")
    (index / CURRENT).write_text("gen-000001\n")
    assert articles(index) == expected - {"article2"}
    code, output = invoke(["doctor", "--salvage", "broken-gen-000002", "--index", str(index)])
    assert code == 0 and "3 of 3 articles read and verify; 1 were not live" in output, output
    assert articles(index) == expected
    assert invoke(["doctor", "--index", str(index)])[0] == 0
    code, output = invoke(["doctor", "--salvage", "gen-000001", "--index", str(index)])
    assert code == 1 and output.count("\n") == 1
