"""Reaching the Ray cluster of `rag index --ray`: one-line errors, nothing imported early."""

from __future__ import annotations

import logging
import socket
import warnings
from types import ModuleType

from news_rag.index.cluster.settings import CONNECT_TIMEOUT_S
from news_rag.index.errors import RagError

INSTALL_HINT = "install the cluster extra: pip install 'news-rag[cluster]'"
START_HINT = "start one with `ray start --head` (and `ray start --address HOST:PORT` per worker)"


class ClusterError(RagError):
    """The Ray cluster cannot be used: Ray missing, the cluster unreachable or failing."""


def import_ray() -> ModuleType:
    """The `ray` module, or a one-line ClusterError saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ClusterError(f"--ray needs Ray Data ({exc.name} is missing); {INSTALL_HINT}") from exc
    return ray


def _host_port(address: str) -> tuple[str, int] | None:
    """(host, port) of a HOST:PORT or ray://HOST:PORT address; None for auto/local."""
    if address in ("auto", "local"):
        return None
    rest = address.split("://", 1)[-1]
    host, _, port = rest.rpartition(":")
    if not host or not port.isdigit():
        raise ClusterError(f"--ray {address!r} is not an address; give auto or HOST:PORT")
    return host, int(port)


def check_reachable(address: str) -> None:
    """Fail in one line (not after ray.init's minutes of retries) when nothing listens."""
    target = _host_port(address)
    if target is None:
        return
    try:
        socket.create_connection(target, timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise ClusterError(
            f"cannot reach the Ray cluster at {address} ({exc.strerror or exc}); {START_HINT}"
        ) from exc


def connect(address: str) -> ModuleType:
    """`ray`, connected to the cluster at `address` (auto: the one this machine runs)."""
    ray = import_ray()
    if ray.is_initialized():
        return ray
    check_reachable(address)
    try:
        ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
    except (ConnectionError, ValueError, RuntimeError, TimeoutError) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ClusterError(
            f"cannot use the Ray cluster at {address} ({first}); {START_HINT}"
        ) from exc
    _quiet_data(ray)
    return ray


def _quiet_data(ray: ModuleType) -> None:
    """No Ray Data progress bars or execution logs: `rag index` reports the cluster's
    progress itself, as a local build's."""
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="ray.data")
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.enable_operator_progress_bars = False
    context.print_on_execution_start = False


def resources(ray: ModuleType) -> tuple[float, float]:
    """(CPUs, GPUs) of the whole cluster."""
    total = ray.cluster_resources()
    return float(total.get("CPU", 0.0)), float(total.get("GPU", 0.0))


def disconnect() -> None:
    """Leave the cluster (the job's actors end with it); nothing when not connected."""
    import sys

    ray = sys.modules.get("ray")
    if ray is not None and ray.is_initialized():
        ray.shutdown()
