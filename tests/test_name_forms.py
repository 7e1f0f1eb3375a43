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


def test_an_acronym_inside_a_name_is_written_out_in_place() -> None:
    """ "CRS Sirrine" is named by an article naming "Caribbean Rainer Steckhan Sirrine", never
    by one naming only "Caribbean Rainer Steckhan" (a name whose initials spell CRS): the
    other words of the name must be there too."""
    from news_rag.index.types import Article
    from news_rag.rag.answer.corpus import CorpusTables
    from news_rag.rag.answer.coverage import name_forms, names_covered
    from news_rag.rag.question.acronyms import name_expansions

    table = {"CRS": ["Caribbean Rainer Steckhan"], "EPA": ["Environmental Protection Agency"]}
    assert name_expansions("CRS Sirrine", table) == ["Caribbean Rainer Steckhan Sirrine"]
    assert name_expansions("the EPA", table) == ["the Environmental Protection Agency"]
    assert name_expansions("Sirrine", table) == []
    forms = name_forms("CRS Sirrine", CorpusTables(table, {}))

    def article(text: str) -> Article:
        return Article(id="a", text=text, source_path="a.txt", content_hash="0")

    bank = article("World Bank director for Latin America and the Caribbean Rainer Steckhan said.")
    company = article("CRS Sirrine Inc said it plans a major restructuring.")
    assert names_covered(bank, [forms]) == 0
    assert names_covered(company, [forms]) == 1
