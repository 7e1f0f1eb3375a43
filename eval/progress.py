"""Progress on stderr for long runs (`rag index`, `rag eval`, `rag benchmark`): a bar with
rate and ETA on a terminal, or plain lines for logs. Each is a `(stage, done, total)`
callback with `close()`."""

from __future__ import annotations

import os
import sys
import threading
import time

from news_rag.index.forkmap import FORK_SAFE_THREAD_PREFIX

_UNITS = {"reading": "files", "analysing": "articles", "embedding": "texts"}  # per stage


class StderrProgress:
    """A progress bar on stderr that appears only for work longer than a second."""

    def __init__(self, *, enabled: bool | None = None, delay_s: float = 1.0) -> None:
        self._enabled = sys.stderr.isatty() if enabled is None else enabled
        self._delay = delay_s
        self._start = time.monotonic()
        self._stage = ""
        self._shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._enabled:
            return
        if stage != self._stage:
            if self._shown:
                sys.stderr.write("\n")
            self._stage, self._shown = stage, False
            self._start = time.monotonic()
        if not self._shown and time.monotonic() - self._start < self._delay and done < total:
            return
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r{stage:<10} [{bar}] {done}/{total}{self._rate(stage, done, total)}")
        sys.stderr.flush()
        self._shown = True

    def _rate(self, stage: str, done: int, total: int) -> str:
        """' 41.3 texts/s, ETA 2:05' since the stage began (blank until there is a rate)."""
        elapsed = time.monotonic() - self._start
        if done <= 0 or elapsed <= 0:
            return ""
        rate = done / elapsed
        left = int((total - done) / rate) if done < total else 0
        unit = _UNITS.get(stage, "items")
        return f"  {rate:.1f} {unit}/s, ETA {left // 60}:{left % 60:02d}   "

    def close(self) -> None:
        if self._shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._shown = False


class LineProgress:
    """Progress as plain stderr lines (for logs): at most one line per `every_s` per stage.

    With `heartbeat_s`, a line also comes at least that often while the work runs, even
    when a stage reports nothing for a while (a model loading, a long batch), so that a log
    never goes quiet; `close()` stops it. Nothing is written during the first `quiet_s`:
    quick work (and its one-line error, if it fails) leaves the log as it was.
    """

    def __init__(
        self, every_s: float = 10.0, heartbeat_s: float | None = None, quiet_s: float = 0.0
    ) -> None:
        self._every = every_s
        self._quiet = quiet_s
        self._started = time.monotonic()
        self._last: dict[str, float] = {}
        self._begun: dict[str, float] = {}  # when each stage was first reported
        self._state: tuple[str, int, int] | None = None
        self._written = self._started  # when the last line was written
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        if heartbeat_s is not None:
            # it writes with os.write and takes no lock a child needs: analysis workers may
            # still be forked while it runs (index.forkmap.fork_safe)
            self._beat = threading.Thread(
                target=self._heartbeat, args=(heartbeat_s,), daemon=True,
                name=f"{FORK_SAFE_THREAD_PREFIX} progress heartbeat",
            )  # fmt: skip
            self._beat.start()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        with self._lock:
            self._begun.setdefault(stage, now)
            self._state = (stage, done, total)
            if done < total and now - self._last.get(stage, 0.0) < self._every:
                return
            self._last[stage] = now
            self._write(now)

    @property
    def spoke(self) -> bool:
        """Whether any line was written (the work outlasted `quiet_s`)."""
        return self._written > self._started

    def _write(self, now: float, beat: bool = False) -> None:
        if now - self._started < self._quiet:
            return
        if self._state is None:
            line = "starting"
        else:
            stage, done, total = self._state
            rate = ""
            begun = self._begun[stage]
            if done >= total and beat:
                rate = " done; still working"
            elif done > 0 and now > begun:
                per_s = done / (now - begun)
                left = int((total - done) / per_s)
                rate = f"  {per_s:.1f}/s, ETA {left // 60}:{left % 60:02d}"
            line = f"{stage}: {done}/{total}{rate}"
        _emit(f"[{now - self._started:7.1f} s] {line}\n", from_heartbeat=beat)
        self._written = now

    def _heartbeat(self, every_s: float) -> None:
        while not self._stop.wait(every_s / 4):
            now = time.monotonic()
            with self._lock:
                if now - self._written >= every_s:
                    self._write(now, beat=True)

    def close(self) -> None:
        self._stop.set()
        if self._beat is not None:
            self._beat.join()
            self._beat = None


def _emit(text: str, *, from_heartbeat: bool) -> None:
    """One line on stderr's descriptor, unbuffered, so that the heartbeat thread takes no
    lock (a forked worker could inherit it held). A stream with no descriptor (captured in
    tests) gets the lines of the main thread only."""
    try:
        descriptor = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        if not from_heartbeat:
            sys.stderr.write(text)
            sys.stderr.flush()
        return
    if not from_heartbeat:
        sys.stderr.flush()  # what the main thread wrote before comes first
    os.write(descriptor, text.encode("utf-8", "replace"))


def stderr_progress() -> StderrProgress | LineProgress:
    """A bar with rate and ETA on a terminal, else a line every few seconds (for logs)."""
    return StderrProgress(enabled=True) if sys.stderr.isatty() else LineProgress()
