"""The index directory: immutable generations published atomically.

    INDEX_DIR/
      CURRENT            name of the live generation ("gen-000003"), replaced with os.replace
      gen-000003/        manifest.json, vectors.npy, vectors.faiss, meta.sqlite, bm25/
      .lock              held (flock) by the one process that may write (`writelock`)
      broken-gen-000002/ a generation that failed to load, set aside (never deleted)
      .tmp-*             a generation being written; never read, removed by the next writer

A writer builds a complete new generation in a temporary directory, fsyncs every file,
renames the directory into place and only then switches CURRENT. A crash at any point
leaves CURRENT naming the previous, complete generation. Afterwards the writer removes
older generations that verify (keeping the one it built on) and quarantines those that do
not; it never deletes a generation it could not load.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from news_rag.index.encoders.family import LEGACY_VARIANT, is_fp32_model
from news_rag.index.errors import (
    IndexCorruptError,
    IndexMismatchError,
    IndexNotFoundError,
)
from news_rag.index.hashing import sha256_file
from news_rag.index.store import writelock
from news_rag.index.store.diskwrite import IndexWriteError, writing
from news_rag.index.store.generations import (
    CURRENT,
    fsync_dir,
    generation_name,
    generation_number,
    list_generations,
    next_generation_number,
    quarantine,
    read_current,
    repair_hint,
    write_current,
)

FORMAT_NAME = "news-rag-index"
# 2: sentence vectors stored as float16 (write.SENTENCE_VECTOR_DTYPE). A format-1 index
# (float32 sentence vectors) still reads as it is, and the next `rag index` writes format 2.
FORMAT_VERSION = 2
READABLE_FORMAT_VERSIONS = (1, 2)
MANIFEST = "manifest.json"
HANDSHAKE_ENV = "RAG_INDEX_WRITE_HANDSHAKE"  # test hook: "PATH:STAGE", see _handshake()


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def rebuild_hint(index_dir: Path) -> str:
    """The advice for an index made by another model or format: re-embed every article."""
    return f"rebuild it with: rag index --rebuild --index {index_dir}"


@dataclass(frozen=True)
class Generation:
    """A published generation directory and its manifest."""

    index_dir: Path
    path: Path
    manifest: dict[str, Any]

    @property
    def number(self) -> int:
        return generation_number(self.path.name) or int(self.manifest["generation"])

    @property
    def name(self) -> str:
        return self.path.name

    def file(self, name: str) -> Path:
        return self.path / name


def _fsync_tree(root: Path) -> None:
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
        elif path.is_dir():
            fsync_dir(path)
    fsync_dir(root)


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
    """The live generation's directory; None when CURRENT does not exist."""
    name = read_current(index_dir)
    return None if name is None else index_dir / name


def _checksum_files(root: Path) -> dict[str, dict[str, Any]]:
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel != MANIFEST:
            files[rel] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    return files


def has_generations(index_dir: Path) -> bool:
    """Whether `index_dir` already holds an index (CURRENT or any generation)."""
    return (index_dir / CURRENT).exists() or bool(list_generations(index_dir))


def read_generation(index_dir: Path, gen_path: Path, *, verify: bool = True) -> Generation:
    """A generation directory (live or not), its manifest checked, optionally its checksums."""
    manifest_path = gen_path / MANIFEST
    hint = repair_hint(index_dir)
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexCorruptError(f"{manifest_path}: missing; {hint}") from exc
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"{manifest_path}: unreadable ({exc}); {hint}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise IndexCorruptError(f"{manifest_path}: not a news-rag index manifest; {hint}")
    if manifest.get("format_version") not in READABLE_FORMAT_VERSIONS:
        raise IndexMismatchError(
            f"{index_dir}: index format version {manifest.get('format_version')} is not one "
            f"this version reads ({', '.join(map(str, READABLE_FORMAT_VERSIONS))}); "
            f"{rebuild_hint(index_dir)}"
        )
    generation = Generation(index_dir=index_dir, path=gen_path, manifest=manifest)
    if verify:
        verify_generation(generation)
    return generation


