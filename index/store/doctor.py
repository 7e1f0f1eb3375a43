"""`rag doctor`: verify every generation of an index and repair it without losing an article.

`diagnose` checks CURRENT and every gen-* and broken-gen-* directory (see index.store.verify).
`repair` makes the index healthy again:

1. The source is the live generation if its meta.sqlite verifies, else the newest
   generation whose meta.sqlite verifies (a newer gen-* than the live one can only be left
   by a writer that died before switching CURRENT, so the live one is preferred).
2. A source that verifies whole is made live (CURRENT rewritten atomically). One whose
   other files are damaged is re-embedded from its articles into a new generation.
3. Every other gen-* that does not verify is quarantined (renamed broken-gen-N).

A meta.sqlite that SQLite still reads is repaired from its own generation: every text is
proven against its hashes (database.read_verified_articles) and re-published with fresh
checksums. `plan_repair` says beforehand how many articles the repair keeps live; when that
is fewer than the damaged generation held, the report gives the count and the command that
restores them (`rag index` of their source files, or `rag doctor --salvage`).
Nothing is ever deleted; broken-gen-* directories are listed and left for the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.errors import IndexCorruptError, IndexNotFoundError
from news_rag.index.store.generations import (
    CURRENT,
    fsync_dir,
    generation_name,
    list_generations,
    quarantine,
    read_current,
    repair_hint,
    write_current,
)
from news_rag.index.store.publish import write_lock
from news_rag.index.store.repair_plan import RepairPlan, make_plan
from news_rag.index.store.verify import GenerationCheck, check_generation

if TYPE_CHECKING:
    from news_rag.index.encoders.minilm import Embedder


@dataclass
class DoctorReport:
    index_dir: str
    current: str | None  # the name CURRENT holds, when it is a usable one
    current_problem: str | None
    generations: list[GenerationCheck] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # what --repair did, one line each
    plan: RepairPlan | None = None  # set by repair: what it kept and how to restore the rest

    @property
    def live(self) -> GenerationCheck | None:
        return next((g for g in self.generations if g.live), None)

    @property
    def healthy(self) -> bool:
        live = self.live
        broken = [g for g in self.generations if not g.quarantined and not g.ok]
        return self.current_problem is None and live is not None and live.ok and not broken

    def problems(self) -> list[str]:
        """One line per problem (quarantined generations are listed by `quarantined`)."""
        lines = [self.current_problem] if self.current_problem else []
        for check in self.generations:
            if not check.quarantined:
                lines.extend(check.problems)
        return lines

    def quarantined(self) -> list[str]:
        return [
            f"{g.path}: quarantined" + (f" ({g.problems[0]})" if g.problems else " (verifies)")
            for g in self.generations
            if g.quarantined
        ]

    def advice(self) -> str | None:
        """The command that fixes what is broken, or None when healthy."""
        if self.healthy:
            return None
        if self.plan is not None and self.plan.missing and self.plan.restore:
            return f"restore its {self.plan.missing} missing article(s) with: {self.plan.restore}"
        if not any(g.metadata_ok for g in self.generations if not g.quarantined):
            return (
                "no generation has a readable meta.sqlite; index your articles again with: "
                f"rag index PATH --index {self.index_dir}"
            )
        return repair_hint(Path(self.index_dir))

    def to_dict(self) -> dict[str, Any]:
        return {
            "index_dir": self.index_dir,
            "healthy": self.healthy,
            "current": self.current,
            "current_problem": self.current_problem,
            "live": self.live.name if self.live else None,
            "corpus_id": self.live.corpus_id if self.live else None,
            "problems": self.problems(),
            "advice": self.advice(),
            "actions": self.actions,
            "missing": self.plan.missing if self.plan else 0,
            "restore": self.plan.restore if self.plan else None,
            "generations": [g.to_dict() for g in self.generations],
        }


def diagnose(index_dir: Path) -> DoctorReport:
    """Check CURRENT and every generation; raises IndexNotFoundError when there is no index."""
    generations = list_generations(index_dir)
    quarantined = list_generations(index_dir, broken=True)
    if not (index_dir / CURRENT).exists() and not generations and not quarantined:
        raise IndexNotFoundError(
            f"{index_dir}: no index here yet; build one with: rag index --index {index_dir}"
        )
    try:
        current, problem = read_current(index_dir), None
    except IndexCorruptError as exc:
        current, problem = None, str(exc).split("; ", 1)[0]
    if current is None and problem is None:
        problem = f"{index_dir / CURRENT}: missing"
    report = DoctorReport(index_dir=str(index_dir), current=current, current_problem=problem)
    for path in (*generations, *quarantined):
        report.generations.append(check_generation(index_dir, path, live=path.name == current))
    return report


def plan_repair(index_dir: Path) -> RepairPlan:
    """What `repair` would keep live, without changing anything."""
    return make_plan(index_dir, diagnose(index_dir).generations)


def repair(index_dir: Path, embedder: Embedder | None = None) -> DoctorReport:
    """Make the newest recoverable generation live (re-embedding it if need be)."""
    actions: list[str] = []
    with write_lock(index_dir):
        before = diagnose(index_dir)
        plan = make_plan(index_dir, before.generations)
        source = plan.source
        if source is not None and source.ok and before.current != source.name:
            write_current(index_dir, source.name)
            was = before.current or "nothing usable"
            actions.append(f"{index_dir / CURRENT}: now names {source.name} (was {was})")
    if source is not None and not source.ok:
        actions.append(_rebuild(index_dir, source, embedder))
    with write_lock(index_dir):
        after = diagnose(index_dir)
        for check in after.generations:  # the live one too when nothing could be recovered
            if not check.quarantined and not check.ok and (source is None or not check.live):
                target = quarantine(Path(check.path))
                actions.append(f"{check.path}: does not verify; kept as {target.name}")
        actions += _drop_dangling_current(index_dir)
        report = diagnose(index_dir)
    report.actions = actions
    report.plan = plan
    if plan.missing:
        actions.append(plan.summary())
    return report


def _drop_dangling_current(index_dir: Path) -> list[str]:
    """Remove CURRENT when it names a generation that is gone (the only one was set aside):
    the index then reads as one with nothing indexed yet, not as a broken pointer."""
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except OSError:
        return []
    if not name or (index_dir / name).is_dir():
        return []
    pointer.unlink()
    fsync_dir(index_dir)
    return [f"{pointer}: removed (it named {name}, set aside: no generation is live)"]


def _rebuild(index_dir: Path, source: GenerationCheck, embedder: Embedder | None) -> str:
    from news_rag.index.pipeline import run_index

    result = run_index(None, index_dir, rebuild=True, embedder=embedder)
    return (
        f"{source.path}: damaged ({source.problems[0]}); re-embedded its {result.articles} "
        f"articles into {generation_name(result.generation or 0)}"
    )
