"""The `sentence_analysis` table of meta.sqlite: one row per sentence, keyed by
(article_id, ordinal).

Each row carries the sentence's text hash and the article's analysis input hash
(`ArticleInput.input_hash`: text, spans, publication date, author, outlet and the analysis
version). An article whose input hash matches its stored rows is never analysed again;
`reuse_or_analyse` does that check for a batch of articles.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis

SCHEMA = """
CREATE TABLE IF NOT EXISTS sentence_analysis (
    article_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text_hash TEXT NOT NULL,   -- sha256 of the sentence text
    input_hash TEXT NOT NULL,  -- ArticleInput.input_hash() of the whole article
    claimant TEXT,
    claimant_explicit INTEGER NOT NULL,
    hedge TEXT,
    event_date TEXT,
    record TEXT NOT NULL,      -- SentenceAnalysis.to_dict() as JSON
    PRIMARY KEY (article_id, ordinal)
);
CREATE INDEX IF NOT EXISTS sentence_analysis_date ON sentence_analysis(event_date);
CREATE INDEX IF NOT EXISTS sentence_analysis_claimant
    ON sentence_analysis(claimant) WHERE claimant_explicit = 1;
"""


class ArticleAnalyser(Protocol):
    """What analyses articles: `analyse.Analyser`, or a wrapper of it in tests."""

    def analyse(
        self,
        articles: Sequence[ArticleInput],
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[list[SentenceAnalysis]]: ...


def sentence_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def create_table(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def has_table(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sentence_analysis'"
    ).fetchone()
    return row is not None


def write_analysis(
    conn: sqlite3.Connection, article: ArticleInput, records: Sequence[SentenceAnalysis]
) -> None:
    """Replace the stored rows of `article` with `records` (the caller commits)."""
    digest = article.input_hash()
    conn.execute("DELETE FROM sentence_analysis WHERE article_id = ?", (article.article_id,))
    conn.executemany(
        "INSERT INTO sentence_analysis VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                article.article_id, r.ordinal, r.start, r.end,
                sentence_hash(article.text[r.start : r.end]), digest, r.claimant,
                int(r.claimant_explicit), r.hedge, r.event_date,
                json.dumps(r.to_dict(), ensure_ascii=False),
            )
            for r in records
        ],
    )  # fmt: skip


def read_analysis(conn: sqlite3.Connection, article_id: str) -> list[SentenceAnalysis]:
    """The stored records of one article, in sentence order ([] when none)."""
    rows = conn.execute(
        "SELECT record FROM sentence_analysis WHERE article_id = ? ORDER BY ordinal",
        (article_id,),
    ).fetchall()
    return [SentenceAnalysis.from_dict(json.loads(row[0])) for row in rows]


def stored_input_hashes(conn: sqlite3.Connection) -> dict[str, str]:
    """The input hash each stored article was analysed with."""
    rows = conn.execute("SELECT DISTINCT article_id, input_hash FROM sentence_analysis")
    return {str(article_id): str(digest) for article_id, digest in rows}


def reuse_or_analyse(
    previous: sqlite3.Connection | None,
    articles: Iterable[ArticleInput],
    analyser: ArticleAnalyser,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[SentenceAnalysis]]:
    """Each article's records: read from `previous` when its input hash is unchanged,
    else analysed (all changed articles in one batch)."""
    articles = list(articles)
    known = stored_input_hashes(previous) if previous is not None and has_table(previous) else {}
    out: dict[str, list[SentenceAnalysis]] = {}
    todo: list[ArticleInput] = []
    for article in articles:
        if previous is not None and known.get(article.article_id) == article.input_hash():
            out[article.article_id] = read_analysis(previous, article.article_id)
        else:
            todo.append(article)
    if todo:
        analysed = analyser.analyse(todo, progress=progress)
        for article, records in zip(todo, analysed, strict=True):
            out[article.article_id] = records
    return out


# Every claimant named in the text (not an author or outlet fallback), once each.
_EXPLICIT_CLAIMANTS = (
    "SELECT DISTINCT claimant FROM sentence_analysis "
    "WHERE claimant_explicit = 1 AND claimant IS NOT NULL"
)


def explicit_claimants(conn: sqlite3.Connection) -> list[str]:
    """Every claimant named in the text (not an author or outlet fallback), once each."""
    return [str(row[0]) for row in conn.execute(_EXPLICIT_CLAIMANTS)]


def matching_claimants(
    query: Callable[..., list[Any]], matches: Callable[[str], bool], page: int
) -> list[str]:
    """The explicit claimants (distinct, in name order) that `matches` accepts, read `page`
    at a time through `query` (sql, params) -> rows; none is kept afterwards."""
    found: list[str] = []
    select = _EXPLICIT_CLAIMANTS
    rows = query(f"{select} ORDER BY claimant LIMIT ?", (page,))
    while rows:
        names = [str(r[0]) for r in rows]
        found += [name for name in names if matches(name)]
        rows = query(f"{select} AND claimant > ? ORDER BY claimant LIMIT ?", (names[-1], page))
    return found


def claimed_sentences(
    conn: sqlite3.Connection, claimants: Sequence[str]
) -> list[tuple[str, int, int, int]]:
    """(article_id, ordinal, start, end) of the sentences these explicit claimants assert,
    in article and sentence order."""
    found: list[tuple[str, int, int, int]] = []
    for name in claimants:
        found += conn.execute(
            "SELECT article_id, ordinal, char_start, char_end FROM sentence_analysis "
            "WHERE claimant_explicit = 1 AND claimant = ?",
            (name,),
        ).fetchall()
    return sorted((str(a), int(o), int(s), int(e)) for a, o, s, e in found)
