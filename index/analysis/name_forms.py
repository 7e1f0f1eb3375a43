"""Acronyms and name spellings learned from the corpus at index time: "Environmental
Protection Agency (EPA)" -> EPA; "al-Bukamal" / "Albukamal" / "Al Bukamal" -> one name.

For every stored named entity of several words that the text follows with a capitalised
short form in brackets or between commas ("The Brazilian Coffee Institute, IBC,") whose
letters are the initials of the entity's words, in order or in another (a name translated
from another language), the short form stands for the entity. A question that uses the
short form is searched and scored with the long form too (and vice versa), so "How much did
Millipore pay the EPA?" finds the article that only says "Environmental Protection Agency".

Spellings: capitalised words (hyphens and apostrophes kept) that read the same once reduced
to letters and digits are variants of one name; a question naming one is searched with the
others too.

Both tables are learned over the whole corpus when a generation is written (`write_tables`)
and stored in its meta.sqlite (`acronyms`, `spellings`); the read path looks a name up
(`StoredTable`) instead of reading every article.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from news_rag.index.analysis.records import SentenceAnalysis

# "(EPA)", "(U.S. EPA)" is not one; 2-8 capitals, dots and ampersands allowed ("(S&P)").
_SHORT_FORM = re.compile(r"\s*\(([A-Z][A-Z&.]{1,9})\)")
# The same in apposition, between commas: "The Chicago Mercantile Exchange, CME, and ...".
_APPOSED_FORM = re.compile(r",\s*([A-Z][A-Z&.]{1,9}),")
# Entity labels that name something an acronym can stand for.
_NAME_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"})
# Long forms kept per short form (a defined one first): enough for "EPA" in a corpus where
# it stands for two agencies, few enough not to drown the question in names.
MAX_LONG_FORMS = 3
_LINK_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "de", "&"})
WORD_PATTERN = re.compile(r"[\w&'-]+")


def _initials_match(short: str, long: str) -> bool:
    letters = [c for c in short if c.isalpha()]
    words = [w for w in WORD_PATTERN.findall(long) if w.casefold() not in _LINK_WORDS]
    if len(words) < 2 or not letters:
        return False
    initials = [w[0].upper() for w in words]
    if sorted(initials) == sorted(letters):
        return True  # in order, or in the order of the name's own language: "IBC" for the
        # Brazilian Coffee Institute (Instituto Brasileiro do Cafe)
    # "Organization of Petroleum Exporting Countries (OPEC)": link words may count too
    every = [w[0].upper() for w in WORD_PATTERN.findall(long)]
    return every == letters


def _initials(long: str) -> str:
    words = [w for w in WORD_PATTERN.findall(long) if w.casefold() not in _LINK_WORDS]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def learn(texts: Iterable[tuple[str, list[SentenceAnalysis]]]) -> dict[str, list[str]]:
    """{short form: its long forms}, from (article text, stored sentence analysis) pairs.

    A long form the corpus defines ("Environmental Protection Agency (EPA)") comes first;
    then the names of several words whose initials spell the short form, most frequent
    first (an article may say "the Environmental Protection Agency" and never "EPA")."""
    defined: dict[str, dict[str, int]] = {}
    spelled: dict[str, dict[str, int]] = {}
    for text, rows in texts:
        for row in rows:
            for entity in row.entities:
                if " " not in entity.text or entity.label not in _NAME_LABELS:
                    continue
                long = entity.text.removeprefix("the ").removeprefix("The ").removesuffix("'s")
                match = _SHORT_FORM.match(text, entity.end) or _APPOSED_FORM.match(text, entity.end)
                if match is not None and _initials_match(match.group(1), long):
                    short = match.group(1).replace(".", "")
                    defined.setdefault(short, {}).setdefault(long, 0)
                    defined[short][long] += 1
                short = _initials(long)
                if len(short) >= 2:
                    spelled.setdefault(short, {}).setdefault(long, 0)
                    spelled[short][long] += 1
    table: dict[str, list[str]] = {}
    for source in (defined, spelled):
        for short, longs in source.items():
            ranked = sorted(longs, key=lambda name: (-longs[name], name))
            table.setdefault(short, [])
            table[short] += [n for n in ranked if n not in table[short]]
    return {short: longs[:MAX_LONG_FORMS] for short, longs in table.items()}


NAME_PATTERN = re.compile(r"(?:\b[a-z]{1,3}-)?[A-Z][\w'-]*\w(?:[ -][A-Z][\w'-]*\w)?")
_NOT_ALNUM = re.compile(r"[\W_]+")
# Shorter squashed names ("US", "UN") are acronyms, not spellings.
MIN_SPELLING_CHARS = 5


def squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def learn_spellings(texts: Iterable[str]) -> dict[str, set[str]]:
    """{squashed name: its spellings} for names written more than one way."""
    table: dict[str, set[str]] = {}
    for text in texts:
        for match in NAME_PATTERN.finditer(text):
            for name in {match.group(0), match.group(0).split(" ")[0]}:
                key = squash(name)
                if len(key) >= MIN_SPELLING_CHARS and "'" not in name:
                    table.setdefault(key, set()).add(name)
    return {k: v for k, v in table.items() if len({n.casefold() for n in v}) > 1}


SCHEMA = """
CREATE TABLE IF NOT EXISTS acronyms (
    short TEXT NOT NULL, rank INTEGER NOT NULL, long TEXT NOT NULL, PRIMARY KEY (short, rank)
);
CREATE TABLE IF NOT EXISTS spellings (
    name TEXT NOT NULL, spelling TEXT NOT NULL, PRIMARY KEY (name, spelling)
);
"""


def write_tables(
    conn: sqlite3.Connection, pairs: Iterable[tuple[str, list[SentenceAnalysis]]]
) -> None:
    """Learn both tables from (article text, its analysis) pairs and store them in `conn`,
    replacing what was there (the caller commits)."""
    pairs = list(pairs)
    conn.executescript(SCHEMA)
    conn.execute("DELETE FROM acronyms")
    conn.execute("DELETE FROM spellings")
    conn.executemany(
        "INSERT INTO acronyms VALUES (?, ?, ?)",
        [(short, rank, long) for short, longs in learn(pairs).items()
         for rank, long in enumerate(longs)],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO spellings VALUES (?, ?)",
        [(key, name) for key, names in learn_spellings(text for text, _ in pairs).items()
         for name in sorted(names)],
    )  # fmt: skip


class StoredTable(Mapping[str, Any]):
    """One stored table, read a key at a time and remembered: empty when the generation
    predates the tables (it is then searched without them until it is re-indexed)."""

    def __init__(self, query: Callable[..., Any], table: str, key: str, lookup: str) -> None:
        self._query = query  # IndexReader._query: (sql, params) -> rows
        self._table, self._key, self._lookup = table, key, lookup
        self._found: dict[str, list[str]] = {}
        self._size: int | None = None

    def __getitem__(self, key: str) -> list[str]:
        if key not in self._found:
            rows = self._query(self._lookup, (key,)) if len(self) else []
            self._found[key] = [str(r[0]) for r in rows]
        if not self._found[key]:
            raise KeyError(key)
        return self._found[key]

    def __len__(self) -> int:
        if self._size is None:
            exists = self._query(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (self._table,)
            )
            count = f"SELECT COUNT(DISTINCT {self._key}) FROM {self._table}"
            self._size = int(self._query(count)[0][0]) if exists else 0
        return self._size

    def __iter__(self) -> Iterator[str]:
        rows = self._query(f"SELECT DISTINCT {self._key} FROM {self._table}") if len(self) else []
        return iter(str(r[0]) for r in rows)


def stored_acronyms(query: Callable[..., Any]) -> StoredTable:
    """Short form -> its long forms, the corpus's own definition first (see `learn`)."""
    lookup = "SELECT long FROM acronyms WHERE short = ? ORDER BY rank"
    return StoredTable(query, "acronyms", "short", lookup)


def stored_spellings(query: Callable[..., Any]) -> StoredTable:
    """Squashed name -> the spellings the corpus writes it in (see `learn_spellings`)."""
    lookup = "SELECT spelling FROM spellings WHERE name = ? ORDER BY spelling"
    return StoredTable(query, "spellings", "name", lookup)
