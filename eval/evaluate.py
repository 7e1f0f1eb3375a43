"""What `rag eval` does below its command line: index the set's corpus (cached), ask every
question, score the answers, and gate the scores on a saved baseline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.eval.baseline import (
    MetricCheck,
    compare,
    headline,
    load_baseline,
    make_baseline,
    save_baseline,
)
from news_rag.eval.runner import RATE_METRICS
from news_rag.eval.sets import BASELINES_DIR, DEFAULT_SET, EvalSet, cached_index_dir, get_set

if TYPE_CHECKING:
    from news_rag.rag.settings import Settings

DEFAULT_BASELINE = BASELINES_DIR / "sample.json"
StageProgress = Callable[[str, int, int], None]


def sample_eval_index() -> Path:
    """The cached index of the bundled sample that `rag eval` uses by default."""
    return cached_index_dir(get_set("sample"))


def eval_settings(path: Path | None) -> Settings:
    """The settings of `--settings FILE` (default: the defaults)."""
    from news_rag.rag.settings import Settings

    return Settings.from_file(path) if path is not None else Settings()


def run_eval(
    questions_path: Path,
    index_dir: Path | None,
    progress: StageProgress | None = None,
    eval_set: EvalSet | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Index the set's corpus (cached) unless `index_dir` is given, ask every question of
    `questions_path` through `Assistant.ask` / conversations (with `settings`, default:
    `Settings()`), and score the answers."""
    from news_rag.eval.questions import load_questions
    from news_rag.eval.runner import run_questions
    from news_rag.eval.sets import label_metadata, prepare_index
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    eval_set = eval_set or get_set(DEFAULT_SET)
    questions = load_questions(questions_path)
    index_dir, index_seconds = prepare_index(eval_set, index_dir, progress)
    settings = settings or Settings()
    assistant = Assistant.open(index_dir, settings=settings)
    assistant.load()

    def tick(done: int, total: int, _question: Any) -> None:
        if progress is not None:
            progress("questions", done, total)

    report = run_questions(assistant, questions, label_metadata(eval_set), progress=tick)
    report["set"] = eval_set.name
    report["questions_file"] = str(questions_path)
    report["index_dir"] = str(index_dir)
    report["index_seconds"] = None if index_seconds is None else round(index_seconds, 1)
    report["settings"] = settings.to_dict()  # every run is reproducible from the report
    report["headline"] = {
        **headline(report),
        **{name: report["summary"]["overall"][name]["mean"] for name in RATE_METRICS},
    }
    return report


@dataclass(frozen=True)
class Gate:
    """The run against its baseline: a check per headline metric, the questions that got
    worse, and whether any metric fell below the baseline."""

    baseline: Path | None
    tolerance: float
    checks: list[MetricCheck] = field(default_factory=list)
    regressed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(c.regressed for c in self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "baseline": str(self.baseline) if self.baseline else None,
            "tolerance": self.tolerance,
            "checks": [c.to_dict() for c in self.checks],
            "regressed_questions": self.regressed,
            "passed": not self.failed,
        }


def gate_report(
    report: dict[str, Any],
    baseline_path: Path | None,
    tolerance: float,
    save_path: Path | None = None,
    questions_name: str | None = None,
) -> Gate:
    """Save the run as a baseline at `save_path` (nothing gated), else compare it with
    `baseline_path` (when given); the gate is recorded in `report["gate"]`."""
    gate = Gate(baseline_path, tolerance)
    if save_path is not None:
        save_baseline(save_path, make_baseline(report, questions_name or ""))
    elif baseline_path is not None:
        checks, regressed = compare(report, load_baseline(baseline_path), tolerance)
        gate = Gate(baseline_path, tolerance, checks, regressed)
    report["gate"] = gate.to_dict()
    return gate
