"""The issue's data-loss cases on a real-model index: five samples plus one of our own.

Each corruption of the live generation gives a one-line error; the command it suggests is
run as the user would run it (click's CliRunner), and every article is still there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from news_rag.index.pipeline import run_index
from news_rag.index.store.generations import CURRENT, list_generations
from news_rag.rag.assistant import Assistant

from news_rag.cli import cli
from tests.test_recovery import suggested_command

OWN = (
    "Lindholm ferry enters service\n\nBy Test Reporter\n\n"
    "On March 3, 2019, the harbour authority of Lindholm announced that the ferry Kestrel "
    "will carry 400 passengers a day across the bay."
)
SAMPLES = 5


def corrupt(index: Path, how: str) -> None:
    live = index / (index / CURRENT).read_text().strip()
    if how == "truncated vectors.faiss":
        os.truncate(live / "vectors.faiss", 1000)  # truncate -s 1000
    elif how == "deleted CURRENT":
        (index / CURRENT).unlink()
    elif how == "garbage CURRENT":
        (index / CURRENT).write_text("this is not a generation\n")
    elif how == "../../etc in CURRENT":
        (index / CURRENT).write_text("../../etc\n")
    elif how == "binary CURRENT":
        (index / CURRENT).write_bytes(b"\xff\xfe\x00\x81gen-\x9c\n")


def invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def article_ids(index: Path) -> set[str]:
    code, output = invoke(["articles", "--index", str(index), "--json"])
    assert code == 0, output
    return {row["id"] for row in json.loads(output)["articles"]}


@pytest.fixture
def own_index(sample_index_copy: Path, real_embedder: Any, tmp_path: Path) -> Path:
    """The sample index plus one article of ours, whose source file is then deleted."""
    own = tmp_path / "own" / "lindholm-ferry.txt"
    own.parent.mkdir()
    own.write_text(OWN, encoding="utf-8")
    run_index([own], sample_index_copy, embedder=real_embedder)
    own.unlink()
    assert len(article_ids(sample_index_copy)) == SAMPLES + 1
    return sample_index_copy


def ids_before(index: Path) -> set[str]:
    ids = article_ids(index)
    assert "lindholm-ferry" in ids
    return ids


@pytest.mark.parametrize(
    "how",
    [
        "truncated vectors.faiss",
        "deleted CURRENT",
        "garbage CURRENT",
        "../../etc in CURRENT",
        "binary CURRENT",
    ],
)
def test_each_corruption_is_repaired_by_the_command_its_error_suggests(
    own_index: Path, real_embedder: Any, how: str
) -> None:
    expected = ids_before(own_index)
    corpus_id = json.loads(invoke(["info", "--index", str(own_index), "--json"])[1])["corpus_id"]
    corrupt(own_index, how)
    code, output = invoke(["info", "--index", str(own_index)])
    assert code == 1 and output.startswith("Error: ") and output.count("\n") == 1, output
    assert "rag doctor --repair" in output
    code, repaired = invoke(suggested_command(output))
    assert code == 0, repaired
    assert article_ids(own_index) == expected
    info = json.loads(invoke(["info", "--index", str(own_index), "--json"])[1])
    assert info["articles"] == SAMPLES + 1 and info["corpus_id"] == corpus_id
    assert invoke(["doctor", "--index", str(own_index)])[0] == 0
    assistant = Assistant.open(own_index, embedder=real_embedder)
    answer = assistant.ask("How many passengers a day will the ferry Kestrel carry?")
    assert any("400 passengers" in c.quote for c in answer.citations), answer.answer


def new_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "palmyra.txt").write_text(
        "A new report\n\nOn December 1, the SAA reported heavy fighting near Palmyra."
    )
    return folder


@pytest.mark.parametrize(
    ("how", "args"),
    [
        ("truncated vectors.faiss", ["NEW", "--rebuild"]),  # the issue: only NEW was left
        ("deleted CURRENT", ["NEW"]),  # the issue: only NEW was left
        ("truncated vectors.faiss", ["--rebuild"]),  # the issue: the sample replaced ours
    ],
)
def test_the_issues_commands_keep_every_article(
    own_index: Path, tmp_path: Path, how: str, args: list[str]
) -> None:
    expected = ids_before(own_index)
    corrupt(own_index, how)
    new = new_folder(tmp_path)
    argv = [str(new) if a == "NEW" else a for a in args]
    code, output = invoke(["index", *argv, "--index", str(own_index)])
    assert code == 0, output
    if "NEW" in args:
        expected |= {"palmyra"}
        assert "Warning: " in output or how == "truncated vectors.faiss"
    assert article_ids(own_index) == expected
    numbers = [p.name for p in list_generations(own_index)]
    assert numbers[0] == "gen-000003"  # numbered above every generation present
