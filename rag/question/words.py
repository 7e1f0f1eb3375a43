"""The word lists the question parse reads: its own in `data/` (package data) and the ones
it shares with the article analysis (`news_rag.index.language.wordlists`, which loads them
all: `words(SPEECH_VERBS)`, `table(WH_TYPES)`).

One entry a line; `#` starts a note. In `.tsv` files the first column is the key (it may hold
spaces: "how many") and the others, tab-separated, its values.
"""

from __future__ import annotations

from functools import cache

from news_rag.index.language import wordlists
from news_rag.index.language.wordlists import data_list, labels, table, words

__all__ = ["labels", "noun_labels_of", "speech_verbs", "table", "words"]

_HERE = __package__ or "news_rag.rag.question"

# Speech verbs: the shared ones and those of questions only (see the files' notes).
SPEECH_VERBS = wordlists.SPEECH_VERBS | data_list(_HERE, "question_speech_verbs.txt")
WEAK_SPEECH_VERBS = wordlists.WEAK_SPEECH_VERBS | data_list(_HERE, "question_weak_speech_verbs.txt")
QUESTION_WORDS = data_list(_HERE, "question_words.txt")
ATTRIBUTION_MARKERS = data_list(_HERE, "attribution_markers.txt")
PUBLISH_VERBS = data_list(_HERE, "publish_verbs.txt")
AUTHOR_VERBS = data_list(_HERE, "author_verbs.txt")
DOCUMENT_NOUNS = data_list(_HERE, "document_nouns.txt")
ORIGIN_WORDS = data_list(_HERE, "origin_words.txt")
MONEY_VERBS = data_list(_HERE, "money_verbs.txt")
PRICE_VERBS = data_list(_HERE, "price_verbs.txt")
MEASURE_VERBS = data_list(_HERE, "measure_verbs.txt")
PURCHASE_VERBS = data_list(_HERE, "purchase_verbs.txt")
RISING_VERBS = data_list(_HERE, "rising_verbs.txt")
FALLING_VERBS = data_list(_HERE, "falling_verbs.txt")
CHANGE_VERBS = wordlists.CHANGE_VERBS
CONTINUATION_WORDS = data_list(_HERE, "continuation_words.txt")
ANAPHORIC_WORDS = data_list(_HERE, "anaphoric_words.txt")
WH_TYPES = data_list(_HERE, "wh_types.tsv")
NOUN_TYPES = data_list(_HERE, "noun_types.tsv")
METADATA_NOUNS = data_list(_HERE, "metadata_nouns.tsv")
PRONOUNS = data_list(_HERE, "pronouns.tsv")
DATE_PREPOSITIONS = data_list(_HERE, "date_prepositions.tsv")
FIRM_ROLES = data_list(_HERE, "firm_roles.txt")


@cache
def speech_verbs() -> frozenset[str]:
    """Every verb of saying a question may use, strong or weak ("say", "claim"; "report")."""
    return frozenset(words(SPEECH_VERBS) | words(WEAK_SPEECH_VERBS))


def noun_labels_of(lemma: str) -> tuple[str, ...]:
    """The labels the word lists give a noun's lemma; () when they do not list it."""
    return labels(table(NOUN_TYPES).get(lemma, ()))


def kin_verbs(lemma: str) -> frozenset[str]:
    """The verbs that answer for `lemma` (itself among them), or none: one purchase's
    ("pay", "buy"), a rise's ("rise", "climb"), a fall's ("fall", "tumble")."""
    for kin in (PURCHASE_VERBS, RISING_VERBS, FALLING_VERBS):
        if lemma in words(kin):
            return words(kin)
    return frozenset()
