"""`rag eval --report F.md` or `F.html`: the run as a person reads it.

The headline figures with their intervals, the baseline and the goal (figures below their
goal marked), then the failed questions grouped by kind of failure. The HTML page adds a
plot (inline SVG, no plotting library): each figure as a bar, with the baseline and the
goal as marks on it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from news_rag.eval.baseline import headline
from news_rag.eval.failures import KINDS, Failure
from news_rag.eval.goals import GoalCheck
from news_rag.eval.runner import SHOWN_METRICS

BAR_WIDTH = 360  # pixels of a bar at 1.0
ROW_HEIGHT = 22


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def figure_rows(
    report: Mapping[str, Any], baseline: Mapping[str, float | None], goals: Sequence[GoalCheck]
) -> list[dict[str, Any]]:
    """One row per headline figure and goal: value, baseline, goal and whether it is met."""
    values = dict(headline(report))
    overall = report.get("summary", {}).get("overall", {})
    for name in SHOWN_METRICS:  # not gated, but shown
        if name in overall:
            values.setdefault(name, overall[name].get("mean"))
    by_goal = {g.metric: g for g in goals}
    for goal in goals:
        values.setdefault(goal.metric, goal.value)
    return [
        {
            "metric": name,
            "value": value,
            "baseline": baseline.get(name),
            "goal": by_goal[name].goal if name in by_goal else None,
            "direction": by_goal[name].direction if name in by_goal else None,
            "met": by_goal[name].met if name in by_goal else None,
        }
        for name, value in values.items()
    ]


def _grouped(failures: Sequence[Failure]) -> list[tuple[str, list[Failure]]]:
    return [(kind, [f for f in failures if f.kind == kind]) for kind in KINDS]


def markdown_report(
    title: str, rows: Sequence[Mapping[str, Any]], failures: Sequence[Failure]
) -> str:
    lines = [f"# {title}", "", "| figure | value | baseline | goal | |", "|---|---|---|---|---|"]
    for row in rows:
        goal = "" if row["goal"] is None else f"{'≥' if row['direction'] == 'min' else '≤'} "
        goal += "" if row["goal"] is None else _fmt(row["goal"])
        mark = "**below goal**" if row["met"] is False else ""
        lines.append(
            f"| {row['metric']} | {_fmt(row['value'])} | {_fmt(row['baseline'])} | {goal} "
            f"| {mark} |"
        )
    lines += ["", f"## Failed questions ({len({f.id for f in failures})})", ""]
    for kind, group in _grouped(failures):
        if not group:
            continue
        lines += [f"### {kind} ({len(group)})", ""]
        for f in group:
            lines.append(f"- **{f.id}**: {f.question}")
            lines.append(f"  - expected: {f.expected}")
            lines.append(f"  - got: {f.got}")
            if f.first_citation:
                lines.append(f"  - first citation: {f.first_citation}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _plot(rows: Sequence[Mapping[str, Any]]) -> str:
    shown = [r for r in rows if r["value"] is not None]
    height = ROW_HEIGHT * len(shown) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{BAR_WIDTH + 320}" '
             f'height="{height}" font-family="sans-serif" font-size="12">']  # fmt: skip
    for i, row in enumerate(shown):
        y = 5 + i * ROW_HEIGHT
        width = max(0.0, min(1.0, float(row["value"]))) * BAR_WIDTH
        colour = "#c0392b" if row["met"] is False else "#2e86c1"
        parts.append(f'<text x="0" y="{y + 14}">{html.escape(row["metric"])}</text>')
        parts.append(f'<rect x="180" y="{y + 3}" width="{width:.1f}" height="14" '
                     f'fill="{colour}"/>')  # fmt: skip
        for key, mark in (("baseline", "#111"), ("goal", "#e67e22")):
            if row[key] is not None:
                x = 180 + max(0.0, min(1.0, float(row[key]))) * BAR_WIDTH
                parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + 20}" '
                             f'stroke="{mark}" stroke-width="2"/>')  # fmt: skip
        parts.append(f'<text x="{190 + BAR_WIDTH}" y="{y + 14}">{_fmt(row["value"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


_STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto}"
    ".below{color:#c0392b;font-weight:bold}td,th{padding:2px 8px;text-align:left}"
)
_LEGEND = (
    "<p>Bars: this run (red when below its goal); black mark: the baseline; orange mark: "
    "the goal.</p>"
)


def _html_table(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    esc = html.escape
    head = ("figure", "value", "baseline", "goal", "")
    out = ["<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for row in rows:
        goal = "" if row["goal"] is None else ("≥ " if row["direction"] == "min" else "≤ ")
        goal += "" if row["goal"] is None else _fmt(row["goal"])
        mark = "<span class='below'>below goal</span>" if row["met"] is False else ""
        cells = (esc(row["metric"]), _fmt(row["value"]), _fmt(row["baseline"]), esc(goal), mark)
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    return out


def _html_failures(failures: Sequence[Failure]) -> list[str]:
    esc = html.escape
    out = [f"<h2>Failed questions ({len({f.id for f in failures})})</h2>"]
    for kind, group in _grouped(failures):
        if not group:
            continue
        out.append(f"<h3>{esc(kind)} ({len(group)})</h3><ul>")
        for f in group:
            cite = f"<br>first citation: {esc(f.first_citation)}" if f.first_citation else ""
            out.append(
                f"<li><b>{esc(f.id)}</b>: {esc(f.question)}<br>expected: {esc(f.expected)}"
                f"<br>got: {esc(f.got)}{cite}</li>"
            )
        out.append("</ul>")
    return out


def html_report(title: str, rows: Sequence[Mapping[str, Any]], failures: Sequence[Failure]) -> str:
    head = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
        f"</title><style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
    )
    body = [head, _LEGEND, _plot(rows), *_html_table(rows), *_html_failures(failures)]
    return "\n".join([*body, "</body></html>"]) + "\n"
