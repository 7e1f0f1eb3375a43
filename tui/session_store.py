"""Chat sessions kept in SQLite under the user data directory.

Each session records the index it was held on (its path and the manifest's corpus id). Each
turn stores the question, `Answer.to_dict()` and the options it was asked with, as JSON.
An unreadable database is moved aside (`sessions.sqlite.corrupt-<time>`) and a fresh one is
started, so a damaged file never stops the app. Older files gain the new columns in place.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    index_path TEXT NOT NULL DEFAULT '',
    corpus_id TEXT
);
CREATE TABLE IF NOT EXISTS turns (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    options_json TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (session_id, ordinal)
);
"""
# Columns added after the first release: (table, column, declaration) for ALTER TABLE.
_ADDED_COLUMNS = (
    ("sessions", "index_path", "TEXT NOT NULL DEFAULT ''"),
    ("sessions", "corpus_id", "TEXT"),
    ("turns", "options_json", "TEXT NOT NULL DEFAULT '{}'"),
)


def default_sessions_path() -> Path:
    from platformdirs import user_data_path

    return Path(user_data_path("news-rag", appauthor=False)) / "sessions.sqlite"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class IndexIdentity:
    """Which index a session belongs to: the corpus id from the manifest when the index
    has one (it survives rebuilds and moves), else the index directory's path."""

    path: str
    corpus_id: str | None = None

    @property
    def name(self) -> str:
        return Path(self.path).name or self.path or "unknown index"

    def matches(self, other: IndexIdentity) -> bool:
        if self.corpus_id and other.corpus_id:
            return self.corpus_id == other.corpus_id
        return bool(self.path) and self.path == other.path


@dataclass(frozen=True)
class SessionInfo:
    id: int
    name: str
    created: str
    updated: str
    turns: int
    index: IndexIdentity = IndexIdentity("")


@dataclass(frozen=True)
class StoredTurn:
    question: str
    answer: dict[str, Any]  # Answer.to_dict()
    options: dict[str, Any]  # ChatOptions.to_dict(); {} for turns saved before options were


class SessionStore:
    """All sessions in one SQLite file. Use from one thread (the UI thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.recovered_from: Path | None = None  # where a corrupt file was moved
        try:
            self._conn = self._connect()
        except sqlite3.DatabaseError:
            self.recovered_from = self._move_aside()
            self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            row = conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {row}")
            conn.executescript(_SCHEMA)
            for table, column, declaration in _ADDED_COLUMNS:
                present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
                if column not in present:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
            conn.commit()
            conn.execute("SELECT id, name, created, updated, index_path, corpus_id FROM sessions")
            conn.execute(
                "SELECT session_id, ordinal, question, answer_json, options_json FROM turns"
            )
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self.path.replace(target)
        for suffix in ("-wal", "-shm", "-journal"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        return target

    def close(self) -> None:
        self._conn.close()

    # --- sessions -----------------------------------------------------------------------
    def create(self, name: str, index: IndexIdentity | None = None) -> int:
        now = _now()
        index = index or IndexIdentity("")
        with self._conn:
            cursor = self._conn.execute(
                "INSERT INTO sessions (name, created, updated, index_path, corpus_id) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, now, now, index.path, index.corpus_id),
            )
        return int(cursor.lastrowid or 0)

    def sessions(self, index: IndexIdentity | None = None) -> list[SessionInfo]:
        """Newest first; only those held on `index` when it is given."""
        rows = self._conn.execute(
            "SELECT s.id, s.name, s.created, s.updated, COUNT(t.ordinal), s.index_path, "
            "s.corpus_id FROM sessions s LEFT JOIN turns t ON t.session_id = s.id "
            "GROUP BY s.id ORDER BY s.updated DESC, s.id DESC"
        ).fetchall()
        found = [
            SessionInfo(int(r[0]), r[1], r[2], r[3], int(r[4]), IndexIdentity(r[5] or "", r[6]))
            for r in rows
        ]
        return [s for s in found if index is None or s.index.matches(index)]

    def get(self, session_id: int) -> SessionInfo | None:
        return next((s for s in self.sessions() if s.id == session_id), None)

    def latest(self, index: IndexIdentity | None = None) -> SessionInfo | None:
        sessions = self.sessions(index)
        return sessions[0] if sessions else None

    def rename(self, session_id: int, name: str) -> None:
        with self._conn:
            self._conn.execute("UPDATE sessions SET name = ? WHERE id = ?", (name, session_id))

    def delete(self, session_id: int) -> None:
        with self._conn:
            self._conn.execute("DELETE FROM turns WHERE session_id = ?", (session_id,))
            self._conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # --- turns --------------------------------------------------------------------------
    def add_turn(
        self,
        session_id: int,
        question: str,
        answer: dict[str, Any],
        options: dict[str, Any] | None = None,
    ) -> None:
        with self._conn:
            (count,) = self._conn.execute(
                "SELECT COUNT(*) FROM turns WHERE session_id = ?", (session_id,)
            ).fetchone()
            self._conn.execute(
                "INSERT INTO turns (session_id, ordinal, question, answer_json, options_json) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    session_id,
                    int(count),
                    question,
                    json.dumps(answer, ensure_ascii=False),
                    json.dumps(options or {}, ensure_ascii=False),
                ),
            )
            self._conn.execute("UPDATE sessions SET updated = ? WHERE id = ?", (_now(), session_id))

    def turns(self, session_id: int) -> list[StoredTurn]:
        rows = self._conn.execute(
            "SELECT question, answer_json, options_json FROM turns WHERE session_id = ? "
            "ORDER BY ordinal",
            (session_id,),
        ).fetchall()
        turns = []
        for question, answer_json, options_json in rows:
            try:
                answer = json.loads(answer_json)
                options = json.loads(options_json or "{}")
            except ValueError:
                continue  # one damaged turn should not hide the rest
            if isinstance(answer, dict):
                turns.append(
                    StoredTurn(question, answer, options if isinstance(options, dict) else {})
                )
        return turns
