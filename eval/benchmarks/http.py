"""Load test of the HTTP API: N concurrent clients against a loopback server for T seconds.

The server (`rag.server.run.ServerThread`) and the clients (one thread and one httpx client
each) run in this process, on 127.0.0.1 only. Each client alternates `POST /search` and
`POST /ask` over the bundled sample questions until the time is up; every request has a
timeout, so the run always ends. With `publish`, `rag index PATH` runs as a subprocess from
the start, on a private copy of the index, to show that a new generation is picked up under
load without failed requests (and when the server began serving it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from news_rag.eval.metrics import percentile

ProgressCallback = Callable[[str, int, int], None]
# Bounds: more clients than this measures the thread pool, not the API; a run longer than
# ten minutes is a soak test, not a benchmark.
MAX_CLIENTS = 64
MAX_DURATION_S = 600.0
# A request slower than this counts as an error (an answer takes well under 1 s unloaded).
REQUEST_TIMEOUT_S = 60.0
ENDPOINTS = ("/search", "/ask")
ERROR_SAMPLES = 5
# After `rag index` has published, how long to wait for the server to serve the new
# generation (it should on its next request; this only bounds a broken reload).
SWITCH_WAIT_S = 30.0


@dataclass(frozen=True)
class EndpointStats:
    endpoint: str
    requests: int
    errors: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "endpoint": self.endpoint,
            "requests": self.requests,
            "errors": self.errors,
            "requests_per_s": round(self.requests_per_s, 2),
            "p50_ms": round(self.p50_ms, 1),
            "p99_ms": round(self.p99_ms, 1),
            "max_ms": round(self.max_ms, 1),
        }


@dataclass(frozen=True)
class HttpLoadResult:
    clients: int
    duration_s: float
    index_dir: str
    endpoints: list[EndpointStats]
    generation_before: int
    generation_after: int
    published: dict[str, Any] | None = None  # the `rag index` run, when asked for
    error_samples: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(e.errors for e in self.endpoints)

    @property
    def failed(self) -> bool:
        """A failed request, or a publish that failed or was never served."""
        published = self.published
        return bool(self.errors) or (
            published is not None and published.get("served_after_s") is None
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "clients": self.clients,
            "duration_s": round(self.duration_s, 1),
            "index_dir": self.index_dir,
            "errors": self.errors,
            "endpoints": [e.to_dict() for e in self.endpoints],
            "generation_before": self.generation_before,
            "generation_after": self.generation_after,
            "published": self.published,
            "error_samples": self.error_samples,
        }

    def summary(self) -> str:
        lines = [
            f"HTTP API, {self.clients} clients for {self.duration_s:.0f} s (loopback, "
            f"{self.index_dir})",
            "",
            "| endpoint | requests | errors | req/s | p50 ms | p99 ms | max ms |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for e in self.endpoints:
            lines.append(
                f"| {e.endpoint} | {e.requests} | {e.errors} | {e.requests_per_s:.1f} | "
                f"{e.p50_ms:.0f} | {e.p99_ms:.0f} | {e.max_ms:.0f} |"
            )
        if self.published is not None:
            lines.append("")
            served = self.published.get("served_after_s")
            lines.append(
                f"Published during the run: generation {self.generation_before} -> "
                f"{self.generation_after} (rag index exit {self.published.get('exit_status')}, "
                f"{self.published.get('seconds')} s; served from "
                + (f"{served} s into the load)" if served is not None else "- never)")
            )
        lines += [f"error: {sample}" for sample in self.error_samples]
        return "\n".join(lines)


@dataclass
class _Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {e: [] for e in ENDPOINTS})
    errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENDPOINTS, 0))
    samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, endpoint: str, ms: float, problem: str | None) -> None:
        with self.lock:
            self.latencies[endpoint].append(ms)
            if problem is not None:
                self.errors[endpoint] += 1
                if len(self.samples) < ERROR_SAMPLES:
                    self.samples.append(f"{endpoint}: {problem}")


def _body(endpoint: str, question: str) -> dict[str, Any]:
    return {"query": question} if endpoint == "/search" else {"question": question}


def _client_loop(url: str, number: int, questions: list[str], deadline: float,
                 tally: _Tally) -> None:  # fmt: skip
    import httpx

    step = number
    with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as client:
        while time.monotonic() < deadline:
            endpoint = ENDPOINTS[step % 2]
            question = questions[step % len(questions)]
            step += 1
            began = time.perf_counter()
            problem = None
            try:
                response = client.post(endpoint, json=_body(endpoint, question))
                if response.status_code != 200:
                    problem = f"HTTP {response.status_code} {response.text[:160]}"
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            tally.add(endpoint, (time.perf_counter() - began) * 1000, problem)


def _publish(index_dir: Path, path: Path) -> dict[str, Any]:
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "news_rag", "index", str(path), "--index", str(index_dir),
         "--json"],
        capture_output=True, text=True, timeout=MAX_DURATION_S, check=False,
    )  # fmt: skip
    report: dict[str, Any] = {
        "path": str(path),
        "exit_status": done.returncode,
        "seconds": round(time.perf_counter() - began, 1),
    }
    if done.returncode == 0:
        report["generation"] = json.loads(done.stdout).get("generation")
    else:
        report["stderr"] = done.stderr.strip()[-300:]
    return report


class _Publisher:
    """Runs `rag index PATH` in a thread from the start of the load, and watches /health
    to see when the server starts serving the new generation."""

    def __init__(self, url: str, index_dir: Path, path: Path | None, before: int,
                 started: float) -> None:  # fmt: skip
        self._url, self._index_dir, self._path = url, index_dir, path
        self._before, self._started = before, started
        self._report: dict[str, Any] = {}
        self._switched_at: float | None = None
        self._done = threading.Event()
        self._threads = [threading.Thread(target=self._run), threading.Thread(target=self._watch)]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def _run(self) -> None:
        assert self._path is not None
        try:
            self._report = _publish(self._index_dir, self._path)
        finally:
            self._done.set()

    def _watch(self) -> None:
        import httpx

        gave_up_at: float | None = None
        with httpx.Client(base_url=self._url, timeout=REQUEST_TIMEOUT_S) as client:
            while self._switched_at is None:
                if int(client.get("/health").json()["generation"]) != self._before:
                    self._switched_at = time.monotonic() - self._started
                    return
                if self._done.is_set():
                    if not self._report.get("generation"):
                        return  # nothing was published
                    gave_up_at = gave_up_at or time.monotonic() + SWITCH_WAIT_S
                    if time.monotonic() > gave_up_at:
                        return
                time.sleep(0.5)

    def finish(self, duration_s: float) -> dict[str, Any] | None:
        if self._path is None:
            return None
        for thread in self._threads:
            thread.join(MAX_DURATION_S)
        switched = self._switched_at
        return {
            **self._report,
            "served_after_s": None if switched is None else round(switched, 1),
            "served_during_load": switched is not None and switched <= duration_s,
        }


def run_http_load(
    index_dir: Path | None,
    clients: int,
    duration_s: float,
    publish: Path | None = None,
    progress: ProgressCallback | None = None,
) -> HttpLoadResult:
    """Serve `index_dir` (default: the sample benchmark index) and load it; see module doc."""
    import httpx
    from news_rag.eval.benchmarks.latency import latency_questions
    from news_rag.eval.benchmarks.sample import build_sample_index
    from news_rag.index.encoders.minilm import default_embedder
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.server.serving import ServerThread

    if not 1 <= clients <= MAX_CLIENTS or not 0 < duration_s <= MAX_DURATION_S:
        raise ValueError(f"clients must be 1..{MAX_CLIENTS} and duration 0..{MAX_DURATION_S} s")
    embedder = default_embedder()
    source = index_dir if index_dir is not None else build_sample_index(embedder)
    with tempfile.TemporaryDirectory(prefix="rag-http-bench-") as scratch:
        target = source
        if publish is not None:  # never write a new generation into the caller's index
            target = Path(scratch) / "index"
            shutil.copytree(source, target)
        assistant = Assistant.open(target, embedder=embedder)
        assistant.load()
        questions, _ = latency_questions()
        tally = _Tally()
        with ServerThread(assistant) as url, httpx.Client(base_url=url, timeout=60) as probe:
            for endpoint in ENDPOINTS:  # warm-up, not counted
                probe.post(endpoint, json=_body(endpoint, questions[0])).raise_for_status()
            before = int(probe.get("/health").json()["generation"])
            started = time.monotonic()
            deadline = started + duration_s
            threads = [
                threading.Thread(target=_client_loop, args=(url, n, questions, deadline, tally))
                for n in range(clients)
            ]
            publisher = _Publisher(url, target, publish, before, started)
            if publish is not None:
                publisher.start()
            for thread in threads:
                thread.start()
            while any(t.is_alive() for t in threads):
                if progress:
                    elapsed = min(duration_s, time.monotonic() - started)
                    progress("load", int(elapsed), int(duration_s))
                for thread in threads:
                    thread.join(timeout=1.0)
            elapsed = time.monotonic() - started
            published = publisher.finish(duration_s)
            after = int(probe.get("/health").json()["generation"])
    stats = []
    for endpoint in ENDPOINTS:
        times = tally.latencies[endpoint]
        stats.append(
            EndpointStats(
                endpoint=endpoint,
                requests=len(times),
                errors=tally.errors[endpoint],
                requests_per_s=len(times) / elapsed,
                p50_ms=percentile(times, 50) or 0.0,
                p99_ms=percentile(times, 99) or 0.0,
                max_ms=max(times, default=0.0),
            )
        )
    return HttpLoadResult(clients, elapsed, str(source), stats, before, after, published,
                          list(tally.samples))  # fmt: skip
