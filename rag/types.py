"""Result types of the public API. Frozen dataclasses; `to_dict()` is the JSON schema."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceLabel:
    """Who published an article and when."""

    article_id: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    source_path: str
    original_source: str | None = None
    original_published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def render(self) -> str:
        """`outlet · author · date · title`, plus the re-post origin."""
        parts = [p for p in (self.outlet, self.author, self.published, self.title) if p]
        text = " · ".join(parts) if parts else self.article_id
        if self.original_source:
            origin = self.original_source
            if self.original_published:
                origin += f", {self.original_published}"
            text += f" (re-posted from {origin})"
        return text


@dataclass(frozen=True)
class Filters:
    """Restrictions on what is searched. Empty filters search everything."""

    outlet: str | None = None
    author: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    theme: str | None = None

    def is_empty(self) -> bool:
        return not any(asdict(self).values())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its score and source label."""

    article_id: str
    chunk_id: int
    text: str
    score: float
    char_start: int
    char_end: int
    source: SourceLabel
    also_in: tuple[SourceLabel, ...] = ()  # other articles carrying the same passage

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "article_id": self.article_id,
            "chunk_id": self.chunk_id,
            "text": self.text,
            "score": self.score,
            "char_start": self.char_start,
            "char_end": self.char_end,
        }
        data.update({k: v for k, v in self.source.to_dict().items() if k != "article_id"})
        data["also_in"] = [s.to_dict() for s in self.also_in]
        return data


@dataclass(frozen=True)
class Citation:
    """One quoted sentence: `quote == article_text[char_start:char_end]`."""

    n: int
    quote: str
    char_start: int
    char_end: int
    claimant: str
    score: float
    source: SourceLabel
    passage_start: int = 0  # the passage (chunk) the quote was found in
    passage_end: int = 0
    conflict_group: int | None = None  # citations with the same group disagree
    also_in: tuple[SourceLabel, ...] = ()

    @property
    def article_id(self) -> str:
        return self.source.article_id

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"n": self.n}
        data.update(self.source.to_dict())
        data.update(
            {
                "quote": self.quote,
                "char_start": self.char_start,
                "char_end": self.char_end,
                "claimant": self.claimant,
                "score": self.score,
                "passage_start": self.passage_start,
                "passage_end": self.passage_end,
                "conflict_group": self.conflict_group,
                "also_in": [s.to_dict() for s in self.also_in],
            }
        )
        return data


@dataclass(frozen=True)
class Answer:
    """An extractive answer: sentences quoted from the articles, each with a citation."""

    question: str
    answer: str  # rendered text with [n] markers
    abstained: bool
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...] = ()  # what retrieval returned (nearest passages on abstain)
    kind: str = "extractive"  # "extractive", "metadata", "abstain"
    resolved_question: str | None = None  # the follow-up rewritten against history
    conflicts: tuple[tuple[int, ...], ...] = ()  # groups of citation numbers that disagree
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "kind": self.kind,
            "resolved_question": self.resolved_question,
            "citations": [c.to_dict() for c in self.citations],
            "conflicts": [list(g) for g in self.conflicts],
            "passages": [p.to_dict() for p in self.passages],
            "timings_ms": dict(self.timings_ms),
        }
