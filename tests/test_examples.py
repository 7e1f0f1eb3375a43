"""The first screen's example questions (rag/examples.py, issue 22 item 3): chosen from the
index-time analysis, checked against the answer engine when the index is written, stored
with the generation, and each answered with a citation, on the sample and on 200 Reuters
stories outside the eval sets, with the real models."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from news_rag.rag.assistant import Assistant
from news_rag.rag.examples import EXAMPLE_COUNT, reads_as_a_name, write_examples
from news_rag.rag.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED_REUTERS = ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
EVAL_CORPORA = sorted((ROOT / "eval" / "corpora").glob("*.jsonl.gz"))
STORIES = 200
BARE_TOKENS = ("Corp?", "U.S?", "Inc?", "Ltd?")


def _ids(path: Path) -> set[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {json.loads(line)["id"] for line in handle}


def _check(index_dir: Path, embedder: Any) -> tuple[str, ...]:
    examples = write_examples(Assistant.open(index_dir, Settings(), embedder=embedder))
    assert len(examples) == EXAMPLE_COUNT, examples
    fresh = Assistant.open(index_dir, Settings(), embedder=embedder)
    stored = fresh.examples()
    assert stored == tuple(examples)
    for question in stored:
        assert not any(question.endswith(f" {token}") for token in BARE_TOKENS), question
        answer = fresh.ask(question)
        assert not answer.abstained and answer.citations, (question, answer.answer)
    return stored


def test_sample_examples_are_answered_with_a_citation(
    sample_index_copy: Path, real_embedder: Any
) -> None:
    _check(sample_index_copy, real_embedder)


def test_reuters_examples_are_answered_with_a_citation(tmp_path: Path, real_embedder: Any) -> None:
    if not SHARED_REUTERS.is_file():
        pytest.skip(f"{SHARED_REUTERS} is not here")
    from news_rag.index.pipeline import run_index

    seen = set().union(*(_ids(p) for p in EVAL_CORPORA))
    with gzip.open(SHARED_REUTERS, "rt", encoding="utf-8") as handle:
        outside = [line for line in handle if json.loads(line)["id"] not in seen]
    stride = len(outside) // STORIES
    corpus = tmp_path / "stories.jsonl"
    corpus.write_text("".join(outside[::stride][:STORIES]), encoding="utf-8")
    run_index([corpus], tmp_path / "index", embedder=real_embedder)
    _check(tmp_path / "index", real_embedder)


def test_without_a_readable_examples_file_there_are_none(
    sample_index_copy: Path, real_embedder: Any
) -> None:
    assistant = Assistant.open(sample_index_copy, Settings(), embedder=real_embedder)
    assert assistant.examples() is None  # nothing stored yet: the chat falls back
    stored = assistant.reader.generation.path / "examples.json"
    stored.write_text('{"examples": [1, 2]}', encoding="utf-8")
    assert assistant.examples() is None
    stored.write_text("not json", encoding="utf-8")
    assert assistant.examples() is None


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Maria Zakharova", True),
        ("Bank of England", True),
        ("Hayat Tahrir al-Sham", True),
        ("Corp", False),
        ("The Bank", False),  # organisation words alone (the list the answer's rivals read)
        ("Holdings Corp", False),
        ("United Asian Bank", True),
        ("U.S", False),
        ("Iraqi sources", False),
        ("PMU media wing", False),
        ("pro-HTS sources", False),
    ],
)
def test_what_reads_as_a_name(name: str, ok: bool) -> None:
    assert reads_as_a_name(name) is ok


def test_rag_index_stores_checked_examples_with_the_generation(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from news_rag.cli import cli

    sample = ROOT / "index" / "sample"
    result = CliRunner().invoke(cli, ["index", str(sample), "--index", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    stored = json.loads(next(tmp_path.glob("gen-*/examples.json")).read_text(encoding="utf-8"))
    assert len(stored["examples"]) == EXAMPLE_COUNT, stored
    assert stored["generation"] == (tmp_path / "CURRENT").read_text().strip()
