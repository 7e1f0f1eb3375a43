"""Readers pin their generation, and a long-lived Assistant follows new generations.

An open IndexReader keeps working after later writers removed its generation's files; an
Assistant answers from the newest generation on its next question, with no restart.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from news_rag.index.pipeline import run_index
from news_rag.index.store.generations import list_generations
from news_rag.index.store.reader import IndexReader
from news_rag.rag.assistant import Assistant
from news_rag.rag.retrieve import Retriever
from news_rag.rag.settings import Settings

from tests.fakes import FakeEmbedder
from tests.test_recovery import write_corpus

SHIPS = ["Kestrel", "Osprey", "Merlin", "Harrier", "Peregrine"]
FERRY = (
    "Ferry {ship} enters service\n\nBy Test Reporter\n\n"
    "On March {day}, 2019, the harbour authority of Lindholm announced that the ferry "
    "{ship} will carry {count} passengers a day across the bay.\n\n"
    "Officials said the {ship} was built in a Norwegian shipyard."
)
SAMPLE_QUESTION = "Who said the US is training militants at al-Tanf?"


def test_open_reader_survives_its_generation_being_removed(tmp_path: Path) -> None:
    index = tmp_path / "idx"
    embedder = FakeEmbedder()
    run_index([write_corpus(tmp_path / "a", 3)], index, embedder=embedder)
    reader = IndexReader.open(index)
    old = reader.generation.path
    for n in (1, 2):  # two more writes: the clean-up removes the first generation
        run_index([write_corpus(tmp_path / f"more{n}", 1, start=10 + n)], index, embedder=embedder)
    assert not old.exists()
    assert [p.name for p in list_generations(index)] == ["gen-000003", "gen-000002"]
    # every structure of the removed generation is still readable through the open reader
    assert set(reader.articles()) == {"article0", "article1", "article2"}
    assert reader.chunk(0).article_id == "article0"
    assert reader.sentence_vectors().shape[0] == reader.manifest["counts"]["sentences"]
    assert reader.vectors().shape[0] == reader.chunk_count()
    assert reader.sentence_spans("article1")
    results = Retriever(reader, embedder).search("bridges and roads", 3, Settings().retrieval)
    assert results and {reader.chunk(r.chunk_id).article_id for r in results} <= {
        "article0",
        "article1",
        "article2",
    }
    assert reader.bm25().get_scores(["river"]).shape == (reader.chunk_count(),)
    reader.close()


def test_assistant_follows_new_generations_written_in_process(tmp_path: Path) -> None:
    index = tmp_path / "idx"
    embedder = FakeEmbedder()
    run_index([write_corpus(tmp_path / "a", 2)], index, embedder=embedder)
    assistant = Assistant.open(index, embedder=embedder)
    assert {a.id for a in assistant.articles()} == {"article0", "article1"}
    first = assistant.reader
    for n in range(3):
        run_index([write_corpus(tmp_path / f"b{n}", 1, start=5 + n)], index, embedder=embedder)
        found = {p.article_id for p in assistant.search(f"article {5 + n} bridges", k=10)}
        assert f"article{5 + n}" in found
    assert assistant.reader is not first
    assert first.sentence_vectors().shape[0] > 0  # the replaced reader was not closed


def ferry_file(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ferry-{SHIPS[n].lower()}.txt"
    path.write_text(FERRY.format(ship=SHIPS[n], day=n + 3, count=100 * (n + 2)), encoding="utf-8")
    return path


def citations(answer: Any) -> list[tuple[str, str]]:
    return [(c.source.article_id, c.quote) for c in answer.citations]


def test_long_lived_assistant_across_five_index_runs_by_another_process(
    sample_index_copy: Path, real_embedder: Any, tmp_path: Path
) -> None:
    assistant = Assistant.open(sample_index_copy, embedder=real_embedder)
    baseline = assistant.ask(SAMPLE_QUESTION)
    assert "Zakharova" in baseline.answer and not baseline.abstained
    before = assistant.ask(f"How many passengers a day will the ferry {SHIPS[0]} carry?")
    assert before.abstained  # no article mentions it yet
    for n, ship in enumerate(SHIPS):
        path = ferry_file(tmp_path / "new", n)
        writer = subprocess.run(
            [
                sys.executable,
                "-m",
                "news_rag",
                "index",
                str(path),
                "--index",
                str(sample_index_copy),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert writer.returncode == 0, writer.stderr
        answer = assistant.ask(f"How many passengers a day will the ferry {ship} carry?")
        assert not answer.abstained, answer.answer
        article_id = path.stem
        cited = citations(answer)
        assert any(a == article_id and f"{100 * (n + 2)} passengers" in q for a, q in cited)
        assert citations(assistant.ask(SAMPLE_QUESTION)) == citations(baseline)
        assert len(assistant.articles()) == 5 + n + 1
    assert assistant.info()["generation"] == 6


def test_assistant_keeps_answering_when_a_new_generation_is_damaged(tmp_path: Path) -> None:
    from news_rag.index.store.doctor import repair

    index = tmp_path / "idx"
    embedder = FakeEmbedder()
    run_index([write_corpus(tmp_path / "a", 2)], index, embedder=embedder)
    assistant = Assistant.open(index, embedder=embedder)
    assert assistant.search("bridges and roads", k=3)
    run_index([write_corpus(tmp_path / "b", 1, start=5)], index, embedder=embedder)
    faiss = index / "gen-000002" / "vectors.faiss"
    faiss.write_bytes(faiss.read_bytes()[:100])
    for _ in range(2):  # no error: the healthy previous generation keeps answering
        found = {p.article_id for p in assistant.search("article 5 bridges", k=10)}
        assert found and "article5" not in found
    assert repair(index, embedder).healthy  # re-embeds gen-000002 into gen-000003
    found = {p.article_id for p in assistant.search("article 5 bridges", k=10)}
    assert "article5" in found
