"""Settings: one typed object with nested sections (`RetrievalSettings` here, the answer's
in `answer_settings`); unknown keys are rejected.

Presets ship as JSON files in `rag/presets/` and load by name (`Settings.preset("fast")`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from news_rag.index.store.ann import EXACT_FILTER_MAX
from news_rag.rag.answer_settings import AnswerSettings
from news_rag.rag.setting_checks import SettingsError, check_range

__all__ = [
    "MAX_K",
    "MODES",
    "AnswerSettings",
    "RetrievalSettings",
    "Settings",
    "SettingsError",
]

MODES = ("hybrid", "dense", "bm25")
# The most passages one question may retrieve, the same bound for settings files, the CLI
# (`-k`), the chat (`/k`), HTTP and MCP (issue 22): ten times the default k, far more than
# an answer uses (it quotes from the best 24 sentences) and small enough to keep one
# request's work bounded.
MAX_K = 100


@dataclass(frozen=True)
class RetrievalSettings:
    mode: str = field(default="hybrid", metadata={"doc": "dense, bm25 or hybrid (RRF fusion)"})
    k: int = field(default=10, metadata={"doc": "passages returned / used to compose answers"})
    candidates: int = field(default=50, metadata={"doc": "per-retriever list length before fusion"})
    rrf_k: int = field(default=60, metadata={"doc": "reciprocal rank fusion constant"})
    dense_weight: float = field(default=1.0, metadata={"doc": "weight of the dense list in RRF"})
    bm25_weight: float = field(default=1.0, metadata={"doc": "weight of the BM25 list in RRF"})
    dedupe_jaccard: float = field(
        default=0.8, metadata={"doc": "word-shingle overlap above which passages collapse"}
    )
    reranker: str | None = field(
        default=None, metadata={"doc": "path to a local cross-encoder directory (optional)"}
    )
    nprobe: int | None = field(
        default=None,
        metadata={
            "doc": "IVF lists probed per query (default: the index's, see index/store/ann.py)"
        },
    )
    ef_search: int | None = field(
        default=None, metadata={"doc": "HNSW search list length (default: the index's)"}
    )
    exact_filter_max: int = field(
        default=EXACT_FILTER_MAX,
        metadata={"doc": "a filter leaving at most this many chunks is searched exactly"},
    )
    mapped_budget_mb: int | None = field(
        # issue 21: `ask` at 1M chunks within 1 GB RSS. The process's own memory is flat
        # (~355 MB at 1M); the pages of the generation's mapped files a question touches
        # stayed resident (~900 MB after 100 questions). 512 leaves the 1M process under
        # 1 GB with a question's own pages on top; a sample-sized index never reaches it.
        default=512,
        metadata={
            "doc": "after a question, when this process's resident file-backed memory passes "
            "this many MB, drop the index's mapped pages from it (the kernel keeps them in "
            "its page cache); null: never"
        },
    )

    def validate(self) -> None:
        if self.mode not in MODES:
            raise SettingsError(f"unknown mode {self.mode!r}; choose one of {', '.join(MODES)}")
        check_range("retrieval.k", self.k, 1, MAX_K)
        check_range("retrieval.candidates", self.candidates, 1, 10000)
        check_range("retrieval.rrf_k", self.rrf_k, 1, 1000)
        check_range("retrieval.dense_weight", self.dense_weight, 0.0, 10.0)
        check_range("retrieval.bm25_weight", self.bm25_weight, 0.0, 10.0)
        check_range("retrieval.dedupe_jaccard", self.dedupe_jaccard, 0.0, 1.0)
        if self.nprobe is not None:
            check_range("retrieval.nprobe", self.nprobe, 1, 65536)
        if self.ef_search is not None:
            check_range("retrieval.ef_search", self.ef_search, 1, 65536)
        check_range("retrieval.exact_filter_max", self.exact_filter_max, 0, 10_000_000)
        if self.mapped_budget_mb is not None:
            check_range("retrieval.mapped_budget_mb", self.mapped_budget_mb, 0, 1_000_000)


@dataclass(frozen=True)
class Settings:
    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    answer: AnswerSettings = field(default_factory=AnswerSettings)

    def __post_init__(self) -> None:
        self.retrieval.validate()
        self.answer.validate()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_retrieval(self, **changes: Any) -> Settings:
        return replace(self, retrieval=replace(self.retrieval, **changes))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        sections = {"retrieval": RetrievalSettings, "answer": AnswerSettings}
        unknown = set(data) - set(sections)
        if unknown:
            raise SettingsError(f"unknown settings section(s): {', '.join(sorted(unknown))}")
        built: dict[str, Any] = {}
        for name, kind in sections.items():
            values = data.get(name, {})
            allowed = {f.name for f in fields(kind)}
            bad = set(values) - allowed
            if bad:
                raise SettingsError(f"unknown {name} setting(s): {', '.join(sorted(bad))}")
            try:
                built[name] = kind(**values)
            except TypeError as exc:
                raise SettingsError(f"invalid {name} settings: {exc}") from exc
        return cls(**built)

    @classmethod
    def from_file(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SettingsError(f"{path}: cannot read settings ({exc})") from exc
        return cls.from_dict(data)

    @classmethod
    def preset(cls, name: str) -> Settings:
        path = resources.files("news_rag.rag") / "presets" / f"{name}.json"
        if not path.is_file():
            raise SettingsError(f"no settings preset named {name!r}")
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