def open_generation(index_dir: Path, *, verify: bool = True) -> Generation:
    """The live generation, its manifest checked for format and (optionally) file checksums."""
    gen_path = current_generation_path(index_dir)
    if gen_path is None:
        if list_generations(index_dir):
            raise IndexCorruptError(
                f"{index_dir / CURRENT}: missing, but generations exist; {repair_hint(index_dir)}"
            )
        raise IndexNotFoundError(
            f"{index_dir}: no index here yet; build one with: rag index --index {index_dir}"
        )
    return read_generation(index_dir, gen_path, verify=verify)


def verify_generation(generation: Generation) -> None:
    expected: dict[str, dict[str, Any]] = generation.manifest.get("files", {})
    hint = repair_hint(generation.index_dir)
    for rel, meta in expected.items():
        path = generation.path / rel
        if not path.is_file():
            raise IndexCorruptError(f"{path}: missing from the index; {hint}")
        if path.stat().st_size != meta.get("bytes"):
            raise IndexCorruptError(f"{path}: size differs from the manifest (truncated?); {hint}")
        if sha256_file(path) != meta.get("sha256"):
            raise IndexCorruptError(f"{path}: checksum mismatch (modified or corrupt); {hint}")


def generation_verifies(index_dir: Path, gen_path: Path) -> bool:
    """Whether a generation's manifest reads and every file matches its checksum."""
    try:
        read_generation(index_dir, gen_path, verify=True)
    except (IndexCorruptError, IndexMismatchError, OSError):
        return False
    return True


def check_model(
    generation: Generation, model_name: str, weights_sha256: str, variant: str | None = None
) -> None:
    """Refuse an index built by other weights, or (when `variant` is given, as the writer
    does) by another encoder variant of the same weights: their vectors must never mix.

    torch-fp32 and onnx-fp32 of the bundled weights are one arithmetic (largest difference
    1.9e-07, smallest cosine 0.99999988 over 600 Reuters texts: encoders/family.py), so
    either accepts an index built by the other; int8 and bf16 mix with nothing else."""
    model = generation.manifest.get("model", {})
    built_by = model.get("variant") or LEGACY_VARIANT
    same = model.get("name") == model_name and model.get("weights_sha256") == weights_sha256
    differs = not same or (variant is not None and built_by != variant)
    if differs and _both_fp32(model, model_name, weights_sha256, variant):
        return
    if not same:
        raise IndexMismatchError(
            f"{generation.index_dir}: index was built with model {model.get('name')!r} "
            f"(weights {str(model.get('weights_sha256'))[:12]}…), not {model_name!r} "
            f"(weights {weights_sha256[:12]}…); {rebuild_hint(generation.index_dir)}"
        )
    if variant is not None and built_by != variant:
        raise IndexMismatchError(
            f"{generation.index_dir}: index was built by the {built_by} encoder, not {variant}; "
            f"{rebuild_hint(generation.index_dir)}"
        )


def _both_fp32(
    model: dict[str, Any], model_name: str, weights_sha256: str, variant: str | None
) -> bool:
    """Whether the index's model and the asking one are both the bundled MiniLM in fp32."""
    return is_fp32_model(model_name, weights_sha256, variant) and is_fp32_model(
        model.get("name"), model.get("weights_sha256"), model.get("variant")
    )


@contextlib.contextmanager
def write_lock(index_dir: Path, notices: list[str] | None = None) -> Iterator[None]:
    """Exclusive writer lock; a second writer fails at once with IndexLockedError. A lock
    left by a writer that died is taken over, with a line in `notices` (else a logged
    warning) saying so (`index/store/writelock`)."""
    lock_path = index_dir / ".lock"
    said: list[str] = []
    held = contextlib.ExitStack()
    with writing(lock_path):  # a read-only directory: one line naming .lock
        index_dir.mkdir(parents=True, exist_ok=True)
        held.enter_context(writelock.hold(index_dir, lock_path, said))
    with held:
        _tell(said, notices)
        yield


def _tell(said: list[str], notices: list[str] | None) -> None:
    if notices is not None:
        notices.extend(said)
    for line in said if notices is None else ():
        logging.getLogger(__name__).warning("%s", line)


