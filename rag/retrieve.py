"""Dense (FAISS), lexical (bm25s) and hybrid (reciprocal rank fusion) chunk retrieval.

Filters restrict the search itself: the matching chunk ids go to FAISS as an ID selector
and to BM25 as a weight mask, so a filtered search still returns k results whenever at
least k chunks match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from news_rag.index.clean.wire import dateline_place
from news_rag.index.encoders.minilm import Embedder
from news_rag.index.errors import RagError
from news_rag.index.store.ann import AnnSpec, SearchParams
from news_rag.index.store.ann import dense_search as ann_dense_search
from news_rag.index.store.lexical import lexical_search, tokenize_query
from news_rag.index.store.reader import IndexReader
from news_rag.rag.settings import MODES, RetrievalSettings
from news_rag.rag.types import Filters

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class FilterError(RagError):
    """A filter value is invalid (e.g. a malformed date)."""


@dataclass(frozen=True)
class ScoredChunk:
    chunk_id: int
    score: float  # the fused (or single-mode) score used for ranking
    dense: float | None = None  # cosine similarity, when the dense retriever saw it
    bm25: float | None = None


def parse_date(value: str, name: str) -> str:
    """Validate an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) and return it as YYYY-MM-DD."""
    text = value.strip()
    try:
        if len(text) == 4:
            return dt.date(int(text), 1, 1).isoformat()
        if len(text) == 7:
            year, month = text.split("-")
            return dt.date(int(year), int(month), 1).isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise FilterError(f"--{name} {value!r} is not a date; use YYYY-MM-DD") from exc


def filter_clause(filters: Filters) -> tuple[str, list[Any]]:
    """SQL over `articles a` for the filters (case-insensitive substring for names, the
    whole place for the dateline)."""
    parts: list[str] = []
    params: list[Any] = []
    if filters.outlet:
        parts.append("(a.outlet LIKE ? OR a.original_source LIKE ?)")
        params += [f"%{filters.outlet}%"] * 2
    if filters.author:
        parts.append("a.author LIKE ?")
        params.append(f"%{filters.author}%")
    if filters.since:
        parts.append("a.published >= ?")
        params.append(parse_date(filters.since, "since"))
    if filters.until:
        until = filters.until.strip()
        parts.append("a.published <= ?")
        day = parse_date(until, "until")
        params.append(day if len(until) >= 10 else until + "-99")  # whole year/month
    if filters.theme:
        parts.append(
            "a.id IN (SELECT article_id FROM article_themes WHERE theme LIKE ? COLLATE NOCASE)"
        )
        params.append(f"%{filters.theme}%")
    place = dateline_filter(filters)
    if place:
        parts.append("a.dateline = ? COLLATE NOCASE")
        params.append(place)
    return " AND ".join(parts) or "1", params


def dateline_filter(filters: Filters) -> str | None:
    """The place a `dateline` filter asks for, or None.

    A place is matched whole, not as a substring (unlike outlet, author and theme): "YORK"
    must not match "NEW YORK". Case is ignored (SQLite NOCASE: ASCII letters; wire datelines
    are ASCII capitals). A whole dateline given as the value ("HOUSTON, Feb 26 -") is read
    as its place, as at index time (`index.clean.wire.dateline_place`).
    """
    if not filters.dateline or not filters.dateline.strip():
        return None
    return dateline_place(filters.dateline) or " ".join(filters.dateline.split())


class Retriever:
    def __init__(self, reader: IndexReader, embedder: Embedder) -> None:
        self.reader = reader
        self.embedder = embedder

    def allowed_ids(self, filters: Filters | None) -> list[int] | None:
        if filters is None or filters.is_empty():
            return None
        if dateline_filter(filters) and not self.reader.has_datelines():
            return []  # no article has a dateline (older generations lack the column)
        where, params = filter_clause(filters)
        return self.reader.chunk_ids_where(where, params)

    def embed_query(self, query: str) -> npt.NDArray[np.float32]:
        return self.embedder.encode([query])[0]

    def search(
        self,
        query: str,
        k: int,
        settings: RetrievalSettings,
        filters: Filters | None = None,
        query_vector: npt.NDArray[np.float32] | None = None,
    ) -> list[ScoredChunk]:
        if settings.mode not in MODES:
            raise RagError(f"unknown mode {settings.mode!r}; choose one of {', '.join(MODES)}")
        allowed = self.allowed_ids(filters)
        if allowed is not None and not allowed:
            return []
        depth = max(k, settings.candidates)
        dense: list[tuple[int, float]] = []
        lexical: list[tuple[int, float]] = []
        if settings.mode in ("dense", "hybrid"):
            vector = query_vector if query_vector is not None else self.embed_query(query)
            dense = self.dense_search(vector, depth, allowed, settings)
        if settings.mode in ("bm25", "hybrid"):
            lexical = self.bm25_search(query, depth, allowed)
        if settings.mode == "dense":
            return [ScoredChunk(i, s, dense=s) for i, s in dense[:k]]
        if settings.mode == "bm25":
            return [ScoredChunk(i, s, bm25=s) for i, s in lexical[:k]]
        return fuse(dense, lexical, settings)[:k]

    def dense_search(
        self,
        vector: npt.NDArray[np.float32],
        k: int,
        allowed: Sequence[int] | None,
        settings: RetrievalSettings | None = None,
    ) -> list[tuple[int, float]]:
        """Top-k by inner product; never short under a filter (index/store/ann.py)."""
        chosen = settings or RetrievalSettings()
        spec = AnnSpec.from_manifest(self.reader.manifest.get("faiss", {}))
        params = SearchParams.of(
            spec,
            nprobe=chosen.nprobe,
            ef_search=chosen.ef_search,
            exact_filter_max=chosen.exact_filter_max,
        )
        index = self.reader.faiss_index()
        vectors = None if spec.exact else self.reader.vectors()
        return ann_dense_search(index, vector, k, allowed, vectors=vectors, params=params)

    def bm25_search(
        self, query: str, k: int, allowed: Sequence[int] | None
    ) -> list[tuple[int, float]]:
        return lexical_search(
            self.reader.bm25(), tokenize_query(query), k, allowed, self.reader.chunk_count()
        )


def fuse(
    dense: Sequence[tuple[int, float]],
    lexical: Sequence[tuple[int, float]],
    settings: RetrievalSettings,
) -> list[ScoredChunk]:
    """Reciprocal rank fusion: score = sum of weight / (rrf_k + rank), rank from 1."""
    fused: dict[int, float] = {}
    dense_scores = dict(dense)
    bm25_scores = dict(lexical)
    for weight, ranked in ((settings.dense_weight, dense), (settings.bm25_weight, lexical)):
        for rank, (chunk_id, _) in enumerate(ranked, 1):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (settings.rrf_k + rank)
    order = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
    return [ScoredChunk(i, s, dense=dense_scores.get(i), bm25=bm25_scores.get(i)) for i, s in order]
