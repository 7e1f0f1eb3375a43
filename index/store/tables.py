"""Corpus-sized tables of meta.sqlite, read on demand instead of held in memory.

`IndexReader` hands these out where it used to build a dict or list of the whole corpus
(every article, the article of every chunk; the claimants are paged the same way by
`analysis.store.matching_claimants`): a question needs a few rows
of each, and at 1M chunks the whole tables would pass the serving memory budget on their
own (eval/RESULTS.md, "Serving memory"). Each reads through the reader's one connection
and lock (`Query`), a page of rows at a time, so iterating a table costs a bounded amount
of memory too. What they return is what the eager dict and list held, in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence, ValuesView
from typing import Any, overload

from news_rag.index.store.database import row_to_article
from news_rag.index.types import Article

Query = Callable[..., list[Any]]  # IndexReader._query: (sql, params) -> rows

# Rows per page when a whole table is iterated: big enough that the per-query overhead
# (about 20 us) is small next to reading the rows, small enough that a page of articles
# with their text stays a few MB (Reuters and web articles are 2-10 kB of text each).
PAGE_ROWS = 500


class ArticleTable(Mapping[str, Article]):
    """Article id -> `Article`, ordered by id as `read_articles` returns them. A lookup reads
    one row (through `article_of`, the reader's bounded cache); iterating reads pages."""

    def __init__(self, query: Query, article_of: Callable[[str], Article | None]) -> None:
        self._query = query
        self._article_of = article_of
        self._size: int | None = None

    def __getitem__(self, article_id: str) -> Article:
        article = self._article_of(article_id) if isinstance(article_id, str) else None
        if article is None:
            raise KeyError(article_id)
        return article

    def __contains__(self, article_id: object) -> bool:
        if not isinstance(article_id, str):
            return False
        return bool(self._query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def __len__(self) -> int:
        if self._size is None:
            self._size = int(self._query("SELECT COUNT(*) FROM articles")[0][0])
        return self._size

    def __iter__(self) -> Iterator[str]:
        for rows in self._pages("id"):
            yield from (str(r[0]) for r in rows)

    def values(self) -> ValuesView[Article]:
        return _ArticleValues(self)

    def items(self) -> ItemsView[str, Article]:
        return _ArticleItems(self)

    def _pages(self, columns: str) -> Iterator[list[Any]]:
        """The rows in id order, PAGE_ROWS at a time (keyset pages: each a short query)."""
        select = f"SELECT {columns} FROM articles"
        rows = self._query(f"{select} ORDER BY id LIMIT ?", (PAGE_ROWS,))
        while rows:
            yield rows
            last = rows[-1]["id"] if columns == "*" else rows[-1][0]
            rows = self._query(f"{select} WHERE id > ? ORDER BY id LIMIT ?", (last, PAGE_ROWS))


class _ArticleValues(ValuesView[Article]):
    """Every article, a page of rows at a time (one query per page, not one per id)."""

    _mapping: ArticleTable

    def __iter__(self) -> Iterator[Article]:
        for rows in self._mapping._pages("*"):
            yield from (row_to_article(r) for r in rows)


class _ArticleItems(ItemsView[str, Article]):
    _mapping: ArticleTable

    def __iter__(self) -> Iterator[tuple[str, Article]]:
        for article in _ArticleValues(self._mapping):
            yield article.id, article


class ChunkArticleIds(Sequence[str]):
    """The article id of every chunk, indexed by chunk id, read a chunk at a time."""

    def __init__(self, query: Query, size: int) -> None:
        self._query = query
        self._size = size

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        position = int(index) + self._size if int(index) < 0 else int(index)
        if not 0 <= position < self._size:
            raise IndexError(f"chunk {index} out of range")
        rows = self._query("SELECT article_id FROM chunks WHERE id = ?", (position,))
        if not rows:
            raise IndexError(f"chunk {index} is missing")
        return str(rows[0][0])

    def articles_of(self, chunk_ids: Sequence[int]) -> set[str]:
        """The ids of the articles these chunks belong to: one query per `PAGE_ROWS` chunks
        (a filter may allow most of the corpus)."""
        found: set[str] = set()
        for first in range(0, len(chunk_ids), PAGE_ROWS):
            page = [int(i) for i in chunk_ids[first : first + PAGE_ROWS]]
            marks = ",".join("?" * len(page))
            rows = self._query(
                f"SELECT DISTINCT article_id FROM chunks WHERE id IN ({marks})", page
            )
            found.update(str(r[0]) for r in rows)
        return found

    def __iter__(self) -> Iterator[str]:
        sql = "SELECT id, article_id FROM chunks WHERE id >= ? ORDER BY id LIMIT ?"
        start = 0
        while start < self._size:
            rows = self._query(sql, (start, PAGE_ROWS))
            if not rows:
                return
            yield from (str(r[1]) for r in rows)
            start = int(rows[-1][0]) + 1
