"""`rag eval`: score the assistant on fixed questions and gate on a saved baseline."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from news_rag.cli.common import emit_json, handle_errors, with_progress
from news_rag.cli.options import file_option, index_option, json_option
from news_rag.eval.baseline import HEADLINE_METRICS, headline
from news_rag.eval.evaluate import Gate, eval_settings, gate_report, run_eval
from news_rag.eval.runner import RATE_METRICS
from news_rag.eval.sets import DEFAULT_SET, EVAL_SETS, get_set


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
    for name in RATE_METRICS:  # lower is better; not gated by the baseline
        ci = overall.get(name, {})
        interval = f"[{_fmt(ci.get('low'))},{_fmt(ci.get('high'))}]" if ci else ""
        click.echo(f"{name:<24} {_fmt(ci.get('mean')):>6} {interval:>15}")
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
    _print_by_kind(report["summary"].get("by_kind") or {})
    if report.get("index_seconds") is not None:
        click.echo(f"\nindex {report['index_dir']}: {report['index_seconds']:.1f} s")


def _print_by_kind(by_kind: dict[str, Any]) -> None:
    if not by_kind:
        return
    names = ("answer_correct", "false_abstention_rate", "false_conflict_rate")
    click.echo(f"\nBy kind ({', '.join(names)}):")
    for kind, metrics in by_kind.items():
        cells = [_fmt(metrics.get(m, {}).get("mean")) for m in names]
        count = metrics["false_conflict_rate"]["n"]
        click.echo(f"  {kind:<14} n={count:<3} " + "  ".join(cells))


@click.command("eval")
@click.argument("questions", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--set", "set_name", type=click.Choice(list(EVAL_SETS)), default=None,
              help=f"Question set to run (default: {DEFAULT_SET}); its corpus is indexed "
              "into a cached index unless --index is given.")  # fmt: skip
@index_option
@file_option("--report", "Write the full JSON report (per-question traces) here.", "report_path")
@file_option("--baseline", "Baseline to compare with (default: the committed one).",
             "baseline_path")  # fmt: skip
@click.option("--tolerance", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Allowed drop of a headline metric below the baseline.")  # fmt: skip
@file_option("--save-baseline", "Record this run as a baseline file (no comparison).",
             "save_path")  # fmt: skip
@file_option("--settings", "Settings JSON file (retrieval, answer) the assistant runs with.",
             "settings_path")  # fmt: skip
@click.option("--engine", type=click.Choice(["analysis"]), default=None,
              help="The answer engine (there is one; kept for scripts).")  # fmt: skip
@json_option
@handle_errors
def eval_command(
    questions: Path | None,
    set_name: str | None,
    index_dir: Path | None,
    report_path: Path | None,
    baseline_path: Path | None,
    tolerance: float,
    save_path: Path | None,
    settings_path: Path | None,
    engine: str | None,
    as_json: bool,
) -> None:
    """Score answers, citations and attribution on fixed QUESTIONS (default: the sample set).

    QUESTIONS is a question file over the set's corpus (default: the set's own file)."""
    from news_rag.eval.progress import StderrProgress

    eval_set = get_set(set_name or DEFAULT_SET)
    questions_path = questions or eval_set.questions
    settings = eval_settings(settings_path)
    report = with_progress(
        lambda progress: run_eval(questions_path, index_dir, progress, eval_set, settings),
        StderrProgress(),
    )
    if save_path is None and baseline_path is None and questions is None:
        baseline_path = eval_set.baseline
    gate = gate_report(report, baseline_path, tolerance, save_path, questions_path.name)
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if as_json:
        emit_json({k: v for k, v in report.items() if k != "rows"})
    else:
        print_table(report, gate.checks)
        _print_gate(gate, save_path)
    if gate.failed:
        sys.exit(1)


def _print_gate(gate: Gate, save_path: Path | None) -> None:
    checks, regressed = gate.checks, gate.regressed
    if save_path is not None:
        click.echo(f"\nBaseline saved to {save_path}")
        return
    if regressed:
        click.echo("\nQuestions that got worse than the baseline:")
        for item in regressed:
            click.echo(f"  {item['id']} ({item['type']}): {', '.join(item['metrics'])}")
    if not checks:
        click.echo("\nNo baseline for this set: nothing gated (--baseline FILE to compare).")
    elif any(c.regressed for c in checks):
        click.echo("\nFAIL: a headline metric fell below baseline")
    else:
        click.echo("\nPASS")
