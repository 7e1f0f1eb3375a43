"""Helpers for the TUI tests: a notification-recording app, waiting for workers, asking."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from news_rag.rag import Assistant, Conversation
from news_rag.tui.app import ChatApp
from news_rag.tui.screens.chat import ChatScreen
from news_rag.tui.widgets.chat_input import ChatInput
from news_rag.tui.widgets.sources import CitationItem
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled

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


def visible(markdown: str) -> str:
    """The text a Markdown viewer shows (lines of every text and code span, joined)."""
    from markdown_it import MarkdownIt

    lines = []
    for token in MarkdownIt("gfm-like").parse(markdown):
        if token.type == "inline":
            parts = [c.content for c in token.children or () if c.type in ("text", "code_inline")]
            parts = [p if p else "\n" for p in parts]
            lines.append("".join(parts))
    return "\n".join(lines)


def here(assistant: Any) -> Any:
    """The identity of the assistant's index, as the chat records it on its sessions."""
    from news_rag.tui.index_summary import IndexSummary

    return IndexSummary.of(assistant).identity


def make_app(assistant: Any, tmp_path: Path, **kwargs: Any) -> RecordingApp:
    return RecordingApp(assistant, sessions_path=tmp_path / "sessions.sqlite", **kwargs)


# --- a tiny index whose metadata and text carry Rich/Textual markup --------------------------
HOSTILE_OUTLET = "[link=https://x]T[/link]"
BRACKET_OUTLET = "The Times [UK]"
HOSTILE_AUTHOR = "[@click=app.quit]Evil[/]"
HOSTILE_TITLE = "The Times [UK] on [link=https://x]T[/link]"
HOSTILE_SENTENCE = (
    "The convoy reached the border crossing on Monday [2] according to officials, see "
    "https://example.com/report and [@click=app.quit]quit[/] for more."
)
HOSTILE_RECORDS = [
    {
        "title": HOSTILE_TITLE,
        "outlet": HOSTILE_OUTLET,
        "author": HOSTILE_AUTHOR,
        "date": "2017-11-20",
        "text": f"{HOSTILE_SENTENCE} The bridge was closed for repairs by the army engineers.",
    },
    {
        "title": "Plain [b]bold[/b] title",
        "outlet": BRACKET_OUTLET,
        "author": "Jane [red]Doe[/red]",
        "date": "2018-01-05",
        "text": "Officials said the convoy reached the border crossing on Tuesday. "
        "The bridge reopened after repairs.",
    },
]


def build_markup_index(tmp_path: Path) -> Path:
    """Index HOSTILE_RECORDS with the fake embedder; returns the index directory."""
    import json

    from news_rag.index.pipeline import run_index

    from tests.fakes import FakeEmbedder

    source = tmp_path / "hostile.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in HOSTILE_RECORDS), encoding="utf-8")
    index_dir = tmp_path / "hostile-index"
    run_index([source], index_dir, embedder=FakeEmbedder())
    return index_dir


def markup_assistant(tmp_path: Path) -> Any:
    from news_rag.rag import Assistant

    from tests.fakes import FakeEmbedder

    assistant = Assistant.open(build_markup_index(tmp_path), embedder=FakeEmbedder())
    assistant.load()
    return assistant


def hostile_answer(assistant: Any, *, disagree: bool = False) -> Any:
    """An answer quoting the hostile sentence and the other article's, one line each (or,
    with `disagree`, as the two sides of a disagreement), with a balance naming hostile
    claimants."""
    from news_rag.rag import Answer, Citation
    from news_rag.rag.types import Balance

    articles = sorted(assistant.articles(), key=lambda a: a.published or "")
    first, second = articles
    passages = tuple(assistant.search("convoy border crossing", k=4))
    citations = []
    for n, (article, claimant) in enumerate(
        ((first, HOSTILE_AUTHOR), (second, "Jane [red]Doe[/red]")), start=1
    ):
        end = article.text.index(". ", article.text.index("crossing")) + 1
        label = next(p.source for p in passages if p.article_id == article.id)
        citations.append(
            Citation(
                n,
                article.text[:end],
                0,
                end,
                claimant,
                1.0,
                label,
                0,
                len(article.text),
                conflict_group=0 if disagree else None,
                event_date=article.published,
            )
        )
    lines = [f"{c.quote} [{c.n}]" for c in citations]
    if disagree:
        lines = ["The sources disagree:"] + [
            f"- ({c.source.outlet}, {c.source.published}) {c.quote} [{c.n}]" for c in citations
        ]
    balance = {
        "rests_on": [
            {"claimant": c.claimant, "outlet": c.source.outlet, "count": 1} for c in citations
        ],
        "also_in_results": [
            {
                "claimant": "[@click=app.quit]x[/]",
                "outlet": HOSTILE_OUTLET,
                "count": 1,
                "passage_indexes": [0],
            }
        ],
    }
    return Answer(
        question="When did the convoy reach the border?",
        answer="\n".join(lines),
        abstained=False,
        citations=tuple(citations),
        passages=passages,
        conflicts=((1, 2),) if disagree else (),
        balance=Balance.from_dict(balance),
    )


