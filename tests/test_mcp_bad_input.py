"""Every MCP request gets an answer (issue 20, item 3): `rag mcp` over stdio, driven with the
SDK's own client, answers a tools/call with a lone surrogate or an unknown argument with an
`isError` result within a second, and a line that is not JSON with a JSON-RPC parse error.

Before the fix the first and the last got no reply at all (the client waiting on that id
hung) and unknown arguments were accepted silently (HTTP refuses them with 422).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp")
from mcp.client import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from tests.test_mcp import STARTUP_TIMEOUT_S, _env

pytestmark = pytest.mark.model
REPLY_S = 1.0  # each bad call is answered within this


def _command(index_dir: Path) -> list[str]:
    return [sys.executable, "-m", "news_rag", "mcp", "--index", str(index_dir)]


# The SDK's client cannot send a lone surrogate (it fails to serialise it): those calls go
# over the raw wire below, as any other client could send them.
BAD_CALLS: list[tuple[str, dict[str, Any], str]] = [
    ("ask", {"question": "Who?", "colour": "red"}, "colour"),
    ("search", {"query": "al-Tanf", "k": 2, "limit": 5}, "limit"),
    ("get_article", {"article_id": "x", "span": [1, 2]}, "span"),
]
SURROGATE_CALLS: list[dict[str, Any]] = [
    {"name": "ask", "arguments": {"question": "\ud800 who?"}},
    {"name": "search", "arguments": {"query": "al-Tanf", "outlet": "\udfff"}},
    {"name": "search", "arguments": {"query": "al-Tanf", "\ud800": 1}},
]


def test_bad_calls_get_an_error_result(sample_index_dir: Path) -> None:
    command = _command(sample_index_dir)
    params = StdioServerParameters(command=command[0], args=command[1:], env=_env())

    async def run() -> None:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            for name, arguments, needle in BAD_CALLS:
                started = time.monotonic()
                result = await asyncio.wait_for(session.call_tool(name, arguments), 30)
                assert time.monotonic() - started < REPLY_S, (name, ascii(arguments))
                assert result.is_error, (name, ascii(arguments))
                assert needle in result.content[0].text  # type: ignore[union-attr]
            fine = await session.call_tool("search", {"query": "al-Tanf", "k": 2})
            assert not fine.is_error  # the server still serves

    asyncio.run(asyncio.wait_for(run(), STARTUP_TIMEOUT_S))


def _send(process: subprocess.Popen[str], message: str) -> dict[str, Any]:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(message + "\n")
    process.stdin.flush()
    started = time.monotonic()
    line = process.stdout.readline()
    assert time.monotonic() - started < REPLY_S or "initialize" in message, message
    return dict(json.loads(line))


def test_a_line_that_is_not_json_gets_a_parse_error(sample_index_dir: Path) -> None:
    """Raw lines on the wire: the client cannot send a line that is not JSON."""
    process = subprocess.Popen(_command(sample_index_dir), env=_env(), text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
    try:
        hello = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "test", "version": "0"}}}  # fmt: skip
        assert _send(process, json.dumps(hello))["id"] == 1
        assert process.stdin is not None
        process.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        process.stdin.write("\n")
        for line in ("this is not json", '{"jsonrpc": "2.0", "id": 2, "method": '):
            reply = _send(process, line)
            assert reply["error"]["code"] == -32700 and reply["id"] is None, reply
        for n, params in enumerate(SURROGATE_CALLS, start=10):
            call = {"jsonrpc": "2.0", "id": n, "method": "tools/call", "params": params}
            reply = _send(process, json.dumps(call))  # ensure_ascii: "\ud800" as an escape
            assert reply["id"] == n and reply["result"]["isError"], reply
            assert "surrogate" in reply["result"]["content"][0]["text"]
        listed = _send(process, json.dumps({"jsonrpc": "2.0", "id": 4, "method": "tools/list"}))
        assert listed["id"] == 4 and len(listed["result"]["tools"]) == 3  # still serving
    finally:
        process.kill()
        process.wait()
