"""What an amount is of: the prepositional object of its own noun ("24 pct of Mitsubishi
Motors Corp", "a 28.5 pct stake in Digiorgio Corp"), past a stock ticker the parser made a
head ("Woolworth Holdings Plc (WLUK.L)")."""

from __future__ import annotations

from news_rag.index.language.entities import Entity

# The role prefix of a prepositional object ("pobj:of", "pobj:in").
OBJECT_PREFIX = "pobj:"
# Roles of a value that modifies the noun after it ("a 28.5 pct stake"): the noun is its own.
_VALUE_MODIFIER_ROLES = frozenset({"nummod", "compound", "amod", "quantmod"})


def of_value(rival: Entity, value: Entity) -> bool:
    """Whether the rival is the prepositional object of the value's own noun: its last
    word ("24 pct of Mitsubishi Motors Corp (MIMT.T)", past a ticker the parser hung the
    name from) or the noun it modifies ("a 28.5 pct stake in Digiorgio Corp")."""
    words = value.text.split()
    own = {words[-1].casefold()} if words else set()
    if value.role in _VALUE_MODIFIER_ROLES and value.heads:
        own.add(value.heads[0])
    first = [h for h in rival.heads if not ticker(h)][:1]
    return bool(first) and first[0] in own


def ticker(word: str) -> bool:
    """A stock ticker the parser made a head ("wluk.l", "hwk.l"): a dot inside, no
    abbreviation's pattern of one letter a dot ("u.s.")."""
    inside = word.strip(".")
    return "." in inside and not all(len(part) == 1 for part in inside.split("."))
