"""Acronyms and name spellings learned from the corpus: "Environmental Protection Agency
(EPA)" -> EPA; "al-Bukamal" / "Albukamal" / "Al Bukamal" -> one name.

For every stored named entity of several words that the text follows with a bracketed
capitalised short form whose letters are the initials of the entity's words, in order, the
short form stands for the entity. A question that uses the short form is searched and scored
with the long form too (and vice versa), so "How much did Millipore pay the EPA?" finds the
article that only says "Environmental Protection Agency". Built once per index generation
from the stored analysis (entity spans) and the text right after each entity.

Spellings: capitalised words (hyphens and apostrophes kept) that read the same once reduced
to letters and digits are variants of one name; a question naming one is searched with the
others too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from news_rag.index.analysis.types import SentenceAnalysis

# "(EPA)", "(U.S. EPA)" is not one; 2-8 capitals, dots and ampersands allowed ("(S&P)").
_SHORT_FORM = re.compile(r"\s*\(([A-Z][A-Z&.]{1,9})\)")
# Entity labels that name something an acronym can stand for.
_NAME_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"})
# Long forms kept per short form (a defined one first): enough for "EPA" in a corpus where
# it stands for two agencies, few enough not to drown the question in names.
MAX_LONG_FORMS = 3
_LINK_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "de", "&"})
_WORD = re.compile(r"[\w&'-]+")


def _initials_match(short: str, long: str) -> bool:
    letters = [c for c in short if c.isalpha()]
    words = [w for w in _WORD.findall(long) if w.casefold() not in _LINK_WORDS]
    if len(words) < 2 or not letters:
        return False
    initials = [w[0].upper() for w in words]
    if initials == letters:
        return True
    # "Organization of Petroleum Exporting Countries (OPEC)": link words may count too
    every = [w[0].upper() for w in _WORD.findall(long)]
    return every == letters


def _initials(long: str) -> str:
    words = [w for w in _WORD.findall(long) if w.casefold() not in _LINK_WORDS]
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
                match = _SHORT_FORM.match(text, entity.end)
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


def expansions(question: str, table: dict[str, list[str]]) -> list[str]:
    """The long forms of the short forms the question uses."""
    if not table:
        return []
    words = {w.replace(".", "") for w in _WORD.findall(question) if w.isupper()}
    found = [long for short in words for long in table.get(short, ())]
    return list(dict.fromkeys(found))


_NAME = re.compile(r"(?:\b[a-z]{1,3}-)?[A-Z][\w'-]*\w(?:[ -][A-Z][\w'-]*\w)?")
_NOT_ALNUM = re.compile(r"[\W_]+")
# Shorter squashed names ("US", "UN") are acronyms, not spellings.
MIN_SPELLING_CHARS = 5


def squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def learn_spellings(texts: Iterable[str]) -> dict[str, set[str]]:
    """{squashed name: its spellings} for names written more than one way."""
    table: dict[str, set[str]] = {}
    for text in texts:
        for match in _NAME.finditer(text):
            for name in {match.group(0), match.group(0).split(" ")[0]}:
                key = squash(name)
                if len(key) >= MIN_SPELLING_CHARS and "'" not in name:
                    table.setdefault(key, set()).add(name)
    return {k: v for k, v in table.items() if len({n.casefold() for n in v}) > 1}


def spellings(question: str, table: dict[str, set[str]]) -> list[str]:
    """Other spellings of the names the question uses."""
    if not table:
        return []
    found: list[str] = []
    for match in _NAME.finditer(question):
        for name in {match.group(0), match.group(0).split(" ")[0]}:
            found += sorted(
                n for n in table.get(squash(name), ()) if n.casefold() != name.casefold()
            )
    return list(dict.fromkeys(found))
