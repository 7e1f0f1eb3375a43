"""What the next question is asked with: filters, retrieval mode and k."""

from __future__ import annotations

from dataclasses import dataclass, field

from news_rag.rag import Filters

MODES = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class ChatOptions:
    filters: Filters = field(default_factory=Filters)
    mode: str | None = None  # None: the assistant's configured mode
    k: int | None = None  # None: the assistant's configured k

    def describe(self, default_mode: str = "hybrid", default_k: int = 10) -> str:
        """One line for the status bar, e.g. `since 2018-01-01 · mode hybrid · k 10`."""
        parts = [f"{name} {value}" for name, value in self.filters.to_dict().items() if value]
        filters = " · ".join(parts) if parts else "no filters"
        return f"{filters} · mode {self.mode or default_mode} · k {self.k or default_k}"
