"""The `rag` command line. Heavy libraries load only inside the commands that need them."""

from __future__ import annotations

import sys

import click

from index.errors import RagError
from rag.cli.index_commands import articles_command, index_command, info_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-rag", prog_name="rag")
def cli() -> None:
    """Ask questions about a folder of news articles; every quote is cited and attributed."""


cli.add_command(index_command)
cli.add_command(info_command)
cli.add_command(articles_command)


def _register_optional() -> None:
    """Commands whose modules import more (still no torch/faiss at import time)."""
    import importlib

    for module, names in (
        ("rag.cli.query_commands", ("ask_command", "search_command")),
        ("rag.cli.chat_command", ("chat_command",)),
        ("eval.cli", ("eval_command", "benchmark_group")),
    ):
        try:
            loaded = importlib.import_module(module)
        except ImportError:  # pragma: no cover - an optional part that is not installed
            continue
        for name in names:
            cli.add_command(getattr(loaded, name))


def main() -> None:
    _register_optional()
    try:
        status = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except RagError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(status if isinstance(status, int) else 0)
