"""The writer's lock on an index directory: `.lock`, held with flock by one process.

The lock file records its holder (pid, the process's start time, host), so that a lock
left by a writer that died can be told from a live one. The lock is never inherited: every
process forked while it is held (analysis workers, `index/forkmap`) closes its copy at once,
so only the writer holds it and its death always frees it. Should some other process still
hold the file of a writer that died (a leftover from an older version), the next writer
takes the lock over: it puts a fresh `.lock` in place, under a short-lived guard lock
(`.lock.guard`) so that two writers never both take it over, and says so in a notice.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from news_rag.index.errors import IndexLockedError

_HELD: set[IO[str]] = set()  # the lock files this process holds: closed in forked children


def _close_in_child() -> None:
    for handle in list(_HELD):
        with contextlib.suppress(OSError):
            handle.close()
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


def _start_ticks(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux /proc), else None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()  # after "pid (comm) "; field 22 is 20th
    return fields[19] if len(fields) > 19 else None


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) the lock, as its file records."""

    pid: int
    start: str | None  # _start_ticks when taken; tells a reused pid from the holder
    host: str
    since: str  # ISO time the lock was taken

    @classmethod
    def me(cls) -> Holder:
        pid = os.getpid()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        return cls(pid, _start_ticks(pid), socket.gethostname(), now)

    @classmethod
    def read(cls, handle: IO[str]) -> Holder | None:
        try:
            handle.seek(0)
            data = json.loads(handle.read() or "null")
            if isinstance(data, int):  # before the record: the pid alone
                return cls(data, None, socket.gethostname(), "at an unknown time")
            return cls(int(data["pid"]), data.get("start"), str(data["host"]), str(data["since"]))
        except (OSError, ValueError, TypeError, KeyError):
            return None  # empty (released cleanly) or an older format: nothing to say

    def alive(self) -> bool:
        """Whether the holder still runs (a holder on another host is taken as alive)."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # another user's process: it exists
        return self.start is None or _start_ticks(self.pid) in (None, self.start)

    def describe(self) -> str:
        since = self.since if self.since.startswith("at ") else f"at {self.since}"
        return f"pid {self.pid}, started {since}"


def _write(handle: IO[str], holder: Holder) -> None:
    with contextlib.suppress(OSError):  # the record is informative; the flock is the lock
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(holder.__dict__) + "\n")
        handle.flush()


def _try_flock(handle: IO[str]) -> bool:
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), path.stat())
    except OSError:
        return False


def _locked_error(index_dir: Path, holder: Holder | None) -> IndexLockedError:
    who = f" ({holder.describe()})" if holder is not None else ""
    return IndexLockedError(
        f"{index_dir}: index is locked: another `rag index`{who} is writing to it; "
        "wait for it to finish and run again"
    )


def _take_over(index_dir: Path, lock_path: Path, notices: list[str]) -> IO[str]:
    """Under the guard lock: the lock, taken over if the holder recorded in `.lock` is dead
    though some process still holds the file; IndexLockedError if the holder is alive."""
    with (index_dir / ".lock.guard").open("a+") as guard:
        fcntl.flock(guard.fileno(), fcntl.LOCK_EX)  # held for a few syscalls only
        handle = lock_path.open("a+")
        if _try_flock(handle) and _same_file(handle, lock_path):
            return handle  # freed meanwhile
        holder = Holder.read(handle)
        handle.close()
        if holder is None or holder.alive():
            raise _locked_error(index_dir, holder)
        fresh = index_dir / f".lock.{os.getpid()}"
        handle = fresh.open("w+")
        _try_flock(handle)  # a name no other process uses: always free
        fresh.replace(lock_path)
        notices.append(
            f"{lock_path}: took over the lock of a `rag index` that died ({holder.describe()}); "
            "a process it left behind still held the lock file"
        )
        return handle


def _acquire(index_dir: Path, lock_path: Path, notices: list[str]) -> IO[str]:
    for _ in range(3):  # a takeover may replace the file between open and flock: once more
        handle = lock_path.open("a+")
        if not _try_flock(handle):
            handle.close()
            return _take_over(index_dir, lock_path, notices)
        if _same_file(handle, lock_path):
            previous = Holder.read(handle)
            if previous is not None and not previous.alive():
                notices.append(
                    f"{lock_path}: the previous `rag index` ({previous.describe()}) died "
                    "while writing; its lock is taken over"
                )
            return handle
        handle.close()
    raise _locked_error(index_dir, None)


@contextlib.contextmanager
def hold(index_dir: Path, lock_path: Path, notices: list[str]) -> Iterator[None]:
    """Hold the lock on `index_dir` (`lock_path` is its `.lock`) for the block."""
    handle = _acquire(index_dir, lock_path, notices)
    _write(handle, Holder.me())
    _HELD.add(handle)
    try:
        yield
    finally:
        _HELD.discard(handle)
        with contextlib.suppress(OSError):
            handle.truncate(0)  # released cleanly: no holder to report
        handle.close()  # closing releases the flock
