"""What the benchmarks read about this machine: a process's memory, a path's size on disk,
the load average (printed beside every timing: other work on a 2-core machine moves them)."""

from __future__ import annotations

import os
from pathlib import Path


def memory() -> dict[str, float]:
    """MB of this process's memory from /proc/self/status (Linux)."""
    out: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def disk_mb(path: Path) -> float:
    """MB a file, or every file under a folder, takes on disk, to 0.1 MB."""
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    return round(sum(p.stat().st_size for p in files) / 1e6, 1)


def load_average() -> list[float]:
    """The 1, 5 and 15-minute load averages now."""
    return [round(x, 2) for x in os.getloadavg()]
