"""Which questions of an eval run failed, and how: what a person acts on after the table.

Kinds, in the order they are listed: a refusal of an answerable question, an answer to an
unanswerable one, a wrong answer, a right answer whose short answer (said first) is wrong,
a wrong claimant, a disagreement the sources do not have.
A question can fail in more than one way; it is listed under each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from news_rag.eval.records import Question

KINDS: tuple[str, ...] = (
    "refused wrongly",
    "should have refused",
    "wrong answer",
    "wrong short answer",
    "wrong claimant",
    "false conflict",
)
QUOTE_CHARS = 160  # a first citation is shown up to this long: one line of a report


@dataclass(frozen=True)
class Failure:
    id: str
    kind: str
    question: str
    expected: str
    got: str
    first_citation: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def failure_kinds(row: Mapping[str, Any], question: Question) -> list[str]:
    """The kinds of failure of one report row (empty: it passed)."""
    kinds = []
    if question.answerable and row.get("abstained"):
        kinds.append("refused wrongly")
    if not question.answerable and not row.get("abstained"):
        kinds.append("should have refused")
    if question.answerable and not row.get("abstained") and row.get("answer_correct") is False:
        kinds.append("wrong answer")
    if row.get("answer_correct") is True and row.get("short_answer_correct") is False:
        kinds.append("wrong short answer")  # the gold answer is only in a quote below it
    if row.get("claimant_correct") is False:
        kinds.append("wrong claimant")
    if row.get("false_conflict_rate") is True:
        kinds.append("false conflict")
    return kinds


def _expected(question: Question) -> str:
    if not question.answerable:
        return "a refusal"
    claimant = f" (claimant: {question.claimant})" if question.claimant else ""
    return " | ".join(question.answers) + claimant if question.answers else claimant.strip()


def _got(row: Mapping[str, Any]) -> str:
    if row.get("abstained"):
        return "a refusal"
    lines = str(row.get("answer") or "").strip().splitlines()
    return lines[0] if lines else ""


def _first_citation(row: Mapping[str, Any]) -> str:
    cited = row.get("cited") or []
    if not cited:
        return ""
    first = cited[0]
    quote = " ".join(str(first.get("quote") or "").split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1] + "…"
    claimant = f" (claimant: {first['claimant']})" if first.get("claimant") else ""
    return f"{first.get('article_id')}: “{quote}”{claimant}"


def failures(report: Mapping[str, Any], questions: Sequence[Question]) -> list[Failure]:
    """Every failure of the run, grouped by kind (in `KINDS` order), then by question id."""
    by_id = {q.id: q for q in questions}
    out: list[Failure] = []
    for row in report.get("rows") or []:
        question = by_id.get(str(row.get("id")))
        if question is None:
            continue
        for kind in failure_kinds(row, question):
            out.append(
                Failure(
                    str(row["id"]), kind, question.question, _expected(question), _got(row),
                    _first_citation(row),
                )
            )  # fmt: skip
    out.sort(key=lambda f: (KINDS.index(f.kind), f.id))
    return out
