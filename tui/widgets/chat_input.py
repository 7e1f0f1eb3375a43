"""The question box: Enter sends (Input.Submitted); Up/Down walk through earlier entries; a
paste arrives whole, its lines joined by spaces (a question is one line)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input


def one_line(text: str) -> str:
    """Pasted text as one line: tabs become spaces, and the lines of a paste of several are
    joined by one space each (a one-line paste is otherwise kept exactly)."""
    text = text.replace("\t", " ")
    lines = text.splitlines()
    if len(lines) <= 1:
        return lines[0] if lines else ""
    return " ".join(line.strip() for line in lines if line.strip())


class ChatInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history_previous", "Previous entry", show=False),
        Binding("down", "history_next", "Next entry", show=False),
    ]

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        # select_on_focus off: a key typed elsewhere is put in the box, then focus arrives
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        self.history: list[str] = []
        self._position: int | None = None  # index into history while browsing
        self._draft = ""

    def insert_pasted(self, text: str) -> None:
        """Insert pasted text at the cursor (over the selection, if any), as one line."""
        line = one_line(text)
        if not line:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(line)
        else:
            self.replace(line, *selection)

    def _on_paste(self, event: events.Paste) -> None:
        # Input keeps only a paste's first line; a question pasted across lines comes whole
        event.stop()
        event.prevent_default()
        self.insert_pasted(event.text)

    def remember(self, text: str) -> None:
        """Add a sent entry to the history (consecutive repeats are kept once)."""
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._position = None
        self._draft = ""

    def action_history_previous(self) -> None:
        if not self.history:
            return
        if self._position is None:
            self._draft = self.value
            self._position = len(self.history) - 1
        elif self._position > 0:
            self._position -= 1
        self._show(self.history[self._position])

    def action_history_next(self) -> None:
        if self._position is None:
            return
        if self._position < len(self.history) - 1:
            self._position += 1
            self._show(self.history[self._position])
        else:
            self._position = None
            self._show(self._draft)

    def _show(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(text)
