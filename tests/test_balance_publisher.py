"""Source balance (rag/answer/balance.py, issue 22): each voice is a claimant with the
publisher that reports them, the outlet else the re-posted source else the author, so that
a claim an article attributes ("ISIS claimed ...") reads as that publisher's report."""

from __future__ import annotations

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.types import Article
from news_rag.rag.answer.balance import balance, publisher
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.candidates import Candidate
from news_rag.rag.render import balance_line
from news_rag.rag.types import Citation, Passage, SourceLabel

TEXT = "ISIS claimed that its members hit two tanks. Bombers struck ISIS positions."
CLAIM = (0, 44)
STRIKE = (45, len(TEXT))


def _label(article_id: str, outlet: str | None, author: str | None) -> SourceLabel:
    return SourceLabel(article_id, "A title", outlet, author, "2017-11-20", None, "a.txt")


def _article(article_id: str, outlet: str | None, author: str | None) -> Article:
    return Article(article_id, TEXT, "a.txt", "0" * 64, "A title", (author,) if author else (),
                   outlet, "2017-11-20")  # fmt: skip


def _analysis(span: tuple[int, int], claimant: str | None) -> SentenceAnalysis:
    return SentenceAnalysis(0, *span, claimant, None, claimant is not None, None, None, None,
                            False, (), None)  # fmt: skip


def _passage(article: Article, label: SourceLabel) -> Passage:
    return Passage(article.id, 0, TEXT, 1.0, 0, len(TEXT), label)


def _evidence(article: Article, passage: Passage, rank: int, claimant: str | None,
              span: tuple[int, int], relevance: float) -> Evidence:  # fmt: skip
    cand = Candidate(article, *span, passage, rank, relevance, 0.0, relevance, 0)
    return Evidence(cand, _analysis(span, claimant), 0, relevance, False, False)


def test_the_publisher_is_the_outlet_else_the_reposted_source_else_the_author() -> None:
    assert publisher(_label("a", "Global Research", "South Front")) == "Global Research"
    assert publisher(_label("a", None, "South Front")) == "South Front"
    reposted = SourceLabel("a", None, None, "Jane Doe", None, None, "a.txt", "South Front")
    assert publisher(reposted) == "South Front"
    assert publisher(_label("a", None, None)) is None


def test_an_attributed_claim_is_counted_with_the_article_that_reports_it() -> None:
    cited_article = _article("cited", "Global Research", "South Front")
    other_article = _article("other", None, "South Front")  # no outlet: the author publishes
    cited_label = _label("cited", "Global Research", "South Front")
    other_label = _label("other", None, "South Front")
    passages = [_passage(cited_article, cited_label), _passage(other_article, other_label)]
    citation = Citation(1, TEXT[STRIKE[0] : STRIKE[1]], *STRIKE, "South Front", 1.0,
                        cited_label, 0, len(TEXT))  # fmt: skip
    pool = [
        _evidence(cited_article, passages[0], 0, None, STRIKE, 0.9),
        _evidence(other_article, passages[1], 1, "ISIS", CLAIM, 0.5),
    ]
    found = balance([citation], passages, pool, threshold=0.4)
    assert [(e.claimant, e.outlet, e.count) for e in found.rests_on] == [
        ("South Front", "Global Research", 1)
    ]
    assert [(e.claimant, e.outlet) for e in found.also_in_results] == [("ISIS", "South Front")]
    line = balance_line(found)
    assert line == (
        "Rests on: South Front (Global Research) · Also in the results, not cited: "
        "ISIS (South Front)"
    )
