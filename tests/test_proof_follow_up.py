"""A follow-up's close-scoring extra quotes come only from the articles the conversation
cited (`proof.prove`, `within`): "For how much?" after an answer about one sale is not
answered again from another article's sale. Real spaCy analysis, hand-set scores."""

from __future__ import annotations

from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput
from news_rag.index.types import Article
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.proof import prove
from news_rag.rag.candidates import Candidate
from news_rag.rag.passages import source_label
from news_rag.rag.question.parse import parse
from news_rag.rag.settings import AnswerSettings
from news_rag.rag.types import Passage


def _evidence(article_id: str, text: str, score: float) -> Evidence:
    [info] = Analyser().analyse([ArticleInput(article_id, text, ((0, len(text)),), "2024-03-06")])[
        0
    ]
    article = Article(id=article_id, text=text, source_path=f"{article_id}.txt",
                      content_hash=article_id, outlet="Wire")  # fmt: skip
    passage = Passage(article_id, 0, text, 1.0, 0, len(text), source_label(article))
    cand = Candidate(article, 0, len(text), passage, 0, 0.9, 0.5, 0.9, 0)
    return Evidence(cand, info, 0, score, True, False)


def test_a_follow_up_keeps_its_extra_quotes_in_the_conversations_articles() -> None:
    intent = parse("For how much did Globex sell the plant?")
    first = _evidence("a", "Globex sold the Ohio plant to Vandelay for 80 mln dlrs.", 0.95)
    same = _evidence("a", "Globex also sold its Texas plant for 20 mln dlrs.", 0.94)
    other = _evidence("b", "Initech sold a plant in Utah for 35 mln dlrs.", 0.94)
    settings = AnswerSettings()
    everywhere = prove([first, same, other], intent, settings)
    assert other in everywhere.shown  # a fresh question may quote another article
    kept = prove([first, same, other], intent, settings, within=("a",))
    assert kept.shown == [first, same]
    assert other in kept.more  # left out, shown on request
