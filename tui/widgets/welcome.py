"""The first screen of an empty chat: which index is open (name, articles, date range) and
three example questions taken from it, each run by one key."""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.tui.index_summary import IndexSummary
from rich.text import Text
from textual.widgets import Static

EXAMPLE_KEYS = ("F6", "F7", "F8")  # the chat screen binds these to the examples


def welcome_text(summary: IndexSummary | None, keys: Sequence[str] = EXAMPLE_KEYS) -> Text:
    if summary is None:
        return Text("Loading the index…", style="dim")
    text = Text()
    text.append(summary.describe(), style="bold")
    if summary.examples:
        text.append("\n\nTry one of these (or type your own question below):\n")
        for key, question in zip(keys, summary.examples, strict=False):
            text.append(f"\n {key} ", style="bold reverse")
            text.append(f" {question}")
    text.append("\n\nF1 or /help lists every key and command.", style="dim")
    return text


class Welcome(Static):
    def __init__(self, summary: IndexSummary | None) -> None:
        super().__init__(welcome_text(summary), id="welcome", markup=False)

    def show(self, summary: IndexSummary | None) -> None:
        self.update(welcome_text(summary))
