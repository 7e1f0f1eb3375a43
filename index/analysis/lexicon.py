"""The word lists the analysis reads: its own in `data/*.txt` (package data) and the ones it
shares with the question parse (`news_rag.index.language.wordlists`, which loads them all).

Each file has one entry a line; `#` starts a note. Two-column files are tab-separated.
"""

from __future__ import annotations

from functools import cache

from news_rag.index.language import wordlists
from news_rag.index.language.wordlists import data_list, pairs, words

__all__ = ["digest", "pairs", "words"]

_HERE = __package__ or "news_rag.index.analysis"


@cache
def digest() -> str:
    """sha256 over every list the analysis may read: a changed list means a changed
    analysis."""
    return wordlists.digest(("news_rag.index.language", _HERE))


# Speech verbs: the shared ones and those of article prose only (see the files' notes).
SPEECH_VERBS = wordlists.SPEECH_VERBS | data_list(_HERE, "article_speech_verbs.txt")
WEAK_SPEECH_VERBS = wordlists.WEAK_SPEECH_VERBS | data_list(_HERE, "article_weak_speech_verbs.txt")
CITING_VERBS = data_list(_HERE, "citing_verbs.txt")
REPORT_VERBS = data_list(_HERE, "report_verbs.txt")
PASSIVE_SPEAKER_VERBS = data_list(_HERE, "passive_speaker_verbs.txt")
MEDIUM_NOUNS = data_list(_HERE, "medium_nouns.txt")
HEDGE_WORDS = data_list(_HERE, "hedge_words.txt")
PARTISAN_PREFIXES = data_list(_HERE, "partisan_prefixes.txt")
UNNAMED_SOURCES = data_list(_HERE, "unnamed_sources.txt")
PERSON_ROLES = data_list(_HERE, "person_roles.txt")
ORG_NOUNS = data_list(_HERE, "org_nouns.txt")
COMPANY_NOUNS = data_list(_HERE, "company_nouns.txt")
STATE_NOUNS = data_list(_HERE, "state_nouns.txt")
DATE_ANCHORS = data_list(_HERE, "date_anchors.txt")
CAUSE_MARKERS = data_list(_HERE, "cause_markers.txt")
WITHHOLDING_WORDS = data_list(_HERE, "withholding_words.txt")
WITHHOLDING_NOUNS = data_list(_HERE, "withholding_nouns.txt")
TELLING_VERBS = data_list(_HERE, "telling_verbs.txt")
TELLING_PHRASAL_VERBS = data_list(_HERE, "telling_phrasal_verbs.txt")
REFUSING_VERBS = data_list(_HERE, "refusing_verbs.txt")
