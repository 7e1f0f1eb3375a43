"""The index directory: immutable generations published atomically.

    INDEX_DIR/
      CURRENT            name of the live generation ("gen-000003"), replaced with os.replace
      gen-000003/        manifest.json, vectors.npy, vectors.faiss, meta.sqlite, bm25/
      .lock              held (flock) by the one process that may write
      .tmp-*             a generation being written; never read, removed by the next writer

A writer builds a complete new generation in a temporary directory, fsyncs every file,
renames the directory into place and only then switches CURRENT. A crash at any point
leaves CURRENT naming the previous, complete generation.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from news_rag.index.embed import sha256_file
from news_rag.index.errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexMismatchError,
    IndexNotFoundError,
)

FORMAT_NAME = "news-rag-index"
FORMAT_VERSION = 1
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
KEEP_GENERATIONS = 2  # the live one and its predecessor (a reader may still be opening it)
HANDSHAKE_ENV = "RAG_INDEX_WRITE_HANDSHAKE"  # test hook: "PATH:STAGE", see _handshake()


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def rebuild_hint(index_dir: Path) -> str:
    return f"rebuild it with: rag index --rebuild --index {index_dir}"


@dataclass(frozen=True)
class Generation:
    """A published, verified generation directory and its manifest."""

    index_dir: Path
    path: Path
    manifest: dict[str, Any]

    @property
    def number(self) -> int:
        return int(self.manifest["generation"])

    def file(self, name: str) -> Path:
        return self.path / name


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
        elif path.is_dir():
            _fsync_dir(path)
    _fsync_dir(root)


def _handshake(stage: str) -> None:
    """Test hook: announce that a write stage was reached, then wait to be killed."""
    spec = os.environ.get(HANDSHAKE_ENV)
    if not spec:
        return
    path, _, wanted = spec.rpartition(":")
    if wanted != stage:
        return
    Path(path).write_text(f"{os.getpid()} {stage}\n")
    deadline = time.monotonic() + 60
    while Path(path).exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def current_generation_path(index_dir: Path) -> Path | None:
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        hint = rebuild_hint(index_dir)
        raise IndexCorruptError(f"{pointer}: cannot read ({exc}); {hint}") from exc
    if not name.startswith("gen-") or "/" in name:
        raise IndexCorruptError(f"{pointer}: not a generation name; {rebuild_hint(index_dir)}")
    return index_dir / name


def _checksum_files(root: Path) -> dict[str, dict[str, Any]]:
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel != MANIFEST:
            files[rel] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    return files


def open_generation(index_dir: Path, *, verify: bool = True) -> Generation:
    """The live generation, its manifest checked for format and (optionally) file checksums."""
    gen_path = current_generation_path(index_dir)
    if gen_path is None:
        raise IndexNotFoundError(
            f"{index_dir}: no index here yet; build one with: rag index --index {index_dir}"
        )
    manifest_path = gen_path / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexCorruptError(f"{manifest_path}: missing; {rebuild_hint(index_dir)}") from exc
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(
            f"{manifest_path}: unreadable ({exc}); {rebuild_hint(index_dir)}"
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise IndexCorruptError(
            f"{manifest_path}: not a news-rag index manifest; {rebuild_hint(index_dir)}"
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(
            f"{index_dir}: index format version {manifest.get('format_version')} is not the "
            f"supported version {FORMAT_VERSION}; {rebuild_hint(index_dir)}"
        )
    generation = Generation(index_dir=index_dir, path=gen_path, manifest=manifest)
    if verify:
        verify_generation(generation)
    return generation


def verify_generation(generation: Generation) -> None:
    expected: dict[str, dict[str, Any]] = generation.manifest.get("files", {})
    hint = rebuild_hint(generation.index_dir)
    for rel, meta in expected.items():
        path = generation.path / rel
        if not path.is_file():
            raise IndexCorruptError(f"{path}: missing from the index; {hint}")
        if path.stat().st_size != meta.get("bytes"):
            raise IndexCorruptError(f"{path}: size differs from the manifest (truncated?); {hint}")
        if sha256_file(path) != meta.get("sha256"):
            raise IndexCorruptError(f"{path}: checksum mismatch (modified or corrupt); {hint}")


def check_model(generation: Generation, model_name: str, weights_sha256: str) -> None:
    model = generation.manifest.get("model", {})
    if model.get("name") != model_name or model.get("weights_sha256") != weights_sha256:
        raise IndexMismatchError(
            f"{generation.index_dir}: index was built with model {model.get('name')!r} "
            f"(weights {str(model.get('weights_sha256'))[:12]}…), not {model_name!r} "
            f"(weights {weights_sha256[:12]}…); {rebuild_hint(generation.index_dir)}"
        )


@contextlib.contextmanager
def write_lock(index_dir: Path) -> Iterator[None]:
    """Exclusive writer lock; a second writer fails at once with IndexLockedError."""
    index_dir.mkdir(parents=True, exist_ok=True)
    lock_path = index_dir / ".lock"
    handle = lock_path.open("a+")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexLockedError(
                f"{index_dir}: index is locked: another `rag index` is writing to it; "
                "wait for it to finish and run again"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the flock


def publish_generation(
    index_dir: Path,
    previous: Generation | None,
    manifest_fields: dict[str, Any],
    write_files: Callable[[Path], None],
) -> Generation:
    """Write a new generation with `write_files(tmp_dir)` and switch CURRENT to it atomically.

    Must be called while holding `write_lock(index_dir)`.
    """
    _remove_stale_temporaries(index_dir)
    number = (previous.number if previous else 0) + 1
    name = f"gen-{number:06d}"
    tmp = index_dir / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        write_files(tmp)
        _handshake("files")
        created = previous.manifest.get("created_at") if previous else None
        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "generation": number,
            **manifest_fields,
            "created_at": created or now_iso(),
            "updated_at": now_iso(),
            "files": _checksum_files(tmp),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        _fsync_tree(tmp)
        final = index_dir / name
        if final.exists():  # left by a writer that crashed after renaming, before switching
            shutil.rmtree(final)
        tmp.replace(final)
        _fsync_dir(index_dir)
        _handshake("renamed")
        pointer_tmp = index_dir / f".tmp-{CURRENT}-{uuid.uuid4().hex[:8]}"
        with pointer_tmp.open("w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        pointer_tmp.replace(index_dir / CURRENT)
        _fsync_dir(index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _remove_old_generations(index_dir, keep=name)
    return Generation(index_dir=index_dir, path=index_dir / name, manifest=manifest)


def _remove_stale_temporaries(index_dir: Path) -> None:
    for path in index_dir.glob(".tmp-*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _remove_old_generations(index_dir: Path, keep: str) -> None:
    generations = sorted(p for p in index_dir.glob("gen-*") if p.is_dir())
    live = [p for p in generations if p.name <= keep]
    stale = [p for p in generations if p.name > keep]  # renamed but never switched to
    for path in stale + live[:-KEEP_GENERATIONS]:
        shutil.rmtree(path, ignore_errors=True)


def disk_usage(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
