"""`Assistant.ask`: parse once, retrieve, answer.

The question is parsed once (`parse(question, history)`; a `Conversation` passes the intent
it parsed against the previous turn). The retrieval query is the intent's query (a
follow-up's carries the previous turn's focus) plus the long forms of the acronyms it uses,
learned from the corpus. Metadata questions are answered from the stored metadata.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from news_rag.rag.answer.corpus import tables
from news_rag.rag.answer.engine import answer
from news_rag.rag.answer.evidence import sentence_ordinal
from news_rag.rag.answer.from_metadata import answer_from_metadata
from news_rag.rag.answer.refusal import abstain
from news_rag.rag.candidates import Candidate
from news_rag.rag.question.acronyms import expansions, spellings
from news_rag.rag.question.intent import METADATA, Intent
from news_rag.rag.question.parse import parse
from news_rag.rag.settings import Settings
from news_rag.rag.types import Answer, Filters, Passage

if TYPE_CHECKING:
    from news_rag.index.store.reader import IndexReader
    from news_rag.rag.assistant import Assistant

# A follow-up prefers the articles the previous answer cited, and avoids repeating its quotes.
FOLLOW_UP_BOOST = 0.05  # set by hand: below the gap between a relevant and an idle sentence
ALREADY_CITED_PENALTY = 0.1
# A follow-up also reads this many sentences after each earlier quote (as `select`'s
# NEIGHBOUR_SPAN: "The first ... The second ...").
CONTINUING_SENTENCES = 2
# ... and prefers them by this much: as much as an earlier quote loses, so that the sentence
# after a quote outranks the quote itself (set by hand, one value, not searched).
CONTINUATION_BOOST = ALREADY_CITED_PENALTY


def _adjuster(
    prefer: Sequence[str],
    already_cited: Sequence[tuple[str, int]],
    following: Sequence[tuple[str, int]] = (),
) -> Any:
    if not prefer and not already_cited:
        return None
    cited, after = set(already_cited), set(following)

    def adjust(candidates: list[Candidate]) -> list[Candidate]:
        out = []
        for c in candidates:
            delta = FOLLOW_UP_BOOST if c.article.id in prefer else 0.0
            if (c.article.id, c.start) in cited:
                delta -= ALREADY_CITED_PENALTY
            if (c.article.id, c.start) in after:
                delta += CONTINUATION_BOOST
            out.append(replace(c, score=round(c.score + delta, 6)) if delta else c)
        return sorted(out, key=lambda c: (-c.score, c.article.id, c.start))

    return adjust


def following_sentences(
    reader: IndexReader, already_cited: Sequence[tuple[str, int]]
) -> list[tuple[str, int]]:
    """(article id, start) of the sentences right after each earlier quote, not quoted
    themselves: what "the first of those" or "what happened next" goes on to."""
    cited = set(already_cited)
    out: list[tuple[str, int]] = []
    for article_id, start in already_cited:
        ordinal = sentence_ordinal(reader, article_id, start)
        if ordinal is None:
            continue
        spans = reader.sentence_spans(article_id)
        for _row, following, _end in spans[ordinal + 1 : ordinal + 1 + CONTINUING_SENTENCES]:
            key = (article_id, following)
            if key not in cited and key not in out:
                out.append(key)
    return out


def continuing_passages(
    reader: IndexReader,
    passages: Sequence[Passage],
    following: Sequence[tuple[str, int]],
    settings: Settings,
) -> list[Passage]:
    """The passages holding `following` that retrieval did not return: a follow-up goes on
    from what was just quoted, whatever the retrieval ranked."""
    from news_rag.rag.passages import build_passages
    from news_rag.rag.retrieve import ScoredChunk

    have = {p.chunk_id for p in passages}
    wanted: list[int] = []
    for article_id, start in following:
        chunk = reader.chunk_at(article_id, start)
        if chunk is not None and chunk not in have and chunk not in wanted:
            wanted.append(chunk)
    scored = [ScoredChunk(chunk, 0.0) for chunk in wanted]
    return build_passages(reader, scored, settings.retrieval.dedupe_jaccard)


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
    following = following_sentences(reader, already_cited)
    if following:
        passages = passages + continuing_passages(reader, passages, following, settings)
    allowed = None
    if filters is not None and not filters.is_empty():
        from news_rag.rag.retrieve import Retriever

        chunk_articles = reader.chunk_article_ids()
        ids = Retriever(reader, assistant.embedder).allowed_ids(filters) or []
        allowed = {chunk_articles[i] for i in ids}
    result = answer(
        intent, query, vector, passages, reader, settings.answer,
        adjust=_adjuster(prefer_articles, already_cited, following), allowed=allowed,
    )  # fmt: skip
    return replace(result, question=text), retrieved
