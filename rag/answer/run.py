"""`Assistant.ask` with `answer.engine = "analysis"`: parse once, retrieve, answer.

The question is parsed once (`parse(question, history)`; a `Conversation` passes the intent
it parsed against the previous turn). The retrieval query is the intent's query (a
follow-up's carries the previous turn's focus) plus the long forms of the acronyms it uses,
learned from the corpus. Metadata questions are answered from the stored metadata.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from news_rag.rag.answer.acronyms import expansions, spellings
from news_rag.rag.answer.corpus import tables
from news_rag.rag.answer.engine import answer
from news_rag.rag.answer.intent import parse
from news_rag.rag.answer.types import METADATA, Intent
from news_rag.rag.candidates import Candidate
from news_rag.rag.compose import abstain
from news_rag.rag.metadata_answers import answer_from_metadata
from news_rag.rag.settings import Settings
from news_rag.rag.types import Answer, Filters

if TYPE_CHECKING:
    from news_rag.rag.assistant import Assistant

# A follow-up prefers the articles the previous answer cited, and avoids repeating its quotes.
FOLLOW_UP_BOOST = 0.05  # as the legacy engine (rag/legacy_answer.py)
ALREADY_CITED_PENALTY = 0.1


def _adjuster(prefer: Sequence[str], already_cited: Sequence[tuple[str, int]]) -> Any:
    if not prefer and not already_cited:
        return None
    cited = set(already_cited)

    def adjust(candidates: list[Candidate]) -> list[Candidate]:
        out = []
        for c in candidates:
            delta = FOLLOW_UP_BOOST if c.article.id in prefer else 0.0
            if (c.article.id, c.start) in cited:
                delta -= ALREADY_CITED_PENALTY
            out.append(replace(c, score=round(c.score + delta, 6)) if delta else c)
        return sorted(out, key=lambda c: (-c.score, c.article.id, c.start))

    return adjust


def ask_analysis(
    assistant: Assistant,
    text: str,
    settings: Settings,
    filters: Filters | None,
    intent: Intent | None,
    prefer_articles: Sequence[str] = (),
    already_cited: Sequence[tuple[str, int]] = (),
) -> tuple[Answer, float]:
    """The answer, and the seconds spent before composing (parse and retrieval)."""
    import time

    started = time.perf_counter()
    intent = intent if intent is not None else parse(text)
    reader = assistant.reader
    query = intent.query or text
    corpus = tables(reader)
    extra = expansions(query, corpus.acronyms) + spellings(query, corpus.spellings)
    if extra:
        query = " ".join([query, *extra])
    vector = assistant.embedder.embed([query])[0]
    passages = assistant._retrieve(query, settings.retrieval.k, settings, filters, vector)
    retrieved = time.perf_counter() - started
    if not passages:
        return abstain(text, passages), retrieved
    if intent.answer_kind == METADATA and intent.metadata_field:
        found = answer_from_metadata(assistant, text, intent.metadata_field, vector, passages)
        if found is not None:
            return found, retrieved
    allowed = None
    if filters is not None and not filters.is_empty():
        from news_rag.rag.retrieve import Retriever

        chunk_articles = reader.chunk_article_ids()
        ids = Retriever(reader, assistant.embedder).allowed_ids(filters) or []
        allowed = {chunk_articles[i] for i in ids}
    result = answer(
        intent, query, vector, passages, reader, settings.answer,
        adjust=_adjuster(prefer_articles, already_cited), allowed=allowed,
    )  # fmt: skip
    return replace(result, question=text), retrieved
