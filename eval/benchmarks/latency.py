"""How long `rag ask` takes on the bundled sample once the model is loaded.

The issue's target: an answer in under 1 s after the model is loaded. This is measured and
printed by `rag benchmark latency`, never asserted in a timed test.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news_rag.eval.metrics import percentile

ProgressCallback = Callable[[str, int, int], None]
TARGET_MS = 1000.0
WARMUP_ASKS = 2
# Used when the bundled question file is missing: typical questions about the sample.
FALLBACK_QUESTIONS = (
    "Which villages did pro-government forces capture on the Euphrates?",
    "Who said that ISIS controlled most of Syria at its peak?",
    "What happened in al-Bukamal?",
    "Who liberated al-Bukamal from ISIS?",
    "What did Russia's General Staff say about ISIS?",
    "What are US forces doing at al-Tanf?",
    "What did Maria Zakharova say about the US presence in Syria?",
    "Where did ISIS attack the Syrian Democratic Forces?",
    "What happened near the al-Tanak oil field?",
    "Which Russian bombers struck ISIS in Deir Ezzor?",
    "What did the Iraqi army and the PMU destroy?",
    "What weapons did the Syrian Army find in Barzeh?",
    "Who supports the Syrian Arab Army in central Syria?",
    "Where are the remaining ISIS fighters?",
    "What did the Popular Mobilization Units do near the border?",
    "How many militants were killed according to Gerasimov?",
    "What is the 55-km zone around al-Tanf?",
    "Which Iranian commander was seen in al-Bukamal?",
    "What happened in the Homs province?",
    "Who reported on the humanitarian aid to Rukban?",
)


@dataclass(frozen=True)
class AskLatency:
    index_dir: str
    load_seconds: float
    questions: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    mean_retrieve_ms: float
    mean_compose_ms: float
    source: str  # where the questions came from
    query_encoder: str = ""  # what embedded the questions (the index's own query path)

    @property
    def under_target(self) -> bool:
        return self.p95_ms < TARGET_MS

    def to_dict(self) -> dict[str, Any]:
        return {
            "index_dir": self.index_dir,
            "load_seconds": round(self.load_seconds, 2),
            "questions": self.questions,
            "p50_ms": round(self.p50_ms, 1),
            "p95_ms": round(self.p95_ms, 1),
            "max_ms": round(self.max_ms, 1),
            "mean_retrieve_ms": round(self.mean_retrieve_ms, 1),
            "mean_compose_ms": round(self.mean_compose_ms, 1),
            "target_ms": TARGET_MS,
            "p95_under_target": self.under_target,
            "questions_from": self.source,
            "query_encoder": self.query_encoder,
        }

    def summary(self) -> str:
        verdict = "under" if self.under_target else "NOT under"
        return (
            f"rag ask after model load: p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, "
            f"max {self.max_ms:.0f} ms over {self.questions} questions "
            f"(p95 {verdict} the {TARGET_MS:.0f} ms target; model + index load "
            f"{self.load_seconds:.1f} s)"
        )


def latency_questions(path: Path | None = None) -> tuple[list[str], str]:
    """The sample question texts (every type), or the fixed fallback list."""
    from news_rag.eval.questions import DEFAULT_QUESTIONS_PATH, load_questions

    file = path or DEFAULT_QUESTIONS_PATH
    if not Path(file).is_file():
        return list(FALLBACK_QUESTIONS), "built-in list"
    return [q.question for q in load_questions(file)], str(file)


def measure_ask_latency(
    index_dir: Path | None = None,
    questions_path: Path | None = None,
    progress: ProgressCallback | None = None,
) -> AskLatency:
    """Time `Assistant.ask` per question after loading (default: a sample index in the cache)."""
    from news_rag.eval.benchmarks.sample import build_sample_index
    from news_rag.index.encoders.minilm import default_embedder
    from news_rag.rag import Assistant

    questions, source = latency_questions(questions_path)
    target = index_dir if index_dir is not None else build_sample_index(default_embedder())
    assistant = Assistant.open(target)  # the query encoder `rag ask` picks for this index
    started = time.perf_counter()
    assistant.load()
    load_seconds = time.perf_counter() - started
    for question in questions[:WARMUP_ASKS]:
        assistant.ask(question)
    totals: list[float] = []
    retrieve: list[float] = []
    compose: list[float] = []
    for n, question in enumerate(questions, 1):
        began = time.perf_counter()
        answer = assistant.ask(question)
        totals.append((time.perf_counter() - began) * 1000)
        timings = answer.timings_ms or {}
        retrieve.append(float(timings.get("retrieve", 0.0)))
        compose.append(float(timings.get("compose", 0.0)))
        if progress:
            progress("asking", n, len(questions))
    return AskLatency(
        index_dir=str(target),
        load_seconds=load_seconds,
        questions=len(totals),
        p50_ms=percentile(totals, 50) or 0.0,
        p95_ms=percentile(totals, 95) or 0.0,
        max_ms=max(totals),
        mean_retrieve_ms=sum(retrieve) / len(retrieve),
        mean_compose_ms=sum(compose) / len(compose),
        source=source,
        query_encoder=repr(assistant.embedder),
    )
