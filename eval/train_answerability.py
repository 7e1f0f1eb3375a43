"""Fit the answerability model (`rag/answer/answerability.py`) on the dev sets.

    python -m news_rag.eval.train_answerability --out rag/answer/data/answerability.json

asks every question of the sample and reuters-dev (each indexed into its cached index, as
`rag eval` does), collects the evidence features of every answer that reaches the model,
and fits a logistic regression (plain numpy, L2-regularised, standardised features) whose
target is "the question is unanswerable". The threshold is the lowest probability that
refuses at most `MAX_FALSE_REFUSALS` of the answerable questions (none: see there). reuters-dev2 and
reuters-test are never read here: dev2 is the held-out check, test the lead's.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from news_rag.eval.questions import load_questions
from news_rag.eval.runner import asker_for
from news_rag.eval.sets import get_set, prepare_index
from news_rag.rag.answer.answerability import Features, recording

TRAIN_SETS = ("sample", "reuters-dev")
COMMAND = "python -m news_rag.eval.train_answerability --out rag/answer/data/answerability.json"
# At most this share of the answerable dev questions may be refused. Issue 19 allows 1%; a
# leave-one-out check on the 169 dev examples (sample + reuters-dev, 2026-12) refused 4-5
# answerable questions at 1% and 3 at 0%, and unseen news allows 1 in 300, so none.
MAX_FALSE_REFUSALS = 0.0
# L2 penalty on the standardised coefficients: with ~30 unanswerable examples a weak prior
# keeps a feature that fires on a few of them from taking an unbounded weight. Set by hand
# (1.0: the usual default of scikit-learn's LogisticRegression, C=1).
L2 = 1.0
NEWTON_STEPS = 50


def collect(set_name: str) -> list[tuple[str, int, Features]]:
    """(question id, 1 if unanswerable, features) of every question the model judges."""
    from news_rag.rag.assistant import Assistant

    eval_set = get_set(set_name)
    index_dir, _seconds = prepare_index(eval_set, None)
    assistant = Assistant.open(index_dir)
    conversations: dict[str, Any] = {}
    out = []
    for q in load_questions(eval_set.questions):
        asker = asker_for(q, assistant, conversations)
        with recording() as rows:
            asker.ask(q.question)
        if rows:
            out.append((q.id, int(q.type == "unanswerable"), rows[-1][1]))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, ...]:
    """Standardise `x` and fit an L2 logistic regression by Newton's method: (mean, scale,
    coefficients, intercept)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0  # the intercept is not penalised
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        grad = z.T @ (p - y) + penalty * w
        hess = (z.T * (p * (1 - p))) @ z + np.diag(penalty)
        w -= np.linalg.solve(hess, grad)
    return mean, scale, w[1:], np.array(w[0])


def threshold(probs: np.ndarray, y: np.ndarray, share: float = MAX_FALSE_REFUSALS) -> float:
    """The lowest threshold refusing at most `share` of the answerable (y == 0) questions:
    just above the (k+1)-th highest answerable probability, k = floor(share * count)."""
    answerable = np.sort(probs[y == 0])[::-1]
    allowed = math.floor(share * len(answerable))
    if allowed >= len(answerable):
        return 0.0
    return float(np.nextafter(answerable[allowed], 1.0))


def train(sets: Sequence[str] = TRAIN_SETS) -> dict[str, Any]:
    rows = [row for name in sets for row in collect(name)]
    x = np.array([f.vector() for _id, _y, f in rows], dtype=float)
    y = np.array([label for _id, label, _f in rows], dtype=float)
    mean, scale, coef, intercept = fit(x, y)
    probs = 1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ coef + intercept)))
    cut = threshold(probs, y)
    refused = probs >= cut
    return {
        "command": COMMAND,
        "trained_on": list(sets),
        "features": list(Features.names()),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef],
        "intercept": round(float(intercept), 6),
        "threshold": round(cut, 6),
        "l2": L2,
        "examples": {"answerable": int((y == 0).sum()), "unanswerable": int(y.sum())},
        "in_sample": {
            "refused_unanswerable": int((refused & (y == 1)).sum()),
            "refused_answerable": int((refused & (y == 0)).sum()),
            "refused_ids": sorted(i for (i, _y, _f), r in zip(rows, refused, strict=True) if r),
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the model")
    parser.add_argument("--sets", default=",".join(TRAIN_SETS), help="comma-separated dev sets")
    args = parser.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    if any(s in {"reuters-test", "reuters-dev2"} for s in sets):
        print("refusing to train on a held-out set", file=sys.stderr)
        return 2
    data = train(sets)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: data[k] for k in ("examples", "in_sample", "threshold")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
