"""The analysis as a step of `rag index`: analyse new or changed articles, reuse the rest.

`analyse_step` reads the previous generation's `sentence_analysis` rows for articles whose
analysis input is unchanged (same text, sentence spans, date, author and outlet) and
analyses only the others; `AnalysisStep.write` stores every article's rows in the new
generation's meta.sqlite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from news_rag.index.analysis.name_forms import write_tables
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.analysis.store import (
    ArticleAnalyser,
    create_table,
    has_table,
    reuse_or_analyse,
    write_analysis,
)
from news_rag.index.store.database import SentenceSpan, connect_readonly
from news_rag.index.store.previous import PreviousIndex
from news_rag.index.types import Article

StageProgress = Callable[[str, int, int], None]  # the pipeline's (stage, done, total)


def article_inputs(
    articles: Sequence[Article], sentences: Sequence[SentenceSpan]
) -> list[ArticleInput]:
    """What the analysis reads of each article. Relative dates count from the original
    publication date of a re-post (when its text was written)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for span in sentences:
        spans.setdefault(span.article_id, []).append((span.start, span.end))
    return [
        ArticleInput(
            article_id=a.id,
            text=a.text,
            spans=tuple(spans.get(a.id, ())),
            published=a.original_published or a.published,
            author=a.author,
            outlet=a.outlet,
        )
        for a in articles
    ]


def analysis_fingerprint() -> dict[str, str | int]:
    """What every stored analysis depends on besides the article (recorded in the manifest):
    an index whose fingerprint differs is re-analysed even when no article changed."""
    from news_rag.index.analysis.lexicon import digest
    from news_rag.index.analysis.model import MODEL_NAME
    from news_rag.index.analysis.records import ANALYSIS_VERSION

    return {"version": ANALYSIS_VERSION, "model": MODEL_NAME, "lexicon": digest()}


def previous_analysis_current(previous: PreviousIndex) -> bool:
    """Whether the previous generation's analysis was made by this analysis (version, model
    and word lists) and is there at all."""
    return previous.analysis == analysis_fingerprint() and previous_has_analysis(previous)


def _previous_meta(previous: PreviousIndex) -> Path | None:
    generation = previous.generation
    return generation.file("meta.sqlite") if generation is not None else None


def _has_analysis(meta: Path | None) -> bool:
    if meta is None or not meta.is_file():
        return False
    conn = connect_readonly(meta)
    try:
        return has_table(conn)
    finally:
        conn.close()


def previous_has_analysis(previous: PreviousIndex) -> bool:
    """Whether the previous generation holds the analysis table (an index written before
    the analysis existed does not, and gets it on its next run)."""
    return _has_analysis(_previous_meta(previous))


def analyse_corpus(
    inputs: Sequence[ArticleInput],
    previous_meta: Path | None,
    analyser: ArticleAnalyser,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[SentenceAnalysis]]:
    """Every article's records: reused from `previous_meta` when unchanged, else analysed."""
    if previous_meta is None or not _has_analysis(previous_meta):
        return reuse_or_analyse(None, inputs, analyser, progress)
    conn = connect_readonly(previous_meta)
    try:
        return reuse_or_analyse(conn, inputs, analyser, progress)
    finally:
        conn.close()


@dataclass(frozen=True)
class AnalysisStep:
    """The analysis of every article of a new generation, ready to be written."""

    inputs: tuple[ArticleInput, ...]
    records: dict[str, list[SentenceAnalysis]]

    def write(self, meta: Path) -> None:
        """Add the `sentence_analysis` table with every article's rows to `meta`, and the
        acronyms and spellings learned from them (`name_forms`)."""
        conn = sqlite3.connect(meta)
        try:
            create_table(conn)
            for article in self.inputs:
                write_analysis(conn, article, self.records[article.article_id])
            write_tables(conn, ((a.text, self.records[a.article_id]) for a in self.inputs))
            conn.commit()
        finally:
            conn.close()


def analyse_step(
    articles: Sequence[Article],
    sentences: Sequence[SentenceSpan],
    previous: PreviousIndex,
    rebuild: bool,
    analyser: ArticleAnalyser | None,
    progress: StageProgress | None,
) -> AnalysisStep:
    """Analyse what changed since `previous` (everything with `rebuild`), reuse the rest.
    `analyser` None is the spaCy analyser."""
    from news_rag.index.analysis.analyse import Analyser

    inputs = article_inputs(articles, sentences)
    tick = (lambda done, total: progress("analysing", done, total)) if progress else None
    records = analyse_corpus(
        inputs, None if rebuild else _previous_meta(previous), analyser or Analyser(), tick
    )
    return AnalysisStep(tuple(inputs), records)
