"""The chat's start (issue 22, item 7): opened on an index directory it starts loading the
index before Textual builds the screen, shows it ready, and only then starts loading the
question parser, whose imports would hold the GIL while the screen is built. Real sample
index and model; no timing is asserted (`rag benchmark coldstart` prints it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_rag.rag.question import nlp
from news_rag.tui.widgets.messages import AnswerView

from tests.tui_helpers import RecordingApp, ask, run_async, wait_ready

pytestmark = pytest.mark.model


@run_async
async def test_the_chat_loads_the_index_early_and_the_parser_once_shown_ready(
    sample_index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started_after_ready: list[bool] = []
    state = nlp._Preload()
    monkeypatch.setattr(nlp, "_preload", state)
    real_preload = nlp.preload

    app = RecordingApp(index_dir=sample_index_dir, sessions_path=tmp_path / "s.sqlite")

    def preload() -> None:
        started_after_ready.append(app.chat.ready and app.chat.ready_at is not None)
        real_preload()

    monkeypatch.setattr(nlp, "preload", preload)
    assert app.assistant is not None  # opened, and loading, before the app runs
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        for _ in range(50):
            if started_after_ready:
                break
            await pilot.pause(0.02)
        assert started_after_ready == [True]
        await ask(pilot)
        answers = list(app.screen.query(AnswerView))
        assert len(answers) == 1 and answers[0].answer.citations
        assert app.errors() == []


@run_async
async def test_an_unusable_index_setting_is_reported_by_the_chat_screen(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    app = RecordingApp(index_dir=not_a_folder, sessions_path=tmp_path / "s.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            if app.errors():
                break
            await pilot.pause(0.02)
        assert not app.chat.ready
        assert len(app.errors()) == 1 and str(not_a_folder) in app.errors()[0], app.errors()
