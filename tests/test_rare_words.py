"""A question's word that is no English word and rare in the corpus names the thing asked
about ("Who led the veltrastat trial?"): an article naming it is on topic, one that does not
beside it is off-topic (`rare_words`, `expansion.coverage`). Real spaCy model and embedder
over a real index of stories written for the test; the corpus-size floor is lowered for
three stories (`MIN_CHUNKS`, set for corpora of 1,000 chunks and more)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

TRIAL = (
    "Title: Heartwell drug cuts heart attacks in late-stage trial\n"
    "Outlet: Health Today\nAuthor: Priya Natarajan\nDate: 2025-06-02\n\n"
    "An experimental cholesterol pill made by Heartwell Pharmaceuticals reduced heart attacks "
    "and strokes by 21 percent in a late-stage trial, the company said on Monday.\n\n"
    "The trial followed 14,500 patients. Patients taking the drug, called veltrastat, also "
    "saw their LDL cholesterol fall by 48 percent.\n\n"
    '"These are the results we hoped for," said Dr. Amara Okoye, the trial\'s lead '
    "investigator at the University of Lagos.\n"
)
VACCINE = (
    "Title: Malaria vaccine protects farm workers\n"
    "Outlet: Health Wire\nAuthor: Grace Mensah\nDate: 2025-12-02\n\n"
    "A new malaria vaccine protected 78 percent of farm workers in a trial in Ghana.\n\n"
    '"This is a turning point for workers who cannot avoid mosquito exposure," said Dr Kwame '
    "Boateng, who led the trial.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("rare")
    return assistant_over(root, {"trial.txt": TRIAL, "vaccine.txt": VACCINE}, real_embedder)


def test_the_story_naming_the_rare_word_answers(
    assistant: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from news_rag.rag.answer import rare_words

    monkeypatch.setattr(rare_words, "MIN_CHUNKS", 0)
    answer = assistant.ask("Who led the veltrastat trial?")
    assert answer.short_answer is not None, answer.answer
    assert "Okoye" in answer.short_answer.text, answer.answer


def test_english_words_are_not_rare(assistant: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from news_rag.rag.answer import rare_words
    from news_rag.rag.question.parse import parse

    monkeypatch.setattr(rare_words, "MIN_CHUNKS", 0)
    reader = assistant.reader
    assert rare_words.rare_words(parse("Who led the veltrastat trial?"), reader, ()) == (
        "veltrastat",
    )
    assert rare_words.rare_words(parse("Who rescued the farm workers?"), reader, ()) == ()


def test_a_small_corpus_has_no_rare_words(assistant: Any) -> None:
    from news_rag.rag.answer.rare_words import rare_words
    from news_rag.rag.question.parse import parse

    assert rare_words(parse("Who led the veltrastat trial?"), assistant.reader, ()) == ()
