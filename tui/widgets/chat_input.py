"""The question box: Enter sends (Input.Submitted); Up/Down walk through earlier entries."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


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
