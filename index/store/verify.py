"""Deep checks of one generation directory, for recovery and `rag doctor`.

Two levels:
- metadata: meta.sqlite passes `PRAGMA integrity_check` and its articles read (its checksum
  may differ: a byte changed inside a text). Every article whose text is proven intact by
  its hashes can be recovered from it (database.read_verified_articles).
- whole: every file matches its checksum and loads (vectors are 2-D float arrays of the
  manifest's shape, the FAISS index holds one vector per chunk, BM25 loads). Such a
  generation can be made live as it is.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from news_rag.index.errors import IndexCorruptError, IndexMismatchError
from news_rag.index.store.database import connect_readonly
from news_rag.index.store.generations import BROKEN_PREFIX, generation_number
from news_rag.index.store.publish import MANIFEST, read_generation, verify_generation

META = "meta.sqlite"


@dataclass(frozen=True)
class GenerationCheck:
    name: str
    path: str
    number: int
    live: bool
    quarantined: bool
    metadata_ok: bool  # its articles can be recovered
    ok: bool  # it can be made live as it is
    articles: int | None  # rows meta.sqlite reads, None when it does not read
    held: int | None  # the articles its manifest says it was published with
    corpus_id: str | None
    problems: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["problems"] = list(self.problems)
        return data


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def read_manifest(gen_path: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((gen_path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _held(gen_path: Path) -> int | None:
    counts = (read_manifest(gen_path) or {}).get("counts")
    held = counts.get("articles") if isinstance(counts, dict) else None
    return held if isinstance(held, int) and not isinstance(held, bool) else None


def metadata_problems(gen_path: Path) -> tuple[list[str], int | None]:
    """Problems with meta.sqlite (none: its articles can be read) and its article count."""
    path = gen_path / META
    if not path.is_file():
        return [f"{path}: missing"], None
    # A checksum mismatch alone does not make the articles unrecoverable: SQLite's own checks
    # decide whether it reads, and each text is proven against its hashes when it is read
    # (database.read_verified_articles); check_generation still reports the mismatch.
    try:
        conn = connect_readonly(path)
        try:
            status = conn.execute("PRAGMA integrity_check").fetchone()[0]
            count = int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"{path}: unreadable ({_first_line(exc)})"], None
    if status != "ok":
        return [f"{path}: fails the SQLite integrity check ({status})"], None
    return [], count


def _load_problems(gen_path: Path, manifest: dict[str, Any]) -> list[str]:
    """Each file loads and has the shape the manifest records."""
    from news_rag.index.store.lexical import load_bm25
    from news_rag.index.store.vectors import load_vectors, read_faiss

    counts = manifest.get("counts", {})
    dimension = manifest.get("model", {}).get("dimension")
    problems: list[str] = []
    for name, rows in (("vectors.npy", "chunks"), ("sentence_vectors.npy", "sentences")):
        path = gen_path / name
        try:
            array = load_vectors(path, mmap=True)
        except (OSError, ValueError) as exc:
            problems.append(f"{path}: unreadable ({_first_line(exc)})")
            continue
        if rows in counts and array.shape != (counts[rows], dimension):
            problems.append(f"{path}: shape {array.shape} is not ({counts[rows]}, {dimension})")
    path = gen_path / "vectors.faiss"
    try:
        total = int(read_faiss(path).ntotal)
    except (OSError, RuntimeError, ValueError) as exc:
        problems.append(f"{path}: unreadable FAISS index ({_first_line(exc)})")
    else:
        if "chunks" in counts and total != counts["chunks"]:
            problems.append(f"{path}: holds {total} vectors, not {counts['chunks']}")
    try:
        load_bm25(gen_path / "bm25")
    except (OSError, ValueError, KeyError) as exc:
        problems.append(f"{gen_path / 'bm25'}: unreadable BM25 index ({_first_line(exc)})")
    return problems


def check_generation(index_dir: Path, gen_path: Path, *, live: bool = False) -> GenerationCheck:
    """Every check of one generation directory, each problem as one line naming the file."""
    meta_issues, articles = metadata_problems(gen_path)
    problems = list(meta_issues)
    manifest: dict[str, Any] = {}
    try:
        generation = read_generation(index_dir, gen_path, verify=False)
        manifest = generation.manifest
        verify_generation(generation)
    except (IndexCorruptError, IndexMismatchError) as exc:
        problem = str(exc).split("; ", 1)[0]  # the advice is given once, by the caller
        if problem not in problems and not (meta_issues and META in problem):
            problems.append(problem)
    except OSError as exc:
        problems.append(f"{gen_path}: unreadable ({_first_line(exc)})")
    if manifest and not problems:
        problems.extend(_load_problems(gen_path, manifest))
    return GenerationCheck(
        name=gen_path.name,
        path=str(gen_path),
        number=generation_number(gen_path.name) or 0,
        live=live,
        quarantined=gen_path.name.startswith(BROKEN_PREFIX),
        metadata_ok=not meta_issues,
        ok=not problems,
        articles=articles,
        held=_held(gen_path),
        corpus_id=(read_manifest(gen_path) or {}).get("corpus_id"),
        problems=tuple(problems),
    )
