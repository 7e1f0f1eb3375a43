"""`rag serve` (HTTP API, the `server` extra) and `rag mcp` (MCP server, the `mcp` extra).

Both load the model and the index once, before they accept requests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from news_rag.cli.common import handle_errors
from news_rag.cli.options import bind_options, index_option, settings_option
from news_rag.rag.server.serving import is_loopback  # stdlib only: no server extra needed

MISSING_SERVER = "rag serve needs the server extra: pip install 'news-rag[server]'"
MISSING_MCP = "rag mcp needs the mcp extra: pip install 'news-rag[mcp]'"


def _require(module: str, message: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise click.ClickException(message)


def _load(index_dir: Path | None, settings: Any) -> Any:
    from news_rag.rag.assistant import Assistant

    assistant = Assistant.open(index_dir, settings)
    click.echo(f"Loading the model and the index {assistant.index_dir} …", err=True)
    assistant.load()
    return assistant


def _check_bind(host: str, token: str | None, insecure: bool) -> None:
    if not is_loopback(host) and not token and not insecure:
        raise click.BadParameter(
            f"{host} is reachable from other machines; set --token (or RAG_API_TOKEN), "
            "or pass --insecure to serve without authentication",
            param_hint="'--host'",
        )


@click.command("serve")
@index_option
@settings_option()
@bind_options(0, "Address to bind.")
@click.option(
    "--token",
    envvar="RAG_API_TOKEN",
    default=None,
    help="Require 'Authorization: Bearer TOKEN' on every endpoint but /health "
    "(default: $RAG_API_TOKEN).",
)
@click.option("--insecure", is_flag=True, help="Allow a non-loopback bind without a token.")
@handle_errors
def serve_command(index_dir: Path | None, settings: Any, host: str, port: int,
                  token: str | None, insecure: bool) -> None:  # fmt: skip
    """Serve the HTTP API: POST /ask, /search, /conversations; GET /articles, /health.

    OpenAPI docs at /docs. Binds to 127.0.0.1 unless --host says otherwise.
    """
    _require("fastapi", MISSING_SERVER)
    _require("uvicorn", MISSING_SERVER)
    _check_bind(host, token, insecure)
    from news_rag.rag.server.app import ServerConfig
    from news_rag.rag.server.serving import serve

    assistant = _load(index_dir, settings)
    auth = "bearer token required" if token else "no authentication"
    click.echo(f"Serving on http://{host}:{port} ({auth}); docs at /docs", err=True)
    serve(assistant, host, port, ServerConfig(token=token or None))


@click.command("mcp")
@index_option
@settings_option()
@click.option(
    "--transport",
    type=click.Choice(["stdio", "http"]),
    default="stdio",
    show_default=True,
    help="stdio (for a client that starts this process) or streamable HTTP.",
)
@bind_options(1, "HTTP: address to bind.")
@handle_errors
def mcp_command(index_dir: Path | None, settings: Any, transport: str, host: str,
                port: int) -> None:  # fmt: skip
    """Serve the MCP tools search, ask and get_article (over stdio or streamable HTTP)."""
    _require("mcp", MISSING_MCP)
    from news_rag.rag.mcp_server import build_server

    if transport == "http" and not is_loopback(host):
        raise click.BadParameter(
            f"{host} is not a loopback address; the MCP HTTP transport has no authentication "
            "here, so it binds to loopback only (put a proxy with auth in front)",
            param_hint="'--host'",
        )
    server = build_server(_load(index_dir, settings))
    if transport == "stdio":
        server.run("stdio")
    else:
        click.echo(f"MCP over streamable HTTP at http://{host}:{port}/mcp", err=True)
        server.run("streamable-http", host=host, port=port)
