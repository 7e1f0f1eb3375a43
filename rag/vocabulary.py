"""What names the corpus knows, to tell "the articles don't mention X" from a paraphrase.

A name in the question counts as known when, after BM25 tokenization, it appears in an
article's text or metadata, is the acronym of a capitalised phrase in the text
("IRGC" for "Islamic Revolutionary Guard Corps"), or is a common alias (a capital for its
country, a demonym) of a known name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from news_rag.index.lexical import tokenize_query
from news_rag.index.types import Article

# Capitals used for their governments, and demonyms, mapped to the country name.
ALIASES: dict[str, str] = {
    "moscow": "russia", "kremlin": "russia", "russian": "russia",
    "washington": "us", "american": "us", "america": "us", "pentagon": "us",
    "tehran": "iran", "iranian": "iran", "persian": "iran",
    "damascus": "syria", "syrian": "syria",
    "baghdad": "iraq", "iraqi": "iraq",
    "ankara": "turkey", "turkish": "turkey",
    "amman": "jordan", "jordanian": "jordan",
    "beirut": "lebanon", "lebanese": "lebanon",
    "riyadh": "saudi", "saudi": "saudi",
    "jerusalem": "israel", "israeli": "israel", "tel": "israel",
    "beijing": "china", "chinese": "china",
    "kyiv": "ukraine", "kiev": "ukraine", "ukrainian": "ukraine",
    "london": "britain", "british": "britain", "uk": "britain",
    "paris": "france", "french": "france",
    "berlin": "germany", "german": "germany",
    "brussels": "eu", "european": "eu",
    "kurdish": "kurd", "kurds": "kurd",
}  # fmt: skip

_CAPITAL_RUN = re.compile(r"(?:\b[A-Z][\w-]*\b[ ]?){2,}")
_WORD = re.compile(r"[A-Za-z][\w'-]*")


def _acronyms(text: str) -> set[str]:
    found = set()
    for match in _CAPITAL_RUN.finditer(text):
        words = match.group(0).split()
        for size in range(2, len(words) + 1):
            for start in range(len(words) - size + 1):
                found.add("".join(w[0] for w in words[start : start + size]).lower())
    return found


def _stems(words: Iterable[str]) -> set[str]:
    return set(tokenize_query(" ".join(words)))


class Vocabulary:
    def __init__(self, articles: Iterable[Article]) -> None:
        words: set[str] = set()
        acronyms: set[str] = set()
        for article in articles:
            meta = " ".join(
                filter(None, (article.title, article.author, article.outlet,
                              article.original_source, article.region, *article.themes))
            )  # fmt: skip
            for text in (article.text, meta):
                words.update(w.lower() for w in _WORD.findall(text))
            acronyms |= _acronyms(article.text)
        self._words = words
        self._stems = _stems(words)
        self._acronyms = acronyms

    def knows(self, term: str) -> bool:
        word = re.sub(r"['’]s$", "", term).lower()
        if not word or word.isdigit():
            return True  # numbers and years are matched by the answer, not here
        if word in self._words or word in self._acronyms:
            return True
        stems = _stems([word])
        if stems and stems <= self._stems:
            return True
        alias = ALIASES.get(word)
        return alias is not None and (alias in self._words or _stems([alias]) <= self._stems)
