"""`rag mcp`: the tools `search`, `ask` and `get_article` on the official MCP SDK (`mcp` extra).

Each tool returns structured content (the JSON of `rag search --json`, `rag ask --json` and
`GET /articles/{id}`: citations carry the claimant and every source-label field) and a plain
text rendering for clients that show text. Bad arguments and failures come back as tool
errors (`isError`), never as a crashed server. Tools are sync functions; the SDK runs them in
a worker thread, and the shared `Assistant` is thread-safe.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from mcp.types import CallToolResult, TextContent
from news_rag.rag.payloads import OFFSETS_NOTE, article_payload, check_span, search_payload
from news_rag.rag.render import plain_answer, plain_passages
from news_rag.rag.server.encodable import surrogate_message, unencodable
from news_rag.rag.server.models import (
    MAX_FILTER_CHARS,
    MAX_K,
    MAX_QUESTION_CHARS,
    AnswerOut,
    ArticleOut,
    FilterFields,
    Mode,
    SearchOut,
)
from pydantic import Field, ValidationError

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from mcp.server import MCPServer
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.types import Filters

INSTRUCTIONS = (
    "Search and question answering over an indexed collection of news articles. Answers "
    "quote the articles verbatim; each citation names who published it (outlet, author, "
    "date, title) and who inside the article makes the claim (claimant). Report claims as "
    f"'X says Y', not as fact. {OFFSETS_NOTE.capitalize()}; get_article returns that text."
)

Text = Annotated[str, Field(min_length=1, max_length=MAX_QUESTION_CHARS)]
FilterText = Annotated[str | None, Field(max_length=MAX_FILTER_CHARS)]
K = Annotated[int | None, Field(ge=1, le=MAX_K, description="passages to retrieve (default 10)")]
Date = Annotated[str | None, Field(description="YYYY-MM-DD (or YYYY, YYYY-MM)")]
Place = Annotated[
    str | None,
    Field(max_length=MAX_FILTER_CHARS, description="dateline place, whole and any case (HOUSTON)"),
]


def _filters(**values: Any) -> Filters:
    from mcp.server.mcpserver.exceptions import ToolError

    try:
        return FilterFields(**values).filters()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ToolError(problems or "invalid filters") from exc


def _result(text: str, data: dict[str, Any]) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=data)


def argument_problem(name: str, arguments: dict[str, Any], known: set[str] | None) -> str | None:
    """Why a call's arguments are refused before the tool sees them, as HTTP refuses them
    (422): a name the tool does not take, or text with a lone surrogate. None: fine."""
    where = unencodable(arguments, "arguments")
    if where is not None:
        return surrogate_message(where)
    unknown = sorted(set(arguments) - known) if known is not None else []
    if unknown:
        takes = ", ".join(sorted(known or ()))
        return f"{name}: unknown argument(s) {', '.join(map(repr, unknown))}; it takes {takes}"
    return None


def build_server(assistant: Assistant) -> MCPServer[Any]:
    """The MCP server over `assistant` (load it first, so the first call is not slow)."""
    server = _checked_server_class()("news-rag", instructions=INSTRUCTIONS, log_level="WARNING")
    _add_search(server, assistant)
    _add_ask(server, assistant)
    _add_get_article(server, assistant)
    return server


def _checked_server_class() -> type[MCPServer[Any]]:
    """MCPServer with each call's arguments checked (`argument_problem`) and stdio served
    with every line answered (`mcp_stdio`)."""
    from mcp.server import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError

    class CheckedServer(MCPServer[Any]):
        async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None) -> Any:
            tools = {tool.name: tool for tool in await self.list_tools()}
            known = set(tools[name].input_schema.get("properties", {})) if name in tools else None
            problem = argument_problem(name, arguments, known)
            if problem is not None:
                raise ToolError(problem)
            return await super().call_tool(name, arguments, context)

        async def run_stdio_async(self) -> None:
            from news_rag.rag.mcp_stdio import serve_stdio

            await serve_stdio(self._lowlevel_server)

    return CheckedServer


def _tool(server: MCPServer[Any]) -> Callable[[F], F]:
    """`server.tool()` with the docstring as one paragraph: a client shows the description
    as written, without the source's indentation and line breaks."""

    def register(func: F) -> F:
        description = " ".join((func.__doc__ or "").split())
        return server.tool(description=description)(func)

    return register