@dataclass(frozen=True)
class Draft:
    """The next generation while it is written: its files go into `path`, a temporary
    directory, until `publish_generation` renames it to `final` and makes it live."""

    index_dir: Path
    number: int
    path: Path
    previous: Generation | None  # the live generation it is built on

    @property
    def name(self) -> str:
        return generation_name(self.number)

    @property
    def final(self) -> Path:
        return self.index_dir / self.name


@contextlib.contextmanager
def drafting(index_dir: Path, previous: Generation | None) -> Iterator[Draft]:
    """A fresh temporary directory for the next generation; write its files (inside
    `writing(draft.path)`), then `publish_generation(draft, ...)` within the block.

    Must be used while holding `write_lock(index_dir)`. A write that fails (disk full, no
    permission) raises IndexWriteError naming the file as it would be published, and leaves
    CURRENT unchanged; whatever the failure, the temporary directory is removed.
    """
    _remove_stale_temporaries(index_dir)
    number = next_generation_number(index_dir)
    name = generation_name(number)
    tmp = index_dir / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
    draft = Draft(index_dir=index_dir, number=number, path=tmp, previous=previous)
    try:
        with writing(tmp):
            tmp.mkdir(parents=True)
        yield draft
    except IndexWriteError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if _live_name(index_dir) != name:  # renamed but never made live
            shutil.rmtree(draft.final, ignore_errors=True)
        live = f"{previous.name} stays live" if previous else "nothing was written"
        raise IndexWriteError(f"{str(exc).replace(str(tmp), str(draft.final))}; {live}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def publish_generation(
    draft: Draft, manifest_fields: dict[str, Any], notices: list[str] | None = None
) -> Generation:
    """Seal the files written into `draft.path` with their manifest and switch CURRENT to
    them atomically (inside `drafting`, which turns a failure into one IndexWriteError).

    What the clean-up did afterwards (quarantined generations) is appended to `notices`.
    """
    tmp, final, index_dir = draft.path, draft.final, draft.index_dir
    _handshake("files")
    manifest = _manifest(draft.number, draft.previous, manifest_fields, tmp)
    with writing(final / MANIFEST):
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        _fsync_tree(tmp)
    with writing(final):
        tmp.replace(final)
        fsync_dir(index_dir)
    _handshake("renamed")
    write_current(index_dir, draft.name)
    generation = Generation(index_dir=index_dir, path=final, manifest=manifest)
    found = tidy_generations(index_dir, generation, draft.previous)
    if notices is not None:
        notices.extend(found)
    return generation


def _live_name(index_dir: Path) -> str | None:
    try:
        return read_current(index_dir)
    except IndexCorruptError:
        return None


def _manifest(
    number: int, previous: Generation | None, fields: dict[str, Any], tmp: Path
) -> dict[str, Any]:
    before = previous.manifest if previous else {}
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "generation": number,
        # one id for the life of the corpus: carried through every write, rebuild and repair
        "corpus_id": before.get("corpus_id") or uuid.uuid4().hex,
        **fields,
        "created_at": before.get("created_at") or now_iso(),
        "updated_at": now_iso(),
        "files": _checksum_files(tmp),
    }


def _remove_stale_temporaries(index_dir: Path) -> None:
    for path in index_dir.glob(".tmp-*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


def tidy_generations(index_dir: Path, live: Generation, kept: Generation | None) -> list[str]:
    """Remove older generations that verify, except `kept`; quarantine those that do not.

    `kept` is the generation the live one was built from: a reader may still be opening
    it. A generation that does not verify is renamed to broken-gen-N, never deleted: it
    may hold the only copy of some article. Returns one line per quarantined generation.
    """
    notices: list[str] = []
    for path in list_generations(index_dir):
        if path.name == live.name:
            continue
        if not generation_verifies(index_dir, path):
            try:
                target = quarantine(path)
            except IndexWriteError as exc:
                notices.append(f"{path}: does not verify and could not be set aside ({exc})")
                continue
            notices.append(
                f"{path}: does not verify; kept as {target.name} (see: rag doctor --index "
                f"{index_dir})"
            )
        elif kept is None or path.name != kept.name:
            shutil.rmtree(path, ignore_errors=True)
    return notices


def disk_usage(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
