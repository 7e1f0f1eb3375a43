"""The reader's corpus-sized tables, now read from meta.sqlite on demand, answer exactly what
the eager reads (the whole table as a dict or list) answered, on the sample index."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from news_rag.index.analysis.store import claimed_sentences, explicit_claimants
from news_rag.index.store import tables
from news_rag.index.store.database import read_articles
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.corpus import ClaimedSentence
from news_rag.rag.answer.corpus import tables as corpus_tables
from news_rag.rag.answer.names import claimant_matches

# Pages of two rows, so that the five sample articles and their chunks span several pages.
SMALL_PAGE = 2


@pytest.fixture
def reader(sample_index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[IndexReader]:
    monkeypatch.setattr(tables, "PAGE_ROWS", SMALL_PAGE)
    opened = IndexReader.open(sample_index_dir)
    yield opened
    opened.close()


@pytest.fixture
def conn(reader: IndexReader) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(reader.generation.file("meta.sqlite"))
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def test_articles_is_the_whole_table_in_id_order(
    reader: IndexReader, conn: sqlite3.Connection
) -> None:
    eager = {a.id: a for a in read_articles(conn)}
    lazy = reader.articles()
    assert len(eager) > SMALL_PAGE
    assert list(lazy) == list(eager)
    assert list(lazy.values()) == list(eager.values())
    assert list(lazy.items()) == list(eager.items())
    assert dict(lazy) == eager
    assert len(lazy) == len(lazy.values()) == len(eager)
    for article_id, article in eager.items():
        assert article_id in lazy
        assert lazy[article_id] == article == reader.article(article_id)
        assert lazy.get(article_id) == article
    assert "no-such-article" not in lazy
    assert lazy.get("no-such-article") is None
    with pytest.raises(KeyError):
        lazy["no-such-article"]


def test_article_rows_unchanged(reader: IndexReader, conn: sqlite3.Connection) -> None:
    counts = dict(conn.execute("SELECT article_id, COUNT(*) FROM chunks GROUP BY article_id"))
    rows = reader.article_rows()
    assert [r["id"] for r in rows] == [a.id for a in read_articles(conn)]
    assert all(r["chunks"] == counts.get(r["id"], 0) and "text" not in r for r in rows)


def test_chunk_article_ids_by_chunk_id(reader: IndexReader, conn: sqlite3.Connection) -> None:
    eager = [str(r[0]) for r in conn.execute("SELECT article_id FROM chunks ORDER BY id")]
    lazy = reader.chunk_article_ids()
    assert len(lazy) == len(eager) == reader.chunk_count() > SMALL_PAGE
    assert list(lazy) == eager
    assert [lazy[i] for i in range(len(eager))] == eager
    assert lazy[-1] == eager[-1]
    assert lazy[1:4] == eager[1:4]
    with pytest.raises(IndexError):
        lazy[len(eager)]


def test_claimants_streamed_from_the_index(reader: IndexReader, conn: sqlite3.Connection) -> None:
    eager = explicit_claimants(conn)
    assert len(eager) > SMALL_PAGE
    assert sorted(reader.explicit_claimants()) == sorted(eager)
    assert len(set(reader.explicit_claimants())) == len(eager)
    who = eager[0]
    wanted = [c for c in eager if claimant_matches(who, c)]
    found = reader.claimants_matching(lambda c: claimant_matches(who, c))
    assert sorted(found) == sorted(wanted)


def test_claimed_by_as_before(reader: IndexReader, conn: sqlite3.Connection) -> None:
    """`CorpusTables.claimed_by` gives what it gave from the eager list of claimants."""
    for who in explicit_claimants(conn)[:5]:
        names = [c for c in explicit_claimants(conn) if claimant_matches(who, c)]
        before = []
        for article_id, ordinal, start, end in claimed_sentences(conn, names):
            spans = reader.sentence_spans(article_id)
            if ordinal < len(spans) and spans[ordinal][1] == start:
                row = spans[ordinal][0]
                before.append(ClaimedSentence(article_id, ordinal, row, start, end))
        assert corpus_tables(reader).claimed_by(who) == before
        assert before


def test_the_articles_of_many_chunks_in_pages(reader: IndexReader) -> None:
    ids = reader.chunk_article_ids()
    every = list(range(len(ids)))
    assert ids.articles_of(every) == set(ids)
    assert ids.articles_of([]) == set()
