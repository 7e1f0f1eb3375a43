"""The proof ranker (rag/answer/proof_ranker.py): the fitted file matches the features, the
ranking is by the fitted probability, and the answer quotes the likeliest sentence first,
with the real models over the sample index."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from typing import Any

import pytest
from news_rag.rag.answer.logistic import load, probability
from news_rag.rag.answer.proof_ranker import MODEL_FILE, SentenceFeatures, recording, usable


def _shipped() -> dict[str, Any]:
    path = resources.files("news_rag.rag.answer") / "data" / MODEL_FILE
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_the_shipped_model_is_fitted_on_these_features_and_names_its_command() -> None:
    data = _shipped()
    assert tuple(data["features"]) == SentenceFeatures.names()
    assert "train_proof_ranker" in data["command"]
    assert load(MODEL_FILE, SentenceFeatures.names()) is not None


def test_a_stale_file_is_never_applied() -> None:
    assert load(MODEL_FILE, ("score_gap", "relevance")) is None


def test_a_better_score_and_no_rival_name_raise_the_probability() -> None:
    data = _shipped()
    base = dict.fromkeys(SentenceFeatures.names(), 0.0)
    good = SentenceFeatures(**{**base, "score_gap": 0.0, "sentence_names": 1.0})
    worse = SentenceFeatures(**{**base, "score_gap": -0.5, "sentence_names": 1.0})
    assert probability(good.vector(), data) > probability(worse.vector(), data)


QUESTIONS = [
    "How many fighters from ex-USSR states died, according to Moscow's chief of staff?",
    "Who said the US is training militants at al-Tanf?",
    "When did the Syrian army capture al-Bukamal?",
]


@pytest.fixture(scope="module")
def ranking_assistant(sample_index_dir: Any, real_embedder: Any) -> Any:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    settings = Settings()
    on = replace(settings, answer=replace(settings.answer, proof_ranker=True))
    return Assistant.open(sample_index_dir, settings=on, embedder=real_embedder)


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_answer_quotes_the_likeliest_sentence(ranking_assistant: Any, question: str) -> None:
    with recording() as rows:
        answer = ranking_assistant.ask(question)
    assert rows and not answer.abstained
    assert all(0.0 < r.probability < 1.0 for r in rows[-1])
    best = usable(sorted(rows[-1], key=lambda r: -r.probability))[0].evidence
    cited = {(c.article_id, c.char_start) for c in answer.citations}
    assert (best.article.id, best.cand.start) in cited


def test_off_by_default_nothing_is_ranked_and_the_answer_still_comes(
    sample_assistant: Any,
) -> None:
    assert not sample_assistant.settings.answer.proof_ranker
    for question in QUESTIONS:
        with recording() as rows:
            answer = sample_assistant.ask(question)
        assert not rows
        assert not answer.abstained and answer.citations
