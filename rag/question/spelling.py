"""English spelling the lemmatizer does not undo: a short verb doubles its last letter
before a suffix ("stop", "stopped"; "win", "winner")."""

from __future__ import annotations

_VOWELS = frozenset("aeiou")


def short_closed_syllable(word: str) -> bool:
    """One syllable ending consonant, vowel, consonant (not w, x or y): "fin", "hop"."""
    if len(word) < 3 or not word.isalpha():
        return False
    groups = sum(
        1 for i, c in enumerate(word) if c in _VOWELS and (i == 0 or word[i - 1] not in _VOWELS)
    )
    first, middle, last = word[-3], word[-2], word[-1]
    return (
        groups == 1 and first not in _VOWELS and middle in _VOWELS
        and last not in _VOWELS | set("wxy")
    )  # fmt: skip
