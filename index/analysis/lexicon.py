"""The small word lists the analysis still needs, read from `data/*.txt` (package data).

Each file has one entry a line; `#` starts a note. Two-column files are tab-separated.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")]


@cache
def digest() -> str:
    """sha256 over every word list: a changed list means a changed analysis."""
    folder = resources.files(__package__).joinpath("data")
    sha = hashlib.sha256()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            sha.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return sha.hexdigest()


@cache
def words(name: str) -> frozenset[str]:
    """A one-column list, lowercased: `words("speech_verbs.txt")`."""
    return frozenset(line.lower() for line in _lines(name))


@cache
def table(name: str) -> dict[str, str]:
    """A two-column list as a mapping: `table("unnamed_sources.txt")["report"]`."""
    pairs = (line.split("\t", 1) for line in _lines(name))
    return {key.strip().lower(): value.strip() for key, value in pairs}


SPEECH_VERBS = "speech_verbs.txt"
WEAK_SPEECH_VERBS = "weak_speech_verbs.txt"
CITING_VERBS = "citing_verbs.txt"
REPORT_VERBS = "report_verbs.txt"
PASSIVE_SPEAKER_VERBS = "passive_speaker_verbs.txt"
MEDIUM_NOUNS = "medium_nouns.txt"
HEDGE_WORDS = "hedge_words.txt"
PARTISAN_PREFIXES = "partisan_prefixes.txt"
UNNAMED_SOURCES = "unnamed_sources.txt"
PERSON_ROLES = "person_roles.txt"
ORG_NOUNS = "org_nouns.txt"
STATE_NOUNS = "state_nouns.txt"
DATE_ANCHORS = "date_anchors.txt"
CAUSE_MARKERS = "cause_markers.txt"
