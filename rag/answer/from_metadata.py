"""Questions about an article's metadata ("Who wrote …", "When was … published?").

The article is, among the retrieved ones that name the most of the question's names ("the
report in which Maria Zakharova's al-Tanf remarks are quoted"), the one whose title and
passages best match the question; the answer comes from the stored metadata (never guessed)
and cites the article.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from news_rag.index.encoders.minilm import Embedder
from news_rag.index.sentences import split_sentences
from news_rag.index.store.reader import IndexReader
from news_rag.index.types import Article
from news_rag.rag.answer.corpus import tables
from news_rag.rag.answer.coverage import name_forms, names_covered, question_names
from news_rag.rag.answer.evidence import fallback_claimant
from news_rag.rag.answer.refusal import abstain
from news_rag.rag.passages import source_label
from news_rag.rag.question.intent import Intent
from news_rag.rag.types import Answer, Citation, Passage

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_MISSING = {
    "author": "who wrote {title}",
    "published": "when {title} was published",
    "outlet": "which outlet published {title}",
    "original_source": "where {title} was originally published",
}


def pick_article(
    query_vector: npt.NDArray[np.float32],
    passages: Sequence[Passage],
    articles: Mapping[str, Article],
    embedder: Embedder,
    names: Sequence[Sequence[str]] = (),
) -> Article | None:
    """The article best matching the question: of those naming the most of `names` (each
    given as its `name_forms`), the best by title similarity plus passage rank."""
    import numpy as np

    candidates = list(dict.fromkeys(p.article_id for p in passages))
    if not candidates:
        return None
    if names:
        covered = {a: names_covered(articles[a], names) for a in candidates}
        most = max(covered.values())
        candidates = [a for a in candidates if covered[a] == most]
    titles = [articles[a].title or "" for a in candidates]
    title_sims = embedder.encode(titles) @ query_vector.astype(np.float32)
    best_passage = {a: max(p.score for p in passages if p.article_id == a) for a in candidates}
    top = max(best_passage.values()) or 1.0
    scored = [
        (float(title_sims[i]) + 0.5 * best_passage[a] / top, a) for i, a in enumerate(candidates)
    ]
    return articles[max(scored)[1]]


def _value(article: Article, field: str) -> str | None:
    if field == "author":
        return article.author
    if field == "published":
        return article.published
    if field == "outlet":
        return article.outlet
    if field == "original_source":
        if not article.original_source:
            return None
        when = f" on {article.original_published}" if article.original_published else ""
        return f"{article.original_source}{when}"
    return None


def describe(article: Article) -> str:
    parts = []
    if article.author:
        parts.append(f"written by {article.author}")
    if article.outlet:
        parts.append(f"published by {article.outlet}")
    if article.published:
        parts.append(f"on {article.published}")
    if article.original_source:
        origin = article.original_source
        if article.original_published:
            origin += f" ({article.original_published})"
        parts.append(f"re-posted from {origin}")
    return ", ".join(parts) if parts else "without author, outlet or date"


def missing_reason(field: str, article: Article) -> str | None:
    """What the abstention says when the article's metadata lacks the field asked for."""
    if _value(article, field) is not None:
        return None
    title = f"“{article.title}”" if article.title else f"article {article.id}"
    return f"{_MISSING[field].format(title=title)} (its metadata: {describe(article)})"


def metadata_answer(field: str, article: Article) -> tuple[str, Citation]:
    title = f"“{article.title}”" if article.title else f"Article {article.id}"
    text = f"{title} was {describe(article)} [1]."
    spans = split_sentences(article.text)
    start, end = spans[0] if spans else (0, min(len(article.text), 200))
    citation = Citation(
        n=1,
        quote=article.text[start:end],
        char_start=start,
        char_end=end,
        claimant=fallback_claimant(article),
        score=1.0,
        source=source_label(article),
        passage_start=start,
        passage_end=end,
    )
    return text, citation


def answer_from_metadata(
    intent: Intent,
    field: str,
    vector: npt.NDArray[np.float32],
    passages: list[Passage],
    reader: IndexReader,
    embedder: Embedder,
) -> Answer | None:
    """The answer to a metadata question from the best-matching article, a refusal naming
    the missing field, or None when no article fits."""
    corpus = tables(reader)
    names = [name_forms(name, corpus) for name in question_names(intent)]
    article = pick_article(vector, passages, reader.articles(), embedder, names)
    if article is None:
        return None
    missing = missing_reason(field, article)
    if missing is not None:
        return abstain(intent.question, passages, missing)
    text, citation = metadata_answer(field, article)
    return Answer(intent.question, text, False, (citation,), tuple(passages), "metadata")
