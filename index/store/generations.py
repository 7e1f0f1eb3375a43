"""Generation directories by name: the CURRENT pointer, numbering and quarantine.

    gen-000007/          a published generation (the live one is named by CURRENT)
    broken-gen-000005/   a generation that failed to load, set aside (never deleted)

Numbers only grow: the next generation is numbered above every gen-* and broken-gen-*
present, so a writer that cannot read CURRENT never starts again at gen-000001.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from news_rag.index.errors import IndexCorruptError
from news_rag.index.store.diskwrite import writing

CURRENT = "CURRENT"
GEN_PREFIX = "gen-"
BROKEN_PREFIX = "broken-gen-"
MAX_POINTER_BYTES = 256  # CURRENT holds one short name; anything longer is garbage


def repair_hint(index_dir: Path) -> str:
    """The advice for a damaged index (pointer or files): a command that repairs it."""
    return f"repair it with: rag doctor --repair --index {index_dir}"


def generation_name(number: int) -> str:
    return f"{GEN_PREFIX}{number:06d}"


def generation_number(name: str) -> int | None:
    """The number of `gen-N` or `broken-gen-N[-k]`, else None."""
    broken = name.startswith(BROKEN_PREFIX)
    rest = name[len(BROKEN_PREFIX) - len(GEN_PREFIX) :] if broken else name
    if not rest.startswith(GEN_PREFIX):
        return None
    digits = rest[len(GEN_PREFIX) :].split("-", 1)[0]
    if not broken and digits != rest[len(GEN_PREFIX) :]:
        return None  # "gen-3-x" is not a generation name
    return int(digits) if digits.isascii() and digits.isdigit() else None


def list_generations(index_dir: Path, *, broken: bool = False) -> list[Path]:
    """gen-* (or, with `broken`, broken-gen-*) directories, highest number first."""
    prefix = BROKEN_PREFIX if broken else GEN_PREFIX
    try:
        entries = list(index_dir.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [
        p
        for p in entries
        if p.name.startswith(prefix) and generation_number(p.name) is not None and p.is_dir()
    ]
    return sorted(found, key=lambda p: (generation_number(p.name) or 0, p.name), reverse=True)


def next_generation_number(index_dir: Path) -> int:
    numbers = [
        generation_number(p.name) or 0
        for p in (*list_generations(index_dir), *list_generations(index_dir, broken=True))
    ]
    return max(numbers, default=0) + 1


def read_current(index_dir: Path) -> str | None:
    """The generation name CURRENT holds, None when there is no CURRENT.

    Raises IndexCorruptError (one line, with the repair command) when CURRENT is
    unreadable, is not a generation name, or names a generation that does not exist.
    """
    pointer = index_dir / CURRENT
    hint = repair_hint(index_dir)
    try:
        with pointer.open("rb") as handle:
            data = handle.read(MAX_POINTER_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexCorruptError(f"{pointer}: cannot read ({exc.strerror}); {hint}") from exc
    try:
        name = data.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        message = f"{pointer}: holds binary data, not a generation name; {hint}"
        raise IndexCorruptError(message) from exc
    too_long = len(data) > MAX_POINTER_BYTES
    if too_long or not name.startswith(GEN_PREFIX) or generation_number(name) is None:
        raise IndexCorruptError(f"{pointer}: {name[:40]!r} is not a generation name; {hint}")
    if not (index_dir / name).is_dir():
        raise IndexCorruptError(f"{pointer}: names {name}, which does not exist; {hint}")
    return name


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_current(index_dir: Path, name: str) -> None:
    """Point CURRENT at `name` atomically (write a temporary file, fsync, os.replace)."""
    pointer = index_dir / CURRENT
    pointer_tmp = index_dir / f".tmp-{CURRENT}-{uuid.uuid4().hex[:8]}"
    try:
        with writing(pointer), pointer_tmp.open("w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with writing(pointer):
            pointer_tmp.replace(pointer)
            fsync_dir(index_dir)
    finally:
        pointer_tmp.unlink(missing_ok=True)


def quarantine_name(path: Path) -> Path:
    """Where `quarantine(path)` would put it: broken-gen-N, or broken-gen-N-2, ... if taken."""
    base = BROKEN_PREFIX + path.name.removeprefix(BROKEN_PREFIX).removeprefix(GEN_PREFIX)
    target = path.with_name(base)
    suffix = 2
    while target.exists():
        target = path.with_name(f"{base}-{suffix}")
        suffix += 1
    return target


def quarantine(path: Path) -> Path:
    """Rename a generation to broken-gen-N (or broken-gen-N-2, ...): never overwrite one."""
    target = quarantine_name(path)
    with writing(path):
        path.rename(target)
        fsync_dir(path.parent)
    return target
