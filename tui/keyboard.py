"""Typing goes into the question box, whatever has focus.

A terminal sends a plain paste as a burst of key events and a bracketed paste as one `Paste`
event. Textual hands each to the focused widget; on the chat screen that may be the answer
list or the sources pane, which have no use for letters (and used to take `o`, `j`, `k` as
keys, so a pasted "/outlet" arrived as "/utlet"). Moving focus with `Widget.focus()` happens
later, after the burst's other keys have already been handed to the old focus.

So the app routes them before Textual forwards them: a printable key or a paste on a screen
with a question box, while the box does not have focus, is put into the box and the focus
moved to it at once (`Screen.set_focus`), so the next key of the burst is handed to the box
itself, in order. Modal screens (help, settings, sessions) have no question box and keep
their own keys.
"""

from __future__ import annotations

from typing import Any

from news_rag.tui.widgets.chat_input import ChatInput
from textual import events
from textual.app import App


def question_box(app: App[Any]) -> ChatInput | None:
    """The active screen's question box, when it has one."""
    boxes = app.screen.query(ChatInput)
    return boxes.first() if boxes else None


def typed_text(event: events.Event) -> str | None:
    """What a key or paste event would type: the character, the pasted text, or None."""
    if isinstance(event, events.Paste):
        return event.text
    if isinstance(event, events.Key) and event.is_printable and event.character:
        return event.character
    return None


def route_to_question(app: App[Any], event: events.Event) -> bool:
    """Put the text of an unforwarded key or paste into the question box when focus is
    elsewhere on its screen; True when the event was used up that way."""
    if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
        return False
    text = typed_text(event)
    box = question_box(app) if text is not None else None
    if text is None or box is None or app.focused is box or box.disabled:
        return False
    app.screen.set_focus(box, scroll_visible=False)
    if isinstance(event, events.Paste):
        box.insert_pasted(text)
    else:
        box.insert_text_at_cursor(text)
    return True
