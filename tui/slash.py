"""Slash commands typed into the chat input (`/since 2018-01-01`, `/mode dense`, ...).

Parsing and validation only; the chat screen carries them out. Filter commands produce a
new `ChatOptions`; a command with no argument clears that filter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from news_rag.rag.settings import MAX_K
from news_rag.tui.options import MODES, ChatOptions

COMMANDS: dict[str, str] = {
    "/outlet": "/outlet NAME — only articles from this outlet (no name: any outlet)",
    "/author": "/author NAME — only articles by this author (no name: any author)",
    "/since": "/since YYYY-MM-DD — only articles published on or after the date",
    "/until": "/until YYYY-MM-DD — only articles published on or before the date",
    "/dateline": "/dateline PLACE — only articles datelined there, e.g. HOUSTON (no place: any)",
    "/mode": "/mode hybrid|dense|bm25 — how passages are retrieved",
    "/k": "/k N — how many passages to retrieve",
    "/clear": "/clear — clear the filters and start a new conversation",
    "/export": "/export FILE.md or FILE.json — write the conversation with full citations",
    "/help": "/help — list the keys and commands",
}


class SlashError(ValueError):
    """A slash command that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class SlashCommand:
    name: str  # with the slash, lower case
    argument: str  # stripped; may be empty


def parse(text: str) -> SlashCommand | None:
    """The command in `text`, or None when `text` is a question. Unknown names raise."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return None
    name, _, argument = stripped.partition(" ")
    name = name.lower()
    if name not in COMMANDS:
        raise SlashError(f"unknown command {name}; type /help for the list")
    return SlashCommand(name, argument.strip())


def parse_date(value: str, name: str) -> str:
    """A YYYY-MM-DD date, checked; raises SlashError naming the command."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise SlashError(f"/{name} {value!r} is not a date; use YYYY-MM-DD") from None


def parse_mode(value: str) -> str:
    mode = value.strip().lower()
    if mode not in MODES:
        raise SlashError(f"unknown mode {value!r}; choose one of {', '.join(MODES)}")
    return mode


def parse_k(value: str) -> int:
    try:
        k = int(value.strip())
    except ValueError:
        raise SlashError(f"/k needs a whole number (got {value!r})") from None
    if not 1 <= k <= MAX_K:
        raise SlashError(f"/k must be between 1 and {MAX_K} (got {k})")
    return k


def apply_filter(command: SlashCommand, options: ChatOptions) -> ChatOptions:
    """The options after a filter or retrieval command (`/outlet` ... `/k`)."""
    value = command.argument
    filters = options.filters
    if command.name == "/outlet":
        return replace(options, filters=replace(filters, outlet=value or None))
    if command.name == "/author":
        return replace(options, filters=replace(filters, author=value or None))
    if command.name == "/dateline":
        return replace(options, filters=replace(filters, dateline=value or None))
    if command.name in ("/since", "/until"):
        field = command.name[1:]
        date = parse_date(value, field) if value else None
        updated = replace(options, filters=replace(filters, **{field: date}))
        since, until = updated.filters.since, updated.filters.until
        if since and until and since > until:
            raise SlashError(f"/since {since} is after /until {until}")
        return updated
    if command.name == "/mode":
        return replace(options, mode=parse_mode(value) if value else None)
    if command.name == "/k":
        return replace(options, k=parse_k(value) if value else None)
    raise SlashError(f"{command.name} is not a filter command")


FILTER_COMMANDS = ("/outlet", "/author", "/since", "/until", "/dateline", "/mode", "/k")
