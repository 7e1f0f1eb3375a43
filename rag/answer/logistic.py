"""A fitted logistic regression shipped as a small JSON file next to this module (`data/`):
the feature names, their means and scales, the coefficients and the intercept, written by a
training command under `eval/` that the file names. Plain arithmetic: no model code runs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import fields
from functools import lru_cache
from importlib import resources
from typing import Any


class FeatureRow:
    """A dataclass of float features, in the order a fitted model file lists them."""

    def vector(self) -> tuple[float, ...]:
        # the fields read in order: `dataclasses.astuple` deep-copies each float (a
        # measurable share of a warm `ask`)
        return tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))  # type: ignore[arg-type]


@lru_cache(maxsize=8)
def load(file_name: str, feature_names: tuple[str, ...]) -> dict[str, Any] | None:
    """The model in `data/<file_name>`, or None when none is shipped or it was fitted on
    other features than `feature_names` (a stale file is never applied)."""
    path = resources.files(__package__ or "news_rag.rag.answer") / "data" / file_name
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data if tuple(data["features"]) == feature_names else None


def probability(vector: Sequence[float], fitted: dict[str, Any]) -> float:
    """The model's probability of its positive class for the feature `vector`."""
    z = float(fitted["intercept"])
    for x, mean, scale, w in zip(
        vector, fitted["mean"], fitted["scale"], fitted["coef"], strict=True
    ):
        z += w * (x - mean) / scale
    return 1.0 / (1.0 + math.exp(-z))
