"""The footer, with only the keys that fit its width and F1 (help, which lists every key)
always first.

Textual's `Footer` lays out every shown binding in one row and cuts the row at the screen's
edge, so at 80 columns the last keys were half drawn. This one keeps the keys in the order
the bindings declare them, drops the ones that do not fit whole, and switches to the compact
style (less padding) on narrow screens."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

HELP_ACTIONS = ("help", "app.help")  # the key that lists all the others is kept first
COMPACT_BELOW = 120  # columns: below this the footer drops its padding to fit more keys
PALETTE_CLASS = "-command-palette"  # the command-palette key, docked right by Footer


def key_width(widget: Widget, compact: bool) -> int:
    """The columns one footer key takes: its key, its description and Footer's padding
    (` key  description ` in the normal style, `key description ` compact)."""
    key = cell_len(str(getattr(widget, "key_display", "")))
    description = cell_len(str(getattr(widget, "description", "")))
    return key + description + (2 if compact else 4)


def is_help(widget: Widget) -> bool:
    return getattr(widget, "action", None) in HELP_ACTIONS


def fitting(keys: list[Widget], width: int, compact: bool) -> list[Widget]:
    """The help key, then the others in order, as many as fit whole in `width` columns (the
    command-palette key last, only if it fits too)."""
    palette = [k for k in keys if k.has_class(PALETTE_CLASS)]
    others = [k for k in keys if not k.has_class(PALETTE_CLASS)]
    ordered = [k for k in others if is_help(k)] + [k for k in others if not is_help(k)]
    shown: list[Widget] = []
    used = 0
    for key in [*ordered, *palette]:
        needed = key_width(key, compact)
        if used + needed > width and shown:
            if key in palette:
                break
            continue
        shown.append(key)
        used += needed
    return shown


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        width = self.size.width or self.app.size.width
        yield from fitting(list(super().compose()), width, self.compact)

    def on_resize(self) -> None:
        compact = self.size.width < COMPACT_BELOW
        if compact != self.compact:
            self.compact = compact
        self.refresh(recompose=True)
