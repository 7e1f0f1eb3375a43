"""`rag index --ray ADDRESS` on a real local Ray cluster (a head and one worker process, one
CPU each): the same generation as a local build, incremental by content, and a killed
driver that leaves the previous generation live (issue 21)."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from news_rag.eval.sets import REUTERS_CORPUS
from news_rag.index.cluster.compare import differences
from news_rag.index.cluster.local import LocalCluster, local_cluster

pytestmark = [pytest.mark.cluster, pytest.mark.model]

RAG = str(Path(sys.executable).parent / "rag")
STORIES = 300  # the size: the first 300 stories of the reuters-dev corpus
QUESTIONS = 20  # reuters-dev questions about those stories, asked of both indexes
COMPOSED_STORIES = 40  # enough for several blocks, small enough to add seconds to CI


def _records() -> list[dict[str, Any]]:
    with gzip.open(REUTERS_CORPUS, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _write(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture(scope="module")
def cluster(
    tmp_path_factory: pytest.TempPathFactory, encoder_cache_dir: Path
) -> Iterator[LocalCluster]:
    """A head and one worker, one CPU each; stopped by their process ids afterwards."""
    logs = tmp_path_factory.mktemp("ray-logs")
    env = {"RAG_ENCODER_CACHE": str(encoder_cache_dir), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1"}  # fmt: skip
    with local_cluster(1, logs, head_cpus=1, worker_cpus=1, env=env) as running:
        yield running


def _index(*args: str | Path) -> dict[str, Any]:
    done = subprocess.run([RAG, "index", *map(str, args), "--json"], capture_output=True,
                          text=True, check=False, timeout=900)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def assert_same_generation(local: Path, on_ray: Path) -> None:
    """Same rows, same manifest contents and the same vectors (to float rounding)."""
    assert differences(local, on_ray) == []


def _answers(index: Path, questions: list[str]) -> list[tuple[Any, ...]]:
    from news_rag.rag.assistant import Assistant

    assistant = Assistant.open(index)
    found = []
    for question in questions:
        answer = assistant.ask(question)
        cited = [(c.source.article_id, c.char_start, c.char_end) for c in answer.citations]
        found.append((answer.answer, answer.abstained, cited))
    return found


def _questions(ids: set[str]) -> list[str]:
    path = Path(REUTERS_CORPUS).parent.parent / "questions" / "reuters-dev.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    about = [r for r in rows if r["articles"] and set(r["articles"]) <= ids and not r["follows"]]
    return [r["question"] for r in about[:QUESTIONS]]


def test_ray_build_matches_local_and_sends_only_new_stories(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    records = _records()
    corpus = tmp_path / "corpus"
    _write(corpus / "a.jsonl", records[:STORIES])
    local, on_ray = tmp_path / "local", tmp_path / "on-ray"
    _index(corpus, "--index", local)
    first = _index(corpus, "--index", on_ray, "--ray", cluster.address)
    # every story that is not a duplicate of another (the same count as the local build)
    assert first["cluster"]["sent"] == len(first["added"]) == first["articles"] > 250
    assert_same_generation(local, on_ray)
    questions = _questions({r["id"] for r in records[:STORIES]})
    assert len(questions) >= 5
    assert _answers(on_ray, questions) == _answers(local, questions)

    _write(corpus / "b.jsonl", records[STORIES : STORIES + 2])  # two more stories
    second = _index(corpus, "--index", on_ray, "--ray", cluster.address)
    assert second["cluster"]["sent"] == 2 and len(second["added"]) == 2
    assert second["articles"] == first["articles"] + 2
    _index(corpus, "--index", local)
    assert_same_generation(local, on_ray)

    _write(corpus / "c.jsonl", records[STORIES + 2 : STORIES + 3])
    third = _index(corpus, "--index", on_ray)  # a local run extends the Ray build
    assert len(third["added"]) == 1 and third["articles"] == second["articles"] + 1


def test_composed_vectors_come_from_the_cluster(cluster: LocalCluster, tmp_path: Path) -> None:
    # `--sentence-vectors composed`: the workers' vectors reach the driver's side store under
    # the tag its own embedding stage reads, so the driver embeds nothing itself
    corpus = tmp_path / "corpus"
    _write(corpus / "a.jsonl", _records()[:COMPOSED_STORIES])
    local, on_ray = tmp_path / "local", tmp_path / "on-ray"
    mode = ("--sentence-vectors", "composed")
    built = _index(corpus, "--index", local, *mode)
    assert built["composed_chunks"] == built["chunks"] > 0
    report = _index(corpus, "--index", on_ray, "--ray", cluster.address, *mode)
    assert report["cluster"]["sent"] == report["articles"] == built["articles"]
    assert report["embedded_sentences"] == report["composed_chunks"] == 0
    assert_same_generation(local, on_ray)


def _wait_for_finished_block(index: Path, driver: subprocess.Popen[str]) -> None:
    """Until the driver has kept at least one finished block from the cluster."""
    store = index / "cluster-cache" / "results.sqlite"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        assert driver.poll() is None, "the driver ended before it was killed"
        if store.exists():
            conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
            try:
                if conn.execute("SELECT COUNT(*) FROM results").fetchone()[0] > 0:
                    return
            except sqlite3.Error:
                pass
            finally:
                conn.close()
        time.sleep(0.5)
    pytest.fail("no block came back from the cluster in 10 minutes")


def test_killed_driver_leaves_previous_generation_live(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    records = _records()[STORIES + 2 :]
    corpus = tmp_path / "corpus"
    _write(corpus / "a.jsonl", records[:20])
    index = tmp_path / "index"
    _index(corpus, "--index", index)  # generation 1, local
    live = (index / "CURRENT").read_text()
    _write(corpus / "b.jsonl", records[20:140])  # 120 more, in blocks of 16
    driver = subprocess.Popen(
        [RAG, "index", str(corpus), "--index", str(index), "--ray", cluster.address,
         "--ray-batch", "16", "--json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        _wait_for_finished_block(index, driver)
    finally:
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait()
    assert (index / "CURRENT").read_text() == live
    from news_rag.index.store.reader import IndexReader

    before = len(IndexReader.open(index).articles())  # generation 1 opens and verifies
    assert before > 15
    rerun = _index(corpus, "--index", index, "--ray", cluster.address, "--ray-batch", "16")
    added, sent = len(rerun["added"]), rerun["cluster"]["sent"]
    assert rerun["articles"] == before + added and added > 100
    assert rerun["cluster"]["reused"] >= 16  # the killed run's finished blocks
    assert sent + rerun["cluster"]["reused"] == added
    assert not (index / "cluster-cache").exists()
