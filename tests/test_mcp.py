"""`rag mcp`: started as a subprocess, driven with the MCP SDK's own client."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp")
from mcp.client import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

pytestmark = pytest.mark.model
QUESTION = "Who said the US is training militants at al-Tanf?"
# Child processes load the model (a few seconds); generous for a loaded CI machine.
STARTUP_TIMEOUT_S = 180
ENV_KEYS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "HF_HUB_OFFLINE",
            "TRANSFORMERS_OFFLINE", "HOME")  # fmt: skip


def _env() -> dict[str, str]:
    return {key: os.environ[key] for key in ENV_KEYS if key in os.environ}


async def _exercise(session: ClientSession, index_dir: Path) -> None:
    await session.initialize()
    tools = {tool.name: tool for tool in (await session.list_tools()).tools}
    assert set(tools) == {"search", "ask", "get_article"}
    for tool in tools.values():  # read as written: no docstring indentation or line breaks
        assert tool.description and "\n" not in tool.description and "  " not in tool.description
    assert tools["ask"].output_schema is not None

    answer = await session.call_tool("ask", {"question": QUESTION})
    assert not answer.is_error
    data = answer.structured_content
    assert data is not None and not data["abstained"]
    citation = data["citations"][0]
    assert "Zakharova" in citation["claimant"]
    for field in ("outlet", "author", "published", "title", "source_path", "article_id"):
        assert field in citation
    text = answer.content[0].text  # type: ignore[union-attr]
    assert citation["quote"] in text and "claimed by: " + citation["claimant"] in text

    found = await session.call_tool("search", {"query": "Tu-22M3 bombers", "k": 3})
    results = found.structured_content["results"]  # type: ignore[index]
    assert 0 < len(results) <= 3 and all("source_path" in r for r in results)

    empty = await session.call_tool("search", {"query": "al-Tanf", "outlet": "No Such Outlet"})
    assert not empty.is_error and empty.structured_content["results"] == []  # type: ignore[index]

    span = {"start": citation["char_start"], "end": citation["char_end"]}
    article = await session.call_tool("get_article", {"article_id": citation["article_id"], **span})
    assert article.structured_content["span"]["text"] == citation["quote"]  # type: ignore[index]

    for name, arguments in (
        ("search", {"query": "al-Tanf", "since": "2018-13-01"}),
        ("ask", {"question": QUESTION, "k": 0}),
        ("get_article", {"article_id": "no-such-article"}),
    ):
        bad = await session.call_tool(name, arguments)
        assert bad.is_error, (name, arguments)


def test_mcp_over_stdio(sample_index_dir: Path) -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "news_rag", "mcp", "--index", str(sample_index_dir)],
        env=_env(),
    )

    async def run() -> None:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await _exercise(session, sample_index_dir)

    asyncio.run(asyncio.wait_for(run(), STARTUP_TIMEOUT_S))


def test_mcp_tools_filter_on_and_return_the_dateline(wire_index_dir: Path) -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "news_rag", "mcp", "--index", str(wire_index_dir)],
        env=_env(),
    )
    question = "By how much did Texaco raise the posted price of crude oil?"

    async def run() -> None:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            query = {"query": "Bank of England money market", "dateline": "houston"}
            found = await session.call_tool("search", query)
            results = found.structured_content["results"]  # type: ignore[index]
            assert results and {r["dateline"] for r in results} == {"HOUSTON"}
            assert "Reuters · HOUSTON · " in found.content[0].text  # type: ignore[union-attr]
            answer = await session.call_tool("ask", {"question": question, "dateline": "houston"})
            citations = answer.structured_content["citations"]  # type: ignore[index]
            assert citations and {c["dateline"] for c in citations} == {"HOUSTON"}

    asyncio.run(asyncio.wait_for(run(), STARTUP_TIMEOUT_S))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[Any]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"rag mcp --transport http did not listen on {port}")


def test_mcp_over_streamable_http(sample_index_dir: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "news_rag", "mcp", "--transport", "http", "--port",
               str(port), "--index", str(sample_index_dir)]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_port(port, process)

        async def run() -> None:
            url = f"http://127.0.0.1:{port}/mcp"
            async with (
                streamable_http_client(url) as (read, write),
                ClientSession(read, write) as session,
            ):
                await session.initialize()
                answer = await session.call_tool("ask", {"question": QUESTION})
                assert not answer.is_error
                assert answer.structured_content["citations"]  # type: ignore[index]

        asyncio.run(asyncio.wait_for(run(), STARTUP_TIMEOUT_S))
    finally:
        process.terminate()
        process.wait(30)


def test_mcp_http_refuses_a_non_loopback_host() -> None:
    from click.testing import CliRunner

    from news_rag.cli import cli

    result = CliRunner().invoke(cli, ["mcp", "--transport", "http", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "loopback" in result.output
