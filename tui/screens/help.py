"""The help screen: every key binding (collected from the classes that declare them) and
every slash command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from news_rag.tui.slash import COMMANDS
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
    ("tab / shift+tab", "Move between the question box and the sources"),
    ("any letter", "Typed outside the question box, it goes into the box"),
)


def _key(app: App[object], binding: Binding) -> str:
    keys = [k.strip() for k in binding.key.split(",")]
    return " / ".join(app.get_key_display(Binding(k, binding.action)) for k in keys)


def help_table(app: App[object], sections: Sequence[Section]) -> Table:
    """Every key binding with a description, then every slash command."""
    table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
    table.add_column("Where", style="dim", no_wrap=True)
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Does", ratio=1)
    table.add_row(Text("Keys", style="bold underline"), "", "")
    for where, bindings in sections:
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description:
                table.add_row(where, _key(app, binding), binding.description)
    for key, does in GENERAL_KEYS:
        table.add_row("Anywhere", key, does)
    table.add_row("", "", "")
    table.add_row(Text("Slash commands", style="bold underline"), "", "")
    for usage in COMMANDS.values():
        command, _, does = usage.partition(" — ")
        table.add_row("Question box", command, does)
    table.add_row("", "", "")
    table.add_row(
        "",
        "",
        Text(
            "Answers quote the articles; [n] points to source n in the sources pane, which "
            "shows who made the claim (the claimant) and who published it.",
            style="italic",
        ),
    )
    return table


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
