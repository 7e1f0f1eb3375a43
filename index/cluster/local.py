"""A Ray cluster on this machine, for tests and `rag benchmark cluster`: a head and workers,
each a `ray start --block` process that this one started and stops by its process group.

`ray start --block` stays in the foreground and takes its node's processes (raylet, GCS,
workers) down with it on SIGTERM, so stopping touches only the processes started here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from news_rag.index.cluster.connect import ClusterError

# Seconds a node may take to come up (a head on a busy 2-core machine: ~15 s measured).
START_TIMEOUT_S = 120.0
# Seconds the nodes get to go down after SIGTERM before their process groups are killed: a
# worker took 1 s; a head drains for up to 30 s (Ray's default) waiting on nodes that are
# already gone, which nothing here needs.
STOP_TIMEOUT_S = 5.0
# A start that fails (a node that exits at once: seen once in ten starts on a busy machine,
# right after another cluster stopped) is tried this many times in all.
START_ATTEMPTS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ray_command() -> str:
    """The `ray` script of this interpreter's environment."""
    script = Path(sys.executable).parent / "ray"
    if not script.exists():
        raise ClusterError("the `ray` command is missing; install the cluster extra: "
                           "pip install 'news-rag[cluster]'")  # fmt: skip
    return str(script)


def _last_lines(logs: Path) -> str:
    """The last line of each node's log, for the one-line error of a failed start."""
    found = []
    for log in sorted(logs.glob("*.log")):
        lines = log.read_text(errors="replace").strip().splitlines()
        found.append(f"{log.name}: {lines[-1][:200] if lines else '(empty)'}")
    return "; ".join(found)


@dataclass
class LocalCluster:
    """The head's address and the `ray start` processes this process started."""

    address: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def stop(self) -> None:
        """SIGTERM every node (workers first), then SIGKILL what is left of its group."""
        for process in reversed(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for process in reversed(self.processes):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()


def _node(
    args: list[str], log: Path, env: Mapping[str, str] | None, core: int | None = None
) -> subprocess.Popen[bytes]:
    """A `ray start --block` process; with `core`, it and every process of its node run on
    that core alone (`taskset`: Ray's CPU count is a scheduling label, not a limit)."""
    pinned = ["taskset", "-c", str(core)] if core is not None else []
    with log.open("ab") as out:
        return subprocess.Popen(
            [*pinned, ray_command(), "start", "--block", "--disable-usage-stats", *args],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0", **(env or {})},
        )  # fmt: skip


def _wait_for_nodes(
    address: str, nodes: int, processes: list[subprocess.Popen[bytes]], logs: Path
) -> None:
    """Until `nodes` nodes are alive (asked of the head from a fresh interpreter)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    probe = (
        "import ray, sys; ray.init(address=sys.argv[1], logging_level='ERROR'); "
        "print(sum(1 for n in ray.nodes() if n['Alive']))"
    )
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            raise ClusterError(f"a local Ray node exited while starting: {_last_lines(logs)}")
        found = subprocess.run([sys.executable, "-c", probe, address], capture_output=True,
                               text=True, check=False, timeout=START_TIMEOUT_S)  # fmt: skip
        alive = found.stdout.strip()
        if found.returncode == 0 and alive.isdigit() and int(alive) >= nodes:
            return
        time.sleep(1.0)
    raise ClusterError(f"the local Ray cluster at {address} did not start in {START_TIMEOUT_S} s")


def _start(
    cluster: LocalCluster, port: int, workers: int, logs: Path, options: dict[str, Any]
) -> None:
    """The head, then the workers, each waited for; ClusterError if one does not come up."""
    env, cores = options["env"], sorted(os.sched_getaffinity(0))
    head = ["--head", f"--port={port}", f"--num-cpus={options['head_cpus']}", "--num-gpus=0",
            "--include-dashboard=false"]  # fmt: skip
    cluster.processes.append(_node(head, logs / "head.log", env))
    _wait_for_nodes(cluster.address, 1, cluster.processes, logs)
    for n in range(workers):
        node = [f"--address={cluster.address}", f"--num-cpus={options['worker_cpus']}",
                "--num-gpus=0"]  # fmt: skip
        core = cores[n % len(cores)] if options["pin"] else None
        cluster.processes.append(_node(node, logs / f"worker-{n + 1}.log", env, core))
    _wait_for_nodes(cluster.address, 1 + workers, cluster.processes, logs)


@contextlib.contextmanager
def local_cluster(
    workers: int,
    logs: Path,
    *,
    head_cpus: int = 0,
    worker_cpus: int = 1,
    env: Mapping[str, str] | None = None,
    pin: bool = False,
) -> Iterator[LocalCluster]:
    """A head with `head_cpus` CPUs (0: it only coordinates) and `workers` worker nodes of
    `worker_cpus` CPUs each, stopped when the block ends however it ends. With `pin`,
    worker n runs on core n alone (cores taken in turn): a 1-CPU worker then really has
    one core, as a worker machine of one core would. A start that fails is tried again
    (`START_ATTEMPTS`) on a fresh port."""
    options = {"env": env, "head_cpus": head_cpus, "worker_cpus": worker_cpus, "pin": pin}
    for attempt in range(1, START_ATTEMPTS + 1):
        logs.mkdir(parents=True, exist_ok=True)
        port = free_port()
        cluster = LocalCluster(f"127.0.0.1:{port}")
        try:
            _start(cluster, port, workers, logs, options)
            break
        except ClusterError:
            cluster.stop()
            if attempt == START_ATTEMPTS:
                raise
            time.sleep(STOP_TIMEOUT_S)
    try:
        yield cluster
    finally:
        cluster.stop()
