"""`rag --help` stays instant: resolving every command imports no heavy library."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "sentence_transformers", "faiss", "textual", "bm25s", "trafilatura")


def test_commands_load_without_heavy_imports() -> None:
    code = (
        "import sys, click\n"
        "from news_rag.cli import cli\n"
        "ctx = click.Context(cli)\n"
        "names = cli.list_commands(ctx)\n"
        "assert all(cli.get_command(ctx, n) is not None for n in names), names\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_python_dash_m_rag_help_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "news_rag", "--help"], capture_output=True, text=True, check=True
    )
    for name in ("index", "info", "articles", "ask", "search", "chat", "eval", "benchmark"):
        assert f"  {name}" in result.stdout
