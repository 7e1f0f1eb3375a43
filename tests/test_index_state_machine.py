"""Issue 20, item 6: the index as a state machine under random sequences of operations.

Rules: add, change and delete article files, index (with or without --prune), a writer
killed mid-write (a hook raising at a publish stage, not a signal), a one-file corruption
of the live generation, `rag doctor --repair` (running the restore command it prints), a
long-lived reader kept open across all of it, and a question asked. Invariants: every
article that was live is still live (or the repair reported it and its command restored
it), asking never raises anything but a one-line RagError, and a reader opened on one
generation never sees another's articles. The fake embedder and a no-op analyser keep it
fast enough for 200 examples in CI.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from news_rag.index.errors import IndexCorruptError, InputError, RagError
from news_rag.index.pipeline import run_index
from news_rag.index.store import publish
from news_rag.index.store.doctor import repair
from news_rag.index.store.generations import CURRENT
from news_rag.index.store.reader import IndexReader

from news_rag.cli import cli
from tests.fakes import FakeEmbedder
from tests.test_recovery import DEFAULT_HOOK

WORDS = [
    "river",
    "bridge",
    "council",
    "harbour",
    "ferry",
    "budget",
    "minister",
    "storm",
    "grain",
    "port",
    "rail",
    "wheat",
]
EXAMPLES = int(os.environ.get("RAG_STATE_MACHINE_EXAMPLES", "200"))  # `make fuzz` runs more


class Killed(BaseException):
    """A writer dying mid-write: raised by a hook inside publishing, never caught by it."""


class NoAnalysis:
    """An analyser that finds nothing: the machine tests storage, not spaCy."""

    def analyse(self, articles: Sequence[Any], *, progress: Any = None) -> list[list[Any]]:
        return [[] for _ in articles]


def body(n: int, version: int) -> str:
    seed = hashlib.sha256(f"{n}-{version}".encode()).digest()
    words = [WORDS[b % len(WORDS)] + str(b) for b in seed]
    return f"Story {n} v{version}\n\nBy A Reporter\n\n" + " ".join(words) + ". The end.\n"


class IndexMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        # in memory where there is a tmpfs: the machine tests logic, the disk's speed is noise
        shm = "/dev/shm" if Path("/dev/shm").is_dir() else None
        self.root = Path(tempfile.mkdtemp(prefix="rag-machine-", dir=shm))
        self.corpus = self.root / "corpus"
        self.corpus.mkdir()
        self.index = self.root / "index"
        self.versions: dict[int, int] = {}
        self.live: set[str] = set()  # what must be live
        self.pending: set[str] = set()  # what a killed first write may still bring
        self.damaged = False
        self.reader: IndexReader | None = None
        self.reader_articles: set[str] = set()

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    @rule(n=st.integers(0, 5))
    def write_article(self, n: int) -> None:
        self.versions[n] = self.versions.get(n, 0) + 1
        (self.corpus / f"article{n}.txt").write_text(body(n, self.versions[n]))

    @rule(n=st.integers(0, 5))
    def delete_article(self, n: int) -> None:
        (self.corpus / f"article{n}.txt").unlink(missing_ok=True)

    def _on_disk(self) -> set[str]:
        return {p.stem for p in self.corpus.glob("*.txt")}

    @precondition(lambda self: not self.damaged)
    @rule(prune=st.booleans())
    def index_corpus(self, prune: bool) -> None:
        try:
            run_index([self.corpus], self.index, embedder=FakeEmbedder(), prune=prune)
        except InputError:  # nothing to index, or everything pruned: nothing changes
            return
        expected = self._on_disk() | (set() if prune else self.live)
        found = set(IndexReader.open(self.index).articles())
        # a writer killed after renaming its generation into place, on an index with nothing
        # live yet, left the only complete generation: the next write recovers it
        assert expected <= found <= expected | self.pending, (expected, found)
        self.live, self.pending = found, set()

    @precondition(lambda self: not self.damaged)
    @rule(stage=st.sampled_from(["files", "renamed"]))
    def killed_mid_write(self, stage: str) -> None:
        n = max(self.versions, default=0) + 1
        self.versions[n] = 1
        (self.corpus / f"article{n}.txt").write_text(body(n, 1))
        target = "_fsync_tree" if stage == "files" else "write_current"
        with mock.patch.object(publish, target, side_effect=Killed), pytest.raises(Killed):
            run_index([self.corpus], self.index, embedder=FakeEmbedder())
        if stage == "renamed":  # a complete generation newer than CURRENT: a repair or the
            self.pending |= self._on_disk()  # next write may make its articles live

    @precondition(lambda self: self.live and not self.damaged)
    @rule(name=st.sampled_from(["meta.sqlite", "vectors.npy", "vectors.faiss", "manifest.json"]),
          truncate=st.booleans())  # fmt: skip
    def corrupt_live_file(self, name: str, truncate: bool) -> None:
        path = self.index / (self.index / CURRENT).read_text().strip() / name
        data = path.read_bytes()
        at = len(data) // 2
        path.write_bytes(
            data[:at] if truncate else data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]
        )
        self.damaged = True

    @precondition(lambda self: self.damaged)
    @rule()
    def repair_index(self) -> None:
        report = repair(self.index, embedder=FakeEmbedder())
        missing = report.plan.missing if report.plan is not None else 0
        if missing and report.plan is not None and report.plan.restore:
            result = CliRunner().invoke(cli, shlex.split(report.plan.restore)[1:])
            assert result.exit_code == 0, result.output
            missing = 0
        elif missing:  # reported, with why nothing can bring them back
            assert "source files are gone" in report.plan.summary(), report.plan.summary()
        try:
            found = set(IndexReader.open(self.index).articles())
        except RagError:  # the only generation was set aside: nothing is live
            found = set()
        # every article that was live is live again, or counted as missing; a generation
        # a killed writer completed but never published may come back with it
        assert found <= self.live | self.pending, (found, self.live, self.pending)
        assert len(self.live - found) <= missing, (self.live, found, missing)
        self.live, self.pending, self.damaged = found, set(), False

    @precondition(lambda self: self.live and not self.damaged)
    @rule()
    def open_long_lived_reader(self) -> None:
        if self.reader is not None:
            self.reader.close()
        self.reader = IndexReader.open(self.index)
        self.reader_articles = set(self.reader.articles())

    @rule(question=st.sampled_from(["What happened to the river?", "Who is the minister?", "?"]))
    def ask(self, question: str) -> None:
        from news_rag.rag.assistant import Assistant
        from news_rag.rag.settings import Settings

        try:
            Assistant(self.index, Settings(), FakeEmbedder()).ask(question)
        except RagError as exc:  # a one-line error is an answer; a traceback is not
            assert "\n" not in str(exc)

    @invariant()
    def every_live_article_stays_live(self) -> None:
        if self.damaged or not self.live:
            return
        assert set(IndexReader.open(self.index).articles()) == self.live

    @invariant()
    def a_reader_never_mixes_generations(self) -> None:
        if self.reader is None:
            return
        try:
            seen = set(self.reader.articles())
        except IndexCorruptError as exc:
            # its own generation damaged under it: the reader reads meta.sqlite as it goes
            # (nothing of the corpus is held), so it says so in one line, never mixes
            assert "\n" not in str(exc) and "rag doctor" in str(exc)
            return
        assert seen == self.reader_articles


@pytest.fixture(autouse=True)
def _cheap_and_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DEFAULT_HOOK, lambda *_a, **_k: FakeEmbedder())
    monkeypatch.setattr("news_rag.index.analysis.analyse.Analyser", NoAnalysis)
    monkeypatch.setattr("news_rag.index.store.publish._fsync_tree", lambda _root: None)
    monkeypatch.setattr("news_rag.index.store.generations.fsync_dir", lambda _path: None)


def test_index_state_machine() -> None:
    machine = settings(
        max_examples=EXAMPLES,
        stateful_step_count=8,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )(IndexMachine)
    machine.TestCase().runTest()
