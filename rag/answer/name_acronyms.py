"""The acronyms a name may be written as ("BP" for British Petroleum Co PLC, "DOT" for the
Department of Transportation, "AMC" for American Motors Corp), and whether one name is an
acronym of another: the question's name written short in a story, no rival of it.
"""

from __future__ import annotations

from functools import cache

from news_rag.index.language.wordlists import ORGANISATION_WORDS, words

# Words an acronym leaves out ("DOT": the Department of Transportation).
_ARTICLES = frozenset({"the", "a", "an", "and", "&"})
# An acronym has at least this many letters (as `short_answer.MIN_ACRONYM`).
MIN_ACRONYM = 2


def acronyms(name: str) -> set[str]:
    """The acronyms a name may be written as: of its capitalised words ("the United
    States" -> "US"), of those before its legal form or kind ("British Petroleum Co PLC" ->
    "BP") and of all its words but articles ("Department of Transportation" -> "DOT"), each
    also with a legal form's letter after it ("AMC")."""
    parts = [w for w in name.replace("-", " ").split() if w.isalpha()]
    capitals = "".join(w[0] for w in parts if w[0].isupper())
    every = "".join(w[0] for w in parts if w.casefold() not in _ARTICLES).upper()
    formless = list(parts)  # "BP" for "British Petroleum Co PLC": no legal form's letters
    while formless and formless[-1].casefold() in words(ORGANISATION_WORDS):
        formless.pop()
    bare = "".join(w[0] for w in formless if w[0].isupper())
    found = {a for a in (capitals, every, bare) if len(a) >= MIN_ACRONYM}
    return found | {a + letter for a in found for letter in _form_letters()}


@cache
def _form_letters() -> frozenset[str]:
    """The letters a company's acronym may end in for the legal form or kind a name leaves
    out: "AMC" for American Motors (Corp), "HSBC" for the Hongkong and Shanghai Bank(ing
    Corporation)."""
    return frozenset(w[0].upper() for w in words(ORGANISATION_WORDS))


def abbreviates(one: str, other: str) -> bool:
    """Whether either name is an acronym of the other ("US" and "the United States")."""
    a, b = one.strip().strip(".").replace(".", ""), other.strip().strip(".").replace(".", "")
    return (a.isupper() and a in acronyms(other)) or (b.isupper() and b in acronyms(one))
