"""Units of amounts, as both paths read them: "dlrs" is a dollar (a currency), "tonnes" a
tonne (a measure). The analysis uses them to tell what a number is ("400 mln dlrs" is money
whatever NER calls "400"), the question parse to read the unit a question asks in."""

from __future__ import annotations

from news_rag.index.language.wordlists import data_list, table, words

_PACKAGE = "news_rag.index.language"
UNITS = data_list(_PACKAGE, "units.tsv")  # unit word -> unit, kind
SCALE_WORDS = data_list(_PACKAGE, "scale_words.txt")  # "mln", "billion"
PERCENT_WORDS = data_list(_PACKAGE, "percent_words.txt")  # "pct", "percent", "%"
CURRENCY = "currency"
MEASURE = "measure"


def unit_of(word: str) -> tuple[str, str] | None:
    """The unit a word names and its kind: "dlrs" -> ("dollar", "currency")."""
    found = table(UNITS).get(word.casefold())
    return (found[0], found[1]) if found and len(found) >= 2 else None


def is_scale(word: str) -> bool:
    """A word scaling a number: "mln", "billion"."""
    return word.casefold() in words(SCALE_WORDS)


def is_percent(word: str) -> bool:
    """A word making a number a percentage: "pct", "percent", "%"."""
    return word.casefold() in words(PERCENT_WORDS)


def is_tally(text: str) -> bool:
    """A score or tally written number-dash-number ("2-1", "93-0")."""
    first, dash, second = text.replace("–", "-").partition("-")
    return bool(dash) and first.isdigit() and second.isdigit()
