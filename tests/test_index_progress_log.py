"""`rag index SRC 2>log`: a log gets a progress line at least every few seconds and a
closing summary; `--quiet` silences both. Real subprocesses, the real model."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from itertools import islice, pairwise
from pathlib import Path

import pytest

SHARED_REUTERS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl.gz"
)
STORIES = 300
LOG_GAP_LIMIT_S = 5.0  # the promise: at least one line per 5 s
STAMP = re.compile(r"^\[\s*(?P<seconds>\d+\.\d) s\] ")


def _rag(*args: str, stderr: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "news_rag", *args]
    return subprocess.run(
        command, check=False, stdout=subprocess.PIPE, stderr=stderr, text=True, env=dict(os.environ)
    )


@pytest.mark.model
def test_a_log_gets_a_line_every_few_seconds_and_a_summary(tmp_path: Path) -> None:
    if not SHARED_REUTERS.exists():
        pytest.skip("the shared Reuters corpus is not beside the checkout")
    source = tmp_path / "reuters-300.jsonl"
    with gzip.open(SHARED_REUTERS, "rt", encoding="utf-8") as corpus:
        source.write_text("".join(islice(corpus, 4000, 4000 + STORIES)), encoding="utf-8")
    log = tmp_path / "index.log"
    with log.open("w", encoding="utf-8") as stderr:
        result = _rag("index", str(source), "--index", str(tmp_path / "index"), stderr=stderr)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert result.returncode == 0, lines[-5:]
    stamps = [float(m["seconds"]) for line in lines if (m := STAMP.match(line))]
    assert len(stamps) >= 3, lines
    gaps = [later - earlier for earlier, later in pairwise(stamps)]
    assert max(gaps) <= LOG_GAP_LIMIT_S, f"a {max(gaps):.1f} s silence in {lines}"
    assert {"analysing", "embedding"} <= {
        line.split("] ")[1].split(":")[0] for line in lines if STAMP.match(line)
    }
    summary = lines[-1]
    assert re.match(r"indexed in \d+\.\d s: \d+ articles, \d+ chunks \(\d+ added", summary), summary


def test_quiet_leaves_stderr_empty(tmp_path: Path) -> None:
    result = _rag("index", "--index", str(tmp_path / "index"), "--quiet", stderr=subprocess.PIPE)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "added" in result.stdout


def test_the_log_heartbeat_leaves_forking_workers_allowed() -> None:
    # in a fresh interpreter: threads other tests left behind must not decide it
    code = """
import threading
from news_rag.eval.progress import LineProgress
from news_rag.index.forkmap import fork_safe
assert fork_safe()
progress = LineProgress(every_s=1.0, heartbeat_s=1.0, quiet_s=60.0)
assert fork_safe(), "the heartbeat must not stop analysis workers from forking"
progress.close()
release = threading.Event()
stray = threading.Thread(target=release.wait)
stray.start()
assert not fork_safe(), "any other thread must"
release.set()
stray.join()
print("ok")
"""
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
