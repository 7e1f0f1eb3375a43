"""Whether a stored claimant is the one a question names ("What did Russia say?").

Names are compared word by word with rapidfuzz: every word of the asked name must match a
word of the claimant (a misspelling within `WORD_SIMILARITY`, or the same stem: "Russia"
matches "Russian Foreign Ministry"). A one-word name matches a person's surname
("Zakharova" in "Maria Zakharova (Russian Foreign Ministry)"), and a person's full name
matches a claimant that gives only the surname.
"""

from __future__ import annotations

import re
from functools import lru_cache

from news_rag.index.language.wordlists import ORGANISATION_WORDS, data_list, pairs, words

# rapidfuzz ratio (0-100) above which two words are the same name, misspelt or transliterated
# ("Zakharova"/"Zakharowa" 89); chosen so that different short words ("Iran"/"Iraq" 75) differ.
WORD_SIMILARITY = 85
# A demonym or possessive shares this many leading letters with its name ("Russi-a/-an",
# "Syri-a/-an"); shorter words must match whole.
STEM_LETTERS = 5
_SKIP = frozenset({"the", "of", "and", "a", "an", "s", "for", "in", "on", "to"})
_WORD = re.compile(r"[\w-]+")


# Words naming a part of an organisation ("Department", "Division"): a name or a title
# holding one says whose part it is no more than "the department" does.
ORGANISATION_PARTS = data_list("news_rag.rag.answer", "organisation_parts.txt")


def claimant_name(claimant: str) -> str:
    """A claimant label's name, without the role in brackets: "Tadashi Kuranari (Foreign
    Minister)" -> "Tadashi Kuranari"."""
    return claimant.split("(", maxsplit=1)[0].strip()


def person_name_word(word: str) -> bool:
    """Whether a word may stand in a person's name: capitalised, no word for a kind of
    organisation ("Corp", "Party"), no acronym ("LDP"; an initial with its dots, "K.M.", is
    none)."""
    plain = word.replace(".", "")
    return (
        word[:1].isupper() and word.casefold() not in words(ORGANISATION_WORDS)
        and (len(plain) < 2 or not plain.isupper() or "." in word)
    )  # fmt: skip


# Texts whose `name_words` are kept: a question reads the same sentences and names many times
# over (~400 calls a question). Set by hand: a few thousand questions' worth, a few MB.
NAME_WORDS_CACHED = 32_768


def unowned(name: str) -> str:
    """A name without its possessive ending: "Redland Plc's" -> "Redland Plc", "the
    Greens'" -> "the Greens"."""
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if name.endswith(ending):
            return name[: -len(ending)].rstrip()
    return name


@lru_cache(maxsize=NAME_WORDS_CACHED)
def name_words(text: str) -> tuple[str, ...]:
    """The casefolded words of a text but articles and short function words."""
    return tuple(w for w in _WORD.findall(text.casefold()) if w not in _SKIP)


# Countries' adjectives whose stem is not the country's ("thai": "thailand"), lowercase.
DEMONYMS = data_list("news_rag.rag.answer", "demonyms.tsv")


# Read once at import (28 lines): `country_of` runs for every word compared, ~1,000 times a
# question, so it is one dictionary lookup.
COUNTRIES: dict[str, str] = pairs(DEMONYMS)


def country_of(word: str) -> str:
    """The country a lowercase adjective names when its stem is not the country's ("thai" ->
    "thailand", `demonyms.tsv`); else the word."""
    return COUNTRIES.get(word, word)


def same_word(a: str, b: str) -> bool:
    from rapidfuzz.fuzz import ratio  # deferred: small, but only needed here

    a, b = country_of(a), country_of(b)
    if a == b:
        return True
    if _digits(a) != _digits(b):
        return False  # "metsat-4" and "metsat-5", "a340" and "a330": other models
    if len(a) >= STEM_LETTERS and len(b) >= STEM_LETTERS and a[:STEM_LETTERS] == b[:STEM_LETTERS]:
        return True
    return ratio(a, b) >= WORD_SIMILARITY


def _digits(word: str) -> str:
    return "".join(c for c in word if c.isdigit())


def claimant_matches(asked: str, claimant: str) -> bool:
    """Whether `claimant` (a stored claimant) is the speaker `asked` names."""
    wanted, have = name_words(asked), name_words(claimant)
    if not wanted or not have:
        return False
    if all(any(same_word(w, h) for h in have) for w in wanted):
        return True
    # "Maria Zakharova" asked, "Zakharova" stored: the stored name's words all in the asked
    # one, ending with the same surname ("Japanese" or "Minister" alone is no match for
    # "Japanese Foreign Minister Tadashi Kuranari")
    head = name_words(claimant_name(claimant))
    return (
        bool(head)
        and len(wanted) >= 2
        and same_word(head[-1], wanted[-1])
        and all(any(same_word(h, w) for w in wanted) for h in head)
    )
