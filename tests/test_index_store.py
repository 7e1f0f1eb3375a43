"""The index directory: incremental updates, pruning, locking, corruption and mismatch.

These use the fake embedder (fast); the real-model behaviour is in test_index_sample.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_rag.index.errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexMismatchError,
    IndexNotFoundError,
    InputError,
)
from news_rag.index.pipeline import run_index
from news_rag.index.store.generations import CURRENT
from news_rag.index.store.publish import open_generation, write_lock
from news_rag.index.store.reader import IndexReader

from tests.fakes import FakeEmbedder

ARTICLE = "Title {n}\n\nBy Jane Doe\n\nParagraph one of article {n} says the river rose.\n\n{extra}"


def write_corpus(folder: Path, count: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = ARTICLE.format(n=n, extra=f"Unique sentence number {n} about bridges and roads.")
        (folder / f"article{n}.txt").write_text(text, encoding="utf-8")
    return folder


def snapshot(index_dir: Path) -> dict[str, str]:
    generation = open_generation(index_dir)
    return {"current": (index_dir / CURRENT).read_text(), **generation.manifest["files"]}


def test_second_run_embeds_nothing_and_writes_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    embedder = FakeEmbedder()
    first = run_index([corpus], tmp_path / "idx", embedder=embedder)
    assert len(first.added) == 3 and first.embedded_chunks > 0
    before = snapshot(tmp_path / "idx")
    calls = embedder.calls
    second = run_index([corpus], tmp_path / "idx", embedder=embedder)
    assert embedder.calls == calls
    assert second.embedded_chunks == 0 and second.generation is None
    assert sorted(second.unchanged) == sorted(first.added)
    assert snapshot(tmp_path / "idx") == before


def test_changed_file_is_updated_and_only_new_text_embedded(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    embedder = FakeEmbedder()
    run_index([corpus], tmp_path / "idx", embedder=embedder)
    (corpus / "article1.txt").write_text(
        ARTICLE.format(n=1, extra="A completely new closing paragraph about ferries."),
        encoding="utf-8",
    )
    texts_before = embedder.texts_embedded
    report = run_index([corpus], tmp_path / "idx", embedder=embedder)
    assert report.updated == ["article1"] and report.added == []
    assert sorted(report.unchanged) == ["article0", "article2"]
    assert 0 < embedder.texts_embedded - texts_before <= 4  # the changed chunk and sentences
    reader = IndexReader.open(tmp_path / "idx")
    assert "ferries" in reader.article("article1").text


def test_removed_file_kept_without_prune_and_removed_with_it(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    embedder = FakeEmbedder()
    run_index([corpus], tmp_path / "idx", embedder=embedder)
    (corpus / "article2.txt").unlink()
    kept = run_index([corpus], tmp_path / "idx", embedder=embedder)
    assert kept.removed == [] and "article2" in IndexReader.open(tmp_path / "idx").articles()
    pruned = run_index([corpus], tmp_path / "idx", embedder=embedder, prune=True)
    assert pruned.removed == ["article2"]
    assert "article2" not in IndexReader.open(tmp_path / "idx").articles()


def test_second_folder_adds_without_losing_the_first(tmp_path: Path) -> None:
    embedder = FakeEmbedder()
    run_index([write_corpus(tmp_path / "a", 2)], tmp_path / "idx", embedder=embedder)
    other = tmp_path / "b"
    other.mkdir()
    (other / "extra.md").write_text("Other title\n\nA report about harbours and ships.")
    report = run_index([other], tmp_path / "idx", embedder=embedder, prune=True)
    assert report.added == ["extra"] and report.removed == []
    assert set(IndexReader.open(tmp_path / "idx").articles()) == {"article0", "article1", "extra"}


def test_exact_duplicate_indexed_once(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 2)
    shutil.copy(corpus / "article0.txt", corpus / "copy-of-0.txt")
    report = run_index([corpus], tmp_path / "idx", embedder=FakeEmbedder())
    assert sorted(report.added) == ["article0", "article1"]
    assert [(d.kind, Path(d.source_path).name) for d in report.duplicates] == [
        ("exact", "copy-of-0.txt")
    ]


def test_near_duplicate_recorded(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = " ".join(f"Sentence {i} of the syndicated report on the flood." for i in range(40))
    (corpus / "one.txt").write_text(f"Flood report\n\n{body}")
    (corpus / "two.txt").write_text(f"Flood report (syndicated)\n\n{body} Extra line at the end.")
    run_index([corpus], tmp_path / "idx", embedder=FakeEmbedder())
    articles = IndexReader.open(tmp_path / "idx").articles()
    assert articles["two"].near_duplicate_of == "one"
    assert articles["one"].near_duplicate_of is None


def test_concurrent_writer_gets_locked_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    with write_lock(tmp_path / "idx"), pytest.raises(IndexLockedError, match="index is locked"):
        run_index([corpus], tmp_path / "idx", embedder=FakeEmbedder())


@pytest.mark.parametrize("victim", ["vectors.faiss", "meta.sqlite", "vectors.npy"])
def test_tampered_file_is_a_checksum_error(tmp_path: Path, victim: str) -> None:
    run_index([write_corpus(tmp_path / "corpus")], tmp_path / "idx", embedder=FakeEmbedder())
    path = open_generation(tmp_path / "idx").file(victim)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # truncated
    with pytest.raises(IndexCorruptError, match=f"{victim}.*rag doctor --repair --index"):
        IndexReader.open(tmp_path / "idx")
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))  # same size, one byte flipped
    with pytest.raises(IndexCorruptError, match="checksum mismatch"):
        IndexReader.open(tmp_path / "idx")


def test_format_version_mismatch(tmp_path: Path) -> None:
    run_index([write_corpus(tmp_path / "corpus")], tmp_path / "idx", embedder=FakeEmbedder())
    manifest_path = open_generation(tmp_path / "idx").file("manifest.json")
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 99
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError, match="rag index --rebuild"):
        IndexReader.open(tmp_path / "idx")


def test_model_mismatch_then_rebuild_keeps_every_article(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    run_index([corpus], tmp_path / "idx", embedder=FakeEmbedder())

    class OtherModel(FakeEmbedder):
        name = "another-model"

    with pytest.raises(IndexMismatchError, match=r"another-model.*rag index --rebuild"):
        run_index([corpus], tmp_path / "idx", embedder=OtherModel())
    (corpus / "article0.txt").unlink()  # its source is gone, yet a rebuild keeps it
    report = run_index([corpus], tmp_path / "idx", embedder=OtherModel(), rebuild=True)
    reader = IndexReader.open(tmp_path / "idx")
    assert reader.manifest["model"]["name"] == "another-model"
    assert set(reader.articles()) == {"article0", "article1", "article2"}
    assert report.embedded_chunks > 0


def test_other_encoder_variant_of_the_same_weights_never_mixes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    run_index([corpus], tmp_path / "idx", embedder=FakeEmbedder())

    class OtherVariant(FakeEmbedder):
        variant = "fake-int8"  # same name and weights, other numerics

    (corpus / "article9.txt").write_text("A new article about harbour cranes.\n")
    with pytest.raises(IndexMismatchError, match=r"fake encoder, not fake-int8.*--rebuild"):
        run_index([corpus], tmp_path / "idx", embedder=OtherVariant())
    run_index([corpus], tmp_path / "idx", embedder=OtherVariant(), rebuild=True)
    assert IndexReader.open(tmp_path / "idx").manifest["model"]["variant"] == "fake-int8"


def test_missing_path_and_empty_folder_leave_the_index_alone(tmp_path: Path) -> None:
    run_index([write_corpus(tmp_path / "corpus")], tmp_path / "idx", embedder=FakeEmbedder())
    before = snapshot(tmp_path / "idx")
    with pytest.raises(InputError, match="no such file"):
        run_index([tmp_path / "nope"], tmp_path / "idx", embedder=FakeEmbedder())
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="nothing to index"):
        run_index([tmp_path / "empty"], tmp_path / "idx", embedder=FakeEmbedder())
    (tmp_path / "blank").mkdir()
    (tmp_path / "blank" / "a.txt").write_text("   \n\n  ")
    with pytest.raises(InputError, match=r"no article could be indexed|empty"):
        run_index([tmp_path / "blank"], tmp_path / "new-idx", embedder=FakeEmbedder())
    assert snapshot(tmp_path / "idx") == before


def test_skipped_files_reported_and_rest_indexed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 1)
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 50)
    (corpus / "feed.jsonl").write_text(
        '{"id": "j1", "title": "T", "text": "Body of the first record about canals."}\n'
        "{broken json\n"
        '{"id": "j2", "title": "U", "text": "Body of the second record about locks."}\n'
    )
    report = run_index([corpus], tmp_path / "idx", embedder=FakeEmbedder())
    assert sorted(report.added) == ["article0", "j1", "j2"]
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert "binary.txt" in reasons
    assert any(name.startswith("feed.jsonl") and "line 2" in r for name, r in reasons.items())


def test_no_index_yet_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError, match="rag index --index"):
        IndexReader.open(tmp_path / "none")


def test_cli_errors_are_one_line_with_nonzero_exit(tmp_path: Path) -> None:
    from news_rag.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["index", str(tmp_path / "missing"), "--index", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "missing" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(cli, ["info", "--index", str(tmp_path / "nothing-here"), "--json"])
    assert result.exit_code == 1 and "no index here yet" in result.output


def test_relative_and_absolute_paths_name_the_same_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "corpus", 2)
    monkeypatch.chdir(tmp_path)
    first = run_index([Path("corpus")], tmp_path / "idx", embedder=FakeEmbedder())
    assert sorted(first.added) == ["article0", "article1"]
    source = IndexReader.open(tmp_path / "idx").article("article0").source_path
    assert Path(source).is_absolute()
    monkeypatch.chdir("/")
    again = run_index([tmp_path / "corpus"], tmp_path / "idx", embedder=FakeEmbedder(), prune=True)
    assert sorted(again.unchanged) == ["article0", "article1"]
    assert again.added == again.removed == again.duplicates == []
