"""Means with seeded bootstrap confidence intervals, overall and per question type.

Input rows are plain dicts, one per question: a `type` key plus metric values.
A value of None (or a missing key, or NaN) means "not applicable" and is left
out of that metric's mean; booleans count as 1.0 / 0.0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from news_rag.eval.records import QUESTION_TYPES, MeanCI

RESAMPLES = 1000
SEED = 20171121
LEVEL = 0.95


def applicable(values: Iterable[Any]) -> list[float]:
    """The values that apply, as floats (None and NaN dropped)."""
    kept = []
    for value in values:
        if value is None:
            continue
        number = float(value)
        if not math.isnan(number):
            kept.append(number)
    return kept


def mean_with_ci(
    values: Iterable[Any], resamples: int = RESAMPLES, seed: int = SEED, level: float = LEVEL
) -> MeanCI:
    """Mean of the applicable values and a percentile bootstrap CI.

    The bootstrap draws `resamples` samples with replacement (numpy, fixed seed,
    so reruns give identical intervals). With one value the interval is that
    value; with none, mean, low and high are None.
    """
    import numpy as np

    data = np.asarray(applicable(values), dtype=float)
    if data.size == 0:
        return MeanCI(mean=None, low=None, high=None, n=0)
    mean = float(data.mean())
    if data.size == 1:
        return MeanCI(mean=mean, low=mean, high=mean, n=1)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, data.size, size=(resamples, data.size))
    means = data[draws].mean(axis=1)
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(means, [tail, 100.0 - tail])
    return MeanCI(mean=mean, low=float(low), high=float(high), n=int(data.size))


def summarize_metrics(
    rows: Sequence[Mapping[str, Any]], metrics: Sequence[str], **bootstrap: Any
) -> dict[str, MeanCI]:
    """`mean_with_ci` of each named metric over the rows."""
    return {name: mean_with_ci((row.get(name) for row in rows), **bootstrap) for name in metrics}


def breakdown_by_type(
    rows: Sequence[Mapping[str, Any]],
    metrics: Sequence[str],
    type_key: str = "type",
    **bootstrap: Any,
) -> dict[str, dict[str, MeanCI]]:
    """Per question type (known types first, in their canonical order), the
    `mean_with_ci` of each metric over that type's rows. Types with no rows are
    left out."""
    present = {str(row.get(type_key)) for row in rows}
    order = [t for t in QUESTION_TYPES if t in present] + sorted(present - set(QUESTION_TYPES))
    return {
        qtype: summarize_metrics(
            [row for row in rows if str(row.get(type_key)) == qtype], metrics, **bootstrap
        )
        for qtype in order
    }


def summary_report(
    rows: Sequence[Mapping[str, Any]], metrics: Sequence[str], **bootstrap: Any
) -> dict[str, Any]:
    """JSON-ready `{"n": .., "overall": {metric: ci}, "by_type": {type: {metric: ci}}}`."""
    overall = summarize_metrics(rows, metrics, **bootstrap)
    by_type = breakdown_by_type(rows, metrics, **bootstrap)
    return {
        "n": len(rows),
        "overall": {name: ci.to_dict() for name, ci in overall.items()},
        "by_type": {
            qtype: {name: ci.to_dict() for name, ci in cis.items()}
            for qtype, cis in by_type.items()
        },
    }
