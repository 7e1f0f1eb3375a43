"""Pydantic models at the HTTP and MCP boundary.

Requests are validated strictly (unknown fields rejected, sizes bounded), so bad input is a
422 with a message. Responses describe the JSON that `Answer.to_dict()` and the search
envelope already produce (the same as `rag ask --json` / `rag search --json`); they allow
extra fields, so a field added to the result types passes through unchanged.
"""

from __future__ import annotations

from typing import Any, Literal

from news_rag.rag.settings import MAX_K
from news_rag.rag.types import Filters
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Bounds. MAX_K: the most passages one request may ask for (`rag.settings.MAX_K`, shared
# with the CLI and the chat).
# The longest question: the default `answer.max_question_chars`.
MAX_QUESTION_CHARS = 1000
# Filter values are names and dates; 200 characters is longer than any outlet or author.
MAX_FILTER_CHARS = 200

Mode = Literal["hybrid", "dense", "bm25"]


class FilterFields(BaseModel):
    """Search filters, as on the command line: substrings, inclusive ISO dates and the
    dateline's place."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _encodable(cls, data: Any) -> Any:
        """Refuse a lone surrogate in any value or field name (JSON's \\ud800 escape): no
        answer or error could repeat it."""
        from news_rag.rag.server.encodable import surrogate_message, unencodable

        where = unencodable(data)
        if where is not None:
            raise ValueError(surrogate_message(where))
        return data

    outlet: str | None = Field(None, max_length=MAX_FILTER_CHARS, description="Outlet substring")
    author: str | None = Field(None, max_length=MAX_FILTER_CHARS, description="Author substring")
    theme: str | None = Field(None, max_length=MAX_FILTER_CHARS, description="Theme substring")
    since: str | None = Field(None, max_length=10, description="Published on/after (YYYY-MM-DD)")
    until: str | None = Field(None, max_length=10, description="Published on/before (YYYY-MM-DD)")
    dateline: str | None = Field(
        None, max_length=MAX_FILTER_CHARS, description="Dateline place, whole and any case"
    )

    @field_validator("since", "until")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        from news_rag.rag.retrieve import FilterError, parse_date

        if value is None:
            return None
        try:
            parse_date(value, "date")
        except FilterError as exc:
            raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD (or YYYY, YYYY-MM)") from exc
        return value.strip()

    @model_validator(mode="after")
    def _ordered(self) -> FilterFields:
        from news_rag.rag.catalog import date_bounds

        low, high = date_bounds(self.filters())
        if low and high and low > high:
            raise ValueError(f"since {self.since} is after until {self.until}")
        return self

    def filters(self) -> Filters:
        return Filters(
            outlet=self.outlet,
            author=self.author,
            since=self.since,
            until=self.until,
            theme=self.theme,
            dateline=self.dateline,
        )


class QueryFields(FilterFields):
    k: int | None = Field(None, ge=1, le=MAX_K, description="Passages to retrieve (default 10)")
    mode: Mode | None = Field(None, description="Retrieval mode (default hybrid)")


class AskRequest(QueryFields):
    question: str = Field(..., min_length=1, max_length=MAX_QUESTION_CHARS)


class SearchRequest(QueryFields):
    query: str = Field(..., min_length=1, max_length=MAX_QUESTION_CHARS)


# --- responses (the JSON of the CLI's --json; extra fields pass through) ---------------


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class SourceFields(_Open):
    article_id: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    source_path: str
    original_source: str | None = None
    original_published: str | None = None
    dateline: str | None = None


class PassageOut(SourceFields):
    chunk_id: int
    text: str
    score: float
    char_start: int = Field(..., description="Offset into the article's cleaned text")
    char_end: int
    also_in: list[SourceFields] = []


class CitationOut(SourceFields):
    n: int
    quote: str = Field(..., description="== the cleaned text [char_start:char_end]")
    char_start: int
    char_end: int
    claimant: str = Field(..., description="Who inside the article makes the claim")
    score: float
    passage_start: int = 0
    passage_end: int = 0
    conflict_group: int | None = None
    also_in: list[SourceFields] = []


class ShortAnswerOut(BaseModel):
    text: str = Field(..., description="The answer itself: == the quote [start:end]")
    label: str = Field(..., description="Entity label: PERSON, ORG, MONEY, DATE, ...")
    citation: int = Field(..., description="The n of the citation whose quote holds it")
    start: int = Field(..., description="Offset inside that citation's quote")
    end: int
    char_start: int = Field(..., description="Offset into the article's cleaned text")
    char_end: int
    date: str | None = Field(None, description="The ISO date a date stands for, if known")


class AnswerOut(_Open):
    question: str
    answer: str
    abstained: bool
    kind: str
    resolved_question: str | None = None
    short_answer: ShortAnswerOut | None = None
    citations: list[CitationOut]
    more_citations: list[CitationOut] = Field(
        [], description="Quotes left out of the answer (the rest of X's statements)"
    )
    conflicts: list[list[int]] = []
    passages: list[PassageOut] = []
    timings_ms: dict[str, float] = {}


class SearchOut(_Open):
    query: str
    mode: str
    filters: dict[str, Any]
    results: list[PassageOut]
    timings_ms: dict[str, float] = {}


class ArticleRow(_Open):
    id: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    source_path: str


class ArticlesOut(_Open):
    articles: list[ArticleRow]


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class ArticleOut(ArticleRow):
    text: str = Field(..., description="The cleaned text that all offsets refer to")
    offsets: str
    span: SpanOut | None = None


class ConversationOut(BaseModel):
    id: str
    turns: int


class HealthOut(_Open):
    status: Literal["ok"]
    generation: int
    articles: int
    chunks: int
    index_dir: str
