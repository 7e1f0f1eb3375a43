"""Small hand-made eval records shared by the metric and aggregation tests."""

from __future__ import annotations

from news_rag.eval.records import Question

EVIDENCE = (
    "According to pro-HTS sources, 15 SAA soldiers were killed during the clashes near the hill."
)
OTHER = "On November 24, the SAA and its allies advanced further in the direction of al-Bukamal."


def passage(article_id: str, text: str = "x", score: float = 0.5) -> dict[str, object]:
    return {"article_id": article_id, "text": text, "score": score}


def question(**changes: object) -> Question:
    data: dict[str, object] = {
        "id": "q1",
        "type": "attribution",
        "question": "According to whom were 15 SAA soldiers killed?",
        "answers": ["pro-HTS sources", "pro-HTS"],
        "articles": ["A"],
        "evidence": [EVIDENCE],
        "claimant": "pro-HTS sources",
        "follows": None,
    }
    data.update(changes)
    return Question.from_dict(data)


def citation(article_id: str, quote: str, claimant: str = "", **label: str | None) -> dict:
    return {"article_id": article_id, "quote": quote, "claimant": claimant, **label}
