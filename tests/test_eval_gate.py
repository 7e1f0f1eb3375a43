"""`rag eval` on the sample set against the committed baseline: the regression gate of CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from news_rag.eval.baseline import HEADLINE_METRICS, compare, load_baseline
from news_rag.eval.evaluate import DEFAULT_BASELINE

from news_rag.cli import cli


@pytest.fixture(scope="module")
def eval_run(sample_index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    report_path = tmp_path_factory.mktemp("eval") / "report.json"
    result = CliRunner().invoke(
        cli, ["eval", "--index", str(sample_index_dir), "--report", str(report_path), "--json"]
    )
    return {
        "exit_code": result.exit_code,
        "output": result.output,
        "report": json.loads(report_path.read_text()),
    }


def test_sample_eval_passes_the_committed_baseline(eval_run: dict[str, Any]) -> None:
    gate = eval_run["report"]["gate"]
    regressed = [c for c in gate["checks"] if c["regressed"]]
    assert eval_run["exit_code"] == 0, (regressed, gate["regressed_questions"])
    assert gate["passed"] and {c["name"] for c in gate["checks"]} == set(HEADLINE_METRICS)
    summary = json.loads(eval_run["output"])
    assert "rows" not in summary and summary["gate"]["passed"]


def test_report_has_per_question_traces(eval_run: dict[str, Any]) -> None:
    rows = eval_run["report"]["rows"]
    assert len(rows) >= 60
    for row in rows:
        for key in ("id", "type", "answer", "retrieved", "cited", "latency_ms"):
            assert key in row
    assert any(row["cited"] for row in rows) and all(row["retrieved"] for row in rows)
    assert eval_run["report"]["latency"]["p50_ms"] > 0


def test_gate_fails_and_names_questions_when_a_metric_drops(eval_run: dict[str, Any]) -> None:
    report = eval_run["report"]
    baseline = load_baseline(DEFAULT_BASELINE)
    inflated = json.loads(json.dumps(baseline))
    inflated["metrics"]["answer_correct"] = 1.0
    wrong = next(r for r in report["rows"] if r["answer_correct"] == 0.0)
    inflated["questions"][wrong["id"]]["answer_correct"] = 1.0
    checks, regressed = compare(report, inflated, tolerance=0.0)
    assert [c.name for c in checks if c.regressed] == ["answer_correct"]
    assert {"id": wrong["id"], "type": wrong["type"], "metrics": ["answer_correct"]} in regressed
    checks, _ = compare(report, inflated, tolerance=1.0)
    assert not any(c.regressed for c in checks)


def test_cli_exit_status_is_nonzero_on_regression(
    eval_run: dict[str, Any], sample_index_dir: Path, tmp_path: Path
) -> None:
    baseline = load_baseline(DEFAULT_BASELINE)
    baseline["metrics"]["citation_recall"] = 1.01  # unreachable: must fail
    path = tmp_path / "strict.json"
    path.write_text(json.dumps(baseline))
    questions = tmp_path / "three.jsonl"
    source = Path(__file__).parent.parent / "eval" / "questions" / "sample.jsonl"
    questions.write_text("".join(source.read_text().splitlines(keepends=True)[:3]))
    result = CliRunner().invoke(
        cli, ["eval", str(questions), "--index", str(sample_index_dir), "--baseline", str(path)]
    )
    assert result.exit_code == 1
    assert "REGRESSED" in result.output and "FAIL" in result.output
