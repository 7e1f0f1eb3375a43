"""Which quotes the answer shows (rag/answer/proof.py) with the proof ranker's probability:
a sentence quoted only for scoring close to the first needs the ranker's support (a share
of the first's probability; an absolute floor when the first holds the answer span); with
the real models over the sample and a Reuters subset. A first quote the ranker is sure of
(`sure_proof`) stands alone. A sentence of the first quote's own story needs more of the
first's probability (`own_story_quote_ratio`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from news_rag.rag.assistant import Assistant
from news_rag.rag.settings import Settings

QUESTIONS = [
    "How many fighters from ex-USSR states died, according to Moscow's chief of staff?",
    "When did the Syrian army capture al-Bukamal?",
    "How many ISIS vehicle-borne improvised explosive devices did the Iraqi army destroy?",
    "Who said the US is training militants at al-Tanf?",
    "Which militant group fought the SAA at the Armored Vehicle Base in Eastern Ghouta?",
    "Who said that ISIS controlled up to 70% of Syrian territory at its peak?",
]


def _assistant(
    index_dir: Any, embedder: Any, least: float, ratio: float, sure: float = 1.0, own: float = 0.0
) -> Assistant:
    settings = Settings()
    answer = replace(
        settings.answer,
        extra_quote_probability=least,
        extra_quote_ratio=ratio,
        sure_proof=sure,
        own_story_quote_ratio=own,
    )
    return Assistant.open(index_dir, settings=replace(settings, answer=answer), embedder=embedder)


@pytest.fixture(scope="module")
def every_quote(sample_index_dir: Any, real_embedder: Any) -> Assistant:
    return _assistant(sample_index_dir, real_embedder, 0.0, 0.0)


@pytest.fixture(scope="module")
def strict(sample_index_dir: Any, real_embedder: Any) -> Assistant:
    return _assistant(sample_index_dir, real_embedder, 0.99, 0.0)


@pytest.fixture(scope="module")
def relative(sample_index_dir: Any, real_embedder: Any) -> Assistant:
    return _assistant(sample_index_dir, real_embedder, 0.0, 0.99)


@pytest.fixture(scope="module")
def sure(sample_index_dir: Any, real_embedder: Any) -> Assistant:
    return _assistant(sample_index_dir, real_embedder, 0.0, 0.0, sure=0.0)


@pytest.fixture(scope="module")
def own_story(sample_index_dir: Any, real_embedder: Any) -> Assistant:
    return _assistant(sample_index_dir, real_embedder, 0.0, 0.0, own=0.99)


@pytest.mark.parametrize("bar", ["strict", "relative", "sure", "own_story"])
@pytest.mark.parametrize("question", QUESTIONS)
def test_a_higher_bar_never_adds_quotes_and_keeps_the_first(
    every_quote: Assistant, request: pytest.FixtureRequest, bar: str, question: str
) -> None:
    strict: Assistant = request.getfixturevalue(bar)
    loose, tight = every_quote.ask(question), strict.ask(question)
    assert loose.abstained == tight.abstained
    assert len(tight.citations) <= len(loose.citations)
    if loose.citations:
        assert tight.citations[0].quote == loose.citations[0].quote
        assert tight.short_answer == loose.short_answer


@pytest.mark.parametrize("bar", ["strict", "relative", "sure"])
def test_the_bar_drops_quotes_somewhere_and_keeps_them_on_request(
    every_quote: Assistant, request: pytest.FixtureRequest, bar: str
) -> None:
    strict: Assistant = request.getfixturevalue(bar)
    dropped = 0
    for question in QUESTIONS:
        loose, tight = every_quote.ask(question), strict.ask(question)
        dropped += len(loose.citations) - len(tight.citations)
        shown = {c.quote for c in tight.citations} | {c.quote for c in tight.more_citations}
        assert {c.quote for c in loose.citations} <= shown  # left out, not lost
    assert dropped > 0
