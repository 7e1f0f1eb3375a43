"""Which article a metadata question means, and which sentences are quoted after the first:
the article naming the question's names, and no extra quote whose value is only in the
sentences after it. Real spaCy analysis and the real embedder; hand-set scores."""

from __future__ import annotations

from dataclasses import replace

from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput
from news_rag.index.encoders.minilm import SentenceTransformerEmbedder
from news_rag.index.types import Article
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.from_metadata import pick_article
from news_rag.rag.answer.select import choose
from news_rag.rag.candidates import Candidate
from news_rag.rag.passages import source_label
from news_rag.rag.settings import AnswerSettings
from news_rag.rag.types import Passage


def _article(article_id: str, title: str, text: str) -> Article:
    return Article(id=article_id, text=text, source_path=f"{article_id}.txt",
                   content_hash=article_id, title=title, outlet="Wire")  # fmt: skip


def _passage(article: Article, score: float) -> Passage:
    text = article.text
    return Passage(article.id, 0, text, score, 0, len(text), source_label(article))


def test_a_metadata_question_means_the_article_naming_its_names(
    real_embedder: SentenceTransformerEmbedder,
) -> None:
    question = "When did Wire publish the report quoting Karl Brandt on the guilder?"
    titled = _article(
        "a", "Wire report on the guilder", "Currency dealers sold guilders on Monday."
    )
    said = "Finance minister Karl Brandt said the guilder would stay in the band."
    naming = _article("b", "Markets at the close", said)
    passages = [_passage(titled, 0.03), _passage(naming, 0.03)]
    articles = {"a": titled, "b": naming}
    vector = real_embedder.encode([question])[0]
    # By title and passage score alone the first article wins; it never names Karl Brandt.
    assert pick_article(vector, passages, articles, real_embedder) is titled
    names = [("Karl Brandt",), ("guilder",)]
    assert pick_article(vector, passages, articles, real_embedder, names) is naming


def _evidence(article: Article, start: int, end: int, score: float, adds: bool) -> Evidence:
    spans = ((0, 40), (41, len(article.text)))
    rows = Analyser().analyse([ArticleInput(article.id, article.text, spans, "1987-03-06")])[0]
    ordinal = 0 if start == 0 else 1
    passage = _passage(article, 1.0)
    cand = Candidate(article, start, end, passage, 0, 0.9, 0.5, 0.9, 0)
    return Evidence(cand, rows[ordinal], ordinal, score, adds, False)


def test_a_sentence_whose_value_is_only_after_it_is_no_extra_quote() -> None:
    text = "Globex sold its Ohio plant to Vandelay. The price was 80 mln dlrs, Globex said."
    article = _article("g", "Globex sells plant", text)
    answer = _evidence(article, 41, len(text), 0.95, adds=True)
    lead = replace(_evidence(article, 0, 40, 0.94, adds=True), borrowed=True)
    settings = AnswerSettings()
    assert choose([answer, lead], settings) == [answer]
    # First, it is the answer's lead: its value is quoted with it (`completion.neighbours`).
    assert choose([replace(lead, score=0.96), answer], settings)[0].borrowed
