"""Checkpointed vectors of an unfinished `rag index`: a side store keyed by text sha256
(a pooled sentence vector by `pooled:` + its text sha256: see index/encoders/batches.py).

    INDEX_DIR/embed-cache/
      cache.sqlite          the model tag, and hash -> (shard, row), shard -> sha256
      shard-000001.npy      one finished batch of vectors (float32, rows in insert order)

Each finished batch is written as a new shard (temporary file, fsync, os.replace) and only
then recorded in cache.sqlite, so a kill at any point leaves at worst an unrecorded shard
(ignored, and overwritten by the next shard number). The store is tagged with the
embedder's name, encoder variant, weights sha256 and dimension: opened with another model
or variant, it is emptied first, so vectors from different encoders never mix. A shard
whose bytes no longer match the sha256 recorded for it is ignored (its texts are embedded
again). Nothing is pickled.

The store lives only while a run is unfinished: the pipeline removes it after a successful
publish (the new generation then holds every vector), so it never grows past one corpus.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

CACHE_DIR = "embed-cache"
CACHE_DB = "cache.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tag (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shards (shard INTEGER PRIMARY KEY, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vectors (
    hash TEXT PRIMARY KEY, shard INTEGER NOT NULL, row INTEGER NOT NULL
);
"""


def cache_dir(index_dir: Path) -> Path:
    return index_dir / CACHE_DIR


def model_tag(name: str, weights_sha256: str, dimension: int) -> str:
    return f"{name}|{weights_sha256}|{dimension}"


def remove_cache(index_dir: Path) -> None:
    """Drop the side store (after a publish, the live generation holds every vector)."""
    shutil.rmtree(cache_dir(index_dir), ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class EmbedCache:
    """The side store of one index directory, for one model. Use while holding the lock."""

    def __init__(self, index_dir: Path, tag: str, dimension: int) -> None:
        self.root = cache_dir(index_dir)
        self.dimension = dimension
        self._shard_cache: dict[int, npt.NDArray[np.float32] | None] = {}
        self.root.mkdir(parents=True, exist_ok=True)
        self._conn = self._open(tag)

    def _open(self, tag: str) -> sqlite3.Connection:
        path = self.root / CACHE_DB
        try:
            conn = self._connect(path)
            row = conn.execute("SELECT value FROM tag WHERE key = 'model'").fetchone()
        except sqlite3.DatabaseError:  # a damaged store is only a lost checkpoint
            row, conn = ("damaged",), None
        if row is not None and row[0] != tag:  # another model (or damage): start empty
            if conn is not None:
                conn.close()
            shutil.rmtree(self.root, ignore_errors=True)
            self.root.mkdir(parents=True, exist_ok=True)
            conn = self._connect(path)
        assert conn is not None
        conn.execute("INSERT OR REPLACE INTO tag VALUES ('model', ?)", (tag,))
        conn.commit()
        return conn

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA synchronous = FULL")
        conn.executescript(_SCHEMA)
        return conn

    def close(self) -> None:
        self._conn.close()
        self._shard_cache.clear()

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def hashes(self) -> set[str]:
        return {h for (h,) in self._conn.execute("SELECT hash FROM vectors")}

    def lookup(self, wanted: set[str]) -> Iterator[tuple[str, npt.NDArray[np.float32]]]:
        """(hash, vector) for each wanted hash held by a shard that verifies.

        Vectors are views of memory-mapped shards: nothing is copied until the caller
        copies a row into its own array."""
        rows = self._conn.execute("SELECT hash, shard, row FROM vectors ORDER BY shard, row")
        for text_hash, shard, row in rows:
            if text_hash not in wanted:
                continue
            vectors = self._shard(int(shard))
            if vectors is not None and row < len(vectors):
                yield text_hash, vectors[row]

    def _shard(self, number: int) -> npt.NDArray[np.float32] | None:
        if number not in self._shard_cache:
            self._shard_cache[number] = self._load_shard(number)
        return self._shard_cache[number]

    def _load_shard(self, number: int) -> npt.NDArray[np.float32] | None:
        import numpy as np

        found = self._conn.execute("SELECT sha256 FROM shards WHERE shard = ?", (number,))
        record = found.fetchone()
        path = self._shard_path(number)
        try:
            with path.open("rb") as stream:
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
            if record is None or digest != record[0]:
                return None
            array = np.load(path, allow_pickle=False, mmap_mode="r")
        except (OSError, ValueError):
            return None
        if array.ndim != 2 or array.dtype != np.float32 or array.shape[1] != self.dimension:
            return None
        return array

    def _shard_path(self, number: int) -> Path:
        return self.root / f"shard-{number:06d}.npy"

    def add(self, hashes: Sequence[str], vectors: npt.NDArray[np.float32]) -> None:
        """Checkpoint one finished batch: a new shard, then its rows in cache.sqlite."""
        import numpy as np

        found = self._conn.execute("SELECT COALESCE(MAX(shard), 0) FROM shards").fetchone()
        number = int(found[0]) + 1
        buffer = io.BytesIO()
        array = np.ascontiguousarray(vectors, dtype=np.float32)
        np.lib.format.write_array(buffer, array, allow_pickle=False)
        data = buffer.getvalue()
        final = self._shard_path(number)
        tmp = self.root / f".tmp-{final.name}-{uuid.uuid4().hex[:8]}"
        try:
            with tmp.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            tmp.replace(final)
            _fsync_dir(self.root)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        with self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO shards VALUES (?, ?)",
                (number, hashlib.sha256(data).hexdigest()),
            )
            self._conn.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                [(h, number, row) for row, h in enumerate(hashes)],
            )
