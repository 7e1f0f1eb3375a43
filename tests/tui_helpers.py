"""Helpers for the TUI tests: a notification-recording app, waiting for workers, asking."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from news_rag.rag import Conversation
from news_rag.tui.app import ChatApp
from news_rag.tui.screens.chat import ChatScreen
from news_rag.tui.widgets.chat_input import ChatInput
from news_rag.tui.widgets.sources import CitationItem

QUESTION = "Who said the US is training militants at al-Tanf?"


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with asyncio.run (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


class RecordingApp(ChatApp):
    """ChatApp that keeps every notification as (severity, title, message)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notes: list[tuple[str, str, str]] = []

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:  # fmt: skip
        self.notes.append((str(severity), title, message))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def errors(self) -> list[str]:
        return [message for severity, _, message in self.notes if severity == "error"]


def chat(app: ChatApp) -> ChatScreen:
    return app.chat


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let workers finish and their call_from_thread callbacks (and mounts) run."""
    for _ in range(rounds):
        # only the thread workers: screens awaiting a modal are workers too, and never end
        busy = [w for w in pilot.app.workers if w.group in ("ask", "load")]
        if busy:  # an empty list would mean "all workers"
            with contextlib.suppress(WorkerCancelled):
                await pilot.app.workers.wait_for_complete(busy)
        await pilot.pause()


async def wait_ready(pilot: Pilot[Any], app: ChatApp) -> None:
    for _ in range(200):
        await settle(pilot, 1)
        if app.chat.ready:
            return
    raise AssertionError(f"the index never became ready: {app.chat._state}")


async def type_and_send(pilot: Pilot[Any], text: str) -> None:
    box = pilot.app.screen.query_one(ChatInput)
    box.focus()
    box.value = text
    await pilot.press("enter")


async def ask(pilot: Pilot[Any], text: str = QUESTION) -> None:
    await type_and_send(pilot, text)
    await settle(pilot)


def citation_texts(app: ChatApp) -> list[str]:
    """The plain text of every card in the sources pane."""
    return [item.card.plain for item in app.screen.query(CitationItem)]


class SlowAssistant:
    """Wraps the real assistant; `ask()` waits for `release` before answering."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.started = threading.Event()
        self.release = threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def conversation(self) -> Conversation:
        return Conversation(self)  # type: ignore[arg-type]

    def ask(self, question: str, **kwargs: Any) -> Any:
        self.started.set()
        if not self.release.wait(timeout=120):
            raise TimeoutError("the test never released the slow assistant")
        return self.inner.ask(question, **kwargs)


def make_app(assistant: Any, tmp_path: Path, **kwargs: Any) -> RecordingApp:
    return RecordingApp(assistant, sessions_path=tmp_path / "sessions.sqlite", **kwargs)
