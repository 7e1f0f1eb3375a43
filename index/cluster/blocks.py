"""The driver's store of finished articles: what a killed driver's next run reuses.

Each article result that comes back from the cluster is kept (its sentences, chunks and
analysis; its vectors go to the embedding stage's own side store, `encoders.checkpoint`)
under its `records.article_key`, committed a block at a time. A rerun after a killed driver
sends only the articles that are not here; a publish removes the store, as it removes the
embedding checkpoint. It lives in the index directory, under the writer's lock.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from news_rag.index.cluster.records import ArticleResult, dumps, load_result

STORE_DIR = "cluster-cache"  # beside `embed-cache` in the index directory
STORE_DB = "results.sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result BLOB NOT NULL)"


def store_dir(index_dir: Path) -> Path:
    return index_dir / STORE_DIR


def remove_store(index_dir: Path) -> None:
    """Drop the store (after a publish, the live generation holds every result)."""
    shutil.rmtree(store_dir(index_dir), ignore_errors=True)


class ResultStore:
    """Finished article results by key. Use while holding the index's write lock."""

    def __init__(self, index_dir: Path) -> None:
        root = store_dir(index_dir)
        root.mkdir(parents=True, exist_ok=True)
        path = root / STORE_DB
        try:
            self._conn = self._connect(path)
        except sqlite3.DatabaseError:  # a damaged store is only lost work: start empty
            path.unlink(missing_ok=True)
            self._conn = self._connect(path)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path)
        conn.execute(_SCHEMA)
        conn.execute("SELECT COUNT(*) FROM results").fetchone()  # fails now if damaged
        return conn

    def known(self, keys: Iterable[str]) -> set[str]:
        wanted = set(keys)
        rows = self._conn.execute("SELECT key FROM results").fetchall()
        return {str(row[0]) for row in rows if row[0] in wanted}

    def get(self, key: str) -> ArticleResult | None:
        row = self._conn.execute("SELECT result FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return load_result(bytes(row[0]))
        except (ValueError, KeyError, TypeError, IndexError):  # damaged or foreign: redo it
            return None

    def add(self, results: Iterable[ArticleResult]) -> None:
        """Keep `results` (without their vectors) in one transaction."""
        rows = [(r.key, _without_vectors(r)) for r in results]
        with self._conn:
            self._conn.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)

    def close(self) -> None:
        self._conn.close()


def _without_vectors(result: ArticleResult) -> bytes:
    vectors, result.vectors = result.vectors, {}
    try:
        return dumps(result)
    finally:
        result.vectors = vectors
