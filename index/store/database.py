"""Article and chunk metadata in SQLite: written once per generation, then read-only."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from news_rag.index.hashing import text_hash
from news_rag.index.store.diskwrite import writing
from news_rag.index.types import Article, Chunk

SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT, authors TEXT NOT NULL, author TEXT, outlet TEXT, published TEXT,
    original_source TEXT, original_published TEXT, region TEXT,
    themes TEXT NOT NULL, reports TEXT NOT NULL, url TEXT, source_path TEXT NOT NULL,
    format TEXT NOT NULL, content_hash TEXT NOT NULL, near_duplicate_of TEXT,
    text TEXT NOT NULL, dateline TEXT
);
CREATE TABLE article_themes (article_id TEXT NOT NULL, theme TEXT NOT NULL);
CREATE INDEX article_themes_theme ON article_themes(theme COLLATE NOCASE);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,  -- row of vectors.npy and position in the FAISS index
    article_id TEXT NOT NULL REFERENCES articles(id),
    ordinal INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    token_count INTEGER NOT NULL, text TEXT NOT NULL, text_hash TEXT NOT NULL
);
CREATE INDEX chunks_article ON chunks(article_id);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,  -- row of sentence_vectors.npy
    article_id TEXT NOT NULL REFERENCES articles(id),
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text_hash TEXT NOT NULL
);
CREATE INDEX sentences_article ON sentences(article_id);
CREATE TABLE sources (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    article_ids TEXT NOT NULL  -- JSON list
);
CREATE TABLE duplicates (
    article_id TEXT NOT NULL, source_path TEXT NOT NULL, kind TEXT NOT NULL
);
CREATE TABLE repeated_lines (line TEXT PRIMARY KEY);  -- corpus template lines seen so far
"""


