"""The analyser: spaCy runs once per article, then the stages compose over its parse.

Like BBC's Citron (`citron.py` only wires `cue`, `content`, `source`, `coreference`), this
module only wires: `quotes` (content), `cue`, `source`, `coreference`, `hedge`, `dates`.
Each sentence is parsed on its own (the caller's spans are the sentences), in batches over
all articles with `nlp.pipe`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from news_rag.index.analysis.article import analyse_parsed
from news_rag.index.analysis.model import load_pipeline
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis

Progress = Callable[[int, int], None]  # (articles done, articles in all)

# Sentences per spaCy batch. spaCy's own default for this model is 256 (config.cfg); larger
# batches gave no speed-up on 2 cores and cost memory.
DEFAULT_BATCH_SIZE = 256


# Inline markup that cleaned text may still hold; blanked (same length) before parsing so it
# does not split names ("**Gen. Valery Gerasimov**").
_MARKUP = ("<strong>", "</strong>", "<em>", "</em>", "<u>", "</u>", "<b>", "</b>", "<i>", "</i>")


def spacy_text(text: str) -> str:
    """The text as spaCy should read it, with the same offsets: whitespace characters made
    spaces (a wire line break inside a sentence must not split the parse), `*` emphasis and
    inline tags blanked."""
    for tag in _MARKUP:
        text = text.replace(tag, " " * len(tag))
    return "".join(" " if ch.isspace() or ch == "*" else ch for ch in text)


def analyse_or_fall_back(article: ArticleInput, docs: Sequence[Any]) -> list[SentenceAnalysis]:
    """`analyse_parsed`, or, should it fail on an article (a bug, an input nobody foresaw),
    that article's sentences with only the fallback claimant and a warning naming it: one
    article must not stop the indexing of a corpus."""
    try:
        return analyse_parsed(article, docs)
    except Exception as exc:
        logging.getLogger(__name__).warning(
            "analysis of %s failed (%s: %s); its sentences are stored without claimants, "
            "entities or dates",
            article.article_id, type(exc).__name__, exc,
        )  # fmt: skip
        return [_unanalysed(article, n, start, end) for n, (start, end) in enumerate(article.spans)]


def _unanalysed(article: ArticleInput, ordinal: int, start: int, end: int) -> SentenceAnalysis:
    """A sentence's record without analysis: asserted by the article's author or outlet."""
    return SentenceAnalysis(
        ordinal=ordinal, start=start, end=end, claimant=article.fallback_claimant,
        claimant_span=None, claimant_explicit=False, cue=None, cue_span=None, hedge=None,
        quoted=False, entities=(), event_date=None,
    )  # fmt: skip


class Analyser:
    """Analyses articles; `articles_analysed` counts the articles it was given (for tests)."""

    def __init__(
        self,
        *,
        n_process: int | None = None,  # None: `parallel.processes_for` the sentences
        batch_size: int = DEFAULT_BATCH_SIZE,
        nlp: Any = None,
    ) -> None:
        self.n_process = n_process
        self.batch_size = batch_size
        self._nlp = nlp
        self.articles_analysed = 0

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_pipeline()
        return self._nlp

    def _docs(self, articles: Sequence[ArticleInput]) -> Iterator[tuple[Any, tuple[int, int]]]:
        pairs = (
            (spacy_text(article.text[start:end]), (number, ordinal))
            for number, article in enumerate(articles)
            for ordinal, (start, end) in enumerate(article.spans)
        )
        yield from self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size)

    def analyse(
        self, articles: Sequence[ArticleInput], *, progress: Progress | None = None
    ) -> list[list[SentenceAnalysis]]:
        """Per article (in the given order), the analysis of each of its sentences, over
        every core for a large batch (`parallel.py`). `progress(done, total)` is called as
        articles complete."""
        from news_rag.index.analysis.parallel import analyse_in_workers, processes_for

        sentences = sum(len(article.spans) for article in articles)
        processes = self.n_process or processes_for(sentences)
        if processes > 1 and len(articles) > 1:
            results = analyse_in_workers(self, articles, processes, progress)
        else:
            results = self.analyse_serial(articles, progress=progress)
        self.articles_analysed += len(articles)
        return results

    def analyse_serial(
        self, articles: Sequence[ArticleInput], *, progress: Progress | None = None
    ) -> list[list[SentenceAnalysis]]:
        """`analyse` in this process alone."""
        results: list[list[SentenceAnalysis]] = [[] for _ in articles]
        pending: dict[int, list[Any]] = {}
        done = 0
        for doc, (number, _ordinal) in self._docs(articles):
            docs = pending.setdefault(number, [])
            docs.append(doc)
            if len(docs) == len(articles[number].spans):
                results[number] = analyse_or_fall_back(articles[number], pending.pop(number))
                done += 1
                if progress is not None:
                    progress(done, len(articles))
        for number, article in enumerate(articles):
            if not article.spans:
                results[number] = []
        return results

    def analyse_article(self, article: ArticleInput) -> list[SentenceAnalysis]:
        return self.analyse([article])[0]


def analyse_article(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    published: str | None = None,
    author: str | None = None,
    outlet: str | None = None,
    article_id: str = "",
) -> list[SentenceAnalysis]:
    """One article's sentence analysis, with the process-wide model."""
    article = ArticleInput(article_id, text, tuple(spans), published, author, outlet)
    return Analyser().analyse([article])[0]
