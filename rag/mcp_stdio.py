"""`rag mcp` over stdio: the SDK's transport, with every line answered.

The SDK's stdio transport drops a line it cannot parse without a reply, so a client waiting
on that id hangs: a line that is not JSON, and a request whose JSON holds a lone surrogate
(`\\ud800`, which its parser refuses). Here such a line is answered: a `tools/call` whose
JSON reads (Python's parser takes lone surrogates) with an `isError` tool result saying
why, any other request with an id with "invalid request", anything else with "parse
error" (id null), as JSON-RPC asks. Replies and the SDK's own messages go out one whole
line at a time, so they never interleave.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from news_rag.rag.server.encodable import escaped, surrogate_message, unencodable

if TYPE_CHECKING:
    from mcp.server.lowlevel import Server

PARSE_ERROR = -32700  # JSON-RPC 2.0
INVALID_REQUEST = -32600


def reply_to(line: str) -> str | None:
    """The JSON-RPC reply to a line the SDK cannot parse (None: a blank line)."""
    if not line.strip():
        return None
    try:
        message = json.loads(line)
    except ValueError as exc:  # not JSON (RecursionError: nested too deep)
        return _error(None, PARSE_ERROR, f"Parse error: the line is not JSON ({exc})")
    except RecursionError:
        return _error(None, PARSE_ERROR, "Parse error: the JSON is nested too deep")
    ident = message.get("id") if isinstance(message, dict) else None
    if isinstance(ident, bool) or not isinstance(ident, int | str):
        return _error(None, INVALID_REQUEST, "Invalid Request: not a JSON-RPC 2.0 request")
    where = unencodable(message.get("params"), "params")
    why = surrogate_message(where) if where is not None else "not a valid MCP request"
    if message.get("method") == "tools/call":
        result = {"content": [{"type": "text", "text": why}], "isError": True}
        return json.dumps({"jsonrpc": "2.0", "id": _plain(ident), "result": result})
    return _error(ident, INVALID_REQUEST, f"Invalid Request: {why}")


def _plain(ident: int | str | None) -> int | str | None:
    return escaped(ident) if isinstance(ident, str) else ident


def _error(ident: int | str | None, code: int, message: str) -> str:
    error = {"code": code, "message": escaped(message)}
    return json.dumps({"jsonrpc": "2.0", "id": _plain(ident), "error": error})


class _Wire:
    """stdout as whole lines: one write (a complete line) at a time, flushed."""

    def __init__(self, binary: io.BufferedWriter) -> None:
        self._out = binary
        self._lock = threading.Lock()

    def _put(self, text: str) -> None:
        with self._lock:
            self._out.write(text.encode("utf-8", "backslashreplace"))
            self._out.flush()

    async def write(self, text: str) -> None:
        import anyio

        await anyio.to_thread.run_sync(self._put, text)

    async def flush(self) -> None:
        return None


class _Lines:
    """stdin's lines for the SDK, less those it cannot parse, which are answered here."""

    def __init__(self, binary: io.BufferedReader, wire: _Wire) -> None:
        self._in = io.TextIOWrapper(binary, encoding="utf-8", errors="replace")
        self._wire = wire

    def __aiter__(self) -> AsyncIterator[str]:
        return self._lines()

    async def _lines(self) -> AsyncIterator[str]:
        import anyio
        import mcp_types

        while line := await anyio.to_thread.run_sync(self._in.readline):
            try:
                mcp_types.jsonrpc_message_adapter.validate_json(line, by_name=False)
            except Exception:  # whatever the SDK refuses, it would drop unanswered
                reply = reply_to(line)
                if reply is not None:
                    await self._wire.write(reply + "\n")
                continue
            yield line


def _claim_std_fds() -> tuple[io.BufferedReader, io.BufferedWriter]:
    """The wire's stdin and stdout; fd 0 then reads /dev/null and fd 1 goes to stderr, so
    that stray output from the tools never corrupts the wire (as the SDK's transport does)."""
    wire_in, wire_out = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout.flush()
    os.dup2(2, 1)
    return os.fdopen(wire_in, "rb"), os.fdopen(wire_out, "wb")


async def serve_stdio(server: Server[Any]) -> None:
    """Run the low-level MCP `server` on stdin/stdout, answering every line."""
    from mcp.server.stdio import stdio_server

    wire_in, wire_out = _claim_std_fds()
    wire = _Wire(wire_out)
    lines: Any = _Lines(wire_in, wire)
    async with stdio_server(stdin=lines, stdout=wire) as (read, write):  # type: ignore[arg-type]
        await server.run(read, write, server.create_initialization_options())
