"""BM25 over chunk texts in SQLite FTS5: a lexical index that stays on disk.

A candidate for corpora too large for bm25s (index/store/lexical.py) to build in memory,
measured by `rag benchmark lexical` and NOT wired into generations: at 1M chunk texts it
builds in 111 MB but answers a top-50 query in 293 ms p50 (bm25s: 3 ms), because FTS5
scores every row that matches any query term (eval/RESULTS.md, 2026-12-05).

The texts are tokenised by the same function as bm25s's (`tokenize_many`: lowercase
words of two or more word characters, English stopwords removed, Snowball stems), and the
FTS5 table holds those tokens joined by spaces, so both backends see the same terms. FTS5
ranks with its built-in `bm25()` (k1 = 1.2, b = 0.75, as BM25_CONFIG): the same formula
except the idf, log((N - n + 0.5) / (n + 0.5)) floored at 1e-6 where bm25s's "lucene" adds
one inside the log, so a term in more than half of the chunks adds next to nothing here.
The table is contentless (the texts live in meta.sqlite); its rowid is the chunk id.

The file is written under a temporary name and renamed into place, and opened read-only
and immutable, so a reader never sees a half-built index.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from news_rag.index.store.diskwrite import writing

FTS_FILE = "lexical.fts5.sqlite"
# Token characters for FTS5's unicode61 tokenizer: letters, numbers, marks and connector
# punctuation, which is what Python's `\w` matches; a stored token is never split again.
_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M* Pc'"
FTS_CONFIG: dict[str, Any] = {
    "library": "sqlite-fts5",
    "ranking": "bm25(k1=1.2, b=0.75), FTS5 idf",
    "tokens": "news_rag.index.store.lexical.tokenize_many (bm25s tokenizer, stopwords, stemmer)",
    "tokenizer": _TOKENIZER,
}
# Texts tokenised and inserted per transaction while building: 10,000 chunk texts are
# about 10 MB of text, small next to the tokeniser's own working set.
BUILD_BATCH = 10_000


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def match_expression(tokens: Sequence[str]) -> str:
    """An FTS5 query that matches any of the tokens (each a quoted string)."""
    return " OR ".join(_quote(t) for t in tokens)


def build_fts(
    path: Path,
    texts: Iterable[str],
    *,
    batch: int = BUILD_BATCH,
    progress: Any = None,
) -> int:
    """Write the FTS5 index of `texts` (chunk id = position) to `path`; the number indexed.

    `progress(done)` is called after each batch, when given.
    """
    from news_rag.index.store.lexical import tokenize_many

    tmp = path.with_name(path.name + ".tmp")
    with writing(path):
        tmp.unlink(missing_ok=True)
        connection = sqlite3.connect(tmp)
        try:
            connection.execute("PRAGMA journal_mode=OFF")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute(
                f"CREATE VIRTUAL TABLE lexical USING fts5(tokens, content='', "
                f'tokenize="{_TOKENIZER}")'
            )
            done = 0
            pending: list[str] = []
            for text in texts:
                pending.append(text)
                if len(pending) >= batch:
                    done = _insert(connection, pending, done, tokenize_many)
                    pending = []
                    if progress:
                        progress(done)
            done = _insert(connection, pending, done, tokenize_many)
            connection.execute("INSERT INTO lexical(lexical) VALUES ('optimize')")
            connection.execute("CREATE TABLE lexical_meta (key TEXT PRIMARY KEY, value TEXT)")
            connection.execute(
                "INSERT INTO lexical_meta VALUES ('config', ?), ('count', ?)",
                (json.dumps(FTS_CONFIG), str(done)),
            )
            connection.commit()
        finally:
            connection.close()
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        tmp.replace(path)
    return done


def _insert(connection: sqlite3.Connection, texts: list[str], start: int, tokenize: Any) -> int:
    if not texts:
        return start
    rows = [(start + i, " ".join(tokens)) for i, tokens in enumerate(tokenize(texts))]
    with connection:
        connection.executemany("INSERT INTO lexical(rowid, tokens) VALUES (?, ?)", rows)
    return start + len(texts)


class FtsIndex:
    """A read-only FTS5 lexical index; `search` is safe to call from several threads."""

    def __init__(self, path: Path) -> None:
        uri = f"file:{path.resolve()}?mode=ro&immutable=1"
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        rows = dict(self._db.execute("SELECT key, value FROM lexical_meta").fetchall())
        self.count = int(rows["count"])
        self.config: dict[str, Any] = json.loads(rows["config"])

    def search(
        self, tokens: Sequence[str], k: int, allowed: Sequence[int] | None = None
    ) -> list[tuple[int, float]]:
        """Top-k (chunk id, BM25 score > 0) for query tokens, best first, ties by id.

        With `allowed`, only those chunk ids are ranked (so k come back whenever k of them
        match a token)."""
        if not tokens or k < 1 or (allowed is not None and not len(allowed)):
            return []
        sql = "SELECT rowid, -bm25(lexical) AS s FROM lexical WHERE lexical MATCH ?"
        params: list[Any] = [match_expression(tokens)]
        if allowed is not None:
            sql += " AND rowid IN (SELECT value FROM json_each(?))"
            params.append(json.dumps([int(i) for i in allowed]))
        sql += " ORDER BY s DESC, rowid LIMIT ?"
        params.append(k)
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [(int(i), float(s)) for i, s in rows if s > 0]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def load_fts(path: Path) -> FtsIndex:
    return FtsIndex(path)
