"""The small word lists the question parse needs, read from `data/` (package data).

One entry a line; `#` starts a note. In `.tsv` files the first column is the key (it may hold
spaces: "how many") and the others, tab-separated, its values.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

QUESTION_WORDS = "question_words.txt"
ATTRIBUTION_MARKERS = "attribution_markers.txt"
SPEECH_VERBS = "speech_verbs.txt"
WEAK_SPEECH_VERBS = "weak_speech_verbs.txt"
PUBLISH_VERBS = "publish_verbs.txt"
AUTHOR_VERBS = "author_verbs.txt"
DOCUMENT_NOUNS = "document_nouns.txt"
ORIGIN_WORDS = "origin_words.txt"
MONEY_VERBS = "money_verbs.txt"
CHANGE_VERBS = "change_verbs.txt"
CONTINUATION_WORDS = "continuation_words.txt"
ANAPHORIC_WORDS = "anaphoric_words.txt"
WH_TYPES = "wh_types.tsv"
NOUN_TYPES = "noun_types.tsv"
METADATA_NOUNS = "metadata_nouns.tsv"
PRONOUNS = "pronouns.tsv"
DATE_PREPOSITIONS = "date_prepositions.tsv"


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def words(name: str) -> frozenset[str]:
    """A one-column list, lowercased: `words(SPEECH_VERBS)`."""
    return frozenset(line.strip().lower() for line in _lines(name))


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """A tab-separated list: key -> its other columns (empty columns kept as "")."""
    rows = (line.split("\t") for line in _lines(name))
    return {row[0].strip().lower(): tuple(c.strip() for c in row[1:]) for row in rows}


def labels(values: tuple[str, ...]) -> tuple[str, ...]:
    """Entity labels from table columns that may each hold several, space-separated."""
    return tuple(label for value in values for label in value.split())
