"""Recovery that never throws data away: CURRENT damage, quarantine, numbering, rebuild, doctor.

The fake embedder keeps these fast; tests/test_recovery_real.py corrupts a real-model index
in each way the issue lists and runs the repair that the error message suggests.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_rag.index.errors import IndexCorruptError
from news_rag.index.pipeline import run_index
from news_rag.index.store.generations import CURRENT, list_generations
from news_rag.index.store.publish import open_generation
from news_rag.index.store.reader import IndexReader

from news_rag.cli import cli
from tests.fakes import FakeEmbedder

# What `rag index` embeds with when no encoder is named (index/encoders/default.py): a test
# that built its index with the fake embedder makes the CLI's default the fake too.
DEFAULT_HOOK = "news_rag.index.encoders.default.default_index_embedder"

ARTICLE = "Title {n}\n\nBy Jane Doe\n\nParagraph one of article {n} says the river rose.\n\n{extra}"
POINTERS = {
    "garbage": b"hello world\n",
    "escape": b"../../etc\n",
    "binary": bytes(range(256)),
    "dangling": b"gen-000099\n",
}


def write_corpus(folder: Path, count: int = 3, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        text = ARTICLE.format(n=n, extra=f"Unique sentence number {n} about bridges and roads.")
        (folder / f"article{n}.txt").write_text(text, encoding="utf-8")
    return folder


def two_generations(tmp_path: Path) -> tuple[Path, set[str]]:
    """An index written twice (gen-000001 with 2 articles, gen-000002 with 3)."""
    index = tmp_path / "idx"
    run_index([write_corpus(tmp_path / "a", 2)], index, embedder=FakeEmbedder())
    run_index([write_corpus(tmp_path / "b", 1, start=2)], index, embedder=FakeEmbedder())
    return index, {"article0", "article1", "article2"}


def articles(index: Path) -> set[str]:
    return set(IndexReader.open(index).articles())


def run_cli(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def suggested_command(message: str) -> list[str]:
    """The command an error message tells the user to run, as CLI arguments."""
    assert "rag " in message, message
    command = message.split(": rag ", 1)[1].strip()
    return shlex.split(command)


def damage_pointer(index: Path, how: str) -> None:
    if how == "missing":
        (index / CURRENT).unlink()
    else:
        (index / CURRENT).write_bytes(POINTERS[how])


@pytest.mark.parametrize("how", ["missing", *POINTERS])
def test_bad_current_is_one_line_and_its_advice_repairs_it(tmp_path: Path, how: str) -> None:
    index, expected = two_generations(tmp_path)
    corpus_id = open_generation(index).manifest["corpus_id"]
    damage_pointer(index, how)
    with pytest.raises(IndexCorruptError) as caught:
        IndexReader.open(index)
    message = str(caught.value)
    assert "\n" not in message and str(index / CURRENT) in message
    assert f"rag doctor --repair --index {index}" in message
    code, output = run_cli(["info", "--index", str(index)])
    assert code == 1 and output.startswith("Error: ") and output.count("\n") == 1
    code, output = run_cli(["doctor", "--index", str(index)])
    assert code == 1 and str(index / CURRENT) in output
    code, output = run_cli(suggested_command(message))
    assert code == 0, output
    assert articles(index) == expected
    assert open_generation(index).manifest["corpus_id"] == corpus_id
    assert run_cli(["doctor", "--index", str(index)])[0] == 0


@pytest.mark.parametrize("how", ["missing", *POINTERS])
def test_writer_with_bad_current_keeps_every_article(tmp_path: Path, how: str) -> None:
    index, expected = two_generations(tmp_path)
    damage_pointer(index, how)
    new = write_corpus(tmp_path / "c", 1, start=7)
    report = run_index([new], index, embedder=FakeEmbedder())
    assert report.generation == 3  # numbered above every generation present, never gen-1
    assert articles(index) == expected | {"article7"}
    assert any("recovered 3 articles from gen-000002" in n for n in report.notices)


def test_unloadable_generation_is_quarantined_not_deleted(tmp_path: Path) -> None:
    index, _ = two_generations(tmp_path)
    (index / "broken-gen-000002").mkdir()  # an earlier quarantine: never overwritten
    (index / "gen-000002" / "meta.sqlite").write_bytes(b"not a database")
    (index / CURRENT).unlink()
    report = run_index([write_corpus(tmp_path / "c", 1, start=7)], index, embedder=FakeEmbedder())
    # gen-000002 cannot be read: the writer recovers gen-000001's articles and says so
    assert articles(index) == {"article0", "article1", "article7"}
    assert report.generation == 3
    names = sorted(p.name for p in index.iterdir() if "gen-" in p.name)
    assert names == ["broken-gen-000002", "broken-gen-000002-2", "gen-000001", "gen-000003"]
    assert (index / "broken-gen-000002-2" / "meta.sqlite").read_bytes() == b"not a database"
    assert any("broken-gen-000002-2" in n for n in report.notices)
    again = run_index([tmp_path / "c"], index, embedder=FakeEmbedder())
    assert again.generation is None and again.notices == []  # healthy again: nothing to say
    notice = next(n for n in report.notices if "broken-gen-000002-2" in n)
    code, output = run_cli(shlex.split(notice.split("see: rag ", 1)[1].rstrip(")")))
    assert code == 0 and "broken-gen-000002-2: quarantined" in output  # healthy, listed


def test_cleanup_removes_only_older_generations_that_verify(tmp_path: Path) -> None:
    index, _ = two_generations(tmp_path)
    faiss = index / "gen-000001" / "vectors.faiss"
    faiss.write_bytes(faiss.read_bytes()[:100])  # the predecessor no longer verifies
    run_index([write_corpus(tmp_path / "c", 1, start=7)], index, embedder=FakeEmbedder())
    assert [p.name for p in list_generations(index)] == ["gen-000003", "gen-000002"]
    assert [p.name for p in list_generations(index, broken=True)] == ["broken-gen-000001"]
    run_index([write_corpus(tmp_path / "d", 1, start=8)], index, embedder=FakeEmbedder())
    assert [p.name for p in list_generations(index)] == ["gen-000004", "gen-000003"]
    assert articles(index) == {f"article{n}" for n in (0, 1, 2, 7, 8)}


def test_plain_write_on_a_damaged_live_generation_refuses_and_changes_nothing(
    tmp_path: Path,
) -> None:
    index, _ = two_generations(tmp_path)
    faiss = index / "gen-000002" / "vectors.faiss"
    faiss.write_bytes(faiss.read_bytes()[:100])
    before = sorted(p.name for p in index.iterdir())
    with pytest.raises(IndexCorruptError, match=r"vectors\.faiss.*rag doctor --repair"):
        run_index([write_corpus(tmp_path / "c", 1, start=7)], index, embedder=FakeEmbedder())
    assert sorted(p.name for p in index.iterdir()) == before


def test_rebuild_with_a_path_keeps_the_damaged_generations_articles(tmp_path: Path) -> None:
    index, expected = two_generations(tmp_path)
    (tmp_path / "a" / "article0.txt").unlink()  # a source file that is gone
    faiss = index / "gen-000002" / "vectors.faiss"
    faiss.write_bytes(faiss.read_bytes()[:100])
    new = write_corpus(tmp_path / "c", 1, start=7)
    report = run_index([new], index, embedder=FakeEmbedder(), rebuild=True)
    assert articles(index) == expected | {"article7"}
    assert report.generation == 3
    assert (index / "broken-gen-000002" / "vectors.faiss").stat().st_size == 100


def test_rebuild_with_no_path_rebuilds_the_own_corpus_never_the_sample(tmp_path: Path) -> None:
    index, expected = two_generations(tmp_path)
    (tmp_path / "b" / "article2.txt").unlink()
    corpus_id = open_generation(index).manifest["corpus_id"]
    report = run_index(None, index, embedder=FakeEmbedder(), rebuild=True)
    assert articles(index) == expected and report.added == []
    assert report.embedded_chunks > 0
    assert open_generation(index).manifest["corpus_id"] == corpus_id
    again = run_index(None, index, embedder=FakeEmbedder())  # no path, no rebuild: no change
    assert again.generation is None and articles(index) == expected


def test_no_path_on_a_new_index_indexes_the_sample(tmp_path: Path) -> None:
    report = run_index(None, tmp_path / "idx", embedder=FakeEmbedder())
    assert len(report.added) == 5


@pytest.mark.usefixtures("fake_model")
def test_rebuild_with_nothing_readable_is_a_one_line_error(tmp_path: Path) -> None:
    index, expected = two_generations(tmp_path)
    for gen in list_generations(index):
        (gen / "meta.sqlite").write_bytes(b"garbage")
    with pytest.raises(IndexCorruptError, match=r"rag index PATH --index") as caught:
        run_index(None, index, embedder=FakeEmbedder(), rebuild=True)
    assert "\n" not in str(caught.value)
    code, output = run_cli(["doctor", "--repair", "--index", str(index)])  # asks: EOF is no
    assert code == 1 and "3 missing" in output and not list_generations(index, broken=True)
    code, output = run_cli(["doctor", "--repair", "--yes", "--index", str(index)])
    assert code == 1 and "3 article(s) missing" in output
    assert not list_generations(index)  # set aside, not deleted
    assert len(list_generations(index, broken=True)) == 2
    code, output = run_cli(suggested_command(output.splitlines()[-1]))  # their source files
    assert code == 0, output
    assert open_generation(index).number == 3 and articles(index) == expected


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run through the CLI embed with the fake model the test index was built with."""
    monkeypatch.setattr(DEFAULT_HOOK, lambda *_a, **_k: FakeEmbedder())


