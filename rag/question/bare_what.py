"""What a "what" with no noun of its own asks for, read from its verb: a sum of money as
"how much" would be ("What would it cost to develop the field?", "What did Hearst pay?"), a
level ("To what was the index revised?", "To what was the dividend raised?"), or the noun a
gerund the small model read as a verb stands for ("What was spending on nonresidential
construction in April?", parsed as "was spending" with "What" its subject).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from news_rag.rag.question import words

if TYPE_CHECKING:
    from spacy.tokens import Token

PRICE = "price"
LEVEL = "level"

# Verbs whose "what" object is a sum of money as "how much" would be. Of the price verbs
# (`price_verbs.txt`), those whose object is never a thing or a charge: one "offers",
# "donates" or "bids" a thing, and is "charged with" a crime.
_PRICE_OBJECT_VERBS = frozenset({"cost", "pay", "spend", "owe", "borrow"})
# Verbs that set an amount to a level, whose "to what" or "from what" asks for the level,
# beside the verbs of change (`change_verbs.txt`): "raise", "cut", "revise".
_LEVEL_VERBS = frozenset(
    {"raise", "lower", "cut", "reduce", "revise", "lift", "boost", "trim", "set", "adjust"}
)
# The prepositions before a "what" that asks for a level: "to what", "from what".
_LEVEL_PREPOSITIONS = frozenset({"to", "from"})


def bare_amount(wh: Token) -> str | None:
    """`PRICE` for a "what" that is the object of a verb asking a price, `LEVEL` for "to
    what" or "from what" before a verb setting or changing an amount; None otherwise."""
    verb = wh.head
    if wh.dep_ in {"dobj", "npadvmod"} and verb.lemma_.lower() in _PRICE_OBJECT_VERBS:
        return PRICE
    before = wh.doc[wh.i - 1] if wh.i > 0 else None
    if before is None or before.lower_ not in _LEVEL_PREPOSITIONS:
        return None
    # the verb: the model hangs "what" from the preposition, or from the verb with the
    # preposition as the root ("To what was the dividend raised?")
    verbs = [t for t in (wh.head, wh.head.head) if t.pos_ == "VERB"]
    verbs = verbs or [t for t in wh.doc if t.pos_ == "VERB"]
    if not verbs:
        return None
    lemma = verbs[0].lemma_.lower()
    changes = lemma in _LEVEL_VERBS or lemma in words.words(words.CHANGE_VERBS)
    return LEVEL if changes else None


def gerund_asked(wh: Token) -> Token | None:
    """The gerund a "What was ...?" question asks about when the model read "was" as its
    auxiliary and "what" as its subject ("What was spending on ...?"), if the word lists
    type it as a noun; None otherwise."""
    verb = wh.head
    if wh.dep_ != "nsubj" or verb.tag_ != "VBG" or not words.noun_labels_of(verb.lower_):
        return None
    be = [c for c in verb.children if c.dep_ == "aux" and c.lemma_ == "be"]
    return verb if be else None
