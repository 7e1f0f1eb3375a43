"""The analyser of a `rag index --ray` run: the records the cluster made, by article.

`analyse_step` asks it for every article whose analysis it cannot reuse from the previous
generation. An article the cluster analysed with the same input (same `input_hash`) gets
the cluster's records; any other (an article whose text is unchanged but whose date or
author changed, so it was not sent) is analysed here, in this process, as a local build
would: the result never depends on what the cluster covered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis

Progress = Callable[[int, int], None]  # (articles done, articles in all)


class PrecomputedAnalyser:
    """Records computed elsewhere, by article id, with the input hash they were made from."""

    def __init__(self) -> None:
        self.records: dict[str, tuple[str, list[SentenceAnalysis]]] = {}
        self.analysed_here = 0  # articles the cluster did not cover, analysed locally

    def keep(self, article_id: str, input_hash: str, records: list[SentenceAnalysis]) -> None:
        self.records[article_id] = (input_hash, records)

    def analyse(
        self, articles: Sequence[ArticleInput], *, progress: Progress | None = None
    ) -> list[list[SentenceAnalysis]]:
        known: dict[str, list[SentenceAnalysis]] = {}
        misses: list[ArticleInput] = []
        for article in articles:
            digest, records = self.records.get(article.article_id, ("", []))
            if digest and digest == article.input_hash():
                known[article.article_id] = records
            else:
                misses.append(article)
        if misses:
            from news_rag.index.analysis.analyse import Analyser

            fresh = Analyser().analyse(misses, progress=progress)
            known.update((a.article_id, r) for a, r in zip(misses, fresh, strict=True))
            self.analysed_here += len(misses)
        if progress:
            progress(len(articles), len(articles))
        return [known[article.article_id] for article in articles]
