"""What the framework retrievers return: text, an id and flat metadata per record.

`unit="quotes"` (the default) gives one record per citation of `Assistant.ask`: the quoted
sentence, its claimant, its offsets, every source-label field and, on the quote that holds
it, the answer's `short_answer` (the answer itself, with offsets inside the quote); an
answer that abstains
gives none. `unit="passages"` gives the retrieved passages (the context an answer is quoted
from) with their offsets and source label, and the quotes found in each with their
claimants. Offsets (`char_start`, `char_end`) refer to the article's cleaned text
(`Assistant.article(id).text`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Literal

from news_rag.rag.render import labels
from news_rag.rag.types import SourceLabel

if TYPE_CHECKING:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.types import Answer, Citation, Filters, Passage

Unit = Literal["quotes", "passages"]
UNITS = ("quotes", "passages")
# every field of a source label, in its order: a field added to SourceLabel is carried too
LABEL_FIELDS = tuple(f.name for f in fields(SourceLabel))


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    score: float
    metadata: dict[str, Any]


def _label(source: SourceLabel) -> dict[str, Any]:
    data = source.to_dict()
    fields = {name: data.get(name) for name in LABEL_FIELDS}
    fields["source_label"] = source.render()
    return fields


def _short(citation: Citation, answer: Answer) -> dict[str, Any] | None:
    """The answer's short answer when this quote holds it (offsets inside the quote)."""
    short = answer.short_answer
    return short.to_dict() if short is not None and short.citation == citation.n else None


def _quote(citation: Citation, answer: Answer) -> Record:
    metadata = _label(citation.source)
    metadata.update(
        claimant=citation.claimant,
        char_start=citation.char_start,
        char_end=citation.char_end,
        passage_start=citation.passage_start,
        passage_end=citation.passage_end,
        citation=citation.n,
        conflict_group=citation.conflict_group,
        also_in=labels(citation.also_in),
        answer_kind=answer.kind,
        offsets="cleaned text",
        short_answer=_short(citation, answer),
    )
    key = f"{citation.article_id}:{citation.char_start}-{citation.char_end}"
    return Record(key, citation.quote, citation.score, metadata)


def _passage(passage: Passage, answer: Answer) -> Record:
    inside = [
        c
        for c in answer.citations
        if c.article_id == passage.article_id
        and passage.char_start <= c.char_start < passage.char_end
    ]
    metadata = _label(passage.source)
    claimants = list(dict.fromkeys(c.claimant for c in inside))
    metadata.update(
        chunk_id=passage.chunk_id,
        char_start=passage.char_start,
        char_end=passage.char_end,
        claimant="; ".join(claimants) or None,  # of the quotes taken from this passage
        quotes=[
            {
                "quote": c.quote,
                "claimant": c.claimant,
                "char_start": c.char_start,
                "char_end": c.char_end,
                "citation": c.n,
            }
            for c in inside
        ],
        also_in=labels(passage.also_in),
        offsets="cleaned text",
    )
    key = f"{passage.article_id}:{passage.char_start}-{passage.char_end}"
    return Record(key, passage.text, passage.score, metadata)


def retrieve_records(
    assistant: Assistant,
    query: str,
    *,
    unit: Unit = "quotes",
    k: int | None = None,
    mode: str | None = None,
    filters: Filters | None = None,
) -> list[Record]:
    """Answer `query` once and turn the answer into records of the chosen `unit`."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)} (got {unit!r})")
    from news_rag.rag.assistant import NoMatchError

    try:
        answer = assistant.ask(query, filters=filters, mode=mode, k=k)
    except NoMatchError:  # the filters exclude every article: nothing to retrieve
        return []
    if unit == "quotes":
        return [_quote(c, answer) for c in answer.citations]
    return [_passage(p, answer) for p in answer.passages]
