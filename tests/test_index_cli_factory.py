"""`rag index --faiss-factory`: the index type is a setting on the command line too."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from news_rag.cli import cli

ARTICLE = (
    "Harbour cranes idle as dockworkers strike\n\n"
    "Dockworkers at the port of Rotterdam walked out on Monday, the FNV union said. "
    "The strike halted container traffic, port officials said.\n"
)


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "strike.txt").write_text(ARTICLE)
    return folder


def test_faiss_factory_option_is_recorded_and_used(tmp_path: Path) -> None:
    runner = CliRunner()
    index = tmp_path / "idx"
    made = runner.invoke(
        cli, ["index", str(_corpus(tmp_path)), "--index", str(index), "--faiss-factory", "HNSW8"]
    )
    assert made.exit_code == 0, made.output
    info = runner.invoke(cli, ["info", "--index", str(index), "--json"])
    assert json.loads(info.stdout)["faiss"] == "HNSW8"
    found = runner.invoke(cli, ["search", "dockworkers strike", "--index", str(index), "--json"])
    assert json.loads(found.stdout)["results"][0]["article_id"] == "strike"


def test_bad_faiss_factory_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    index = tmp_path / "idx"
    result = CliRunner().invoke(
        cli, ["index", str(_corpus(tmp_path)), "--index", str(index), "--faiss-factory", "Nope9"]
    )
    assert result.exit_code != 0
    assert "Nope9" in result.output and "Traceback" not in result.output
    assert not (index / "CURRENT").exists()