class OtherModel(FakeEmbedder):
    name = "another-model"


@pytest.mark.parametrize("change", ["model", "format"])
def test_mismatch_advice_rebuilds_every_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    index, expected = two_generations(tmp_path)
    corpus_id = open_generation(index).manifest["corpus_id"]
    (tmp_path / "a" / "article0.txt").unlink()  # a rebuild keeps it all the same
    if change == "format":
        manifest_path = open_generation(index).file("manifest.json")
        manifest = json.loads(manifest_path.read_text())
        manifest_path.write_text(json.dumps({**manifest, "format_version": 99}))
    model = OtherModel if change == "model" else FakeEmbedder
    monkeypatch.setattr(DEFAULT_HOOK, lambda *_a, **_k: model())
    code, output = run_cli(["index", str(tmp_path / "b"), "--index", str(index)])
    assert code == 1 and output.count("\n") == 1 and "rag index --rebuild" in output
    code, output = run_cli(suggested_command(output))
    assert code == 0, output
    assert articles(index) == expected
    assert open_generation(index).manifest["corpus_id"] == corpus_id
    assert run_cli(["doctor", "--index", str(index)])[0] == 0


@pytest.mark.usefixtures("fake_model")
def test_no_index_advice_builds_one(tmp_path: Path) -> None:
    code, output = run_cli(["info", "--index", str(tmp_path / "new")])
    assert code == 1 and "no index here yet" in output
    code, output = run_cli(suggested_command(output))
    assert code == 0, output
    assert len(articles(tmp_path / "new")) == 5


