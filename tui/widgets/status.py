"""The status line under the chat: what the chat is doing, then the active filters.

While an answer is computed it says "Answering… 3.2s" and counts up, so a slow answer never
looks like a hung one (it used to say "Ready" all along)."""

from __future__ import annotations

from time import monotonic

from textual.timer import Timer
from textual.widgets import Static

ANSWERING = "Answering…"
TICK_SECONDS = 0.1  # the elapsed time is shown to a tenth of a second


def answering(elapsed: float) -> str:
    """ "Answering… 3.2s" """
    return f"{ANSWERING} {elapsed:.1f}s"


class StatusLine(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.doing = ""  # what the chat is doing ("Ready · 5 articles"), kept while answering
        self.options = ""  # the filters, mode and k, as `ChatOptions.describe` says them
        self._started: float | None = None
        self._timer: Timer | None = None

    @property
    def is_answering(self) -> bool:
        return self._started is not None

    def set_doing(self, doing: str) -> None:
        self.doing = doing
        self._show()

    def set_options(self, options: str) -> None:
        self.options = options
        self._show()

    def start_answering(self) -> None:
        """Show "Answering… N.Ns" from now until `stop_answering`."""
        self._started = monotonic()
        if self._timer is None:
            self._timer = self.set_interval(TICK_SECONDS, self._show)
        else:
            self._timer.resume()
        self._show()

    def stop_answering(self) -> None:
        self._started = None
        if self._timer is not None:
            self._timer.pause()
        self._show()

    def text(self) -> str:
        started = self._started
        doing = self.doing if started is None else answering(monotonic() - started)
        return f"{doing} │ {self.options}" if self.options else doing

    def _show(self) -> None:
        self.update(self.text())
