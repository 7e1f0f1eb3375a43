"""Indexing cost per byte is bounded (issue 20, item 5): a huge article is analysed in
segments with exact offsets, spaCy's Docs are streamed rather than held per article, what
spaCy parses at once is bounded, and an article over the default limit is refused up front."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from news_rag.index.analysis import analyse as analyse_module
from news_rag.index.analysis import segments as segments_module
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.analysis.segments import segments
from news_rag.index.errors import InputError
from news_rag.index.load.loaders import MAX_ARTICLE_BYTES, format_size
from news_rag.index.paths import sample_dir
from news_rag.index.pipeline import run_index
from news_rag.index.sentences import LONGEST_SENTENCE_CHARS, split_sentences

from tests.fakes import FakeEmbedder


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser(n_process=1)


def _sample_article() -> ArticleInput:
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_dir().glob("*.txt"))]
    text = "\n\n".join(texts)
    return ArticleInput("big", text, tuple(split_sentences(text)), "2024-03-01", None, "Wire")


def test_a_long_article_is_analysed_in_segments_with_exact_offsets(
    analyser: Analyser, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = _sample_article()
    whole = analyser.analyse_serial([article])[0]
    assert len(list(segments(article))) == 1  # within the bound: the article itself
    monkeypatch.setattr(segments_module, "SEGMENT_CHARS", 3_000)
    parts = list(segments(article))
    assert len(parts) >= 4
    assert sum(len(part.article.spans) for part in parts) == len(article.spans)
    cut = analyser.analyse_serial([article])[0]
    assert [(r.ordinal, r.start, r.end) for r in cut] == [
        (n, s, e) for n, (s, e) in enumerate(article.spans)
    ]
    # spaCy parses each sentence alone, so its entities do not depend on the cut, nor does a
    # cue found (a source named in an earlier segment may be lost); a wrong shift would move
    # every offset of a later segment
    assert [r.entities for r in cut] == [r.entities for r in whole]
    cues = [(c.cue, c.cue_span, w.cue_span) for c, w in zip(cut, whole, strict=True) if c.cue]
    assert len(cues) >= 5 and all(mine == theirs for _, mine, theirs in cues)
    text = article.text
    for record in cut:
        assert all(text[e.start : e.end] == e.text for e in record.entities)
        if record.claimant_span is not None:
            start, end = record.claimant_span
            assert text[start:end].strip()
    assert sum(r.claimant_explicit for r in cut) >= 0.8 * sum(r.claimant_explicit for r in whole)


def test_docs_are_streamed_not_held_per_article(
    analyser: Analyser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At most one spaCy batch of parsed sentences waits to be analysed, however long the
    article (the Docs of a 1 MB article held at once took 0.5 GB)."""
    batch = 8
    streaming = Analyser(n_process=1, batch_size=batch, nlp=analyser.nlp)
    produced = [0]
    real_docs = streaming._docs

    def counting_docs(articles: Any) -> Iterator[Any]:
        for item in real_docs(articles):
            produced[0] += 1
            yield item

    monkeypatch.setattr(streaming, "_docs", counting_docs)
    real_parsed = analyse_module.analyse_sentences
    waiting: list[int] = []
    consumed = [0]

    def watching(article: ArticleInput, docs: Iterable[Any]) -> tuple[list[SentenceAnalysis], Any]:
        def watched() -> Iterator[Any]:
            for doc in docs:
                waiting.append(produced[0] - consumed[0])
                consumed[0] += 1
                yield doc

        return real_parsed(article, watched())

    monkeypatch.setattr(analyse_module, "analyse_sentences", watching)
    article = _sample_article()
    assert len(article.spans) > 5 * batch
    records = streaming.analyse_serial([article, article])
    assert [len(r) for r in records] == [len(article.spans)] * 2
    assert max(waiting) <= 2 * batch


def test_spacy_never_parses_more_than_a_bounded_piece() -> None:
    """What spaCy sees at once is one sentence, and no sentence is longer than the pysbd
    window, even for a text with no sentence end or no space at all."""
    text = "word " * 30_000 + "x" * 30_000 + " The end."
    spans = split_sentences(text)
    assert max(end - start for start, end in spans) <= LONGEST_SENTENCE_CHARS


def test_an_article_over_the_default_limit_is_refused_up_front(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(("The quick brown fox said nothing. " * 40 + "\n") * 1, encoding="utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("z " * (MAX_ARTICLE_BYTES // 2 + 1))
    started = time.monotonic()
    with pytest.raises(InputError) as refused:
        run_index([path], tmp_path / "idx", embedder=FakeEmbedder())
    assert time.monotonic() - started < 30  # refused before any splitting or parsing
    message = str(refused.value)
    assert str(path) in message and "\n" not in message
    assert f"over the {format_size(MAX_ARTICLE_BYTES)} limit per article" in message
    assert "--max-article-mb" in message


def test_an_html_page_is_held_to_the_limit_by_its_text_not_its_markup(tmp_path: Path) -> None:
    """A news page is mostly markup: the article limit applies to the text extracted from it,
    the file itself may be much larger."""
    from news_rag.index.load.loaders import load_file

    story = "<p>The minister said the plan would work and that talks would resume soon.</p>"
    heavy = tmp_path / "heavy.html"
    padding = "<script>var x = 1;</script>" * 2_000  # ~54 KB of markup, no text
    heavy.write_text(f"<html><body>{padding}<article>{story}</article></body></html>", "utf-8")
    articles, skipped = load_file(heavy, max_article_bytes=4_096)
    assert skipped == [] and "minister" in articles[0].text

    long = tmp_path / "long.html"
    body = "".join(f"<p>Paragraph {n} of a very long report on the talks.</p>" for n in range(400))
    long.write_text(f"<html><body><article>{body}</article></body></html>", "utf-8")
    articles, skipped = load_file(long, max_article_bytes=4_096)
    assert articles == [] and skipped[0].reason.startswith("its text is ")
    assert "--max-article-mb" in skipped[0].reason
