"""A sentence listing amounts beside names, none of them the question's: "The poll gives the
Conservatives a rating of 41 pct against 32 pct for Labour and 25 pct for the Alliance" gives
no rating for the Greens. Every amount of the asked-for type stands beside another name of
the kind the question names (`list_pairs`), and the sentence never names the question's: the
values are the others', contrary evidence (`answerability.judge`).
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.language.entities import AMOUNT_LABELS, NAME_LABELS, Entity
from news_rag.rag.answer.alignment import Contradiction, answer_values
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.coverage import argument_forms, names_in, word_keys
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.list_pairs import KINDS, items
from news_rag.rag.question.intent import Intent

# The answer types of a question asking for an amount, the only ones a list of amounts by
# name gives for others ("Which banks ...?" is answered by the list's names).
_AMOUNTS = frozenset((label,) for label in AMOUNT_LABELS)
# How many items of a name and an amount make a list: two ("32 pct for Labour and 25 pct for
# the Alliance"); one is a sentence about one participant.
MIN_LISTED = 2


def listed_for_others(ev: Evidence, intent: Intent, corpus: CorpusTables) -> Contradiction | None:
    """The contradiction of a sentence that lists its every asked-for amount beside another
    name of the kind of a name the question gives and names none of the question's names
    (under any of their forms: "Italian" names Italy), or None. Only for a question asking
    for an amount, not who said it."""
    if ev.info is None or intent.expected_types[:1] not in _AMOUNTS or intent.asks_claimant:
        return None  # a list of names is the answer to "Which banks ...?"
    keys = word_keys(ev.quote)
    named = [a for a in intent.slots.arguments if a.label in NAME_LABELS]
    forms = [argument_forms(a.text, a.label, corpus) for a in named]
    if any(names_in(form, keys) for group in forms for form in group):
        return None  # the list names one of the question's: "26 pct is held by Suzuki"
    values = answer_values(ev.info, intent)
    for arg in named:
        kind = KINDS.get(arg.label, arg.label)
        beside = _names_beside(ev, ev.info.entities, values, kind)
        if beside:
            return Contradiction("name", beside[0].text, arg.text, owner=True)
    return None


def _names_beside(
    ev: Evidence, entities: Sequence[Entity], values: Sequence[Entity], kind: str
) -> list[Entity]:
    """The names of `kind` among the sentence's `entities` beside its `values` when each
    value stands in a list item with one and `MIN_LISTED` items or more hold both, in the
    sentence's order; else []."""
    start, end = ev.cand.start, ev.cand.end
    names = [
        e for e in entities
        if e.label in NAME_LABELS and KINDS.get(e.label, e.label) == kind
    ]  # fmt: skip
    listed: list[Entity] = []
    paired = 0
    for low, high in items(ev.article.text, start, end):
        inside = [n for n in names if low <= n.start and n.end <= high]
        held = [v for v in values if low <= v.start and v.end <= high]
        if held and not inside:
            return []  # an amount beside no name: perhaps the asked one's
        if held:
            paired += 1
            listed.extend(inside)
    return listed if paired >= MIN_LISTED else []


def with_lists(
    found: Sequence[Sequence[Contradiction]],
    typed: Sequence[Evidence],
    intent: Intent,
    corpus: CorpusTables,
) -> list[list[Contradiction]]:
    """`found` with each typed sentence's `listed_for_others`. It decides a refusal and is no
    feature of the fitted model, which was fitted without it."""
    if len(found) != len(typed):
        return [list(cs) for cs in found]
    listed = (listed_for_others(ev, intent, corpus) for ev in typed)
    return [[*cs, *([c] if c else [])] for cs, c in zip(found, listed, strict=True)]
