"""Causes (real spaCy model): the reason a sentence gives is stored as a CAUSE entity, and a
"why" question asks for one."""

from __future__ import annotations

import pytest
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput
from news_rag.index.sentences import split_sentences
from news_rag.rag.question.parse import parse


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def _causes(analyser: Analyser, text: str) -> list[str]:
    article = ArticleInput("a", text, tuple(split_sentences(text)), "2024-03-06", None, "Wire")
    return [e.text for r in analyser.analyse([article])[0] for e in r.entities
            if e.label == "CAUSE"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("The trip remains uncertain because of the continuing boycott by the opposition.",
         "because of the continuing boycott by the opposition"),
        ("The plant closed because demand fell sharply, the company said.",
         "because demand fell sharply"),
        ("The delay was due to a strike at the port.", "due to a strike at the port"),
        ("The army stayed in order to reduce the influence of Iran.",
         "in order to reduce the influence of Iran"),
        ("The bank raised rates so that inflation would fall.", "so that inflation would fall"),
    ],
)  # fmt: skip
def test_a_reason_is_a_cause(analyser: Analyser, text: str, cause: str) -> None:
    assert _causes(analyser, text) == [cause]


def test_a_due_date_is_no_cause(analyser: Analyser) -> None:
    assert _causes(analyser, "The bond is due on Tuesday, the treasury said.") == []


def test_a_why_question_asks_for_a_cause() -> None:
    assert parse("Why was the minister's trip to Washington uncertain?").expected_types == (
        "CAUSE",
    )
