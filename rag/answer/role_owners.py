"""Refusal on a role held for another owner: "Who is Kingsbridge's coach?" when the best
sentence names "Harbourside coach Maria Lopez" and no retrieved sentence names anyone in
the role whose title could be Kingsbridge's. The title's other owner is contrary evidence
(`titles.other_owner`), the way another company's figure is for an amount: "The indexed
articles don't say who Kingsbridge's coach is, only Harbourside's".

A nationality or a country naming the other owner is no such evidence: "Spanish Foreign
Minister X" may well be Spain's (the small model's NORP and GPE entities are not matched
to the question's names by their spelling).
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.language.entities import Entity
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.short_answer import find_span
from news_rag.rag.answer.titles import asks_role, other_owner, title_fit
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.slots import MODIFIER_ROLES

# Labels of an owner that may be the question's under another spelling ("Spanish", "U.K.").
PLACE_LABELS = frozenset({"NORP", "GPE", "LOC"})


def owned_elsewhere(chosen: Sequence[Evidence], pool: Sequence[Evidence], intent: Intent) -> str:
    """The refusal's reason when the first chosen sentence's person holds the asked role for
    another owner and no sentence of the pool, in a story naming the question's owner,
    names anyone in the role otherwise, or ""."""
    if not chosen or not asks_role(intent):
        return ""
    first = chosen[0]
    span = find_span(first, intent)
    if span is None or first.info is None:
        return ""
    other = other_owner(span.entity, intent, first.article.text, first.cand.start)
    places = [e.text for e in first.info.entities if e.label in PLACE_LABELS]
    if not other or any(word in place for place in places for word in other.split()):
        return ""
    owner = _asked_owner(intent)
    if not owner:
        return ""
    for ev in pool:  # someone in the role in a story naming the owner: "Their coach, X"
        found = find_span(ev, intent)
        if found is not None and owner in ev.article.text and _in_role(found.entity, ev, intent):
            return ""
    return f"who {owner}'s {intent.target} is, only {other}'s"


def _in_role(entity: Entity, ev: Evidence, intent: Intent) -> bool:
    """Whether a person is titled with the asked role and no other owner of it."""
    text, start = ev.article.text, ev.cand.start
    fit = title_fit(entity, intent, text, start)
    return fit > 0 and not other_owner(entity, intent, text, start)


def _asked_owner(intent: Intent) -> str:
    """The question's owner of the asked role ("Kingsbridge" in "Who is Kingsbridge's
    coach?", "Port Linden" in "Who is the manager of Port Linden?"), or ""."""
    for argument in intent.slots.arguments:
        if argument.heads[:1] == (intent.target,) and (
            argument.role in MODIFIER_ROLES or argument.role == "pobj:of"
        ):
            text = argument.text.removesuffix("'s").removesuffix("’s")
            return text.removeprefix("the ").strip()
    return ""
