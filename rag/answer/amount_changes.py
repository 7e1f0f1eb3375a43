"""An amount that measures a difference or a change, against what the question asks: "1.7
billion dlrs less than he had proposed" answers no "How much did the committee approve?",
"eight mln tonnes short of its target" answers "By how much will the harvest fall short?",
and "Shares in Nimbus rose 3.4 percent" gives no level ("What share of the market ...?").
"""

from __future__ import annotations

from news_rag.index.language.entities import Entity
from news_rag.index.language.wordlists import CHANGE_VERBS
from news_rag.index.language.wordlists import words as words_of
from news_rag.rag.answer.amount_units import NEXT_WORD
from news_rag.rag.question.intent import Intent

# Words of a question asking for a difference ("How much more ...?", "by how much").
_DIFFERENCE_WORDS = frozenset({"more", "less", "fewer", "than", "higher", "lower", "by"})
# Words after an amount that make it a difference ("1.7 billion dlrs less than", "5 pct
# higher", "two years earlier"). Set by hand: comparatives news copy writes after one.
_COMPARISON_WORDS = frozenset(
    {"more", "less", "fewer", "higher", "lower", "greater", "smaller", "larger", "bigger",
     "above", "below", "over", "under", "short", "ahead", "behind", "earlier", "later"}
)  # fmt: skip


def _comparison_after(entity: Entity, text: str) -> str | None:
    """The word of comparison right after the amount in the article `text` ("less" in "1.7
    billion dlrs less than"), casefolded, or None."""
    after = NEXT_WORD.match(text, entity.end)
    word = after.group(1).casefold().strip(".,;") if after else ""
    return word if word in _COMPARISON_WORDS else None


def difference_for_amount(entity: Entity, intent: Intent, text: str) -> bool:
    """Whether an amount measures a difference ("approving 1.7 billion dlrs less than he had
    proposed", "5 pct higher": an adverbial noun phrase, `npadvmod` in the parse, with a
    word of comparison after it in the article `text`) where the question asks for an
    amount itself ("How much did the committee approve?"), not a change ("How much did
    revenue rise?") nor a difference ("How much more ...?"). Not "were worth 106 mln
    crowns in 1986", which the parser may hang the same way."""
    if entity.role != "npadvmod" or entity.label not in {"MONEY", "QUANTITY", "CARDINAL"}:
        return False
    if _comparison_after(entity, text) is None:
        return False
    if intent.expected_types[:1] in (("PERCENT",), ()):
        return False  # a change, or no amount asked
    words = {w.strip("?,.") for w in intent.question.casefold().split()}
    return not _DIFFERENCE_WORDS & words


def difference_asked(entity: Entity, intent: Intent, text: str) -> bool:
    """Whether an amount measures a difference ("eight mln tonnes short of its target") where
    the question asks for one ("By how much will the harvest fall short of target?"): a
    word of comparison after it that the question writes, or a difference word of its."""
    word = _comparison_after(entity, text)
    if word is None:
        return False
    asked = {w.strip("?,.") for w in intent.question.casefold().split()}
    return word in asked or bool(_DIFFERENCE_WORDS & asked)


# Roles of an amount that measures its verb's change: "rose 3.4 percent" (an adverbial noun
# phrase), "increased by 12 pct".
_CHANGE_ROLES = frozenset({"npadvmod", "pobj:by"})


# The role of a change asked "by how much" (`Slots.asked_role`).
BY_ROLE = "pobj:by"


def change_for_level(entity: Entity, intent: Intent) -> bool:
    """Whether an amount is a change ("Shares in Nimbus rose 3.4 percent", "Profits rose 20
    pct to 5 mln dlrs": the 20 pct) where the question asks for a level, no change: no word
    of change among its words ("What share of the global market does Nimbus have?"; not
    "How much did revenue rise?" nor "What was the increase in sales?") and none asked "by
    how much"."""
    if entity.role not in _CHANGE_ROLES or not entity.heads:
        return False
    if intent.slots.asked_role == BY_ROLE:  # "By how much did Chrysler raise the price?"
        return False
    change = words_of(CHANGE_VERBS)
    if entity.heads[0] not in change:
        return False
    return not change.intersection((*intent.focus, *intent.anchors))
