"""The results table (markdown) and JSON of a benchmark run, with the published numbers."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from news_rag.eval.benchmarks.beir_scores import IndexBuild, SystemResult
from news_rag.eval.benchmarks.sample import SampleRow

# nDCG@10 on SciFact (BEIR test split), as listed in the dataset's README.
PUBLISHED: dict[str, tuple[tuple[str, float, str], ...]] = {
    "scifact": (
        (
            "published BM25 (BEIR, Anserini multifield)",
            0.665,
            "Thakur et al. 2021; Anserini regressions-beir-v1.0.0-scifact-multifield 0.6647",
        ),
        (
            "published BM25 flat (Anserini)",
            0.679,
            "Anserini regressions-beir-v1.0.0-scifact-bm25-flat 0.6789",
        ),
        (
            "published all-MiniLM-L6-v2",
            0.645,
            "MTEB results/all-MiniLM-L6-v2/SciFact.json 0.64508",
        ),
    ),
}


def published_rows(dataset_name: str) -> list[SystemResult]:
    return [
        SystemResult(system=name, kind="published", ndcg_at_10=value, note=source)
        for name, value, source in PUBLISHED.get(dataset_name.lower(), ())
    ]


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


@dataclass(frozen=True)
class BenchmarkReport:
    dataset: str
    queries: int
    corpus_size: int
    index: IndexBuild | None
    systems: list[SystemResult]
    sample: list[SampleRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "queries": self.queries,
            "corpus_size": self.corpus_size,
            "machine": machine(),
            "index": self.index.to_dict() if self.index else None,
            "systems": [s.to_dict() for s in self.systems],
            "sample": [row.to_dict() for row in self.sample],
        }

    def to_markdown(self) -> str:
        parts = [
            f"{self.dataset}: {self.queries} judged queries, {self.corpus_size} documents",
            "",
            beir_table(self.systems),
        ]
        if self.index is not None:
            build = self.index
            how = "reused" if build.reused else f"built in {build.seconds:.0f} s"
            parts += [
                "",
                f"Index: {build.articles} articles, {build.chunks} chunks ({how}); "
                f"titles in chunk text: {'yes' if build.title_in_text else 'no'}",
            ]
        if self.sample:
            parts += [
                "",
                "Bundled sample questions (article level):",
                "",
                sample_table(self.sample),
            ]
        return "\n".join(parts)


def _cell(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def beir_table(rows: Sequence[SystemResult]) -> str:
    lines = [
        "| system | nDCG@10 | recall@10 | recall@100 | MRR@10 | p50 ms | p95 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        scores = row.scores
        latency = row.latency
        cells = [
            row.system,
            _cell(row.ndcg),
            _cell(scores.recall_at_10 if scores else None),
            _cell(scores.recall_at_100 if scores else None),
            _cell(scores.mrr_at_10 if scores else None),
            _cell(latency.p50_ms if latency else None, 1),
            _cell(latency.p95_ms if latency else None, 1),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sample_table(rows: Sequence[SampleRow]) -> str:
    lines = [
        "| system | hit@5 | MRR@10 | nDCG@10 | questions | p50 ms | p95 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        cells = [
            row.system,
            _cell(row.hit_at_5),
            _cell(row.mrr_at_10),
            _cell(row.ndcg_at_10),
            str(row.questions),
            _cell(row.latency.p50_ms, 1),
            _cell(row.latency.p95_ms, 1),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
