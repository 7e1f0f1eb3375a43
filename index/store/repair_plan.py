"""What a repair keeps live, decided before it runs, and how to restore what it cannot keep.

The source of a repair is the live generation if SQLite reads its meta.sqlite, else the
newest generation whose meta.sqlite reads (a newer gen-* than the live one can only be left
by a writer that died before switching CURRENT). The damaged generation is the live one
when it does not verify, else the newest that does not. When the source keeps fewer
articles than the damaged generation held, `restore` is the command that brings the rest
back: `rag index` of their source files when those are known and still there, else
`rag doctor --salvage` of the generation the repair sets aside.
"""

from __future__ import annotations

import shlex
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from news_rag.index.store.database import connect_readonly, read_verified_articles
from news_rag.index.store.generations import quarantine_name
from news_rag.index.store.verify import META, GenerationCheck, read_manifest

MAX_PATHS_IN_COMMAND = 20  # more source files than this: the command names their folders


@dataclass(frozen=True)
class RepairPlan:
    source: GenerationCheck | None  # the generation whose articles are kept
    damaged: GenerationCheck | None  # the generation that does not verify
    held: int  # articles the damaged generation held
    kept: int  # articles live after the repair
    restore: str | None  # the command that restores the missing ones

    @property
    def missing(self) -> int:
        return max(self.held - self.kept, 0)

    def summary(self) -> str:
        name = self.damaged.name if self.damaged else "the index"
        line = f"{name} held {self.held} articles; {self.kept} are live after the repair, "
        line += f"{self.missing} missing"
        if self.restore:
            return f"{line}; restore them with: {self.restore}"
        if self.missing:
            return f"{line}; their text no longer reads and their source files are gone"
        return line


def choose_source(generations: Sequence[GenerationCheck]) -> GenerationCheck | None:
    candidates = [g for g in generations if not g.quarantined and g.metadata_ok]
    live = next((g for g in generations if g.live), None)
    if live is not None and live.metadata_ok:
        return live
    return max(candidates, key=lambda g: g.number, default=None)


def _damaged(generations: Sequence[GenerationCheck]) -> GenerationCheck | None:
    live = next((g for g in generations if g.live), None)
    if live is not None and not live.ok:
        return live
    broken = [g for g in generations if not g.quarantined and not g.ok]
    return max(broken, key=lambda g: g.number, default=None)


def make_plan(index_dir: Path, generations: Sequence[GenerationCheck]) -> RepairPlan:
    source, damaged = choose_source(generations), _damaged(generations)
    if damaged is None or (source is not None and source.number > damaged.number):
        kept = source.articles or 0 if source is not None else 0
        return RepairPlan(source, damaged, kept, kept, None)
    held = max(damaged.held or 0, damaged.articles or 0)
    if source is None:
        kept, lost = 0, None
    elif source.ok:
        kept, lost = source.articles or 0, None
    else:
        kept, lost = _recoverable(Path(source.path))
    restore = None
    if held > kept:
        restore = _restore_command(index_dir, damaged, lost, source is damaged)
    return RepairPlan(source, damaged, held, kept, restore)


def _recoverable(gen_path: Path) -> tuple[int, list[str]]:
    """How many articles of a readable meta.sqlite are proven intact, and the source files
    of those that are not."""
    try:
        conn = connect_readonly(gen_path / META)
        try:
            intact, damaged = read_verified_articles(conn)
            marks = ",".join("?" * len(damaged))
            rows = conn.execute(
                f"SELECT source_path FROM articles WHERE id IN ({marks})", damaged
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return 0, []
    return len(intact), sorted({str(r[0]) for r in rows})


def _restore_command(
    index_dir: Path, damaged: GenerationCheck, lost: list[str] | None, is_source: bool
) -> str | None:
    paths = lost if lost is not None else _manifest_sources(Path(damaged.path))
    if paths and all(Path(p).exists() for p in paths):
        if len(paths) > MAX_PATHS_IN_COMMAND:
            paths = sorted({str(Path(p).parent) for p in paths})
        named = " ".join(shlex.quote(p) for p in paths)
        return f"rag index {named} --index {shlex.quote(str(index_dir))}"
    if is_source:
        return None  # salvage reads no more than the repair did
    if not _salvage_reads(Path(damaged.path)):
        return None  # nothing of it reads: no command brings these articles back
    target = quarantine_name(Path(damaged.path))
    return f"rag doctor --salvage {target.name} --index {shlex.quote(str(index_dir))}"


def _salvage_reads(gen_path: Path) -> bool:
    """Whether `rag doctor --salvage` would read at least one article of the generation."""
    from news_rag.index.store.salvage import read_salvageable

    try:
        articles, _sources, _held = read_salvageable(gen_path)
    except (OSError, sqlite3.DatabaseError, ValueError):
        return False
    return bool(articles)


def _manifest_sources(gen_path: Path) -> list[str]:
    paths = (read_manifest(gen_path) or {}).get("source_paths")
    return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []
