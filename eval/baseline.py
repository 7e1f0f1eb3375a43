"""Saved baselines and the regression gate: any headline metric below baseline - tolerance fails."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news_rag.index.errors import InputError

HEADLINE_METRICS: tuple[str, ...] = (
    "answer_correct",
    "article_hit_at_5",
    "article_mrr_at_10",
    "evidence_hit_at_5",
    "evidence_ndcg_at_10",
    "citation_precision",
    "citation_recall",
    "claimant_correct",
    "source_label_accuracy",
    "abstention_precision",
    "abstention_recall",
)
PER_QUESTION_METRICS = (
    "answer_correct",
    "article_hit_at_5",
    "evidence_hit_at_5",
    "citation_recall",
    "claimant_correct",
)
BASELINE_VERSION = 1


@dataclass(frozen=True)
class MetricCheck:
    name: str
    value: float | None
    baseline: float | None
    tolerance: float

    @property
    def regressed(self) -> bool:
        if self.baseline is None:
            return False
        if self.value is None:
            return True
        return self.value < self.baseline - self.tolerance - 1e-9

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "baseline": self.baseline,
            "delta": None
            if self.value is None or self.baseline is None
            else round(self.value - self.baseline, 4),
            "regressed": self.regressed,
        }


def headline(report: Mapping[str, Any]) -> dict[str, float | None]:
    overall = report["summary"]["overall"]
    values: dict[str, float | None] = {}
    for name in HEADLINE_METRICS:
        if name.startswith("abstention_"):
            values[name] = report["abstention"].get(name.removeprefix("abstention_"))
        else:
            values[name] = overall.get(name, {}).get("mean")
    return values


def make_baseline(report: Mapping[str, Any], questions_file: str) -> dict[str, Any]:
    return {
        "version": BASELINE_VERSION,
        "questions_file": questions_file,
        "metrics": headline(report),
        "questions": {
            row["id"]: {name: row.get(name) for name in PER_QUESTION_METRICS}
            for row in report["rows"]
        },
    }


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(
            f"{path}: baseline not found; record one with: rag eval --save-baseline {path}"
        ) from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable baseline file ({exc})") from exc
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise InputError(f"{path}: not a baseline of version {BASELINE_VERSION}")
    return data


def save_baseline(path: Path, baseline: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


def compare(
    report: Mapping[str, Any], baseline: Mapping[str, Any], tolerance: float
) -> tuple[list[MetricCheck], list[dict[str, Any]]]:
    """Checks per headline metric, and the questions that got worse on any per-question metric."""
    values = headline(report)
    checks = [
        MetricCheck(name, values.get(name), baseline["metrics"].get(name), tolerance)
        for name in HEADLINE_METRICS
    ]
    regressed: list[dict[str, Any]] = []
    before = baseline.get("questions", {})
    for row in report["rows"]:
        old = before.get(row["id"])
        if not old:
            continue
        worse = [
            name
            for name in PER_QUESTION_METRICS
            if old.get(name) is not None and (row.get(name) or 0) < old[name]
        ]
        if worse:
            regressed.append({"id": row["id"], "type": row["type"], "metrics": worse})
    return checks, regressed
