"""`rag eval`: score the assistant on fixed questions and gate on a saved baseline."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from news_rag.eval.baseline import (
    HEADLINE_METRICS,
    compare,
    headline,
    load_baseline,
    make_baseline,
    save_baseline,
)
from news_rag.eval.benchmark_cli import benchmark_group
from news_rag.eval.questions import DEFAULT_QUESTIONS_PATH
from news_rag.rag.cli.common import (
    StderrProgress,
    emit_json,
    handle_errors,
    index_option,
    json_option,
)

DEFAULT_BASELINE = Path(__file__).parent / "baselines" / "sample.json"


def sample_eval_index() -> Path:
    """The cached index of the bundled sample that `rag eval` uses by default."""
    from platformdirs import user_cache_path

    return Path(user_cache_path("news-rag", appauthor=False)) / "eval-sample-index"


def run_eval(
    questions_path: Path, index_dir: Path | None, progress: StderrProgress | None = None
) -> dict[str, Any]:
    from news_rag.eval.questions import load_questions
    from news_rag.eval.runner import run_questions
    from news_rag.index.pipeline import run_index
    from news_rag.rag.assistant import Assistant

    questions = load_questions(questions_path)
    if index_dir is None:
        index_dir = sample_eval_index()
        run_index(None, index_dir, progress=progress)  # incremental: a no-op once cached
    assistant = Assistant.open(index_dir)
    assistant.load()

    def tick(done: int, total: int, _question: Any) -> None:
        if progress is not None:
            progress("questions", done, total)

    report = run_questions(assistant, questions, progress=tick)
    report["questions_file"] = str(questions_path)
    report["index_dir"] = str(index_dir)
    return report


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def print_table(report: dict[str, Any], checks: list[Any]) -> None:
    overall = report["summary"]["overall"]
    values = headline(report)
    click.echo(f"{'metric':<24} {'mean':>6} {'95% CI':>15} {'base':>6} {'delta':>7}")
    by_name = {c.name: c for c in checks}
    for name in HEADLINE_METRICS:
        ci = overall.get(name, {})
        check = by_name.get(name)
        value = values.get(name)
        interval = f"[{_fmt(ci.get('low'))},{_fmt(ci.get('high'))}]" if ci else ""
        base = _fmt(check.baseline) if check else "     "
        delta = ""
        if check and check.value is not None and check.baseline is not None:
            delta = f"{check.value - check.baseline:+.3f}"
        flag = "  REGRESSED" if check and check.regressed else ""
        click.echo(f"{name:<24} {_fmt(value):>6} {interval:>15} {base:>6} {delta:>7}{flag}")
    latency = report["latency"]
    click.echo(f"{'latency p50 / p95 ms':<24} {latency['p50_ms']:.0f} / {latency['p95_ms']:.0f}")
    abstention = report["abstention"]
    click.echo(
        f"{'abstained':<24} {abstention['abstained']} "
        f"({abstention['true_positives']} of {abstention['unanswerable']} unanswerable)"
    )
    click.echo("\nBy question type (answer_correct, article_hit_at_5, citation_recall):")
    for qtype, metrics in report["summary"]["by_type"].items():
        if qtype == "unanswerable":
            continue  # scored by abstention precision/recall above
        cells = [_fmt(metrics.get(m, {}).get("mean")) for m in
                 ("answer_correct", "article_hit_at_5", "citation_recall")]  # fmt: skip
        click.echo(f"  {qtype:<14} n={metrics['answer_correct']['n']:<3} " + "  ".join(cells))


@click.command("eval")
@click.argument("questions", required=False, type=click.Path(dir_okay=False, path_type=Path))
@index_option
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the full JSON report (per-question traces) here.")  # fmt: skip
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Baseline to compare with (default: the committed one).")  # fmt: skip
@click.option("--tolerance", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Allowed drop of a headline metric below the baseline.")  # fmt: skip
@click.option("--save-baseline", "save_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Record this run as a baseline file (no comparison).")  # fmt: skip
@json_option
@handle_errors
def eval_command(
    questions: Path | None,
    index_dir: Path | None,
    report_path: Path | None,
    baseline_path: Path | None,
    tolerance: float,
    save_path: Path | None,
    as_json: bool,
) -> None:
    """Score answers, citations and attribution on fixed QUESTIONS (default: the sample set)."""
    questions_path = questions or DEFAULT_QUESTIONS_PATH
    progress = StderrProgress()
    try:
        report = run_eval(questions_path, index_dir, progress)
    finally:
        progress.close()
    checks: list[Any] = []
    regressed: list[dict[str, Any]] = []
    if save_path is not None:
        save_baseline(save_path, make_baseline(report, questions_path.name))
    else:
        if baseline_path is None and questions is None:
            baseline_path = DEFAULT_BASELINE
        if baseline_path is not None:
            checks, regressed = compare(report, load_baseline(baseline_path), tolerance)
    failed = any(c.regressed for c in checks)
    report["gate"] = {
        "baseline": str(baseline_path) if baseline_path else None,
        "tolerance": tolerance,
        "checks": [c.to_dict() for c in checks],
        "regressed_questions": regressed,
        "passed": not failed,
    }
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if as_json:
        emit_json({k: v for k, v in report.items() if k != "rows"})
    else:
        print_table(report, checks)
        if save_path is not None:
            click.echo(f"\nBaseline saved to {save_path}")
        if regressed:
            click.echo("\nQuestions that got worse than the baseline:")
            for item in regressed:
                click.echo(f"  {item['id']} ({item['type']}): {', '.join(item['metrics'])}")
        click.echo("\nPASS" if not failed else "\nFAIL: a headline metric fell below baseline")
    if failed:
        sys.exit(1)


__all__ = ["benchmark_group", "eval_command"]
