"""The `rag` command line. Commands load lazily, so `--help` imports no heavy library."""

from __future__ import annotations

import importlib
import sys

import click

from news_rag.index.errors import RagError

# command name -> "module:attribute"; a module that cannot be imported (an optional extra
# that is not installed) simply leaves its command out.
COMMANDS = {
    "index": "news_rag.cli.index_commands:index_command",
    "doctor": "news_rag.cli.doctor_command:doctor_command",
    "info": "news_rag.cli.index_commands:info_command",
    "articles": "news_rag.cli.index_commands:articles_command",
    "ask": "news_rag.cli.query_commands:ask_command",
    "search": "news_rag.cli.query_commands:search_command",
    "chat": "news_rag.cli.chat_command:chat_command",
    "sessions": "news_rag.cli.sessions_command:sessions_group",
    "eval": "news_rag.cli.eval_command:eval_command",
    "benchmark": "news_rag.cli.benchmark_command:benchmark_group",
    "show": "news_rag.cli.show_command:show_command",
    "serve": "news_rag.cli.serve_command:serve_command",
    "mcp": "news_rag.cli.serve_command:mcp_command",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # pragma: no cover - an optional part that is not installed
            return None
        command = getattr(module, attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-rag", prog_name="rag")
def cli() -> None:
    """Ask questions about a folder of news articles; every quote is cited and attributed."""


def main() -> None:
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
