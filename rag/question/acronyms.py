"""Acronyms and spellings of the names a question uses, looked up in the tables learned
from the corpus at index time (`news_rag.index.analysis.name_forms`): "EPA" -> "Environmental
Protection Agency"; "al-Bukamal" -> "Albukamal".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from news_rag.index.analysis.name_forms import NAME_PATTERN, WORD_PATTERN, squash


def expansions(question: str, table: Mapping[str, Collection[str]]) -> list[str]:
    """The long forms of the short forms the question uses."""
    if not table:
        return []
    words = {w.replace(".", "") for w in WORD_PATTERN.findall(question) if w.isupper()}
    found = [long for short in words for long in table.get(short, ())]
    return list(dict.fromkeys(found))


def name_expansions(name: str, table: Mapping[str, Collection[str]]) -> list[str]:
    """The name with each of its short forms written out, one at a time: "Caribbean Rainer
    Steckhan Sirrine" for "CRS Sirrine" (where the corpus's "Caribbean Rainer Steckhan" has
    the initials CRS), never the long form alone, which names something else; "EPA" alone
    gives its long forms."""
    if not table:
        return []
    found: list[str] = []
    for word in dict.fromkeys(WORD_PATTERN.findall(name)):
        if not word.isupper():
            continue
        pattern = re.compile(rf"(?<![\w&'-]){re.escape(word)}(?![\w&'-])")
        found += [pattern.sub(long.replace("\\", "\\\\"), name) for long in table.get(word, ())]
    return [form for form in dict.fromkeys(found) if form != name]


def spellings(question: str, table: Mapping[str, Collection[str]]) -> list[str]:
    """Other spellings of the names the question uses."""
    if not table:
        return []
    found: list[str] = []
    for match in NAME_PATTERN.finditer(question):
        for name in {match.group(0), match.group(0).split(" ")[0]}:
            found += sorted(
                n for n in table.get(squash(name), ()) if n.casefold() != name.casefold()
            )
    return list(dict.fromkeys(found))


def with_name_forms(
    query: str, acronyms: Mapping[str, Collection[str]], names: Mapping[str, Collection[str]]
) -> str:
    """The retrieval query: `query` plus the long forms of the acronyms it uses and the
    corpus's other spellings of its names (both tables learned at index time)."""
    extra = expansions(query, acronyms) + spellings(query, names)
    return " ".join([query, *extra]) if extra else query
