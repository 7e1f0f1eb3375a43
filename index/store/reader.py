"""Read access to the live index generation: metadata, chunks, FAISS and BM25.

Everything that knows the on-disk format lives in `index/`; the read path (`rag/`) uses
this class. The generation is verified (checksums) when opened, and the reader pins it:
at open time it opens meta.sqlite, memory-maps both .npy files, reads the FAISS index and
memory-maps BM25, so a later writer's clean-up (which unlinks old generations) cannot
break it: on Linux an unlinked file stays readable while it is open or mapped. With
`pin=False` (quick commands such as `rag info`) FAISS and BM25 load lazily instead.
The object is safe to share between threads.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from news_rag.index.analysis.name_forms import stored_acronyms, stored_spellings
from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.analysis.store import (
    claimed_sentences,
    has_table,
    matching_claimants,
    read_analysis,
)
from news_rag.index.errors import IndexCorruptError, RagError
from news_rag.index.store.database import chunk_counts, connect_readonly, row_to_article
from news_rag.index.store.generations import repair_hint
from news_rag.index.store.lexical import load_bm25
from news_rag.index.store.publish import Generation, disk_usage, open_generation
from news_rag.index.store.tables import PAGE_ROWS, ArticleTable, ChunkArticleIds
from news_rag.index.store.vectors import load_vectors, read_faiss
from news_rag.index.types import Article

# Articles whose text, sentence spans and analysis a reader keeps once read (least recently used
# dropped first): a question reads 10-24 articles, so this covers hundreds of questions while
# memory stays bounded at any corpus size (reading all at once took 140 MB of spans alone
# at 100k chunks: eval/RESULTS.md, "Serving memory").
ARTICLE_CACHE_SIZE = 4096


@dataclass(frozen=True)
class ChunkRecord:
    id: int
    article_id: str
    ordinal: int
    char_start: int
    char_end: int
    text: str


class IndexReader:
    def __init__(self, generation: Generation, *, pin: bool = True) -> None:
        self.generation = generation
        self._lock = threading.RLock()
        self._conn = connect_readonly(generation.file("meta.sqlite"))
        self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()  # opens the file now
        self._faiss: Any = None
        self._bm25: Any = None
        # Per-article reads, kept for the most recently asked-about articles only, so that
        # memory does not grow with the corpus (a question touches 10-24 articles).
        self._article_of = lru_cache(maxsize=ARTICLE_CACHE_SIZE)(self._read_article)
        self._spans_of = lru_cache(maxsize=ARTICLE_CACHE_SIZE)(self._read_spans)
        self._analysis_of = lru_cache(maxsize=ARTICLE_CACHE_SIZE)(self._read_analysis)
        self._has_analysis: bool | None = None
        self.acronyms = stored_acronyms(self._query)  # short form -> long forms
        self.spellings = stored_spellings(self._query)  # squashed name -> its spellings
        self._sentence_vectors: Any = None
        self._vectors: Any = None
        if pin:
            try:
                self.vectors()
                self.sentence_vectors()
                self.faiss_index()
                self.bm25()
            except BaseException:
                self._conn.close()
                raise

    @classmethod
    def open(cls, index_dir: Path, *, verify: bool = True, pin: bool = True) -> IndexReader:
        generation = open_generation(index_dir, verify=verify)
        try:
            return cls(generation, pin=pin)
        except sqlite3.DatabaseError as exc:
            raise IndexCorruptError(
                f"{generation.file('meta.sqlite')}: unreadable ({exc}); {repair_hint(index_dir)}"
            ) from exc

    @property
    def name(self) -> str:
        """The generation's directory name ("gen-000003")."""
        return self.generation.path.name

    @property
    def index_dir(self) -> Path:
        return self.generation.index_dir

    @property
    def manifest(self) -> dict[str, Any]:
        return self.generation.manifest

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                raise IndexCorruptError(
                    f"{self.generation.file('meta.sqlite')}: {exc}; {repair_hint(self.index_dir)}"
                ) from exc

    # --- articles -------------------------------------------------------------------
    def articles(self) -> Mapping[str, Article]:
        """Every article by id, in id order, read from meta.sqlite as it is used (a lookup
        reads one row, iterating reads pages): nothing of the corpus is held in memory."""
        return ArticleTable(self._query, self._article_of)

    def article(self, article_id: str) -> Article:
        """One article, read alone (a question needs a few articles, not the corpus)."""
        article = self._article_of(article_id)
        if article is None:
            raise RagError(f"no article with id {article_id!r} in {self.index_dir}")
        return article

    def has_datelines(self) -> bool:
        """Whether any article has a dateline (one query; older generations have no such
        column: then none)."""
        columns = {r[1] for r in self._query("PRAGMA table_info(articles)")}
        if "dateline" not in columns:
            return False
        sql = "SELECT 1 FROM articles WHERE dateline IS NOT NULL AND dateline != '' LIMIT 1"
        return bool(self._query(sql))

    def _read_article(self, article_id: str) -> Article | None:
        rows = self._query("SELECT * FROM articles WHERE id = ?", (article_id,))
        return row_to_article(rows[0]) if rows else None

    def article_rows(self) -> list[dict[str, Any]]:
        with self._lock:
            counts = chunk_counts(self._conn)
        rows = []
        for article in self.articles().values():
            row = article.to_dict()
            row.pop("text")
            row["chunks"] = counts.get(article.id, 0)
            rows.append(row)
        return rows

    # --- chunks ---------------------------------------------------------------------
    def chunk_count(self) -> int:
        return int(self.manifest["counts"]["chunks"])

    def chunk(self, chunk_id: int) -> ChunkRecord:
        rows = self._query(
            "SELECT id, article_id, ordinal, char_start, char_end, text FROM chunks WHERE id = ?",
            (int(chunk_id),),
        )
        if not rows:
            raise IndexCorruptError(f"{self.index_dir}: chunk {chunk_id} is missing")
        r = rows[0]
        return ChunkRecord(
            r["id"], r["article_id"], r["ordinal"], r["char_start"], r["char_end"], r["text"]
        )

    def chunk_article_ids(self) -> ChunkArticleIds:
        """article_id of every chunk, indexed by chunk id (each read when it is asked for)."""
        return ChunkArticleIds(self._query, self.chunk_count())

    def chunk_at(self, article_id: str, offset: int) -> int | None:
        """The id of the first chunk of `article_id` holding character `offset`, if any."""
        rows = self._query(
            "SELECT id FROM chunks WHERE article_id = ? AND char_start <= ? AND char_end > ? "
            "ORDER BY id LIMIT 1",
            (article_id, int(offset), int(offset)),
        )
        return int(rows[0][0]) if rows else None

    def chunk_ids_where(self, where: str, params: Sequence[Any]) -> list[int]:
        """Chunk ids whose article matches an SQL condition over `articles a`."""
        sql = (
            "SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id "
            f"WHERE {where} ORDER BY c.id"
        )
        return [r[0] for r in self._query(sql, params)]

    # --- sentences ------------------------------------------------------------------
    def sentence_spans(self, article_id: str) -> list[tuple[int, int, int]]:
        """(row, char_start, char_end) of each sentence of an article, in text order."""
        return list(self._spans_of(article_id))

    def _read_spans(self, article_id: str) -> tuple[tuple[int, int, int], ...]:
        rows = self._query(
            "SELECT id, char_start, char_end FROM sentences WHERE article_id = ? ORDER BY id",
            (article_id,),
        )
        return tuple((int(r[0]), int(r[1]), int(r[2])) for r in rows)

    def sentence_analysis(self, article_id: str) -> list[SentenceAnalysis]:
        """The stored index-time analysis of each sentence of an article, in text order
        ([] when the generation has no `sentence_analysis` table)."""
        return list(self._analysis_of(article_id))

    def _read_analysis(self, article_id: str) -> tuple[SentenceAnalysis, ...]:
        return tuple(self._analysis_query(read_analysis, article_id) or ())

    def explicit_claimants(self) -> list[str]:
        """Every claimant the articles name (not an author or outlet fallback), once each,
        in name order (read from the claimant index when asked; not kept)."""
        return self.claimants_matching(lambda _name: True)

    def claimants_matching(self, matches: Callable[[str], bool]) -> list[str]:
        """The explicit claimants that `matches` accepts, in name order: streamed from the
        claimant index a page at a time, so no list of every claimant is held."""
        with self._lock:
            if not self._analysis_query(lambda _conn: True):
                return []
            return matching_claimants(self._query, matches, PAGE_ROWS)

    def claimed_sentences(self, claimants: Sequence[str]) -> list[tuple[str, int, int, int]]:
        """(article_id, ordinal, start, end) of the sentences these claimants assert."""
        return self._analysis_query(claimed_sentences, claimants) or []

    def _analysis_query(self, read: Callable[..., Any], *args: Any) -> Any:
        """`read(conn, *args)` on the analysis tables; None when the generation has none."""
        with self._lock:
            try:
                if self._has_analysis is None:
                    self._has_analysis = has_table(self._conn)
                return read(self._conn, *args) if self._has_analysis else None
            except sqlite3.DatabaseError as exc:
                raise IndexCorruptError(
                    f"{self.generation.file('meta.sqlite')}: {exc}; {repair_hint(self.index_dir)}"
                ) from exc

    def _map(self, name: str, rows: int) -> Any:
        path = self.generation.file(name)
        try:
            array = load_vectors(path, mmap=True)
        except (OSError, ValueError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            hint = repair_hint(self.index_dir)
            raise IndexCorruptError(f"{path}: unreadable ({reason}); {hint}") from exc
        if len(array) != rows:
            hint = repair_hint(self.index_dir)
            raise IndexCorruptError(f"{path}: {len(array)} rows, not {rows}; {hint}")
        return array

    def sentence_vectors(self) -> Any:
        """The embedding of every sentence (row = sentence id), memory-mapped once."""
        with self._lock:
            if self._sentence_vectors is None:
                rows = self.manifest["counts"].get("sentences")
                if rows is None:
                    rows = int(self._query("SELECT COUNT(*) FROM sentences")[0][0])
                self._sentence_vectors = self._map("sentence_vectors.npy", rows)
            return self._sentence_vectors

    def vectors(self) -> Any:
        """The embedding of every chunk (row = chunk id), memory-mapped once."""
        with self._lock:
            if self._vectors is None:
                self._vectors = self._map("vectors.npy", self.chunk_count())
            return self._vectors

    # --- search structures ----------------------------------------------------------
    def faiss_index(self) -> Any:
        with self._lock:
            if self._faiss is None:
                path = self.generation.file("vectors.faiss")
                try:
                    self._faiss = read_faiss(path)
                except (OSError, RuntimeError) as exc:
                    raise IndexCorruptError(
                        f"{path}: unreadable FAISS index; {repair_hint(self.index_dir)}"
                    ) from exc
            return self._faiss

    def bm25(self) -> Any:
        with self._lock:
            if self._bm25 is None:
                path = self.generation.file("bm25")
                try:
                    self._bm25 = load_bm25(path, mmap=True)
                except (OSError, ValueError, KeyError) as exc:
                    raise IndexCorruptError(
                        f"{path}: unreadable BM25 index; {repair_hint(self.index_dir)}"
                    ) from exc
            return self._bm25

    # --- summary --------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        manifest = self.manifest
        return {
            "index_dir": str(self.index_dir),
            "corpus_id": manifest.get("corpus_id"),
            "generation": manifest["generation"],
            "articles": manifest["counts"]["articles"],
            "chunks": manifest["counts"]["chunks"],
            "sources": manifest["counts"].get("sources"),
            "model": manifest["model"]["name"],
            "model_weights_sha256": manifest["model"]["weights_sha256"],
            "dimension": manifest["model"]["dimension"],
            "faiss": manifest["faiss"]["factory"],
            "chunker": manifest["chunker"],
            "bytes": disk_usage(self.generation.path),
            "created_at": manifest["created_at"],
            "updated_at": manifest["updated_at"],
            "format_version": manifest["format_version"],
        }

    def close(self) -> None:
        """Release the files (the reader must not be used afterwards)."""
        with self._lock:
            self._conn.close()
            self._faiss = self._bm25 = self._vectors = self._sentence_vectors = None
