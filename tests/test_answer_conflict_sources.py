"""Who counts as a second source for a disagreement (`rag/answer/conflicts.py`): another
article, or another claimant the same article names, never the article's own voice."""

from __future__ import annotations

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.types import Article
from news_rag.rag.answer.conflicts import different_sources
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.candidates import Candidate
from news_rag.rag.passages import source_label
from news_rag.rag.types import Passage

TEXT = (
    "Imports will rise to 7.75 billion dlrs, the statistics department said. "
    "It is expected to rise to 4.68 billion dlrs. "
    "Traders said imports would rise to 9 billion dlrs."
)


def _evidence(article: Article, sentence: str, claimant: str | None) -> Evidence:
    start = article.text.index(sentence)
    end = start + len(sentence)
    passage = Passage(article.id, 0, article.text, 1.0, 0, len(article.text), source_label(article))
    cand = Candidate(article, start, end, passage, 0, 0.9, 0.5, 0.9, 0)
    info = SentenceAnalysis(
        0, start, end, claimant or "Wire Daily", None, claimant is not None, None, None,
        None, False, (), None,
    )  # fmt: skip
    return Evidence(cand, info, 0, 0.9, True, False)


def _article(article_id: str) -> Article:
    return Article(id=article_id, text=TEXT, source_path="a.txt", content_hash="h",
                   outlet="Wire Daily")  # fmt: skip


def test_the_articles_own_voice_is_not_a_second_source() -> None:
    article = _article("a")
    department = _evidence(article, TEXT.split(". ", maxsplit=1)[0] + ".", "statistics department")
    narrator = _evidence(article, "It is expected to rise to 4.68 billion dlrs.", None)
    traders = _evidence(article, "Traders said imports would rise to 9 billion dlrs.", "Traders")
    assert not different_sources(department, narrator)
    assert different_sources(department, traders)  # two claimants the article names
    other = _evidence(_article("b"), "It is expected to rise to 4.68 billion dlrs.", None)
    assert different_sources(department, other)  # another article
