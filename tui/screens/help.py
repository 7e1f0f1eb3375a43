"""The help screen: every key binding (collected from the classes that declare them) and
every slash command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from news_rag.tui.slash import COMMANDS
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

Section = tuple[str, Sequence[BindingType]]

GENERAL_KEYS = (
    ("ctrl+p", "Command palette: filters, modes, sessions, export, theme"),
    ("tab / shift+tab", "Move between the question box, the answers and the sources"),
    ("any key, a paste", "Typed or pasted anywhere in the chat, it goes into the question box"),
)


def _key(app: App[object], binding: Binding) -> str:
    keys = [k.strip() for k in binding.key.split(",")]
    return " / ".join(app.get_key_display(Binding(k, binding.action)) for k in keys)


KEY_COLUMN = 20  # columns for the keys; longer ones wrap, so what each does fits at 70


def _section(title: str, rows: Sequence[tuple[str, str | Text]]) -> Group:
    """A heading, then its keys and what each does, in two columns."""
    table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
    table.add_column("Key", style="bold", max_width=KEY_COLUMN, min_width=KEY_COLUMN // 2)
    table.add_column("Does", ratio=1)
    for key, does in rows:
        table.add_row(key, does)
    return Group(Text(title, style="bold underline"), table, Text(""))


def help_table(app: App[object], sections: Sequence[Section]) -> Group:
    """Every key binding with a description, by where it works, then every slash command."""
    parts = []
    for where, bindings in sections:
        rows: list[tuple[str, str | Text]] = [
            (_key(app, b), b.description)
            for b in bindings
            if isinstance(b, Binding) and b.description
        ]
        rows += GENERAL_KEYS if where == "Anywhere" else ()
        if rows:
            parts.append(_section(where, rows))
    commands = [usage.partition(" — ")[::2] for usage in COMMANDS.values()]
    parts.append(_section("Slash commands (in the question box)", commands))
    note = (
        "Answers quote the articles; [n] points to source n in the sources pane, which "
        "shows who made the claim (the claimant) and who published it."
    )
    parts.append(Group(Text(note, style="italic")))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, sections: Sequence[Section]) -> None:
        super().__init__(classes="dialog-screen")
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(help_table(self.app, self.sections), id="help-table")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help"
        self.query_one("#help").focus()
