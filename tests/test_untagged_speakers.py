"""A speaker the attribution found where NER found no name answers "who" as a tagged person
would (`rag.answer.untagged_speakers`): `"...," said Min-jun Park, who leads the company's
display unit.` (the small model tags nothing there). Real spaCy model and embedder over a
real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

LAUNCH = (
    "Title: Orvane unveils a rollable screen\n"
    "Outlet: Gadget Wire\nAuthor: Staff\nDate: 2025-09-10\n\n"
    "Orvane, the electronics maker based in Seoul, unveiled a rollable television screen on "
    "Tuesday.\n\n"
    '"We waited until we could make a screen that people would actually want in their '
    "living rooms,\" said Min-jun Park, who leads the company's display unit.\n\n"
    "Shares in Orvane rose 2.1 percent in Seoul after the launch.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("speakers")
    return assistant_over(root, {"launch.txt": LAUNCH}, real_embedder)


def test_an_untagged_speaker_answers_who(assistant: Any) -> None:
    answer = assistant.ask("Who leads Orvane's display unit?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Min-jun Park", answer.answer


def test_only_a_name_is_a_speaker() -> None:
    from news_rag.index.analysis.records import SentenceAnalysis
    from news_rag.rag.answer.untagged_speakers import untagged_speaker

    def said(name: str) -> Any:
        text = f'"We are ready," said {name}.'
        start = text.index(name)
        info = SentenceAnalysis(
            0,
            0,
            len(text),
            name,
            (start, start + len(name)),
            True,
            "said",
            None,
            None,
            False,
            (),
            None,
        )
        return untagged_speaker(info, text)

    assert said("Min-jun Park") is not None
    assert said("Abu Bakr al-Baghdadi") is not None
    for other in ("Orvane Electronics Corp", "NBC", "the spokeswoman", "Park"):
        assert said(other) is None, other
