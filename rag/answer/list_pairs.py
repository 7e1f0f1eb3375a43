"""An amount in a list that pairs each value with a name: "estimated at 3.44 mln tonnes in
France, 3.17 mln tonnes in West Germany, 1.72 mln in Italy". Asked for Italy's, the answer
is the value written beside "Italy" (in the same stretch between commas), not the first
value of the sentence; a value beside another name of the same kind is another's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from news_rag.index.language.entities import AMOUNT_LABELS, NAME_LABELS, Entity
from news_rag.rag.answer.names import name_words
from news_rag.rag.question.intent import Intent

# What ends a list's item: a comma, a semicolon, or "and", "against" or "versus" between two
# items ("a rating of 41 pct against 32 pct for Labour and 25 pct for the Alliance").
# A comma between digits is a number's ("14,000"), no break.
_ITEM_BREAK = re.compile(r"(?<!\d),|,(?!\d)|;|\b(?:and|against|versus)\b")

# Labels NER gives the same kind of name by turns: a party is an ORG or a NORP ("the
# Liberals", "the Centre Party"), a region a GPE or a LOC.
KINDS = {"NORP": "ORG", "LOC": "GPE"}

# `pairing` ranks: beside one of the question's names, beside none, beside another's.
BESIDE_ASKED, BESIDE_NONE, BESIDE_OTHER = 0, 1, 2


def _asked(name: str, intent: Intent) -> bool:
    """Whether a name holds all the words of one of the question's names."""
    words = set(name_words(name))
    return any(
        set(name_words(a.text)) <= words for a in intent.slots.arguments if name_words(a.text)
    )


def items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of the sentence (`start`..`end` of `text`) between list breaks."""
    breaks = list(_ITEM_BREAK.finditer(text, start, end))
    lows = [start, *(m.end() for m in breaks)]
    highs = [*(m.start() for m in breaks), end]
    return list(zip(lows, highs, strict=True))


def pairing(
    entities: Sequence[Entity], intent: Intent, text: str, start: int, end: int
) -> Callable[[Entity], int]:
    """For the amounts of a sentence (`start`..`end` of the article `text`, its `entities`)
    that lists amounts beside names: two items or more each holding an amount and a name
    of one label, written alike (the amount first in each, or the name first in each), one
    of them the question's and one another's: `BESIDE_ASKED` for an amount whose item
    names the question's, `BESIDE_OTHER` for one whose item names another of that label,
    else (and in any other sentence) `BESIDE_NONE`. The list is read once per sentence."""
    listed, asked = _listed(entities, intent, text, start, end)

    def rank(value: Entity) -> int:
        if value.label not in AMOUNT_LABELS:
            return BESIDE_NONE
        beside = [n for (low, high), ns in listed if low <= value.start < high for n in ns]
        if any(n in asked for n in beside):
            return BESIDE_ASKED
        return BESIDE_OTHER if beside else BESIDE_NONE

    return rank


def _listed(
    entities: Sequence[Entity], intent: Intent, text: str, start: int, end: int
) -> tuple[list[tuple[tuple[int, int], list[Entity]]], list[Entity]]:
    """The sentence's list items (each with its names of the asked names' labels) and the
    question's names among them, or nothing where the sentence lists no amounts by name."""
    names = [e for e in entities if e.label in NAME_LABELS and start <= e.start < end]
    asked = [e for e in names if _asked(e.text, intent)]
    if not asked:
        return [], []
    labels = {KINDS.get(e.label, e.label) for e in asked}
    amounts = [e for e in entities if e.label in AMOUNT_LABELS and start <= e.start < end]
    found = []  # (item, its names of the asked labels) for items holding an amount too
    orders = []  # whether each item writes its amount before its name ("1.72 mln in Italy")
    for low, high in items(text, start, end):
        inside = [
            e for e in names
            if low <= e.start and e.end <= high and KINDS.get(e.label, e.label) in labels
        ]  # fmt: skip
        held = [e for e in amounts if low <= e.start and e.end <= high]
        if inside and held:
            found.append(((low, high), inside))
            orders.append(held[0].start < inside[0].start)
    # the items written alike, when most are: "32 pct for Labour and 25 pct for the
    # Alliance" after "The poll gives the Conservatives a rating of 41 pct"
    alike = max((True, False), key=orders.count)
    listed = [item for item, order in zip(found, orders, strict=True) if order == alike]
    others = [n for _item, inside in listed for n in inside if n not in asked]
    if len(listed) < 2 or len(listed) * 2 <= len(found) or not others:
        return [], []  # no list of amounts by name, most items written alike
    if not any(n in asked for _i, ns in listed for n in ns):
        return [], []
    return listed, asked
