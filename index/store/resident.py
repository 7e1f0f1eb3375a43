"""Bound how much of an index generation's memory-mapped files stays resident in a process.

A serving process maps the generation's FAISS index, BM25 arrays and vectors (`reader`):
nothing it holds in its own memory grows with the corpus, but every page a question touches
stays mapped into the process and counts in its RSS. At 1M chunks, 100 questions left
about 0.9 GB of them (eval/RESULTS.md, "`ask` at 1M"). `release_mapped` tells the kernel the
process no longer needs them (`madvise(MADV_DONTNEED)` over each read-only mapping of a file
in the generation's folder): the pages stay in the kernel's page cache, shared and
reclaimable, and the next question maps back the ones it reads without a disk read.
`file_backed_mb` is the cheap reading (`/proc/self/status`) that decides when.

Linux only (`/proc`, `madvise` from libc); elsewhere both are no-ops. A writable mapping is
never advised: dropping its pages could drop changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import mmap
from collections.abc import Iterable
from functools import cache
from pathlib import Path

STATUS = Path("/proc/self/status")
MAPS = Path("/proc/self/maps")


def status_mb(fields: Iterable[str]) -> dict[str, float]:
    """MB of this process's memory by `/proc/self/status` field ("VmRSS", "RssFile", ...);
    raises OSError where there is no such file."""
    wanted = set(fields)
    out: dict[str, float] = {}
    for line in STATUS.read_text(encoding="ascii").splitlines():
        key, _, value = line.partition(":")
        if key in wanted:
            out[key] = int(value.split()[0]) / 1024.0
    return out


def file_backed_mb() -> float | None:
    """The process's resident file-backed memory (`RssFile`) in MB; None where unknown."""
    try:
        return status_mb(("RssFile",)).get("RssFile")
    except (OSError, ValueError, IndexError):
        return None


def _mappings_under(folder: Path) -> list[tuple[int, int]]:
    """The (start, end) of every read-only mapping of a file inside `folder`."""
    prefix = f"{folder.resolve()}/"
    out = []
    try:
        lines = MAPS.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    for line in lines:
        parts = line.split(maxsplit=5)
        if len(parts) < 6 or "w" in parts[1] or not parts[5].startswith(prefix):
            continue
        low, _, high = parts[0].partition("-")
        out.append((int(low, 16), int(high, 16)))
    return out


@cache
def _madvise() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    if not hasattr(mmap, "MADV_DONTNEED"):
        return None
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None
    function = libc.madvise
    function.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
    function.restype = ctypes.c_int
    return function


def release_mapped(folder: Path) -> int:
    """Drop from this process the resident pages of its read-only mappings of the files in
    `folder` (the data stays in the page cache); the bytes advised."""
    advise = _madvise()
    if advise is None:
        return 0
    done = 0
    for low, high in _mappings_under(folder):
        if advise(low, high - low, mmap.MADV_DONTNEED) == 0:
            done += high - low
    return done
