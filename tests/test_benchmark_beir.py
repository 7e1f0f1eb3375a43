"""A tiny BEIR-format dataset, indexed with the real model and scored through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_rag.eval.benchmarks.beir import BenchmarkDataError, load_beir

from news_rag.cli.benchmark_command import benchmark_group

DOCS = [
    ("d1", "Volcanoes", "Magma rises through the crust and erupts as lava from volcanoes."),
    ("d2", "Honey bees", "Honey bees pollinate flowering plants and produce honey in hives."),
    ("d3", "Tides", "Ocean tides are caused by the gravitational pull of the moon and sun."),
    ("d4", "Insulin", "Insulin is a hormone made by the pancreas that lowers blood glucose."),
    ("d5", "Glaciers", "Glaciers are slow rivers of ice that carve valleys as they move."),
    ("d6", "Bread", "Yeast ferments sugars in dough, releasing gas that makes bread rise."),
]
QUERIES = [
    ("q1", "What hormone from the pancreas controls blood sugar?"),
    ("q2", "Why does the moon cause ocean tides?"),
    ("q3", "How do bees make honey?"),
]
QRELS = [("q1", "d4", 2), ("q2", "d3", 1), ("q3", "d2", 1), ("q3", "d6", 0)]
METRICS = ("ndcg_at_10", "recall_at_10", "recall_at_100", "mrr_at_10", "p50_ms", "p95_ms")


def write_dataset(root: Path, *, qrels: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    with (root / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for doc_id, title, text in DOCS:
            handle.write(json.dumps({"_id": doc_id, "title": title, "text": text}) + "\n")
    with (root / "queries.jsonl").open("w", encoding="utf-8") as handle:
        for query_id, text in QUERIES:
            handle.write(json.dumps({"_id": query_id, "text": text}) + "\n")
    if qrels:
        (root / "qrels").mkdir(exist_ok=True)
        lines = ["query-id\tcorpus-id\tscore"] + [f"{q}\t{d}\t{s}" for q, d, s in QRELS]
        (root / "qrels" / "test.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_load_beir_reads_graded_qrels(tmp_path: Path) -> None:
    dataset = load_beir(write_dataset(tmp_path / "tiny"))
    assert dataset.name == "tiny"
    assert dataset.corpus_size == 6
    assert dataset.query_ids == ["q1", "q2", "q3"]
    assert dataset.qrels["q1"] == {"d4": 2}
    assert dataset.qrels["q3"] == {"d2": 1, "d6": 0}


def test_missing_qrels_file_is_named(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "tiny", qrels=False)
    with pytest.raises(BenchmarkDataError, match=r"qrels[/\\]test\.tsv: missing"):
        load_beir(root)
    result = CliRunner().invoke(benchmark_group, ["beir", str(root), "--no-peers"])
    assert result.exit_code == 1
    assert "test.tsv: missing" in result.output
    assert "Traceback" not in result.output


def test_bad_records_are_named_with_file_and_line(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "tiny")
    (root / "qrels" / "test.tsv").write_text("q1\td4\n", encoding="utf-8")
    with pytest.raises(BenchmarkDataError, match=r"test\.tsv:1: expected"):
        load_beir(root)
    write_dataset(root)
    with (root / "qrels" / "test.tsv").open("a", encoding="utf-8") as handle:
        handle.write("q9\td1\t1\n")
    with pytest.raises(BenchmarkDataError, match=r"query id\(s\) not in .*queries\.jsonl"):
        load_beir(root)
    write_dataset(root)
    with (root / "corpus.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    with pytest.raises(BenchmarkDataError, match=r"corpus\.jsonl:7: invalid JSON"):
        load_beir(root)


def test_unknown_mode_is_refused(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "tiny")
    result = CliRunner().invoke(benchmark_group, ["beir", str(root), "--modes", "bm25,magic"])
    assert result.exit_code == 2
    assert "magic" in result.output


@pytest.mark.model
def test_beir_end_to_end_with_the_real_model(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "tiny")
    index_dir = tmp_path / "bench-index"
    args = ["beir", str(root), "--index", str(index_dir), "--json", "--no-peers"]
    report_file = tmp_path / "report.md"
    result = CliRunner().invoke(benchmark_group, [*args, "--report", str(report_file)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dataset"] == "tiny"
    assert data["queries"] == 3
    assert data["index"]["articles"] == 6
    assert data["index"]["reused"] is False
    ours = {row["system"]: row for row in data["systems"] if row["kind"] == "ours"}
    assert set(ours) == {"ours bm25", "ours dense", "ours hybrid"}
    for row in ours.values():
        for metric in METRICS:
            assert isinstance(row[metric], float), (row["system"], metric)
        assert 0.0 <= row["ndcg_at_10"] <= 1.0
        assert row["recall_at_100"] == 1.0  # all six documents come back
    # each query has one obviously matching document: dense retrieval ranks it first
    assert ours["ours dense"]["mrr_at_10"] == 1.0
    assert ours["ours dense"]["ndcg_at_10"] == pytest.approx(1.0)
    assert "| ours hybrid |" in report_file.read_text(encoding="utf-8")

    again = CliRunner().invoke(benchmark_group, [*args, "--modes", "bm25", "--limit-queries", "2"])
    assert again.exit_code == 0, again.output
    second = json.loads(again.stdout)
    assert second["index"]["reused"] is True
    assert second["queries"] == 2
    assert [row["system"] for row in second["systems"]] == ["ours bm25"]


def test_peers_without_the_bench_extra_name_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "langchain_huggingface", None)  # import now fails
    root = write_dataset(tmp_path / "tiny")
    result = CliRunner().invoke(benchmark_group, ["beir", str(root), "--peers"])
    assert result.exit_code == 1
    assert "pip install 'news-rag[bench]'" in result.output
    # the first missing peer library is named (langchain-community when the extra is absent)
    assert "langchain-huggingface" in result.output or "langchain-community" in result.output
