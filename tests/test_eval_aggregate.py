"""Eval latency percentiles, bootstrap aggregation and the runner (fake assistant)."""

from __future__ import annotations

import pytest
from news_rag.eval.aggregate import breakdown_by_type, mean_with_ci, summary_report
from news_rag.eval.metrics import (
    latency_summary,
    percentile,
)
from news_rag.rag.types import Passage, SourceLabel

from tests.eval_records import EVIDENCE, citation, question

# ------------------------------------------------------------------ latency


def test_percentiles_nearest_rank() -> None:
    values = [float(v) for v in range(10, 0, -1)]
    assert percentile(values, 50) == 5.0
    assert percentile(values, 95) == 10.0
    assert percentile(values, 0) == 1.0
    assert percentile([], 50) is None
    assert latency_summary([120.0]) == {"p50_ms": 120.0, "p95_ms": 120.0}


# ------------------------------------------------------------------ aggregation


def test_mean_with_ci_is_seeded_and_skips_none() -> None:
    values = [1.0, 0.0, None, True, 0.0, 1.0, float("nan")]
    first = mean_with_ci(values)
    assert first == mean_with_ci(values)
    assert first.n == 5
    assert first.mean == pytest.approx(0.6)
    assert first.low is not None and first.high is not None
    assert 0.0 <= first.low <= 0.6 <= first.high <= 1.0
    assert first.low < first.high


def test_mean_with_ci_edge_cases() -> None:
    assert mean_with_ci([None, None]).to_dict() == {"mean": None, "low": None, "high": None, "n": 0}
    assert mean_with_ci([0.25]).to_dict() == {"mean": 0.25, "low": 0.25, "high": 0.25, "n": 1}
    constant = mean_with_ci([0.5] * 20)
    assert (constant.low, constant.high) == (0.5, 0.5)


def test_breakdown_by_type_and_report() -> None:
    rows: list[dict[str, object]] = [
        {"type": "factoid", "correct": 1.0, "recall": None},
        {"type": "factoid", "correct": 0.0, "recall": 1.0},
        {"type": "unanswerable", "correct": None, "recall": None},
    ]
    by_type = breakdown_by_type(rows, ["correct", "recall"])
    assert list(by_type) == ["factoid", "unanswerable"]
    assert by_type["factoid"]["correct"].mean == 0.5
    assert by_type["factoid"]["recall"].n == 1
    assert by_type["unanswerable"]["correct"].n == 0
    report = summary_report(rows, ["correct"])
    assert report["n"] == 3
    assert report["overall"]["correct"]["mean"] == 0.5
    assert report["by_type"]["unanswerable"]["correct"]["mean"] is None


# ------------------------------------------------------------------ runner (fake assistant)


class _FakeAnswer:
    def __init__(self, question: str, quote: str, abstained: bool = False) -> None:
        self.data = {
            "question": question,
            "answer": "" if abstained else f"{quote} [1]",
            "abstained": abstained,
            "resolved_question": None,
            "citations": []
            if abstained
            else [citation("A", quote, "pro-HTS sources", outlet="Global Research")],
        }

    def to_dict(self) -> dict[str, object]:
        return self.data


class _FakeAssistant:
    def __init__(self) -> None:
        self.conversations = 0

    def ask(self, question: str) -> _FakeAnswer:
        return _FakeAnswer(question, EVIDENCE, abstained="Mosul" in question)

    def search(self, query: str, k: int = 10) -> list[Passage]:
        label = SourceLabel("A", None, "Global Research", None, None, None, "a.txt")
        return [Passage("A", 0, EVIDENCE, 1.0, 0, 1, label)]

    def conversation(self) -> _FakeAssistant:
        self.conversations += 1
        return self


def test_runner_scores_rows_and_reuses_conversations_for_followups() -> None:
    from news_rag.eval.runner import run_questions

    first = question(id="f1", type="followup")
    second = question(id="f2", type="followup", follows="f1", question="And who said that?")
    mosul = question(id="u1", type="unanswerable", question="When was Mosul liberated?",
                     answers=[], articles=[], evidence=[], claimant=None)  # fmt: skip
    fake = _FakeAssistant()
    report = run_questions(fake, [question(), first, second, mosul], metadata={})
    assert fake.conversations == 1
    rows = {row["id"]: row for row in report["rows"]}
    assert rows["q1"]["answer_correct"] is True
    assert rows["q1"]["article_hit_at_1"] == 1.0
    assert rows["q1"]["evidence_recall_at_10"] == 1.0
    assert rows["q1"]["claimant_correct"] is True
    assert rows["q1"]["source_label_accuracy"] == 0.0  # article absent from metadata
    assert rows["u1"]["answer_correct"] is None
    assert report["abstention"]["precision"] == 1.0
    assert report["abstention"]["recall"] == 1.0
    assert report["summary"]["by_type"]["followup"]["answer_correct"]["mean"] == 1.0
    assert report["latency"]["p50_ms"] is not None
