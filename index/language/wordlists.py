"""The one loader of word lists (package data): `words(SPEECH_VERBS)`, `table(...)`.

A list is one or more files, each in the `data/` folder of a package: the lists both paths
use live in `news_rag/index/language/data/`, the others next to their one user
(`index/analysis/data/`, `rag/question/data/`). One entry a line; `#` starts a note. In
two-column and `.tsv` files the first column is the key (it may hold spaces: "how many")
and the others are tab-separated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class WordList:
    """A word list: files, each `(package, file name)` in that package's `data/` folder.
    `a | b` is the list of both (their union; for tables, later files win)."""

    files: tuple[tuple[str, str], ...]

    def __or__(self, other: WordList) -> WordList:
        return WordList(self.files + other.files)


def data_list(package: str, name: str) -> WordList:
    """The list in file `name` of `package`'s `data/` folder."""
    return WordList(((package, name),))


def _lines(package: str, name: str) -> list[str]:
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _all_lines(word_list: WordList) -> list[str]:
    return [line for package, name in word_list.files for line in _lines(package, name)]


@cache
def words(word_list: WordList) -> frozenset[str]:
    """A one-column list, lowercased: `words(SPEECH_VERBS)`."""
    return frozenset(line.strip().lower() for line in _all_lines(word_list))


@cache
def table(word_list: WordList) -> dict[str, tuple[str, ...]]:
    """A tab-separated list: key -> its other columns (empty columns kept as "")."""
    rows = (line.split("\t") for line in _all_lines(word_list))
    return {row[0].strip().lower(): tuple(c.strip() for c in row[1:]) for row in rows}


@cache
def pairs(word_list: WordList) -> dict[str, str]:
    """A two-column list as a mapping: `pairs(UNNAMED_SOURCES)["report"]`; the value is
    everything after the first tab."""
    split = (line.strip().split("\t", 1) for line in _all_lines(word_list))
    return {key.strip().lower(): value.strip() for key, value in split}


def labels(values: tuple[str, ...]) -> tuple[str, ...]:
    """Entity labels from table columns that may each hold several, space-separated."""
    return tuple(label for value in values for label in value.split())


def digest(packages: Iterable[str]) -> str:
    """sha256 over every list file in the `data/` folders of `packages`."""
    sha = hashlib.sha256()
    for package in packages:
        folder = resources.files(package).joinpath("data")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".txt", ".tsv")):
                sha.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return sha.hexdigest()


_HERE = __package__ or "news_rag.index.language"

# The lists both paths use. Each path adds a list of its own to them (see `lexicon` and
# `rag.question.words`): the two sides read speech verbs for different jobs.
SPEECH_VERBS = data_list(_HERE, "speech_verbs.txt")
WEAK_SPEECH_VERBS = data_list(_HERE, "weak_speech_verbs.txt")
CHANGE_VERBS = data_list(_HERE, "change_verbs.txt")
LEVEL_VERBS = data_list(_HERE, "level_verbs.txt")  # "reach", "total": the level, not a change
# The legal forms a company's name ends in ("Corp", "Ltd"): without them, its short name.
LEGAL_FORMS = data_list(_HERE, "legal_forms.txt")
# Words naming a kind of organisation, not which one ("Corp", "Bank", "Party"): the analysis
# takes a name ending in one for an organisation; the answer, two names sharing only these
# for two organisations.
ORGANISATION_WORDS = LEGAL_FORMS | data_list(_HERE, "organisation_words.txt")
