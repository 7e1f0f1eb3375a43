"""Chat sessions kept in SQLite under the user data directory.

Each turn stores the question and `Answer.to_dict()` as JSON; the chat rebuilds its display
from those dicts. An unreadable database is moved aside (`sessions.sqlite.corrupt-<time>`)
and a fresh one is started, so a damaged file never stops the app.
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
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    PRIMARY KEY (session_id, ordinal)
);
"""


def default_sessions_path() -> Path:
    from platformdirs import user_data_path

    return Path(user_data_path("news-rag", appauthor=False)) / "sessions.sqlite"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SessionInfo:
    id: int
    name: str
    created: str
    updated: str
    turns: int


@dataclass(frozen=True)
class StoredTurn:
    question: str
    answer: dict[str, Any]  # Answer.to_dict()


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
            conn.execute("SELECT id, name, created, updated FROM sessions LIMIT 1").fetchall()
            conn.execute("SELECT session_id, ordinal, question, answer_json FROM turns LIMIT 1")
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
    def create(self, name: str) -> int:
        now = _now()
        with self._conn:
            cursor = self._conn.execute(
                "INSERT INTO sessions (name, created, updated) VALUES (?, ?, ?)", (name, now, now)
            )
        return int(cursor.lastrowid or 0)

    def sessions(self) -> list[SessionInfo]:
        rows = self._conn.execute(
            "SELECT s.id, s.name, s.created, s.updated, COUNT(t.ordinal) FROM sessions s "
            "LEFT JOIN turns t ON t.session_id = s.id GROUP BY s.id "
            "ORDER BY s.updated DESC, s.id DESC"
        ).fetchall()
        return [SessionInfo(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]

    def get(self, session_id: int) -> SessionInfo | None:
        return next((s for s in self.sessions() if s.id == session_id), None)

    def latest(self) -> SessionInfo | None:
        sessions = self.sessions()
        return sessions[0] if sessions else None

    def rename(self, session_id: int, name: str) -> None:
        with self._conn:
            self._conn.execute("UPDATE sessions SET name = ? WHERE id = ?", (name, session_id))

    def delete(self, session_id: int) -> None:
        with self._conn:
            self._conn.execute("DELETE FROM turns WHERE session_id = ?", (session_id,))
            self._conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # --- turns --------------------------------------------------------------------------
    def add_turn(self, session_id: int, question: str, answer: dict[str, Any]) -> None:
        with self._conn:
            (count,) = self._conn.execute(
                "SELECT COUNT(*) FROM turns WHERE session_id = ?", (session_id,)
            ).fetchone()
            self._conn.execute(
                "INSERT INTO turns (session_id, ordinal, question, answer_json) "
                "VALUES (?, ?, ?, ?)",
                (session_id, int(count), question, json.dumps(answer, ensure_ascii=False)),
            )
            self._conn.execute("UPDATE sessions SET updated = ? WHERE id = ?", (_now(), session_id))

    def turns(self, session_id: int) -> list[StoredTurn]:
        rows = self._conn.execute(
            "SELECT question, answer_json FROM turns WHERE session_id = ? ORDER BY ordinal",
            (session_id,),
        ).fetchall()
        turns = []
        for question, answer_json in rows:
            try:
                answer = json.loads(answer_json)
            except ValueError:
                continue  # one damaged turn should not hide the rest
            if isinstance(answer, dict):
                turns.append(StoredTurn(question, answer))
        return turns
