"""The list item naming the asked thing: "Argentine exports of sorghum to Spain fell to zero
last year from 300,000 tonnes in 1985, while maize sales fell to 15,000 tonnes from 994,000"
gives maize's figure in the stretch that says "maize" before it (`list_pairs.items`); "the
cost of taking cocoa into store (currently 23.00 pounds sterling ...) and the cost of carry
which currently is 12.00 pounds sterling per month" gives the cost of carry where "carry"
is written. The asked thing is the question's noun (`Intent.target`) and the noun its "of"
names ("the cost of carry"); of two amounts otherwise alike (`short_answer.find_span`'s
last tie), the one whose item names more of them before it comes first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from news_rag.index.language.entities import AMOUNT_LABELS, Entity
from news_rag.rag.answer.list_pairs import items
from news_rag.rag.answer.names import name_words
from news_rag.rag.question.intent import Intent

# The letters of a word an inflected form keeps ("sale" of "sales", "cost" of "costs").
WORD_STEM_LETTERS = 4


def asked_words(intent: Intent) -> tuple[str, ...]:
    """The asked noun and the noun after its "of" in the question ("cost", "carry" for
    "What is the current cost of carry for cocoa?"), as word stems."""
    target = intent.target
    if not target:
        return ()
    stem = target[:WORD_STEM_LETTERS]
    words = intent.question.casefold().split()
    at = next((n for n, w in enumerate(words) if w.startswith(stem)), None)
    if at is None or at + 2 >= len(words) or words[at + 1] != "of":
        return (stem,)
    return (stem, *(w[:WORD_STEM_LETTERS] for w in name_words(words[at + 2])[:1]))


def naming_asked(
    entities: Sequence[Entity], intent: Intent, text: str, start: int, end: int
) -> Callable[[Entity], int]:
    """For the amounts of a sentence (`start`..`end` of the article `text`): minus how many
    of `asked_words` the amount's list item writes before its first amount ("while maize
    sales fell to 15,000 tonnes"; not "five new and 10 redesigned Kuppenheimer stores",
    where the noun after both amounts is in the second's item only, nor "59,000 tonnes of
    white sugar received rebates of ... per 100 kilos", one item), where the amounts do not
    all have as many; else 0 for every one."""
    wanted = asked_words(intent)
    before: dict[int, int] = {}
    if wanted:
        for low, high in items(text, start, end):
            held = [e for e in entities if e.label in AMOUNT_LABELS and low <= e.start < high]
            if not held:
                continue
            said = name_words(text[low : min(e.start for e in held)])  # the item's opening
            hits = sum(any(w.startswith(k) for w in said) for k in wanted)
            before.update((e.start, hits) for e in held)
    if len(set(before.values())) < 2:
        return lambda value: 0
    return lambda value: -before.get(value.start, 0)


# Labels of the names a list pairs its amounts with ("Beverly Nursing Home, a 160 bed
# facility ..., and New Lakeview Convalescent Home, a 210-bed facility").
_ITEM_NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP", "PRODUCT"})
# Words between an apposition's comma and its amount: "a" in "X, a 210-bed facility", "with
# about" in "Y, with about 300 employees". Set by hand.
APPOSED_WORDS = 2


def after_asked_name(
    entities: Sequence[Entity], intent: Intent, text: str, start: int, end: int
) -> Callable[[Entity], int]:
    """For the amounts of a sentence (`start`..`end` of the article `text`): -1 for an
    amount in apposition to a name the question names (every word of a named argument, the
    amount after it, its comma and at most `APPOSED_WORDS` words: "New Lakeview
    Convalescent Home, a 210-bed facility" for "How many beds does New Lakeview
    Convalescent Home have?"; not "2,800 natives of Russia and 1,400 from ..."), 0 for the
    others; 0 for every one where all are alike."""
    asked = [set(name_words(a.text)) for a in intent.slots.arguments if a.label]
    asked = [words for words in asked if words]
    names = sorted(
        (e for e in entities if e.label in _ITEM_NAME_LABELS and start <= e.start < end),
        key=lambda e: e.start,
    )
    after: dict[int, int] = {}
    for value in (e for e in entities if e.label in AMOUNT_LABELS and start <= e.start < end):
        before = [n for n in names if n.end <= value.start]
        gap = text[before[-1].end : value.start] if before else ""
        apposed = gap.startswith(",") and len(gap[1:].split()) <= APPOSED_WORDS
        own = set(name_words(before[-1].text)) if apposed else set()
        after[value.start] = int(any(words <= own for words in asked))
    if len(set(after.values())) < 2:
        return lambda value: 0
    return lambda value: -after.get(value.start, 0)
