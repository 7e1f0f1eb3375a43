"""`rag eval`: score the assistant on fixed questions and gate on a saved baseline."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from news_rag.cli.common import emit_json, handle_errors, with_progress
from news_rag.cli.options import file_option, index_dir_option, json_option
from news_rag.eval.baseline import HEADLINE_METRICS, headline
from news_rag.eval.evaluate import Gate, eval_settings, gate_report, run_eval
from news_rag.eval.failures import Failure, failures
from news_rag.eval.goals import GoalCheck, check_goals
from news_rag.eval.questions import load_questions
from news_rag.eval.runner import RATE_METRICS, SHOWN_METRICS
from news_rag.eval.sets import DEFAULT_SET, EVAL_SETS, get_set


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def _goal_mark(goal: GoalCheck | None) -> str:
    if goal is None or goal.met is not False:
        return ""
    return f"  BELOW GOAL ({'>=' if goal.direction == 'min' else '<='} {goal.goal:.2f})"


def print_table(report: dict[str, Any], checks: list[Any], goals: list[GoalCheck]) -> None:
    overall = report["summary"]["overall"]
    values = headline(report)
    by_goal = {g.metric: g for g in goals}
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
        flag += _goal_mark(by_goal.get(name))
        click.echo(f"{name:<24} {_fmt(value):>6} {interval:>15} {base:>6} {delta:>7}{flag}")
    for name in (*RATE_METRICS, *SHOWN_METRICS):  # not gated by the baseline
        ci = overall.get(name, {})
        interval = f"[{_fmt(ci.get('low'))},{_fmt(ci.get('high'))}]" if ci else ""
        mark = _goal_mark(by_goal.get(name))
        click.echo(f"{name:<24} {_fmt(ci.get('mean')):>6} {interval:>15}{'':>15}{mark}")
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
@index_dir_option(
    "An index to score as it is (default: the set's own index, built from its corpus and "
    "cached under $XDG_CACHE_HOME/news-rag, by default ~/.cache/news-rag)."
)
@file_option("--report", "Write the report here: F.json the full JSON (per-question traces), "
             "F.md or F.html a report for people (figures, goals, failed questions; the HTML "
             "with a plot).", "report_path")  # fmt: skip
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
    failed = failures(report, load_questions(questions_path))
    goals = check_goals(report, eval_set.name)
    report["failures"] = [f.to_dict() for f in failed]
    report["goals"] = [g.to_dict() for g in goals]
    if report_path is not None:
        _write_report(report_path, report, gate, failed, goals)
    if as_json:
        emit_json({k: v for k, v in report.items() if k != "rows"})
    else:
        print_table(report, gate.checks, goals)
        _print_failures(failed)
        _print_gate(gate, save_path, goals)
    if gate.failed:
        sys.exit(1)


def _write_report(
    path: Path, report: dict[str, Any], gate: Gate, failed: list[Failure], goals: list[GoalCheck]
) -> None:
    """JSON (the default), or a report for people when the name ends in .md or .html."""
    from news_rag.eval.human_report import figure_rows, html_report, markdown_report

    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix not in (".md", ".html", ".htm"):
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return
    rows = figure_rows(report, {c.name: c.baseline for c in gate.checks}, goals)
    title = f"rag eval --set {report['set']}: {len(report['rows'])} questions"
    page = markdown_report if suffix == ".md" else html_report
    path.write_text(page(title, rows, failed), encoding="utf-8")


def _print_failures(failed: list[Failure]) -> None:
    if not failed:
        click.echo("\nNo failed question.")
        return
    click.echo(f"\nFailed questions ({len({f.id for f in failed})}):")
    kind = None
    for f in failed:
        if f.kind != kind:
            kind = f.kind
            click.echo(f"  {kind}:")
        click.echo(f"    {f.id}: {f.question}")
        click.echo(f"      expected: {f.expected}")
        click.echo(f"      got:      {f.got}")
        if f.first_citation:
            click.echo(f"      cited:    {f.first_citation}")


def _print_gate(gate: Gate, save_path: Path | None, goals: list[GoalCheck]) -> None:
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
        below = [g.metric for g in goals if g.met is False]
        click.echo("\nPASS (no figure below the baseline)")
        if below:
            click.echo(f"Below their goal (eval/goals.json): {', '.join(below)}")
