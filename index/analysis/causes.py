"""Causes: the clause or phrase a sentence gives as a reason ("because of the continuing
parliamentary boycott"), stored as a CAUSE entity for "why" questions.

A cause is headed by a word of `data/cause_markers.txt`. "because" as a subordinating
conjunction heads the clause it opens; "because of", "due to" and "owing to" head the phrase
that follows; a verb ("caused by", "blamed on", "attributed to") and "reason" head their
own subtree. "due" and "owing" count only when followed by "to" ("due on Tuesday" is a date).
"""

from __future__ import annotations

from typing import Any

from news_rag.index.analysis import lexicon
from news_rag.index.analysis.types import Entity

CAUSE = "CAUSE"
_NEEDS_TO = frozenset({"due", "owing"})


def _marker(token: Any) -> bool:
    lemma = token.lemma_.lower()
    if lemma not in lexicon.words(lexicon.CAUSE_MARKERS):
        return False
    if lemma in _NEEDS_TO:
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return following is not None and following.lower_ == "to"
    return True


def causes(doc: Any, text: str, base: int) -> tuple[Entity, ...]:
    """The sentence's causes as entities, offsets into the article (`base` is the
    sentence's start)."""
    found: list[Entity] = []
    for token in doc:
        if not _marker(token):
            continue
        top = token.head if token.dep_ == "mark" else token
        tokens = list(top.subtree)
        start = min(tokens[0].idx, token.idx)
        end = tokens[-1].idx + len(tokens[-1])
        head = top.head if top.head.i != top.i else top
        found.append(Entity(text[base + start : base + end], CAUSE, base + start, base + end,
                            (head.lemma_.lower(),)))  # fmt: skip
    return tuple(found)
