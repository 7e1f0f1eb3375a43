"""Causes: the clause or phrase a sentence gives as a reason ("because of the continuing
parliamentary boycott"), stored as a CAUSE entity for "why" questions.

A cause is headed by a phrase of `data/cause_markers.txt` (lemmas). A subordinating
conjunction ("because", "so that") heads the clause it opens; "because of", "due to",
"owing to" and "in order to" head the phrase that follows; a verb ("caused by", "blamed
on", "attributed to") and "reason" head their own subtree. "due" alone is no cause ("due on
Tuesday" is a date).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from news_rag.index.analysis import lexicon
from news_rag.index.language.entities import Entity

CAUSE = "CAUSE"


@cache
def _markers() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The marker phrases as lemma tuples, by their first lemma, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for line in lexicon.words(lexicon.CAUSE_MARKERS):
        phrase = tuple(line.split())
        by_first.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(sorted(p, key=len, reverse=True)) for first, p in by_first.items()}


def _marker_at(doc: Any, i: int) -> tuple[str, ...] | None:
    for phrase in _markers().get(doc[i].lemma_.lower(), ()):
        end = i + len(phrase)
        if end <= len(doc) and all(
            doc[j].lemma_.lower() == word for j, word in zip(range(i, end), phrase, strict=True)
        ):
            return phrase
    return None


def causes(doc: Any, text: str, base: int) -> tuple[Entity, ...]:
    """The sentence's causes as entities, offsets into the article (`base` is the
    sentence's start)."""
    found: list[Entity] = []
    for token in doc:
        if _marker_at(doc, token.i) is None:
            continue
        top = token.head if token.dep_ == "mark" else token
        tokens = list(top.subtree)
        start = min(tokens[0].idx, token.idx)
        end = tokens[-1].idx + len(tokens[-1])
        head = top.head if top.head.i != top.i else top
        found.append(Entity(text[base + start : base + end], CAUSE, base + start, base + end,
                            (head.lemma_.lower(),)))  # fmt: skip
    return tuple(found)