@dataclass(frozen=True)
class SourceRecord:
    path: str
    sha256: str
    size: int
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence of an article's cleaned text; its row number is its vector's row."""

    article_id: str
    start: int
    end: int
    text_hash: str


@dataclass(frozen=True)
class DuplicateRecord:
    article_id: str  # the indexed article
    source_path: str  # where the duplicate copy was found
    kind: str  # "exact" or "near"


def write_database(
    path: Path,
    articles: Sequence[Article],
    chunks: Sequence[Chunk],
    chunk_hashes: Sequence[str],
    sources: Iterable[SourceRecord],
    duplicates: Iterable[DuplicateRecord],
    repeated_lines: Iterable[str] = (),
    sentences: Sequence[SentenceSpan] = (),
) -> None:
    with writing(path):  # disk full / read-only: one line naming meta.sqlite
        _write_rows(
            path, articles, chunks, chunk_hashes, sources, duplicates, repeated_lines, sentences
        )


def _write_rows(
    path: Path,
    articles: Sequence[Article],
    chunks: Sequence[Chunk],
    chunk_hashes: Sequence[str],
    sources: Iterable[SourceRecord],
    duplicates: Iterable[DuplicateRecord],
    repeated_lines: Iterable[str],
    sentences: Sequence[SentenceSpan],
) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA)
        conn.executemany(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    a.id, a.title, json.dumps(list(a.authors)), a.author, a.outlet, a.published,
                    a.original_source, a.original_published, a.region,
                    json.dumps(list(a.themes)), json.dumps(list(a.reports)), a.url,
                    a.source_path, a.format, a.content_hash, a.near_duplicate_of, a.text,
                    a.dateline,
                )
                for a in articles
            ],
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO article_themes VALUES (?, ?)",
            [(a.id, t) for a in articles for t in (*a.themes, *a.reports)],
        )
        conn.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?)",
            [
                (i, c.article_id, c.ordinal, c.char_start, c.char_end, c.token_count, c.text, h)
                for i, (c, h) in enumerate(zip(chunks, chunk_hashes, strict=True))
            ],
        )
        conn.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?,?)",
            [(i, s.article_id, s.start, s.end, s.text_hash) for i, s in enumerate(sentences)],
        )
        conn.executemany(
            "INSERT INTO sources VALUES (?,?,?,?)",
            [(s.path, s.sha256, s.size, json.dumps(list(s.article_ids))) for s in sources],
        )
        conn.executemany(
            "INSERT INTO duplicates VALUES (?,?,?)",
            [(d.article_id, d.source_path, d.kind) for d in duplicates],
        )
        conn.executemany(
            "INSERT INTO repeated_lines VALUES (?)", [(line,) for line in sorted(repeated_lines)]
        )
        conn.commit()
    finally:
        conn.close()


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection usable from any thread (reads are serialised by the caller)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def row_to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        source_path=row["source_path"],
        content_hash=row["content_hash"],
        title=row["title"],
        authors=tuple(json.loads(row["authors"])),
        outlet=row["outlet"],
        published=row["published"],
        original_source=row["original_source"],
        original_published=row["original_published"],
        region=row["region"],
        themes=tuple(json.loads(row["themes"])),
        reports=tuple(json.loads(row["reports"])),
        url=row["url"],
        format=row["format"],
        near_duplicate_of=row["near_duplicate_of"],
        # older generations have no dateline column (`in row` would search the values)
        dateline=row["dateline"] if "dateline" in row.keys() else None,  # noqa: SIM118
    )


def read_articles(conn: sqlite3.Connection) -> list[Article]:
    rows = conn.execute("SELECT * FROM articles ORDER BY id").fetchall()
    return [row_to_article(r) for r in rows]


def read_chunks(conn: sqlite3.Connection) -> tuple[list[Chunk], list[str]]:
    rows = conn.execute("SELECT * FROM chunks ORDER BY id").fetchall()
    chunks = [
        Chunk(
            article_id=r["article_id"],
            ordinal=r["ordinal"],
            text=r["text"],
            char_start=r["char_start"],
            char_end=r["char_end"],
            token_count=r["token_count"],
        )
        for r in rows
    ]
    return chunks, [r["text_hash"] for r in rows]


def read_sources(conn: sqlite3.Connection) -> list[SourceRecord]:
    rows = conn.execute("SELECT * FROM sources ORDER BY path").fetchall()
    return [
        SourceRecord(r["path"], r["sha256"], r["size"], tuple(json.loads(r["article_ids"])))
        for r in rows
    ]


def read_duplicates(conn: sqlite3.Connection) -> list[DuplicateRecord]:
    rows = conn.execute("SELECT * FROM duplicates ORDER BY article_id, source_path").fetchall()
    return [DuplicateRecord(r["article_id"], r["source_path"], r["kind"]) for r in rows]


def chunk_counts(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT article_id, COUNT(*) AS n FROM chunks GROUP BY article_id")
    return {r["article_id"]: r["n"] for r in rows}


def read_repeated_lines(conn: sqlite3.Connection) -> frozenset[str]:
    return frozenset(r["line"] for r in conn.execute("SELECT line FROM repeated_lines"))


def read_sentences(conn: sqlite3.Connection) -> list[SentenceSpan]:
    rows = conn.execute("SELECT * FROM sentences ORDER BY id").fetchall()
    return [
        SentenceSpan(r["article_id"], r["char_start"], r["char_end"], r["text_hash"]) for r in rows
    ]


def read_verified_articles(conn: sqlite3.Connection) -> tuple[list[Article], list[str]]:
    """The articles whose text is proven intact, and the ids of those whose text is not."""
    chunk_rows = conn.execute("SELECT article_id, char_start, text, text_hash FROM chunks")
    return verify_articles(conn.execute("SELECT * FROM articles ORDER BY id"), chunk_rows)


def verify_articles(
    article_rows: Iterable[sqlite3.Row], chunk_rows: Iterable[Sequence[object]]
) -> tuple[list[Article], list[str]]:
    """Articles whose text is proven intact (else their ids), from rows of both tables.

    A text is intact when its sha256 is the stored content_hash, or when its chunks (each
    matching its own text_hash) are slices of it that cover all of it (the hash column itself
    was hit). A text that is neither is rebuilt from its intact chunks over the damaged text
    and kept if that matches content_hash: a damaged byte has a good copy in a chunk.
    """
    chunks: dict[str, list[tuple[int, str, str]]] = {}
    for article_id, start, body, digest in chunk_rows:
        chunks.setdefault(str(article_id), []).append((int(str(start)), str(body), str(digest)))
    kept: list[Article] = []
    damaged: list[str] = []
    for row in article_rows:
        try:
            article = row_to_article(row)
        except (ValueError, TypeError, AttributeError):  # a JSON column no longer parses
            damaged.append(str(row["id"]))
            continue
        ok_types = isinstance(article.text, str) and isinstance(article.content_hash, str)
        text = _intact_text(article, chunks.get(article.id, [])) if ok_types else None
        if text is None:
            damaged.append(article.id)
        else:
            kept.append(replace(article, text=text, content_hash=text_hash(text)))
    return kept, damaged


def _intact_text(article: Article, chunks: list[tuple[int, str, str]]) -> str | None:
    text = article.text
    if text_hash(text) == article.content_hash:
        return text
    good = [(start, body) for start, body, digest in chunks if text_hash(body) == digest]
    if len(good) == len(chunks) and _covers(text, good):
        return text  # the chunks vouch for every byte of it: the hash column was hit
    patched = list(text)
    for start, body in good:
        patched[start : start + len(body)] = body
    rebuilt = "".join(patched)
    return rebuilt if text_hash(rebuilt) == article.content_hash else None


def _covers(text: str, chunks: list[tuple[int, str]]) -> bool:
    """Whether `chunks` are slices of `text` that together cover all of it."""
    covered = 0
    for start, body in sorted(chunks):
        if text[start : start + len(body)] != body or start > covered:
            return False
        covered = max(covered, start + len(body))
    return bool(chunks) and covered >= len(text)