def test_corpus_id_is_created_once_and_shown(tmp_path: Path) -> None:
    index, _ = two_generations(tmp_path)
    gen1 = json.loads((index / "gen-000001" / "manifest.json").read_text())
    gen2 = open_generation(index).manifest
    assert len(gen1["corpus_id"]) == 32 and gen1["corpus_id"] == gen2["corpus_id"]
    code, output = run_cli(["info", "--index", str(index), "--json"])
    assert code == 0 and json.loads(output)["corpus_id"] == gen1["corpus_id"]
    other = run_index(
        [write_corpus(tmp_path / "x", 1)], tmp_path / "other", embedder=FakeEmbedder()
    )
    assert other.generation == 1
    assert open_generation(tmp_path / "other").manifest["corpus_id"] != gen1["corpus_id"]


def test_doctor_reports_a_healthy_index(tmp_path: Path) -> None:
    index, _ = two_generations(tmp_path)
    code, output = run_cli(["doctor", "--index", str(index)])
    assert code == 0 and output.startswith("OK: ") and "gen-000002 (3 articles)" in output
    code, output = run_cli(["doctor", "--index", str(index), "--json"])
    data = json.loads(output)
    assert code == 0 and data["healthy"] and data["live"] == "gen-000002"
    assert [g["ok"] for g in data["generations"]] == [True, True]
    code, output = run_cli(["doctor", "--index", str(tmp_path / "none")])
    assert code == 1 and "no index here yet" in output


def test_doctor_finds_a_crafted_vectors_file_that_matches_its_checksum(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DEFAULT_HOOK, lambda *_a, **_k: FakeEmbedder())
    index, expected = two_generations(tmp_path)
    craft_object_vectors(index / "gen-000002")
    code, output = run_cli(["doctor", "--index", str(index)])
    assert code == 1 and "vectors.npy: unreadable" in output
    code, output = run_cli(["doctor", "--index", str(index), "--repair"])
    assert code == 0, output
    assert articles(index) == expected
    assert (index / "broken-gen-000002").is_dir()


def craft_object_vectors(gen: Path) -> None:
    """Replace vectors.npy by a pickled object array and fix the manifest to match."""
    import hashlib

    import numpy as np

    path = gen / "vectors.npy"
    rows = len(np.load(path))
    np.save(path, np.array([{"x": i} for i in range(rows)], dtype=object), allow_pickle=True)
    manifest_path = gen / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    data = path.read_bytes()
    manifest["files"]["vectors.npy"] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }
    manifest_path.write_text(json.dumps(manifest))
