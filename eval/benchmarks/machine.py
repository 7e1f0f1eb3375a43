"""What the benchmarks read about this machine: a process's memory, a path's size on disk,
the load average (printed beside every timing: other work on a 2-core machine moves them)."""

from __future__ import annotations

import os
from pathlib import Path

from news_rag.index.store.resident import status_mb


def memory() -> dict[str, float]:
    """MB of this process's memory from /proc/self/status (Linux), to 0.1 MB."""
    fields = ("VmRSS", "RssAnon", "RssFile", "VmHWM")
    return {key: round(mb, 1) for key, mb in status_mb(fields).items()}


def disk_mb(path: Path) -> float:
    """MB a file, or every file under a folder, takes on disk, to 0.1 MB."""
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    return round(sum(p.stat().st_size for p in files) / 1e6, 1)


def load_average() -> list[float]:
    """The 1, 5 and 15-minute load averages now."""
    return [round(x, 2) for x in os.getloadavg()]
