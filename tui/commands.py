"""Command palette entries (ctrl+p): filters, modes, sessions, settings, export, help.
Filter entries run the same slash commands as the input box.

Outlet and author names come from the articles, so every prompt is built as `Content` (never
parsed as markup) and every help text is escaped: "The Times [UK]" keeps its brackets and
`[@click=app.quit]` stays text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from news_rag.tui.options import MODES
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

if TYPE_CHECKING:
    from news_rag.tui.screens.chat import ChatScreen

Entry = tuple[str, Callable[[], object], str]


def highlighted(matcher: Matcher, display: str) -> Content:
    """`display` as plain content with the characters the query matched highlighted
    (what `Matcher.highlight` does, without parsing `display` as markup)."""
    content = Content(display)
    score, offsets = matcher.fuzzy_search.match(matcher.query, display)
    if not score:
        return content
    for offset in offsets:
        if not display[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ChatCommands(Provider):
    def _chat(self) -> ChatScreen | None:
        from news_rag.tui.screens.chat import ChatScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ChatScreen):
                return screen
        return None

    def _entries(self) -> list[Entry]:
        chat = self._chat()
        if chat is None:
            return []
        run = chat.run_command
        entries: list[Entry] = [
            ("Settings…", chat.action_settings, "Filters, retrieval mode and k in one form"),
            ("Sessions…", chat.action_sessions, "Reopen, rename or delete past sessions"),
            ("New chat", chat.action_new_chat, "Start a new session (filters stay)"),
            ("Clear filters and conversation", partial(run, "/clear"), "Same as /clear"),
            ("Copy answer with sources", chat.action_copy_answer, "To the clipboard"),
            ("Export conversation to Markdown", chat.export_default, "Writes chat-<n>.md here"),
            (
                "Export conversation to JSON",
                partial(chat.export_default, ".json"),
                "Writes chat-<n>.json here",
            ),
            ("Uncited passages of the answer", chat.action_uncited, "Same as F5"),
            ("Quotes left out of the answer", chat.action_more_quotes, "Same as F9"),
            ("Help: keys and commands", partial(run, "/help"), "Same as F1"),
        ]
        for number, question in enumerate(chat.summary.examples):
            entries.append((f"Ask: {question}", partial(chat.action_example, number), "Example"))
        for mode in MODES:
            entries.append((f"Mode: {mode}", partial(run, f"/mode {mode}"), f"/mode {mode}"))
        filters = chat.options.filters
        for name in ("outlet", "author", "since", "until", "dateline"):
            if getattr(filters, name):
                entries.append((f"Clear {name} filter", partial(run, f"/{name}"), f"/{name}"))
        for name, values in chat.filter_values().items():
            for value in values:
                command = f"/{name} {value}"
                entries.append((f"Only {name}: {value}", partial(run, command), command))
        return entries

    async def discover(self) -> Hits:
        for display, callback, help_text in self._entries():
            yield DiscoveryHit(Content(display), callback, text=display, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for display, callback, help_text in self._entries():
            score = matcher.match(display)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, display),
                    callback,
                    text=display,
                    help=escape(help_text),
                )
