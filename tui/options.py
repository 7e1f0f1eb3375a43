"""What the next question is asked with: filters, retrieval mode and k."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from news_rag.rag import Filters
from news_rag.rag.settings import MODES


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

    def to_dict(self) -> dict[str, Any]:
        return {"filters": self.filters.to_dict(), "mode": self.mode, "k": self.k}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChatOptions:
        """The inverse of `to_dict()`; unknown or damaged values fall back to the defaults."""
        raw = data.get("filters")
        raw = raw if isinstance(raw, dict) else {}
        names = Filters.__dataclass_fields__
        filters = Filters(**{k: str(v) for k, v in raw.items() if k in names and v})
        mode = data.get("mode")
        k = data.get("k")
        return cls(
            filters=filters,
            mode=mode if mode in MODES else None,
            k=k if isinstance(k, int) and k > 0 else None,
        )
