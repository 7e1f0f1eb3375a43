"""Result types of the public API. Frozen dataclasses; `to_dict()` is the JSON schema and
`from_dict()` its inverse (saved chat sessions are stored in that form)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
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
    dateline: str | None = None  # the wire dateline's place ("HOUSTON"), or a `places` field

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceLabel:
        """A label from `to_dict()`, or from the label fields of a passage or citation dict."""
        names = [f.name for f in fields(cls) if f.name != "article_id"]
        values: dict[str, Any] = {name: data.get(name) for name in names}
        values["source_path"] = str(values["source_path"] or "")
        return cls(article_id=str(data.get("article_id", "")), **values)

    def render(self) -> str:
        """`outlet · PLACE · author · date · title`, plus the re-post origin.

        PLACE is the dateline's place as stored ("Reuters · HOUSTON · 1987-02-26 · ...");
        a label without a dateline reads `outlet · author · date · title`.
        """
        fields = (self.outlet, self.dateline, self.author, self.published, self.title)
        parts = [p for p in fields if p]
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
    # The dateline's place, matched whole and case-insensitively ("houston" = "HOUSTON",
    # but not "NEW HOUSTON"): rag/retrieve.py `filter_clause`.
    dateline: str | None = None

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        return cls(
            article_id=str(data["article_id"]),
            chunk_id=int(data["chunk_id"]),
            text=str(data["text"]),
            score=float(data.get("score") or 0.0),
            char_start=int(data["char_start"]),
            char_end=int(data["char_end"]),
            source=SourceLabel.from_dict(data),
            also_in=tuple(SourceLabel.from_dict(s) for s in data.get("also_in") or ()),
        )


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
    event_date: str | None = None  # ISO date of the event the quote reports, when known

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
        if self.event_date is not None:  # optional: absent until the answer layer sets it
            data["event_date"] = self.event_date
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Citation:
        group = data.get("conflict_group")
        event_date = data.get("event_date")
        return cls(
            n=int(data["n"]),
            quote=str(data["quote"]),
            char_start=int(data["char_start"]),
            char_end=int(data["char_end"]),
            claimant=str(data.get("claimant") or ""),
            score=float(data.get("score") or 0.0),
            source=SourceLabel.from_dict(data),
            passage_start=int(data.get("passage_start") or 0),
            passage_end=int(data.get("passage_end") or 0),
            conflict_group=None if group is None else int(group),
            also_in=tuple(SourceLabel.from_dict(s) for s in data.get("also_in") or ()),
            event_date=None if event_date is None else str(event_date),
        )


@dataclass(frozen=True)
class BalanceEntry:
    """A claimant (with the outlet that reports them) and how often they are heard; in
    `Balance.also_in_results`, also the indexes of those passages in `Answer.passages`."""

    claimant: str
    outlet: str | None
    count: int
    passage_indexes: tuple[int, ...] | None = None  # None in `rests_on`

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"claimant": self.claimant, "outlet": self.outlet}
        data["count"] = self.count
        if self.passage_indexes is not None:
            data["passage_indexes"] = list(self.passage_indexes)
        return data

    @classmethod
    def list_from(cls, raw: Any, uncited: bool) -> tuple[BalanceEntry, ...]:
        """The entries of one JSON list; malformed ones are skipped, never kept half."""
        entries = []
        for item in raw if isinstance(raw, list) else ():
            if not isinstance(item, dict) or not isinstance(item.get("claimant"), str):
                continue
            outlet = item.get("outlet")
            indexes = item.get("passage_indexes") or ()
            entries.append(
                cls(
                    claimant=item["claimant"],
                    outlet=outlet if isinstance(outlet, str) else None,
                    count=int(item.get("count") or 1),
                    passage_indexes=tuple(i for i in indexes if isinstance(i, int))
                    if uncited
                    else None,
                )
            )
        return tuple(entries)


@dataclass(frozen=True)
class Balance:
    """Whose word an answer rests on (its citations by claimant and outlet), and who else
    in the results speaks to the question without being cited (rag/answer/balance.py)."""

    rests_on: tuple[BalanceEntry, ...] = ()
    also_in_results: tuple[BalanceEntry, ...] = ()

    def is_empty(self) -> bool:
        return not self.rests_on and not self.also_in_results

    def uncited_passages(self, passages: int) -> list[int]:
        """Indexes (below `passages`) of what else in the results speaks to the question."""
        seen: list[int] = []
        for entry in self.also_in_results:
            for index in entry.passage_indexes or ():
                if 0 <= index < passages and index not in seen:
                    seen.append(index)
        return seen

    def to_dict(self) -> dict[str, Any]:
        """{"rests_on": [{"claimant", "outlet", "count"}],
        "also_in_results": [{"claimant", "outlet", "count", "passage_indexes"}]}"""
        return {
            "rests_on": [e.to_dict() for e in self.rests_on],
            "also_in_results": [e.to_dict() for e in self.also_in_results],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Balance:
        return cls(
            BalanceEntry.list_from(data.get("rests_on"), uncited=False),
            BalanceEntry.list_from(data.get("also_in_results"), uncited=True),
        )


@dataclass(frozen=True)
class ShortAnswer:
    """The answer itself, said first: the span of the asked-for type ("400 mln dlrs", a
    person, a date) in the quote of citation `citation`, taken from the index-time analysis.
    `quote[start:end] == text` for that citation's quote, and `article_text[char_start:
    char_end] == text` for its article's cleaned text."""

    text: str
    label: str  # the entity label: PERSON, ORG, GPE, MONEY, QUANTITY, PERCENT, DATE, CARDINAL
    citation: int  # the `n` of the citation whose quote holds it
    start: int  # offsets inside that quote
    end: int
    char_start: int  # offsets in the article's cleaned text
    char_end: int
    date: str | None = None  # the ISO date a DATE span resolves to, when the analysis has it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShortAnswer:
        date = data.get("date")
        return cls(
            text=str(data["text"]),
            label=str(data["label"]),
            citation=int(data["citation"]),
            start=int(data["start"]),
            end=int(data["end"]),
            char_start=int(data["char_start"]),
            char_end=int(data["char_end"]),
            date=None if date is None else str(date),
        )


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
    balance: Balance | None = None  # who the answer rests on; None if absent
    short_answer: ShortAnswer | None = None  # the asked-for span, said first; None if none
    # Quotes left out of the answer text, on request (`rag ask --all`, the chat's key): the
    # rest of X's statements for "What did X say?", and the other sentences that were
    # chosen but add nothing to the one quote that proves the answer. Numbered after
    # `citations`.
    more_citations: tuple[Citation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "kind": self.kind,
            "resolved_question": self.resolved_question,
            "citations": [c.to_dict() for c in self.citations],
            "conflicts": [list(g) for g in self.conflicts],
            "passages": [p.to_dict() for p in self.passages],
            "timings_ms": dict(self.timings_ms),
            "short_answer": self.short_answer.to_dict() if self.short_answer else None,
            "more_citations": [c.to_dict() for c in self.more_citations],
        }
        if self.balance is not None:  # optional: absent until the answer layer sets it
            data["balance"] = self.balance.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """The inverse of `to_dict()`; raises KeyError/ValueError/TypeError on a damaged dict."""
        balance = data.get("balance")
        if balance is not None and not isinstance(balance, dict):
            raise TypeError(f"balance must be an object, not {type(balance).__name__}")
        return cls(
            question=str(data["question"]),
            answer=str(data["answer"]),
            abstained=bool(data.get("abstained")),
            citations=tuple(Citation.from_dict(c) for c in data.get("citations") or ()),
            passages=tuple(Passage.from_dict(p) for p in data.get("passages") or ()),
            kind=str(data.get("kind") or "extractive"),
            resolved_question=data.get("resolved_question"),
            conflicts=tuple(tuple(int(n) for n in g) for g in data.get("conflicts") or ()),
            timings_ms={str(k): float(v) for k, v in (data.get("timings_ms") or {}).items()},
            balance=None if balance is None else Balance.from_dict(balance),
            short_answer=_short_answer(data.get("short_answer")),
            more_citations=tuple(Citation.from_dict(c) for c in data.get("more_citations") or ()),
        )


def _short_answer(data: Any) -> ShortAnswer | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise TypeError(f"short_answer must be an object, not {type(data).__name__}")
    return ShortAnswer.from_dict(data)
