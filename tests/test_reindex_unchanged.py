"""`rag index` over files that did not change reads nothing: it compares each file's size
and sha256 with the stored source record and stops there (Reuters-19k: 13 s -> 1.3 s)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from news_rag.index import pipeline
from news_rag.index.pipeline import run_index

from tests.fakes import FakeEmbedder


class CountingAnalyser:
    def __init__(self) -> None:
        self.articles = 0

    def analyse(self, articles: Any, *, progress: Any = None) -> list[list[Any]]:
        self.articles += len(articles)
        return [[] for _ in articles]


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the pipeline reads, in order."""
    seen: list[Path] = []
    real = pipeline.load_file

    def counting(path: Path, **kwargs: Any) -> Any:
        seen.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(pipeline, "load_file", counting)
    return seen


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, place in (("a", "Oslo"), ("b", "Lima"), ("c", "Pune")):
        (folder / f"{name}.txt").write_text(
            f"Rain in {place}\n\nHeavy rain fell on {place} on Monday, officials said.\n",
            encoding="utf-8",
        )
    return folder


def test_unchanged_files_are_not_read_again(tmp_path: Path, loads: list[Path]) -> None:
    corpus, index_dir = _corpus(tmp_path / "corpus"), tmp_path / "index"
    analyser = CountingAnalyser()
    first = run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=analyser)
    assert len(first.added) == 3 and len(loads) == 3
    again = run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=analyser)
    assert len(loads) == 3  # no file read
    assert sorted(again.unchanged) == sorted(first.added) and again.generation is None
    assert again.articles == 3 and again.chunks == first.chunks

    (corpus / "b.txt").write_text("Rain in Lima\n\nThe rain stopped on Tuesday.\n", "utf-8")
    changed = run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=analyser)
    assert len(loads) == 6  # one file changed: all are read and compared
    assert len(changed.updated) == 1 and len(changed.unchanged) == 2

    run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=analyser,
              max_article_bytes=pipeline.MAX_ARTICLE_BYTES * 2)  # fmt: skip
    assert len(loads) == 9  # a raised size limit may admit skipped articles: read again
