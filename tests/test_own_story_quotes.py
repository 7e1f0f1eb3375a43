"""A story's other figures are neighbouring questions' answers: they neither come first for
naming the question's period ("Valmark's exports to the European Union were 14.3 billion
crowns in May" for "What was Valmark's trade surplus in May?", `select.prefer_period` with
`amount_nouns.of_another_amount_noun`), nor stand beside the first quote for scoring close
to it without the proof ranker's support (`own_story_quote_ratio`); they stay on request.
Real spaCy model, embedder and proof ranker over a real index of stories written for the
test."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tests.index_helpers import assert_said_first, index_articles

TRADE = (
    "Title: Valmark exports fall in May\n"
    "Outlet: Northern Trade Wire\nAuthor: Staff\nDate: 2026-06-30\n\n"
    "Valmark's exports to Japan fell to 2.1 billion crowns in May from 2.6 billion crowns in "
    "April, customs data showed on Tuesday.\n\n"
    "Valmark's exports to the European Union were 14.3 billion crowns in May, down from 15.0 "
    "billion crowns in April.\n\n"
    "Total Valmark exports fell to 31.8 billion crowns in May from 33.2 billion crowns a "
    "month earlier.\n\n"
    "Imports rose to 29.5 billion crowns, leaving a trade surplus of 2.3 billion crowns.\n"
)
STEEL = (
    "Title: Harlow Steel profit rises\n"
    "Outlet: Midlands Business Wire\nAuthor: Staff\nDate: 2026-03-04\n\n"
    "Harlow Steel said on Tuesday its 2025 net profit rose to 412 million pounds from 356 "
    "million pounds a year earlier.\n\n"
    "Sales rose 8 percent to 5.9 billion pounds, helped by higher prices for flat steel.\n\n"
    "The company will pay a final dividend of 12 pence a share, up from 10 pence.\n\n"
    "Its order book stood at 2.2 million tonnes at the end of December.\n"
)
RATING = (
    "Title: Norland minister plays down rating cut\n"
    "Outlet: Nordic Markets Wire\nAuthor: Staff\nDate: 2026-04-02\n\n"
    "Finance Minister Lars Holm said today's downgrading of Norland's credit rating by Global "
    "Ratings should not be over-dramatised.\n\n"
    '"The direct effect of the lower rating on our borrowing costs is unlikely to be very '
    'great," Holm told reporters.\n\n'
    '"This change is regrettable but there is no reason to dramatise. This is a change of '
    'nuance," he said.\n\n'
    "Global Ratings cut Norland's long-term rating to AA from AA-plus, citing a rising current "
    "account deficit.\n"
)
QUESTIONS = [
    "How much did Valmark export to Japan in May?",
    "How much did Valmark import in May?",
    "What was Valmark's trade surplus in May?",
    "What was Valmark's trade surplus in April?",
    "What was Harlow Steel's 2025 net profit?",
    "How big was Harlow Steel's order book?",
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"trade.txt": TRADE, "steel.txt": STEEL, "rating.txt": RATING}
    return index_articles(tmp_path_factory.mktemp("figures"), stories, real_embedder)


def _assistant(index_dir: Any, embedder: Any, own: float | None = None) -> Any:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    settings = Settings()
    if own is not None:
        settings = replace(settings, answer=replace(settings.answer, own_story_quote_ratio=own))
    return Assistant(index_dir, settings, embedder)


def test_the_period_does_not_put_another_figure_first(index_dir: Any, real_embedder: Any) -> None:
    assistant = _assistant(index_dir, real_embedder)
    assert_said_first(assistant.ask("What was Valmark's trade surplus in May?"), "2.3 billion")
    assert_said_first(assistant.ask("How much did Valmark import in May?"), "29.5 billion")


def test_the_story_s_other_figures_stay_on_request(index_dir: Any, real_embedder: Any) -> None:
    every, bar = _assistant(index_dir, real_embedder, own=0.0), _assistant(index_dir, real_embedder)
    dropped = 0
    for question in QUESTIONS:
        loose, tight = every.ask(question), bar.ask(question)
        assert tight.citations[0].quote == loose.citations[0].quote
        assert tight.short_answer == loose.short_answer
        shown = {c.quote for c in (*tight.citations, *tight.more_citations)}
        assert {c.quote for c in tight.citations} <= {c.quote for c in loose.citations}
        assert {c.quote for c in loose.citations} <= shown  # left out, not lost
        dropped += len(loose.citations) - len(tight.citations)
    assert dropped > 0


def test_without_an_answer_span_the_story_s_other_sentences_stay_on_request(
    index_dir: Any, real_embedder: Any
) -> None:
    """ "Why ...?" holds no answer span: the first quote's story's other sentences need the
    proof ranker's support too; "How did X describe Y?" shows X's next statement."""
    every, bar = _assistant(index_dir, real_embedder, own=0.0), _assistant(index_dir, real_embedder)
    why = "Why did Global Ratings cut Norland's rating?"
    assert len(bar.ask(why).citations) < len(every.ask(why).citations)
    described = "How did Lars Holm describe the downgrading of Norland's credit rating?"
    said = [c.quote for c in bar.ask(described).citations]
    assert said == [c.quote for c in every.ask(described).citations] and len(said) > 1