# --- the al-Bukamal disagreement of the sample, as the answers issue will report it ----------
SOUTH_FRONT_ARTICLE = "003_c20bc0d91e597606"  # "On November 19, ... restored control"
LENDMAN_ARTICLE = "004_348da576ec3a46c1"  # "On Wednesday, ... liberated Albukamal" (Nov 8)
BUKAMAL_QUESTION = "When was al-Bukamal liberated?"


def _sentence(text: str, opening: str) -> tuple[int, int]:
    import re

    start = text.index(opening)
    stop = re.compile(r"\.(\s|$)").search(text, start)
    assert stop is not None, opening
    return start, stop.start() + 1


def bukamal_answer(assistant: Any) -> Any:
    """Real sample passages built into an answer with a disagreement, event dates and a
    balance (a rendering fixture: the answer layer does not produce balance yet)."""
    from news_rag.rag import Answer, Citation
    from news_rag.rag.types import Balance

    passages = tuple(assistant.search("al-Bukamal liberated ISIS stronghold", k=8))
    sides = (
        (SOUTH_FRONT_ARTICLE, "On November 19, the Syrian Arab Army", "2017-11-19"),
        (LENDMAN_ARTICLE, "On Wednesday, government and allied forces", "2017-11-08"),
    )
    citations = []
    for n, (article_id, opening, event_date) in enumerate(sides, start=1):
        article = assistant.article(article_id)
        start, end = _sentence(article.text, opening)
        label = next(
            (p.source for p in passages if p.article_id == article_id),
            assistant.search(opening, k=1)[0].source,
        )
        citations.append(
            Citation(n, article.text[start:end], start, end, article.author or "", 1.0, label,
                     start, end, conflict_group=0, event_date=event_date)
        )  # fmt: skip
    cited = {c.article_id for c in citations}
    uncited = [i for i, p in enumerate(passages) if p.article_id not in cited]
    others: dict[tuple[str, str | None], list[int]] = {}
    for i in uncited:
        source = passages[i].source
        others.setdefault((source.author or source.outlet or "unknown", source.outlet), []).append(
            i
        )
    lines = ["The sources disagree:"]
    for c in citations:
        lines.append(f"- ({c.source.outlet}, {c.source.published}) {c.quote} [{c.n}]")
    return Answer(
        question=BUKAMAL_QUESTION,
        answer="\n".join(lines),
        abstained=False,
        citations=tuple(citations),
        passages=passages,
        conflicts=((1, 2),),
        balance=Balance.from_dict(
            {
                "rests_on": [
                    {"claimant": c.claimant, "outlet": c.source.outlet, "count": 1}
                    for c in citations
                ],
                "also_in_results": [
                    {"claimant": who, "outlet": outlet, "count": len(ix), "passage_indexes": ix}
                    for (who, outlet), ix in others.items()
                ],
            }
        ),
    )


def seed_session(assistant: Any, path: Path, answer: Any, name: str | None = None) -> int:
    """A stored session on the assistant's index holding one turn with `answer`."""
    from news_rag.tui.session_store import SessionStore

    store = SessionStore(path)
    session = store.create(name or answer.question, here(assistant))
    store.add_turn(session, answer.question, answer.to_dict())
    store.close()
    return session


def fake_sample(index_dir: Path) -> Assistant:
    """An assistant over `index_dir` with the fake embedder, loaded."""
    from tests.fakes import FakeEmbedder

    assistant = Assistant.open(index_dir, embedder=FakeEmbedder())
    assistant.load()
    return assistant


def plain(widget: Static) -> str:
    """The plain text a Static shows."""
    content = widget.content
    return str(getattr(content, "plain", content))
