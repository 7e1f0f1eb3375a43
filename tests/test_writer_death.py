"""A writer that dies leaves neither workers nor a lock behind (issue 20, item 2).

`kill -9` of `rag index` while its analysis workers run, then an immediate `rag index`:
no "locked" error and, 5 s later, no worker left. Before the fix the workers lived on
under PID 1, blocked on a pipe and holding `.lock`.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from news_rag.index.errors import IndexLockedError
from news_rag.index.store.publish import write_lock

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl.gz"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rfind(")") + 2 :].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Whether `pid` exists and is not a zombie (an orphan's zombie is already dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2 :].split()[0] not in ("Z", "X")


def _forked_after_spacy(pid: int) -> bool:
    """Whether `pid` has spaCy's compiled modules mapped: an analysis worker, forked after
    the parent loaded the model (the sentence-split workers are forked before)."""
    try:
        return "/spacy/" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _write_corpus(path: Path, n: int) -> None:
    with gzip.open(REUTERS, "rt", encoding="utf-8") as src, path.open("w") as out:
        for _, line in zip(range(n), src, strict=False):
            out.write(line)


def _index_command(corpus: Path, index: Path) -> list[str]:
    rag = Path(sys.executable).with_name("rag")
    # --quiet: a log's progress lines come from a heartbeat thread, and a process with a
    # second thread never forks (index/forkmap.fork_safe); a terminal's bar has no thread
    return [str(rag), "index", str(corpus), "--index", str(index), "--encoder", "torch-fp32", "-q"]


@linux_only
@pytest.mark.model
@pytest.mark.skipif(not REUTERS.exists(), reason="shared Reuters corpus absent")
def test_kill_9_during_analysis_leaves_no_worker_and_no_lock(tmp_path: Path) -> None:
    corpus, small = tmp_path / "reuters.jsonl", tmp_path / "small.jsonl"
    _write_corpus(corpus, 300)  # ~2,700 sentences: 5 shares of 64 articles for 2 workers
    _write_corpus(small, 3)  # the rerun only has to take the lock and publish
    env = {**os.environ, "RAG_ANALYSIS_PROCESSES": "2"}
    command = _index_command(corpus, tmp_path / "idx")
    writer = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    workers: list[int] = []
    deadline = time.monotonic() + 240
    while not workers and writer.poll() is None and time.monotonic() < deadline:
        workers = [pid for pid in _children(writer.pid) if _forked_after_spacy(pid)]
        time.sleep(0.05)
    assert workers, f"no analysis worker seen (rc {writer.poll()})"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    killed_at = time.monotonic()
    try:
        rerun = subprocess.run(_index_command(small, tmp_path / "idx"), env=env, check=False,
                               capture_output=True, text=True, timeout=600)  # fmt: skip
        assert "locked" not in rerun.stderr, rerun.stderr
        assert rerun.returncode == 0, rerun.stderr
        assert f"pid {writer.pid}" in rerun.stderr and "died" in rerun.stderr  # said once
        time.sleep(max(0.0, 5 - (time.monotonic() - killed_at)))
        assert not [pid for pid in workers if _running(pid)], "a worker outlived its writer"
    finally:
        for pid in workers:  # a failing run leaves nothing behind either
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_forked_child_does_not_hold_the_lock(tmp_path: Path) -> None:
    index = tmp_path / "idx"
    ready, started = os.pipe()
    with write_lock(index):
        child = os.fork()
        if child == 0:  # the child outlives the writer's hold on the lock
            os.write(started, b".")  # after the fork hooks ran (they close the lock file)
            time.sleep(3)
            os._exit(0)
        os.read(ready, 1)
    try:
        with (index / ".lock").open("a+") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # free: no error
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def test_a_lock_left_by_a_dead_writer_is_taken_over_with_a_notice(tmp_path: Path) -> None:
    index = tmp_path / "idx"
    index.mkdir()
    dead = _dead_pid()
    record = {"pid": dead, "start": None, "host": os.uname().nodename, "since": "then"}
    (index / ".lock").write_text(json.dumps(record))
    notices: list[str] = []
    with write_lock(index, notices):
        pass
    assert len(notices) == 1 and f"pid {dead}" in notices[0] and "died" in notices[0]
    with write_lock(index, notices):  # released cleanly: nothing more to say
        pass
    assert len(notices) == 1


HOLDER = """
import fcntl, json, sys, time
handle = open(sys.argv[1], "a+")
fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
handle.seek(0); handle.truncate(); handle.write(sys.argv[2]); handle.flush()
print("held", flush=True)
time.sleep(60)
"""


def test_a_lock_file_still_held_by_a_dead_writers_leftover_is_taken_over(tmp_path: Path) -> None:
    """A process the dead writer left behind (an older version's worker) holds `.lock`:
    the next writer takes the lock over, and a writer after it still finds it locked."""
    index = tmp_path / "idx"
    index.mkdir()
    record = {"pid": _dead_pid(), "start": None, "host": os.uname().nodename, "since": "then"}
    leftover = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(index / ".lock"), json.dumps(record)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert leftover.stdout is not None and leftover.stdout.readline().strip() == "held"
        notices: list[str] = []
        with write_lock(index, notices):
            assert "took over the lock" in notices[0]
            with pytest.raises(IndexLockedError, match=f"pid {os.getpid()}"), write_lock(index):
                pass
    finally:
        leftover.kill()
        leftover.wait()
