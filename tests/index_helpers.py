"""Helpers for tests that index a few invented articles with the real pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


def index_articles(root: Path, articles: Mapping[str, str], embedder: Any) -> Path:
    """Write `articles` (file name -> text) to `root`/corpus, index them with `run_index`
    into `root`/index, and return the index directory."""
    from news_rag.index.pipeline import run_index

    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    run_index([corpus], root / "index", embedder=embedder)
    return root / "index"


def assistant_over(root: Path, articles: Mapping[str, str], embedder: Any) -> Any:
    """An `Assistant` with the default settings over `articles` indexed by `index_articles`
    in `root`."""
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    return Assistant(index_articles(root, articles, embedder), Settings(), embedder)


def sample_corpus(root: Path, count: int = 3) -> Path:
    """A folder `root`/corpus holding copies of the first `count` bundled sample articles."""
    import shutil

    from news_rag.index.paths import sample_dir

    folder = root / "corpus"
    folder.mkdir()
    for source in sorted(sample_dir().glob("*.txt"))[:count]:
        shutil.copy(source, folder / source.name)
    return folder


def rag_index(args: list[str]) -> Any:
    """`rag index ARGS` through click's runner (its result: exit code, output, stdout)."""
    from click.testing import CliRunner

    from news_rag.cli import cli

    return CliRunner().invoke(cli, ["index", *args])


class DyingEncoder:
    """Delegates `method` (encode_with_spans or encode_weighted) to a real encoder and
    raises, as a kill would stop it, after `batches` calls; any other encode is a failure."""

    def __init__(self, inner: Any, batches: int, method: str) -> None:
        self.inner, self.left, self.method = inner, batches, method
        for name in ("name", "variant", "weights_sha256", "dimension", "max_tokens"):
            setattr(self, name, getattr(inner, name))
        self.texts = 0

    @property
    def spans_encoded_separately(self) -> int:
        return int(self.inner.spans_encoded_separately)

    def count_tokens(self, text: str) -> int:
        return int(self.inner.count_tokens(text))

    def encode(self, texts: Any, *, progress: Any = None) -> Any:
        raise AssertionError(f"this mode runs texts through {self.method} only")

    def encode_with_spans(self, texts: Any, spans: Any, *, progress: Any = None) -> Any:
        return self._run("encode_with_spans", texts, spans, progress=progress)

    def encode_weighted(self, texts: Any, *, progress: Any = None) -> Any:
        return self._run("encode_weighted", texts, progress=progress)

    def _run(self, method: str, texts: Any, *args: Any, progress: Any) -> Any:
        assert method == self.method, f"this mode runs texts through {self.method} only"
        if self.left == 0:
            raise KeyboardInterrupt
        self.left -= 1
        self.texts += len(texts)
        return getattr(self.inner, method)(texts, *args, progress=progress)


def assert_refused(answer: Any, reason: str) -> None:
    """The answer refuses, and its refusal says `reason` ("for Crestmoor Plc, only for ...")."""
    assert answer.abstained, answer.answer
    assert reason in answer.answer


def assert_said_first(answer: Any, expected: str) -> None:
    """The answer has a short answer holding `expected`, and says it first."""
    assert answer.short_answer is not None, answer.answer
    assert expected in answer.short_answer.text
    assert answer.answer.startswith(answer.short_answer.text)


def analysed(text: str, published: str = "2026-01-01") -> list[Any]:
    """Each sentence's stored analysis of `text` as one article, by the real spaCy analyser."""
    from news_rag.index.analysis.analyse import Analyser
    from news_rag.index.analysis.records import ArticleInput
    from news_rag.index.sentences import split_sentences

    article = ArticleInput("a", text, tuple(split_sentences(text)), published)
    return Analyser().analyse([article])[0]
