"""The analyser: spaCy runs once per article, then the stages compose over its parse.

Like BBC's Citron (`citron.py` only wires `cue`, `content`, `source`, `coreference`), this
module only wires: `quotes` (content), `cue`, `source`, `coreference`, `hedge`, `dates`.
Each sentence is parsed on its own (the caller's spans are the sentences), in batches over
all articles with `nlp.pipe`.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from news_rag.index.analysis.article import analyse_sentences
from news_rag.index.analysis.described import resolved
from news_rag.index.analysis.model import load_pipeline
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.analysis.segments import segments, shifted
from news_rag.index.analysis.story_names import Untagged, shifted_runs, with_story_names

Progress = Callable[[int, int], None]  # (articles done, articles in all)

# Sentences per spaCy batch. spaCy's own default for this model is 256 (config.cfg); larger
# batches gave no speed-up on 2 cores and cost memory.
DEFAULT_BATCH_SIZE = 256


# Dots with single spaces between them: an ellipsis set the wire's way (". . .").
_SPACED_ELLIPSIS = re.compile(r"\.(?: \.)+")
# Inline markup that cleaned text may still hold; blanked (same length) before parsing so it
# does not split names ("**Gen. Valery Gerasimov**").
_MARKUP = ("<strong>", "</strong>", "<em>", "</em>", "<u>", "</u>", "<b>", "</b>", "<i>", "</i>")


def spacy_text(text: str) -> str:
    """The text as spaCy should read it, with the same offsets: whitespace characters made
    spaces (a wire line break inside a sentence must not split the parse), `*` emphasis and
    inline tags blanked, a spaced ellipsis closed up (". . . Iran against U.S. vessels,"
    Walters said: spaced, its dots end a sentence inside the quote and "Iran" becomes who
    said it)."""
    for tag in _MARKUP:
        text = text.replace(tag, " " * len(tag))
    text = _SPACED_ELLIPSIS.sub(_closed_up, text)
    return "".join(" " if ch.isspace() or ch == "*" else ch for ch in text)


def _closed_up(match: re.Match[str]) -> str:
    """A spaced ellipsis as "...  ": the dots together, the spaces after them (same length)."""
    dots = match.group().count(".")
    return "." * dots + " " * (len(match.group()) - dots)


def analyse_or_fall_back(article: ArticleInput, docs: Iterable[Any]) -> list[SentenceAnalysis]:
    """`analyse_parsed` over the article's segments (`segments.py`: the article itself unless
    it is huge), consuming its parsed sentences as they come; the names the story tags
    elsewhere read over the whole article (`story_names`). Should the analysis fail on a
    segment (a bug, an input nobody foresaw), that segment's sentences get only the fallback
    claimant and a warning names the article: one article must not stop a corpus."""
    stream = iter(docs)
    records: list[SentenceAnalysis] = []
    untagged: list[list[Untagged]] = []
    for segment in segments(article):
        own = islice(stream, len(segment.article.spans))
        try:
            found, runs = analyse_sentences(segment.article, own)
        except Exception as exc:
            deque(own, maxlen=0)  # the segment's unread sentences are not the next one's
            logging.getLogger(__name__).warning(
                "analysis of %s failed (%s: %s); its sentences are stored without claimants, "
                "entities or dates",
                article.article_id, type(exc).__name__, exc,
            )  # fmt: skip
            found = [_unanalysed(segment.article, n, start, end)
                     for n, (start, end) in enumerate(segment.article.spans)]  # fmt: skip
            runs = [[] for _ in found]
        records.extend(shifted(record, segment) for record in found)
        untagged.extend(shifted_runs(r, segment.offset) for r in runs)
    joined = with_story_names(records, untagged, article.text)  # the whole article, its cut joined
    return resolved(joined)


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
        """`analyse` in this process alone, streaming: each article's parsed sentences are
        analysed as spaCy yields them, so at most a batch of Docs is held at once."""
        docs = (doc for doc, _key in self._docs(articles))
        results: list[list[SentenceAnalysis]] = []
        for number, article in enumerate(articles):
            own = islice(docs, len(article.spans))
            results.append(analyse_or_fall_back(article, own))
            deque(own, maxlen=0)  # never read another article's sentences as this one's
            if progress is not None:
                progress(number + 1, len(articles))
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
