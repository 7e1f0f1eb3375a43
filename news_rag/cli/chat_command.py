"""`rag chat`: the Textual chat UI. Textual is imported only when the command runs."""

from __future__ import annotations

from pathlib import Path

import click

from news_rag.cli.options import index_option

MISSING_TUI = "the chat UI needs the tui extra: pip install 'news-rag[tui]'"


@click.command("chat")
@index_option
def chat_command(index_dir: Path | None) -> None:
    """Chat with the articles in a terminal UI: cited answers, sources, saved sessions."""
    try:
        # deferred: textual takes ~100 ms to import and is an optional extra
        from news_rag.tui.app import ChatApp
    except ImportError as exc:
        if exc.name is not None and exc.name.split(".")[0] != "textual":
            raise
        click.echo(MISSING_TUI, err=True)
        raise SystemExit(1) from exc
    ChatApp(index_dir=index_dir).run()
