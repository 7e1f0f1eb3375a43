"""The HTTP API (`rag serve`): FastAPI over one shared `Assistant`.

Endpoints take and return the JSON of `rag ask --json` / `rag search --json`. They are plain
`def` functions, so FastAPI runs them in its thread pool and the event loop never blocks on
retrieval; the `Assistant` is safe to query from several threads. Which index generation a
request reads is the Assistant's business (a new one published by `rag index` is picked up
by the next request).
"""

import secrets
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from news_rag.index.errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexMismatchError,
    IndexNotFoundError,
    ModelError,
    RagError,
)

if TYPE_CHECKING:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.conversation import Conversation

# Request bodies are a question and a few filters; 64 KiB is far above any valid request
# (question <= 1000 chars) and small enough that no body can tie up memory.
MAX_BODY_BYTES = 64 * 1024
# Conversations kept in memory; the least recently used is dropped beyond this. Each holds
# its last answers (a few KB each), so 256 stays in the low MB.
MAX_CONVERSATIONS = 256
# Turns kept per conversation: follow-ups only look at the last one; a few more for context.
MAX_TURNS = 20
UNAVAILABLE = (IndexNotFoundError, IndexCorruptError, IndexMismatchError, IndexLockedError,
               ModelError)  # fmt: skip


@dataclass(frozen=True)
class ServerConfig:
    token: str | None = None  # bearer token required on every endpoint but /health and docs
    max_body_bytes: int = MAX_BODY_BYTES
    max_conversations: int = MAX_CONVERSATIONS


class Conversations:
    """Conversation objects by id, least recently used dropped first."""

    def __init__(self, assistant: "Assistant", limit: int) -> None:
        self._assistant = assistant
        self._limit = limit
        self.max_turns = MAX_TURNS
        self._items: OrderedDict[str, Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def create(self) -> str:
        key = uuid.uuid4().hex
        with self._lock:
            self._items[key] = self._assistant.conversation()
            while len(self._items) > self._limit:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> "Conversation":
        with self._lock:
            conversation = self._items.get(key)
            if conversation is None:
                raise HTTPException(404, f"no conversation {key!r}; POST /conversations first")
            self._items.move_to_end(key)
            return conversation

    def delete(self, key: str) -> None:
        with self._lock:
            if self._items.pop(key, None) is None:
                raise HTTPException(404, f"no conversation {key!r}")


def _error(status: int, message: str) -> JSONResponse:
    from news_rag.rag.server.encodable import escaped

    return JSONResponse({"detail": escaped(message)}, status_code=status)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """The errors without the input they refused (the client has it; a lone surrogate or a
    NaN in it could not be written back), every string escaped (`encodable.printable`)."""
    from news_rag.rag.server.encodable import printable

    kept = ("type", "loc", "msg", "ctx")
    return [printable({key: e[key] for key in kept if key in e}) for e in exc.errors()]


def _validation_message(errors: list[dict[str, Any]]) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return "; ".join(parts) or "invalid request"


def _install_handlers(app: FastAPI) -> None:
    from news_rag.rag.assistant import NoMatchError
    from news_rag.rag.retrieve import FilterError
    from news_rag.rag.settings import SettingsError
    from news_rag.rag.validation import QuestionError

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        return JSONResponse(
            {"detail": _validation_message(errors), "errors": errors}, status_code=422
        )

    @app.exception_handler(RagError)
    async def rag_error(request: Request, exc: RagError) -> JSONResponse:
        if isinstance(exc, QuestionError | FilterError | SettingsError | NoMatchError):
            return _error(422, str(exc))
        if isinstance(exc, UNAVAILABLE):
            return _error(503, str(exc))
        return _error(500, str(exc))


def _body_limit(app: FastAPI, limit: int) -> None:
    @app.middleware("http")
    async def limit_body(request: Request, call_next: Any) -> Any:
        if request.method in {"POST", "PUT", "PATCH"}:
            length = request.headers.get("content-length")
            if length is None and request.headers.get("transfer-encoding"):
                return _error(411, "send a Content-Length; chunked request bodies are refused")
            if length is not None and (not length.isdigit() or int(length) > limit):
                return _error(413, f"request body over {limit} bytes")
        return await call_next(request)


def _auth(token: str | None) -> Any:
    bearer = HTTPBearer(auto_error=False)

    def check(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> None:
        if token is None:
            return
        given = credentials.credentials if credentials is not None else ""
        if not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(
                401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
            )

    return Depends(check)


def create_app(assistant: "Assistant", config: ServerConfig | None = None) -> FastAPI:
    """The API over `assistant` (load it first, so the first request is not slow)."""
    from news_rag.rag.server.routes import add_routes

    config = config or ServerConfig()
    app = FastAPI(
        title="news-rag",
        summary="Cited, attributed answers from news articles",
        description=(
            "Answers quote the articles verbatim; every citation carries its source label "
            "and its claimant. All character offsets refer to an article's cleaned text "
            "(GET /articles/{id})."
        ),
    )
    _install_handlers(app)
    _body_limit(app, config.max_body_bytes)
    conversations = Conversations(assistant, config.max_conversations)
    add_routes(app, assistant, conversations, _auth(config.token))
    return app
