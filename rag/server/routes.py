"""The endpoints. Plain `def` handlers: FastAPI runs them in its thread pool."""

import time
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Response
from news_rag.rag.payloads import article_payload, check_span, search_payload
from news_rag.rag.server.models import (
    AnswerOut,
    ArticleOut,
    ArticlesOut,
    AskRequest,
    ConversationOut,
    FilterFields,
    HealthOut,
    SearchOut,
    SearchRequest,
)

if TYPE_CHECKING:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.server.app import Conversations

NOTE_HEADER = "X-RAG-Note"


def add_routes(
    app: FastAPI, assistant: "Assistant", conversations: "Conversations", auth: Any
) -> None:
    """The endpoints of the API on `app`; every one but /health behind `auth`."""
    guarded = [auth]
    _query_routes(app, assistant, guarded)
    _conversation_routes(app, conversations, guarded)
    _article_routes(app, assistant, guarded)


def _query_routes(app: FastAPI, assistant: "Assistant", guarded: list[Any]) -> None:
    from news_rag.rag.assistant import NoMatchError

    @app.get("/health", response_model=HealthOut, tags=["meta"])
    def health() -> dict[str, Any]:
        """The index generation being served, and its size. Needs no token."""
        info = assistant.info()
        keys = ("generation", "articles", "chunks", "index_dir")
        return {"status": "ok", **{key: info[key] for key in keys}}

    @app.post("/search", response_model=SearchOut, dependencies=guarded, tags=["query"])
    def search(body: SearchRequest, response: Response) -> dict[str, Any]:
        """Passages for a query, as `rag search --json`. Filters that match no article give
        `results: []` and a note in the X-RAG-Note header."""
        filters = body.filters()
        started = time.perf_counter()
        k = body.k or assistant.settings.retrieval.k
        try:
            passages = assistant.search(body.query, k, filters=filters, mode=body.mode)
        except NoMatchError as exc:
            response.headers[NOTE_HEADER] = str(exc)
            passages = []
        elapsed = (time.perf_counter() - started) * 1000
        mode = body.mode or assistant.settings.retrieval.mode
        return search_payload(body.query, mode, filters, passages, elapsed)

    @app.post("/ask", response_model=AnswerOut, dependencies=guarded, tags=["query"])
    def ask(body: AskRequest) -> dict[str, Any]:
        """A cited, attributed answer, as `rag ask --json`."""
        answer = assistant.ask(body.question, filters=body.filters(), mode=body.mode, k=body.k)
        return dict(answer.to_dict())


def _conversation_routes(app: FastAPI, conversations: "Conversations", guarded: list[Any]) -> None:
    @app.post(
        "/conversations",
        response_model=ConversationOut,
        status_code=201,
        dependencies=guarded,
        tags=["conversations"],
    )
    def new_conversation() -> dict[str, Any]:
        """Start a conversation; ask follow-ups with POST /conversations/{id}/ask."""
        return {"id": conversations.create(), "turns": 0}

    @app.post(
        "/conversations/{conversation_id}/ask",
        response_model=AnswerOut,
        dependencies=guarded,
        tags=["conversations"],
    )
    def conversation_ask(conversation_id: str, body: AskRequest) -> dict[str, Any]:
        """Ask within a conversation: follow-ups ("Who reported that?") use the last turn."""
        conversation = conversations.get(conversation_id)
        answer = conversation.ask(body.question, filters=body.filters(), mode=body.mode, k=body.k)
        del conversation.turns[: -conversations.max_turns]
        return dict(answer.to_dict())

    @app.delete(
        "/conversations/{conversation_id}",
        status_code=204,
        dependencies=guarded,
        tags=["conversations"],
    )
    def delete_conversation(conversation_id: str) -> Response:
        conversations.delete(conversation_id)
        return Response(status_code=204)


def _article_routes(app: FastAPI, assistant: "Assistant", guarded: list[Any]) -> None:
    from news_rag.rag.catalog import select_rows

    @app.get("/articles", response_model=ArticlesOut, dependencies=guarded, tags=["articles"])
    def articles(query: Annotated[FilterFields, Query()]) -> dict[str, Any]:
        """Every indexed article's metadata (as `rag articles --json`), ids in natural order."""
        reader = assistant.reader
        rows = select_rows(reader.article_rows(), reader.articles(), query.filters())
        return {"articles": rows}

    @app.get(
        "/articles/{article_id}",
        response_model=ArticleOut,
        dependencies=guarded,
        tags=["articles"],
    )
    def article(
        article_id: str,
        start: Annotated[int | None, Query(ge=0, description="Span start (cleaned text)")] = None,
        end: Annotated[int | None, Query(ge=1, description="Span end (cleaned text)")] = None,
    ) -> dict[str, Any]:
        """An article's cleaned text (which all offsets refer to) and metadata; with
        `start` and `end`, the span's text too."""
        found = assistant.reader.articles().get(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}; GET /articles lists the ids")
        if (start is None) != (end is None):
            raise HTTPException(422, "give both start and end, or neither")
        span = (start, end) if start is not None and end is not None else None
        if span is not None:
            problem = check_span(found, span)
            if problem is not None:
                raise HTTPException(422, problem)
        return article_payload(found, span)
