"""The article list: metadata rows filtered like a search and sorted by natural id order.

Used by `rag articles`, `GET /articles` and the MCP server, so that all three list the same
articles for the same filters. The filters mean what they mean for retrieval
(`rag.retrieve.filter_clause`): case-insensitive substrings for outlet (or the re-post's
original source), author and theme; the whole dateline place, ignoring case; inclusive ISO
dates, a partial `until` covering its whole year or month; an article without a date never
matches a date filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from news_rag.index.types import Article
from news_rag.rag.retrieve import dateline_filter, parse_date
from news_rag.rag.types import Filters

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders digit runs by value: `a2` before `a10`, `9_x` before `10_x`."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(text)
        if part
    )


def _contains(value: str | None, needle: str) -> bool:
    return value is not None and needle.casefold() in value.casefold()


def date_bounds(filters: Filters) -> tuple[str | None, str | None]:
    """The date filters as comparable ISO strings: (first day, last day or `YYYY-MM-99`)."""
    since = parse_date(filters.since, "since") if filters.since else None
    until = None
    if filters.until:
        text = filters.until.strip()
        day = parse_date(text, "until")
        until = day if len(text) >= 10 else text + "-99"  # a year or month: all of it
    return since, until


def matches(article: Article, filters: Filters) -> bool:
    """Whether `article` passes `filters` (the same rules as the search filters)."""
    if filters.outlet and not (
        _contains(article.outlet, filters.outlet)
        or _contains(article.original_source, filters.outlet)
    ):
        return False
    if filters.author and not _contains(article.author, filters.author):
        return False
    if filters.theme and not any(_contains(t, filters.theme) for t in article.themes):
        return False
    since, until = date_bounds(filters)
    if (since or until) and not article.published:
        return False
    if since and (article.published or "") < since:
        return False
    return not (until and (article.published or "") > until) and _at_place(article, filters)


def _at_place(article: Article, filters: Filters) -> bool:
    """Whether the article's dateline is the filter's place (whole, ignoring case)."""
    place = dateline_filter(filters)
    return not place or (article.dateline or "").casefold() == place.casefold()


def select_articles(articles: Iterable[Article], filters: Filters | None = None) -> list[Article]:
    """The articles passing `filters`, in natural id order."""
    chosen = [a for a in articles if filters is None or matches(a, filters)]
    return sorted(chosen, key=lambda a: natural_key(a.id))


def select_rows(rows: Iterable[dict[str, Any]], articles: Mapping[str, Article],
                filters: Filters | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """`IndexReader.article_rows()` filtered and sorted like `select_articles`."""
    by_id = {row["id"]: row for row in rows}
    return [by_id[a.id] for a in select_articles(articles.values(), filters) if a.id in by_id]
