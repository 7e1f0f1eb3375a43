"""Small records of the evaluation: a gold question and the scores computed for it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal, cast

QuestionType = Literal[
    "factoid",
    "attribution",
    "metadata",
    "multi_article",
    "conflict",
    "paraphrase",
    "followup",
    "unanswerable",
]
QUESTION_TYPES: tuple[QuestionType, ...] = (
    "factoid",
    "attribution",
    "metadata",
    "multi_article",
    "conflict",
    "paraphrase",
    "followup",
    "unanswerable",
)


@dataclass(frozen=True)
class Question:
    """One fixed regression question with its gold answers, articles and evidence.

    `answers` are accepted aliases (any one suffices, except for `conflict`
    questions, where every alias is one side of the disagreement and all are
    required). `evidence` holds gold sentences copied verbatim from the articles.
    `follows` names the question this follow-up continues in a conversation.
    `kind` is an optional finer label of what is asked (quantity, when, who,
    what_said, factoid, unanswerable), used by the Reuters sets for breakdowns.
    """

    id: str
    type: QuestionType
    question: str
    answers: tuple[str, ...]
    articles: tuple[str, ...]
    evidence: tuple[str, ...]
    claimant: str | None = None
    follows: str | None = None
    notes: str | None = None
    kind: str | None = None

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        return cls(
            id=str(data["id"]),
            type=cast(QuestionType, data["type"]),
            question=str(data["question"]),
            answers=tuple(data.get("answers") or ()),
            articles=tuple(data.get("articles") or ()),
            evidence=tuple(data.get("evidence") or ()),
            claimant=data.get("claimant"),
            follows=data.get("follows"),
            notes=data.get("notes"),
            kind=data.get("kind"),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("answers", "articles", "evidence"):
            data[key] = list(data[key])
        for key in ("notes", "kind"):
            if data[key] is None:
                del data[key]
        return data


@dataclass(frozen=True)
class RetrievalScores:
    """Ranking quality of one result list against one gold set (binary relevance)."""

    hit_at_1: float
    hit_at_5: float
    recall_at_10: float
    mrr_at_10: float
    ndcg_at_10: float

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class AbstentionScores:
    """Abstention as a classifier; the positive class is "abstained".

    `precision` is None when nothing abstained, `recall` is None when there is no
    unanswerable question (a zero denominator is "not applicable", never 0).
    """

    precision: float | None
    recall: float | None
    true_positives: int
    abstained: int
    unanswerable: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class MeanCI:
    """A mean over the applicable values and its bootstrap confidence interval.

    All three numbers are None when no value was applicable (`n == 0`).
    """

    mean: float | None
    low: float | None
    high: float | None
    n: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