def _add_search(server: MCPServer[Any], assistant: Assistant) -> None:
    from mcp.server.mcpserver.exceptions import ToolError
    from news_rag.index.errors import RagError
    from news_rag.rag.assistant import NoMatchError

    @_tool(server)
    def search(
        query: Text, k: K = None, mode: Mode | None = None, outlet: FilterText = None,
        author: FilterText = None, theme: FilterText = None, since: Date = None,
        until: Date = None, dateline: Place = None,
    ) -> Annotated[CallToolResult, SearchOut]:  # fmt: skip
        """Find the passages that best match a query, each with its source label."""
        filters = _filters(
            outlet=outlet, author=author, theme=theme, since=since, until=until, dateline=dateline
        )
        started = time.perf_counter()
        try:
            passages = assistant.search(
                query, k or assistant.settings.retrieval.k, filters=filters, mode=mode
            )
        except NoMatchError:
            passages = []
        except RagError as exc:
            raise ToolError(str(exc)) from exc
        elapsed = (time.perf_counter() - started) * 1000
        chosen = mode or assistant.settings.retrieval.mode
        data = search_payload(query, chosen, filters, passages, elapsed)
        return _result(plain_passages(passages), data)


def _add_ask(server: MCPServer[Any], assistant: Assistant) -> None:
    from mcp.server.mcpserver.exceptions import ToolError
    from news_rag.index.errors import RagError

    @_tool(server)
    def ask(
        question: Text, k: K = None, mode: Mode | None = None, outlet: FilterText = None,
        author: FilterText = None, theme: FilterText = None, since: Date = None,
        until: Date = None, dateline: Place = None,
    ) -> Annotated[CallToolResult, AnswerOut]:  # fmt: skip
        """Answer a question with quoted, cited sentences; each citation names its claimant
        and source. Abstains (abstained: true) when the articles don't say."""
        filters = _filters(
            outlet=outlet, author=author, theme=theme, since=since, until=until, dateline=dateline
        )
        try:
            answer = assistant.ask(question, filters=filters, mode=mode, k=k)
        except RagError as exc:
            raise ToolError(str(exc)) from exc
        return _result(plain_answer(answer), dict(answer.to_dict()))


def _add_get_article(server: MCPServer[Any], assistant: Assistant) -> None:
    from mcp.server.mcpserver.exceptions import ToolError

    @_tool(server)
    def get_article(
        article_id: Annotated[str, Field(min_length=1, max_length=200)],
        start: Annotated[int | None, Field(ge=0)] = None,
        end: Annotated[int | None, Field(ge=1)] = None,
    ) -> Annotated[CallToolResult, ArticleOut]:
        """An article's cleaned text and metadata; with start and end (citation offsets),
        the span's text too."""
        found = assistant.reader.articles().get(article_id)
        if found is None:
            raise ToolError(f"no article {article_id!r}")
        span = (start, end) if start is not None and end is not None else None
        if (start is None) != (end is None):
            raise ToolError("give both start and end, or neither")
        if span is not None and (problem := check_span(found, span)) is not None:
            raise ToolError(problem)
        data = article_payload(found, span)
        head = f"{found.title or found.id} ({found.id}; {OFFSETS_NOTE})"
        text = f"{head}\n\n{found.text}"
        if span is not None:
            text = f"{head}\nchars {span[0]}-{span[1]}: “{data['span']['text']}”\n\n{found.text}"
        return _result(text, data)
