"""Question analysis (legacy engine): metadata intent, terms the corpus never uses.

`QuestionError` and `validate_question` live in `rag.validation` (re-exported here)."""

from __future__ import annotations

import re

from news_rag.rag.validation import QuestionError, validate_question

__all__ = [
    "QuestionError",
    "asked_claimant",
    "metadata_field",
    "proper_terms",
    "quantity_target",
    "validate_question",
]

_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)

_METADATA_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "author",
        re.compile(
            r"\b(who\s+(wrote|authored|is\s+the\s+author|was\s+the\s+author)|author\s+of|"
            r"written\s+by|by\s+whom|whose\s+article)\b",
            re.I,
        ),
    ),
    (
        "original_source",
        re.compile(
            r"\b(original(ly)?\s+(source|publish\w*|post\w*|appear\w*)|re-?post\w*|"
            r"first\s+(published|posted|appeared))\b",
            re.I,
        ),
    ),
    (
        "published",
        re.compile(
            r"\b(when\s+(was|were|did)\b.*\b(publish\w*|post\w*|come\s+out|appear\w*|run)|"
            r"publication\s+date|date\s+of\s+publication|what\s+date\s+was\b.*\bpublish\w*|"
            r"published\s+on\s+what\s+date)\b",
            re.I,
        ),
    ),
    (
        "outlet",
        re.compile(
            r"\b((which|what)\s+(outlet|site|website|publication|newspaper|media|source)\s+"
            r"(published|ran|carried|posted)|who\s+published|where\s+was\b.*\bpublished|"
            r"published\s+(by|in|on)\s+(which|what))\b",
            re.I,
        ),
    ),
)


def metadata_field(question: str) -> str | None:
    """The article metadata a question asks for ("author", "published", ...), if any."""
    for name, pattern in _METADATA_PATTERNS:
        if pattern.search(question):
            return name
    return None


def proper_terms(question: str) -> list[str]:
    """Names and numbers in the question: capitalised words not at the start, acronyms, years."""
    terms: list[str] = []
    for i, match in enumerate(_WORD.finditer(question)):
        word = match.group(0).strip("'’-")
        if not word:
            continue
        is_year = word.isdigit() and len(word) == 4
        is_name = i > 0 and word[0].isupper() and word.lower() not in _COMMON_CAPITALISED
        if is_year or is_name:
            terms.append(word)
    return terms


_COMMON_CAPITALISED = {
    "i", "us", "u.s.", "and", "the", "a", "an", "what", "who", "when", "where", "which", "how",
    "why", "did", "does", "do", "was", "were", "is", "are", "according", "said", "say",
}  # fmt: skip


_HOW_MANY = re.compile(r"\bhow\s+many\s+(.+)", re.I)
_PHRASE_END = re.compile(
    r"\b(were|was|did|do|does|are|is|have|has|had|took|take|died|from|in|at|on|of|during|"
    r"near|by|for|with|according|been|will|would|could|can)\b",
    re.I,
)
_PRONOUNS = {"them", "they", "those", "these", "it", "of"}


def quantity_target(question: str) -> str | None:
    """The thing counted by a "how many X …" question (the last word of X), if any."""
    match = _HOW_MANY.search(question)
    if not match:
        return None
    phrase = _PHRASE_END.split(match.group(1), maxsplit=1)[0]
    words = _WORD.findall(phrase)[:5]
    if not words or words[0].lower() in _PRONOUNS:
        return None
    plurals = [w for w in words if w.islower() and w.endswith("s") and not w.endswith("ss")]
    return plurals[0] if plurals else words[-1]


_WHAT_SAID = re.compile(
    r"^\s*(?:and\s+)?what\s+(?:else\s+)?(?:did|does|do|has|have|had)\s+(?P<who>.+?)\s+"
    r"(?:say|said|claim|claimed|state|stated|report|reported|allege|alleged|announce|"
    r"announced|stress|stressed|point\s+out|accuse\w*|tell|told)\b",
    re.I,
)


def asked_claimant(question: str) -> str | None:
    """Who a "What did X say/claim …?" question is about, or None."""
    match = _WHAT_SAID.match(question)
    if not match:
        return None
    who = match.group("who").strip()
    return (
        None if who.lower() in {"he", "she", "they", "it", "the article", "the articles"} else who
    )
