"""Two repairs the index state machine found at `make fuzz`'s budget (issue 20), as fixed
sequences: the repair may make live a generation a killed writer completed but never
published (nothing lost, nothing invented), and a one-generation index whose meta.sqlite
no longer reads and whose source file is gone is left clean, says why nothing can restore
the article, and a salvage of it does not claim success."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from news_rag.index.pipeline import run_index
from news_rag.index.store import publish
from news_rag.index.store.doctor import repair
from news_rag.index.store.generations import CURRENT, list_generations
from news_rag.index.store.reader import IndexReader

from tests.fakes import FakeEmbedder
from tests.test_index_state_machine import Killed, NoAnalysis, body
from tests.test_recovery import DEFAULT_HOOK, run_cli


@pytest.fixture(autouse=True)
def _fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DEFAULT_HOOK, lambda *_a, **_k: FakeEmbedder())
    monkeypatch.setattr("news_rag.index.analysis.analyse.Analyser", NoAnalysis)


def _write(corpus: Path, n: int) -> Path:
    path = corpus / f"article{n}.txt"
    path.write_text(body(n, 1))
    return path


def _truncate_live(index: Path, name: str) -> None:
    path = index / (index / CURRENT).read_text().strip() / name
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def test_a_killed_writers_complete_generation_may_come_back(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _write(corpus, 1)
    run_index([corpus], index, embedder=FakeEmbedder())
    _write(corpus, 2)
    with mock.patch.object(publish, "write_current", side_effect=Killed), pytest.raises(Killed):
        run_index([corpus], index, embedder=FakeEmbedder())  # gen-000002 renamed, not live
    _truncate_live(index, "meta.sqlite")
    report = repair(index, embedder=FakeEmbedder())
    assert report.plan is not None and report.plan.missing == 0, report.plan
    assert set(IndexReader.open(index).articles()) == {"article1", "article2"}


def test_an_unrestorable_article_is_reported_and_the_index_is_left_clean(
    tmp_path: Path,
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    source = _write(corpus, 1)
    run_index([corpus], index, embedder=FakeEmbedder())
    source.unlink()
    _truncate_live(index, "meta.sqlite")
    report = repair(index, embedder=FakeEmbedder())
    assert report.plan is not None and report.plan.missing == 1
    assert report.plan.restore is None
    assert "source files are gone" in report.plan.summary()
    assert not (index / CURRENT).exists() and not list_generations(index)  # no dangling CURRENT
    code, output = run_cli(["ask", "anything?", "--index", str(index)])
    assert code != 0 and output.count("\n") == 1 and "no index here yet" in output, output
    broken = list_generations(index, broken=True)[0].name
    code, output = run_cli(["doctor", "--salvage", broken, "--index", str(index)])
    assert code == 1 and "nothing here can restore them" in output, output
    assert "Traceback" not in output
