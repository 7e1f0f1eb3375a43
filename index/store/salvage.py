"""`rag doctor --salvage broken-gen-N`: bring back the articles of a generation set aside.

Every article row of its meta.sqlite that still reads, and whose text is proven intact by
its hashes (database.verify_articles), is published again together with the live
generation's articles (a live article of the same id wins); what is new is chunked,
analysed and embedded. A meta.sqlite too damaged for a query is read row by row, so that
one bad page costs only the rows on it.
"""

from __future__ import annotations

import shlex
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.errors import InputError
from news_rag.index.store.database import (
    SourceRecord,
    connect_readonly,
    read_sources,
    verify_articles,
)
from news_rag.index.store.generations import BROKEN_PREFIX, generation_number
from news_rag.index.store.verify import META, read_manifest
from news_rag.index.types import Article

if TYPE_CHECKING:
    from news_rag.index.encoders.minilm import Embedder

MAX_MISSING_ROWIDS = 1000  # row-by-row reading stops after this many rowids in a row read nothing


@dataclass(frozen=True)
class SalvageReport:
    source: str  # the broken-gen-* directory
    held: int  # articles it was published with (its manifest), else the rows that read
    readable: int  # articles whose text and metadata read and verify
    restored: int  # of those, articles that were not live and now are
    generation: int | None  # the generation published, None when nothing was new
    missing: tuple[str, ...]  # source files of the articles that could not be read
    restore: str | None  # the command that restores what is still missing

    def lines(self) -> list[str]:
        gen = f"gen-{self.generation:06d}" if self.generation else "nothing new to publish"
        out = [
            f"{self.source}: {self.readable} of {self.held} articles read and verify; "
            f"{self.restored} were not live and now are ({gen})"
        ]
        lost = self.held - self.readable
        if lost > 0:
            out.append(
                f"{lost} article(s) could not be read"
                + (
                    f"; restore them with: {self.restore}"
                    if self.restore
                    else "; their source files are gone: nothing here can restore them"
                )
            )
        return out


def salvage(index_dir: Path, name: str, embedder: Embedder | None = None) -> SalvageReport:
    from news_rag.index.pipeline import republish
    from news_rag.index.store.reader import IndexReader

    path = index_dir / name
    if not name.startswith(BROKEN_PREFIX) or generation_number(name) is None:
        raise InputError(f"{name}: not a quarantined generation (broken-gen-N)")
    if not path.is_dir():
        raise InputError(f"{path}: no such generation; `rag doctor --index {index_dir}` lists them")
    articles, sources, held = read_salvageable(path)
    try:
        live = set(IndexReader.open(index_dir).articles())
    except Exception:
        live = set()
    new = [a for a in articles if a.id not in live]
    generation = None
    if new:
        generation = republish(index_dir, new, sources, embedder=embedder).generation
    known = {a.source_path for a in articles}
    paths = _manifest_paths(path)
    missing = tuple(p for p in paths if p not in known)
    if held > len(articles) and not missing:  # a file of several articles, some unread
        missing = tuple(paths)
    return SalvageReport(
        source=str(path),
        held=max(held, len(articles)),
        readable=len(articles),
        restored=len(new),
        generation=generation,
        missing=missing,
        restore=_restore(index_dir, missing),
    )


def read_salvageable(gen_path: Path) -> tuple[list[Article], list[SourceRecord], int]:
    """The verified articles, the source records that read, and the articles it held."""
    counts = (read_manifest(gen_path) or {}).get("counts") or {}
    stated = counts.get("articles") if isinstance(counts, dict) else None
    held = stated if isinstance(stated, int) else 0
    try:
        conn = connect_readonly(gen_path / META)
    except sqlite3.DatabaseError:
        return [], [], held
    try:
        articles, _ = verify_articles(_rows(conn, "articles"), _chunk_rows(conn))
        try:
            sources = read_sources(conn)
        except (sqlite3.DatabaseError, ValueError):
            sources = []
    finally:
        conn.close()
    return articles, sources, held


def _rows(conn: sqlite3.Connection, table: str) -> Iterator[Any]:
    """Every row of `table` that reads, one query per rowid where a full scan fails."""
    try:
        yield from conn.execute(f"SELECT * FROM {table}").fetchall()
        return
    except sqlite3.DatabaseError:
        pass
    rowid, misses = 1, 0
    while misses < MAX_MISSING_ROWIDS:
        try:
            row = conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            row = None
        misses = 0 if row is not None else misses + 1
        if row is not None:
            yield row
        rowid += 1


def _chunk_rows(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    for row in _rows(conn, "chunks"):
        yield (row["article_id"], row["char_start"], row["text"], row["text_hash"])


def _manifest_paths(gen_path: Path) -> list[str]:
    paths = (read_manifest(gen_path) or {}).get("source_paths")
    return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []


def _restore(index_dir: Path, missing: tuple[str, ...]) -> str | None:
    there = [p for p in missing if Path(p).exists()]
    if not there:
        return None
    named = " ".join(shlex.quote(p) for p in there)
    return f"rag index {named} --index {shlex.quote(str(index_dir))}"
