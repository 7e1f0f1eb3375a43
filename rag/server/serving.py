"""Running the API: `serve()` in the foreground, `ServerThread` in the background.

A `ServerThread` binds its socket before starting (port 0 means a free port), so the URL is
known at once and there is no race for the port; tests and `rag benchmark http` use it.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.server.app import ServerConfig

# How long a ServerThread waits for uvicorn to start or stop before giving up.
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 30.0


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _config(app: Any, log_level: str) -> Any:
    import uvicorn

    return uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="off")


def serve(
    assistant: Assistant, host: str, port: int, config: ServerConfig, log_level: str = "info"
) -> None:
    """Run the API until interrupted (Ctrl+C); one process, one loaded model."""
    import uvicorn
    from news_rag.rag.server.app import create_app

    uvicorn.run(create_app(assistant, config), host=host, port=port, log_level=log_level)


class ServerThread:
    """The API served from a background thread: `with ServerThread(assistant) as url: ...`."""

    def __init__(
        self,
        assistant: Assistant,
        config: ServerConfig | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
    ) -> None:
        import uvicorn
        from news_rag.rag.server.app import create_app

        self._socket = _bind(host, port)
        bound = self._socket.getsockname()
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{bound[1]}"
        self._server = uvicorn.Server(_config(create_app(assistant, config), log_level))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self) -> str:
        import time

        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the API server on {self.url} did not start")
            time.sleep(0.02)
        return self.url

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(STOP_TIMEOUT_S)
        self._socket.close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
