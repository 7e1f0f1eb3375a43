"""`rag benchmark index`: ours and LangChain on the same articles (real model, real FAISS).

Numbers are checked for consistency, never for speed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from news_rag.eval.benchmarks.index_bench import count_tokens, write_subset
from news_rag.index.errors import InputError
from news_rag.index.paths import sample_dir

from news_rag.cli.benchmark_command import benchmark_group

# A commodity table: about 4 word pieces per 7 characters, so one 1000-character LangChain
# chunk holds over 500 of them, twice the model window.
TABLE = "Spot prices, cts per lb, by grade: " + " ".join(
    f"{i}.{(i * 37) % 100:02d}%" for i in range(10, 250)
)


def _articles() -> list[dict[str, str]]:
    records = []
    for path in sorted(sample_dir().glob("*.txt"))[:3]:
        text = path.read_text(encoding="utf-8")
        records.append({"id": path.stem, "text": text})
    records.append({"id": "table", "title": "Commodity prices", "text": TABLE})
    records.append({"id": "never-read", "text": "Past --articles: must not be indexed."})
    return records


def _jsonl_gz(path: Path, records: list[dict[str, str]]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as sink:
        for record in records:
            sink.write(json.dumps(record) + "\n\n")  # blank lines are not articles
    return path


def test_subset_takes_the_first_n_articles(tmp_path: Path) -> None:
    corpus = _jsonl_gz(tmp_path / "c.jsonl.gz", _articles())
    subset = write_subset(corpus, 2, tmp_path / "jsonl")
    ids = [json.loads(line)["id"] for line in subset.read_text(encoding="utf-8").splitlines()]
    assert ids == [r["id"] for r in _articles()[:2]]
    folder = write_subset(sample_dir(), 3, tmp_path / "folder")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in sorted(sample_dir().glob("*.txt"))[:3]
    )
    with pytest.raises(InputError, match=r"\.jsonl/\.jsonl\.gz"):
        write_subset(tmp_path / "c.json", 2, tmp_path / "bad")


def test_tokens_past_the_window_count_as_not_embedded() -> None:
    counted = count_tokens(["Dockworkers walked out on Monday.", TABLE], 254)
    assert counted.truncated == 1
    assert counted.embedded < counted.total
    short = count_tokens(["Dockworkers walked out on Monday."], 254)
    assert short.total == short.embedded > 0  # [CLS]/[SEP] are not counted


def _check_side(side: dict[str, Any]) -> None:
    assert side["articles"] == 4
    assert side["wall_s"] > 0 and side["process_s"] >= side["wall_s"]
    assert side["peak_rss_mb"] > 100  # a process that loaded the model
    assert side["texts_embedded"] > 0 and side["chunks"] >= side["articles"]
    assert 0 < side["chunk_tokens_embedded"] <= side["chunk_tokens"]
    assert side["share_embedded"] == pytest.approx(
        side["chunk_tokens_embedded"] / side["chunk_tokens"], abs=1e-4
    )
    for rate, count in (
        ("texts_per_s", "texts_embedded"),
        ("chunks_per_s", "chunks"),
        ("tokens_per_s", "tokens_embedded"),
    ):
        # rates are rounded to 0.1 and wall_s to 0.01
        assert side[rate] == pytest.approx(side[count] / side["wall_s"], rel=0.02, abs=0.1)


@pytest.mark.model
def test_benchmark_index_runs_both_pipelines_on_the_same_text(tmp_path: Path) -> None:
    corpus = _jsonl_gz(tmp_path / "corpus.jsonl.gz", _articles())
    result = CliRunner().invoke(
        benchmark_group,
        ["index", str(corpus), "--articles", "4", "--work-dir", str(tmp_path), "--json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    ours, langchain = report["ours"], report["langchain"]
    _check_side(ours)
    _check_side(langchain)
    assert report["articles"] == 4 and report["article_tokens"] > 0
    # ours: every chunk fits the window; by default (composed) each chunk's sentences and
    # edge pieces run once, packed several to a sequence: fewer sequences than chunks
    assert ours["encoder"] == "onnx-fp32"  # `rag index`'s default encoder
    assert ours["share_embedded"] == 1.0 and ours["extra"]["truncated_chunks"] == 0
    extra = ours["extra"]
    assert extra["sentence_vectors"] == "composed" and extra["embedded_chunks"] == 0
    assert extra["composed_chunks"] == ours["chunks"]
    assert extra["texts_pooled"] == extra["embedded_sentences"] > ours["chunks"]
    assert 0 < ours["texts_embedded"] <= 1.5 * ours["chunks"]
    assert ours["tokens_embedded"] <= 1.2 * ours["chunk_tokens"]  # each token once
    # LangChain: one vector per chunk; the table's chunks are cut at 254 word pieces
    assert langchain["texts_embedded"] == langchain["chunks"]
    assert langchain["extra"]["truncated_chunks"] >= 1
    assert 0 < langchain["share_embedded"] < 1
    # its chunks hold every token of the articles (overlap only adds)
    assert langchain["chunk_tokens"] >= report["article_tokens"]
    assert report["wall_ratio_ours_to_langchain"] == pytest.approx(
        ours["wall_s"] / langchain["wall_s"], rel=0.02, abs=0.01
    )
    # the second, unchanged `rag index` embeds nothing
    assert report["rerun_s"] > 0 and report["rerun_embedded"] == 0
    assert list(tmp_path.glob("rag-bench-index-*")) == []  # the work folder is removed


@pytest.mark.model
def test_benchmark_index_with_pooled_sentence_vectors(tmp_path: Path) -> None:
    corpus = _jsonl_gz(tmp_path / "corpus.jsonl.gz", _articles())
    args = ["index", str(corpus), "--articles", "3", "--encoder", "onnx-fp32"]
    args += ["--sentence-vectors", "pooled", "--work-dir", str(tmp_path), "--json"]
    result = CliRunner().invoke(benchmark_group, args)
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)["ours"]
    extra = ours["extra"]
    assert extra["sentence_vectors"] == "pooled" and extra["pooled_sentences"] > 0
    # only the chunks (and sentences no chunk holds whole) go through the model
    assert ours["texts_embedded"] == extra["embedded_chunks"] + extra["embedded_sentences"]
    assert ours["texts_embedded"] < extra["texts_counted"]


def test_unreadable_corpus_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(b"not gzip")
    result = CliRunner().invoke(benchmark_group, ["index", str(bad), "--articles", "2"])
    assert result.exit_code == 1
    assert "bad.jsonl.gz" in result.output and "Traceback" not in result.output


def test_index_and_scale_are_benchmark_subcommands() -> None:
    for name in ("index", "scale"):
        shown = CliRunner().invoke(benchmark_group, [name, "--help"])
        assert shown.exit_code == 0, shown.output
    assert "--articles" in CliRunner().invoke(benchmark_group, ["index", "--help"]).output
    assert "--sizes" in CliRunner().invoke(benchmark_group, ["scale", "--help"]).output
