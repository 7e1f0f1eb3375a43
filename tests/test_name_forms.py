"""Acronyms and spellings learned at index time (`index/analysis/name_forms.py`): stored in
the generation's meta.sqlite and read a name at a time."""

from __future__ import annotations

import sqlite3
from typing import Any

from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.name_forms import stored_acronyms, stored_spellings, write_tables
from news_rag.index.analysis.records import ArticleInput
from news_rag.index.sentences import split_sentences
from news_rag.rag.question.acronyms import expansions, spellings

TEXTS = (
    "The Environmental Protection Agency (EPA) fined Millipore. Al-Bukamal fell on Sunday.",
    "The Environmental Protection Agency said the plant was clean. Albukamal was quiet.",
)


def _query(conn: sqlite3.Connection) -> Any:
    return lambda sql, params=(): conn.execute(sql, params).fetchall()


def _stored() -> sqlite3.Connection:
    analyser = Analyser()
    articles = [
        ArticleInput(f"a{n}", text, tuple(split_sentences(text)), "2020-01-01")
        for n, text in enumerate(TEXTS)
    ]
    records = analyser.analyse(articles)
    conn = sqlite3.connect(":memory:")
    write_tables(conn, [(a.text, r) for a, r in zip(articles, records, strict=True)])
    return conn


def test_learned_tables_are_stored_and_looked_up_by_name() -> None:
    conn = _stored()
    acronyms, names = stored_acronyms(_query(conn)), stored_spellings(_query(conn))
    assert acronyms["EPA"][0] == "Environmental Protection Agency"
    assert "EPA" in acronyms and "XYZ" not in acronyms
    assert expansions("What did the EPA say?", acronyms) == ["Environmental Protection Agency"]
    assert "Albukamal" in spellings("When did Al-Bukamal fall?", names)


def test_a_generation_without_the_tables_reads_as_empty() -> None:
    conn = sqlite3.connect(":memory:")
    acronyms = stored_acronyms(_query(conn))
    assert len(acronyms) == 0 and dict(acronyms) == {}
    assert expansions("What did the EPA say?", acronyms) == []
