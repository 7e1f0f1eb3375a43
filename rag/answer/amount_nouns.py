"""Which noun an amount is of, against the one the question asks about: another figure of
the story ("Valmark's exports to the European Union were 14.3 billion crowns" for its trade
surplus: `of_another_amount_noun`), the opposite amount ("a profit of 365,883 dlrs" for
"How much did Vulcan lose?": `opposite_amount`), or what a business has where the question
asks what was paid ("with assets of four billion dlrs": `size_for_price`). An amount hangs
from the word its analysis gives first, and under a verb of change from that verb's subject
too ("exports fell to 31.8 billion"). Of two amounts, the one hanging from the question's
verb more closely is likelier its answer (`verb_depth`)."""

from __future__ import annotations

from news_rag.index.language.entities import Entity
from news_rag.index.language.wordlists import CHANGE_VERBS, data_list, pairs
from news_rag.index.language.wordlists import words as words_of
from news_rag.rag.answer.amount_units import AMOUNT_LABELS, COUNTED_NOUN_LETTERS, dimensions_of
from news_rag.rag.answer.qualifiers import names_word
from news_rag.rag.question.intent import Intent

SIZE_NOUNS = data_list("news_rag.rag.answer", "size_nouns.txt")
OPPOSITE_AMOUNTS = data_list("news_rag.rag.answer", "opposite_amounts.tsv")
PRICE_VERBS = data_list("news_rag.rag.question", "price_verbs.txt")


def _amount_nouns(entity: Entity) -> tuple[str, ...]:
    """The words an amount is of: the word it hangs from, and under a verb of change its
    subject too ("exports fell to 31.8 billion": "fall", "export")."""
    heads = entity.heads[:1]
    if heads and heads[0] in words_of(CHANGE_VERBS):
        heads = entity.heads[:2]
    return heads


def opposite_amount(entity: Entity, intent: Intent) -> bool:
    """Whether an amount is of the opposite of what the question asks for
    (`opposite_amounts.tsv`): "a profit of 365,883 dlrs" for "How much did Vulcan lose?",
    "a deficit" for a surplus, imports for exports; not when the question names that noun
    itself ("a loss, against a profit of ...")."""
    if entity.label not in AMOUNT_LABELS:
        return False
    opposites = pairs(OPPOSITE_AMOUNTS)
    asked = {w for w in (intent.target, intent.slots.predicate) if w}
    against = {noun for word in asked for noun in opposites.get(word, "").split()}
    return any(
        head in against and not names_word(intent.question, head) for head in _amount_nouns(entity)
    )


def of_another_amount_noun(entity: Entity, intent: Intent) -> bool:
    """Whether an amount hangs first from a noun the word lists type as an amount of its own
    other than the asked one ("Valmark's exports to the European Union were 14.3 billion
    crowns" for "What was Valmark's trade surplus?"): another figure of the story, not the
    asked one said another way ("the group earned a record 988.2 mln dlrs" hangs from a
    verb)."""
    from news_rag.rag.question.reading import noun_labels_of

    if intent.target is None or entity.label not in AMOUNT_LABELS:
        return False
    heads = _amount_nouns(entity)
    if any(head.startswith(intent.target[:COUNTED_NOUN_LETTERS]) for head in heads):
        return False
    return any(set(noun_labels_of(head)) & {"MONEY", "PERCENT", "QUANTITY"} for head in heads)


def size_for_price(entity: Entity, intent: Intent) -> bool:
    """Whether an amount is what a business has or makes (it hangs first from a noun of
    `size_nouns.txt`: "with assets of four billion dlrs", "sales of 5.9 billion") where the
    question asks what was paid, owed, lent or spent (its verb one of `price_verbs.txt`:
    "How much did Security Pacific pay for Rainier?"), and the question does not name that
    noun itself."""
    verb = intent.slots.predicate
    if not verb or verb not in words_of(PRICE_VERBS) or not entity.heads:
        return False
    head = entity.heads[0]
    return head in words_of(SIZE_NOUNS) and not names_word(intent.question, head)


# Words after a distance that make it say where something is ("about 450 miles east of
# Vancouver", "20 km from the border"), not how much of anything there is. Set by hand.
_PLACING_WORDS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "from", "away", "off", "offshore", "inland", "outside", "beyond", "downstream",
    "upstream", "apart",
})  # fmt: skip


# Words of a question asking how far apart things are, which a placing distance answers.
_DISTANCE_WORDS = frozenset({"far", "distance", "away"})
# How far after a distance its placing word is read (characters): one word.
_PLACING_READ = 20


def placing_distance(entity: Entity, intent: Intent, text: str) -> bool:
    """Whether an amount is a distance placing something ("The Trail smelter, about 400
    miles east of Vancouver, produced ...", "centred 30 kilometres south of the city at a
    depth of 72 kilometres") where the question asks how much, or how deep, not how far:
    it says where, not how much."""
    if entity.label not in AMOUNT_LABELS:
        return False
    following = text[entity.end : entity.end + _PLACING_READ].split()
    if not following or following[0].casefold().strip(",.") not in _PLACING_WORDS:
        return False  # read first: the cheapest test, and the one most amounts fail
    asked = {w.strip("?,.") for w in intent.question.casefold().split()}
    if asked & _DISTANCE_WORDS:
        return False  # "How far is the mine from Vancouver?"
    return "length" in dimensions_of(entity)


# How many of an amount's stored heads reach its own verb: the first is often the noun it
# counts or its unit ("seat" in "lost 92 of its seats"). Two: one more reaches a clause
# beside the verb ("to fill 2,670 seats" under "lose"); set by reading the LDP, Kenya
# coffee and Morgan Grenfell sentences of the probe sets (2026-12-07).
CLOSE_HEADS = 2


def verb_depth(entity: Entity, intent: Intent) -> int:
    """0 when the question's verb (an anchor other than its asked-for noun) is one of the
    entity's first `CLOSE_HEADS` stored heads ("lost 92 of its seats": "seat", "lose"),
    else 1 ("elections to fill 2,670 seats": "seat", "fill", "lose")."""
    verbs = set(intent.anchors) - {intent.target}
    return 0 if verbs.intersection(entity.heads[:CLOSE_HEADS]) else 1
