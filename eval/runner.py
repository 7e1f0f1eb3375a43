"""Run a fixed question set through an Assistant and score every answer.

The assistant is anything with `ask(question) -> Answer`, `search(query, k) ->
list[Passage]` and `conversation()` (whose `ask` continues a dialogue), i.e.
`rag.Assistant`. Follow-up questions are asked in the conversation of the
question they follow; every other question is asked on its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from news_rag.eval.aggregate import breakdown_by_type, summary_report
from news_rag.eval.metrics import (
    abstention_scores,
    answer_accuracy,
    article_retrieval_scores,
    citation_precision,
    citation_recall,
    claimant_correct,
    evidence_retrieval_scores,
    false_abstention,
    false_conflict,
    latency_summary,
    short_answer_accuracy,
    source_label_accuracy,
)
from news_rag.eval.questions import SAMPLE_ARTICLE_METADATA
from news_rag.eval.records import Question
from news_rag.index.errors import RagError

RETRIEVAL_K = 10
RETRIEVAL_FIELDS = ("hit_at_1", "hit_at_5", "recall_at_10", "mrr_at_10", "ndcg_at_10")
METRICS: tuple[str, ...] = (
    "answer_correct",
    "short_answer_correct",
    *(f"article_{name}" for name in RETRIEVAL_FIELDS),
    *(f"evidence_{name}" for name in RETRIEVAL_FIELDS),
    "citation_precision",
    "citation_recall",
    "claimant_correct",
    "source_label_accuracy",
    *("false_conflict_rate", "false_abstention_rate"),
)
# Lower is better: shown beside the headline metrics, not gated by the sample baseline.
RATE_METRICS: tuple[str, ...] = ("false_conflict_rate", "false_abstention_rate")
# Shown under the headline metrics, not gated: the saved baselines predate them.
SHOWN_METRICS: tuple[str, ...] = ("short_answer_correct",)


class Asker(Protocol):
    def ask(self, question: str) -> Any: ...


class AssistantLike(Asker, Protocol):
    def search(self, query: str, k: int = ...) -> Sequence[Any]: ...

    def conversation(self) -> Asker: ...


def asker_for(question: Question, assistant: Any, conversations: dict[str, Any]) -> Any:
    """Who asks `question`: the assistant, or for a follow-up the conversation of the
    question it follows (a new one when that was not asked), remembered under its id."""
    if question.type != "followup":
        return assistant
    asker = conversations.get(question.follows or "") or assistant.conversation()
    conversations[question.id] = asker
    return asker


def _ask(asker: Asker, text: str) -> tuple[dict[str, Any], float, str | None]:
    started = time.perf_counter()
    try:
        answer = asker.ask(text).to_dict()
        error = None
    except RagError as exc:
        answer = {"answer": "", "abstained": True, "citations": [], "passages": []}
        error = str(exc)
    return answer, (time.perf_counter() - started) * 1000.0, error


def score_question(
    question: Question,
    answer: Mapping[str, Any],
    retrieved: Sequence[Any],
    metadata: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    """One result row: every per-question metric (None where it does not apply)."""
    citations = list(answer.get("citations") or [])
    row: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "kind": question.kind,
        "abstained": bool(answer.get("abstained")),
        "answer_correct": answer_accuracy(answer, question),
        "short_answer_correct": short_answer_accuracy(answer, question),
        "citation_precision": citation_precision(citations, question),
        "citation_recall": citation_recall(citations, question),
        "claimant_correct": claimant_correct(citations, question.claimant),
        "source_label_accuracy": source_label_accuracy(citations, metadata),
        "false_conflict_rate": false_conflict(answer, question),
        "false_abstention_rate": false_abstention(answer, question),
        "citations": len(citations),
    }
    for level, scores in (
        ("article", article_retrieval_scores(retrieved, question.articles)),
        ("evidence", evidence_retrieval_scores(retrieved, question.evidence)),
    ):
        for name in RETRIEVAL_FIELDS:
            row[f"{level}_{name}"] = getattr(scores, name) if scores is not None else None
    return row


def run_questions(
    assistant: AssistantLike,
    questions: Sequence[Question],
    metadata: Mapping[str, Mapping[str, Any]] = SAMPLE_ARTICLE_METADATA,
    progress: Callable[[int, int, Question], None] | None = None,
) -> dict[str, Any]:
    """Ask every question, score it, and return a JSON-ready report:
    `{"rows": [...], "summary": {...}, "abstention": {...}, "latency": {...}}`."""
    conversations: dict[str, Asker] = {}
    rows: list[dict[str, Any]] = []
    latencies: list[float] = []
    for number, question in enumerate(questions, start=1):
        if progress is not None:
            progress(number, len(questions), question)
        asker: Asker = asker_for(question, assistant, conversations)
        answer, elapsed_ms, error = _ask(asker, question.question)
        query = answer.get("resolved_question") or question.question
        try:
            retrieved = [p.to_dict() for p in assistant.search(query, k=RETRIEVAL_K)]
        except RagError:
            retrieved = []
        row = score_question(question, answer, retrieved, metadata)
        row.update(
            latency_ms=round(elapsed_ms, 1),
            error=error,
            answer=answer.get("answer"),
            resolved_question=answer.get("resolved_question"),
            retrieved=[
                {"article_id": p.get("article_id"), "chunk_id": p.get("chunk_id")}
                for p in retrieved
            ],
            cited=[
                {
                    key: c.get(key)
                    for key in ("n", "article_id", "quote", "char_start", "char_end", "claimant")
                }
                for c in answer.get("citations") or []
            ],
        )
        rows.append(row)
        latencies.append(elapsed_ms)
    outcomes = [
        (q.answerable, bool(row["abstained"])) for q, row in zip(questions, rows, strict=True)
    ]
    summary = summary_report(rows, METRICS)
    if any(row.get("kind") for row in rows):
        by_kind = breakdown_by_type(rows, METRICS, type_key="kind")
        summary["by_kind"] = {
            kind: {name: ci.to_dict() for name, ci in cis.items()} for kind, cis in by_kind.items()
        }
    return {
        "rows": rows,
        "summary": summary,
        "abstention": abstention_scores(outcomes).to_dict(),
        "latency": latency_summary(latencies),
    }
