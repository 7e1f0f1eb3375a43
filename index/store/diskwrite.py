"""Write failures (disk full, read-only directory) as one-line errors that name the file."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from news_rag.index.errors import RagError

# errno values that mean "the disk is full" and "you may not write here".
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


class IndexWriteError(RagError):
    """The index could not be written (disk full, no permission); the previous one is live."""


def advice(exc: BaseException, path: Path) -> str:
    """What went wrong writing `path` and what to do, in a few words."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if code in _FULL or "disk is full" in text or "no space" in text:
        return "the disk is full; free some space and run again"
    if code in _DENIED or "readonly" in text or "read-only" in text or "permission" in text:
        return f"no permission to write there; make {path.parent} writable and run again"
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"{reason}; fix it and run again"


def write_error(exc: BaseException, path: Path) -> IndexWriteError:
    return IndexWriteError(f"{path}: cannot write ({advice(exc, path)})")


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn an OSError or SQLite error raised while writing `path` into IndexWriteError.

    FAISS reports a failed write as RuntimeError, so that is caught too.
    """
    try:
        yield
    except IndexWriteError:
        raise
    except (OSError, sqlite3.Error, RuntimeError) as exc:
        raise write_error(exc, path) from exc
