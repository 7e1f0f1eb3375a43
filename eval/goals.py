"""The committed goals of each question set (`goals.json`) and how a run measures up.

The baseline gate says whether a run got worse; the goals say whether it is good enough.
A weak figure (say abstention recall 0.25) is marked even when the gate passes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from news_rag.eval.baseline import headline

GOALS_FILE = Path(__file__).resolve().parent / "goals.json"


@dataclass(frozen=True)
class GoalCheck:
    metric: str
    value: float | None
    goal: float
    direction: str  # "min": at least the goal; "max": at most
    source: str

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value >= self.goal if self.direction == "min" else self.value <= self.goal

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "met": self.met}


@cache
def _goals() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOALS_FILE.read_text(encoding="utf-8"))
    return data


def goals_for(set_name: str) -> dict[str, dict[str, Any]]:
    """The goals of one set: the common ones, overridden by the set's own."""
    data = _goals()
    return {**data.get("all", {}), **data.get(set_name, {})}


def _value(report: Mapping[str, Any], metric: str) -> float | None:
    values = headline(report)
    if metric in values:
        return values[metric]
    mean = report["summary"]["overall"].get(metric, {}).get("mean")
    return None if mean is None else float(mean)


def check_goals(report: Mapping[str, Any], set_name: str) -> list[GoalCheck]:
    out = []
    for metric, goal in goals_for(set_name).items():
        direction = "min" if "min" in goal else "max"
        out.append(
            GoalCheck(metric, _value(report, metric), float(goal[direction]), direction,
                      str(goal.get("from", "")))
        )  # fmt: skip
    return out
