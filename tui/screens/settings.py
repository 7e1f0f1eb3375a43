"""The settings screen: the filters, retrieval mode and k in one form.
Dismisses with the new `ChatOptions`, or None when cancelled."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from news_rag.rag import Filters
from news_rag.tui.options import MODES, ChatOptions
from news_rag.tui.slash import SlashError, parse_date, parse_k
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select


class SettingsScreen(ModalScreen[ChatOptions | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, options: ChatOptions, default_mode: str, default_k: int) -> None:
        super().__init__(classes="dialog-screen")
        self.options = options
        self.default_mode, self.default_k = default_mode, default_k

    def compose(self) -> ComposeResult:
        filters = self.options.filters
        with VerticalScroll(id="settings", classes="dialog"):
            for name, hint in (
                ("outlet", "any outlet"),
                ("author", "any author"),
                ("since", "YYYY-MM-DD"),
                ("until", "YYYY-MM-DD"),
            ):
                yield Label(name.capitalize())
                yield Input(getattr(filters, name) or "", placeholder=hint, id=f"set-{name}")
            yield Label("Retrieval mode")
            yield Select(
                [(m, m) for m in MODES],
                value=self.options.mode or self.default_mode,
                allow_blank=False,
                id="set-mode",
            )
            yield Label("Passages to retrieve (k)")
            yield Input(str(self.options.k or self.default_k), id="set-k", type="integer")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#settings").border_title = "Settings"
        self.query_one("#set-outlet", Input).focus()

    def _value(self, name: str) -> str | None:
        return self.query_one(f"#set-{name}", Input).value.strip() or None

    def build(self) -> ChatOptions:
        """The options in the form; raises SlashError on an invalid value."""
        since, until = self._value("since"), self._value("until")
        filters = Filters(
            outlet=self._value("outlet"),
            author=self._value("author"),
            since=parse_date(since, "since") if since else None,
            until=parse_date(until, "until") if until else None,
            theme=self.options.filters.theme,
            dateline=self.options.filters.dateline,  # set with /dateline; kept as it is
        )
        if filters.since and filters.until and filters.since > filters.until:
            raise SlashError(f"since {filters.since} is after until {filters.until}")
        mode = str(self.query_one("#set-mode", Select).value)
        k_text = self._value("k")
        k = parse_k(k_text) if k_text else None
        return replace(
            self.options,
            filters=filters,
            mode=None if mode == self.default_mode and self.options.mode is None else mode,
            k=None if k == self.default_k and self.options.k is None else k,
        )

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            options = self.build()
        except SlashError as exc:
            self.notify(str(exc), severity="error", title="Invalid setting", markup=False)
            return
        self.dismiss(options)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
