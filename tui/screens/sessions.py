"""Past sessions: Enter reopens one, r renames, d deletes, n starts a new chat, a shows the
sessions of every index (by default only those of the open index). Each row names its index.
Dismisses with the chosen session id, NEW_SESSION, or None."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from news_rag.tui.screens.confirm import ChoiceScreen, ConfirmScreen, TextPromptScreen
from news_rag.tui.session_store import IndexIdentity, SessionInfo, SessionStore
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

NEW_SESSION = -1


def other_index_dialog(session: SessionInfo, open_index: str) -> ChoiceScreen:
    """Reopening a session held on another index: open that index, or a new chat here."""
    where = session.index.path or "an index this version did not record"
    question = (
        f"“{session.name}” was held on another index:\n{where}\n\n"
        f"Its citations point into that index, not the open one ({open_index})."
    )
    choices = [("new", "n", "Start a new chat here")]
    if session.index.path and Path(session.index.path).is_dir():
        choices.insert(0, ("open", "o", "Open that index"))
    return ChoiceScreen(question, choices)


def _row(session: SessionInfo, here: IndexIdentity | None) -> Text:
    text = Text(session.name, style="bold")
    turns = f"{session.turns} question{'s' if session.turns != 1 else ''}"
    text.append(f"  {turns} · {session.updated[:16].replace('T', ' ')} · ", style="dim")
    other = here is None or not session.index.matches(here)
    text.append(
        f"index {session.index.name}" + (" (another index)" if other else ""),
        style="italic" if other else "dim",
    )
    return text


class SessionsScreen(ModalScreen[int | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close"),
        Binding("r", "rename", "Rename"),
        Binding("d,delete", "delete", "Delete"),
        Binding("n", "new", "New chat"),
        Binding("a", "toggle_all", "This index / all indexes"),
    ]

    def __init__(
        self, store: SessionStore, current: int | None, here: IndexIdentity | None = None
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.store = store
        self.current = current
        self.here = here
        self.all_indexes = here is None  # by default only the open index's sessions

    def compose(self) -> ComposeResult:
        with Vertical(id="sessions", classes="dialog"):
            yield Static(id="session-scope", markup=False)
            yield OptionList(id="session-list")
            yield Static(
                "Enter open · r rename · d delete · n new chat · a this index / all · Esc close",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#sessions").border_title = "Sessions"
        self.refresh_list()
        self.query_one(OptionList).focus()

    def refresh_list(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        sessions = self.store.sessions(None if self.all_indexes else self.here)
        scope = Text("All indexes" if self.all_indexes else "Sessions on this index: ")
        if not self.all_indexes and self.here is not None:
            scope.append(self.here.name, style="bold")
            scope.append(f" ({self.here.path})", style="dim")
        self.query_one("#session-scope", Static).update(scope)
        options.add_options([Option(_row(s, self.here), id=str(s.id)) for s in sessions])
        if sessions:
            ids = [s.id for s in sessions]
            start = ids.index(self.current) if self.current in ids else 0
            options.highlighted = min(highlighted, len(ids) - 1) if highlighted else start

    def _selected_id(self) -> int | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        option = options.get_option_at_index(options.highlighted)
        return int(option.id) if option.id else None

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_new(self) -> None:
        self.dismiss(NEW_SESSION)

    def action_toggle_all(self) -> None:
        if self.here is not None:
            self.all_indexes = not self.all_indexes
            self.refresh_list()

    @work
    async def action_rename(self) -> None:
        session_id = self._selected_id()
        session = self.store.get(session_id) if session_id is not None else None
        if session is None:
            return
        name = await self.app.push_screen_wait(TextPromptScreen("New name:", session.name))
        if name:
            self.store.rename(session.id, name)
            self.refresh_list()

    @work
    async def action_delete(self) -> None:
        session_id = self._selected_id()
        session = self.store.get(session_id) if session_id is not None else None
        if session is None:
            return
        question = f"Delete the session {session.name!r} and its {session.turns} questions?"
        if await self.app.push_screen_wait(ConfirmScreen(question)):
            self.store.delete(session.id)
            self.refresh_list()
