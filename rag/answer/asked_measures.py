"""A measure in the dimension the question asks for answers it before a bare number.

"How deep was the earthquake?" asks for a length: "The quake was centred ... at a depth of
95 kilometres" answers it, "A magnitude 6.4 earthquake struck southern Peru" does not,
though its number hangs from the asked-about noun and its sentence scores higher. In the
sentence choice (`select.prefer_span`), a sentence of the best one's story whose answer
span is in the asked dimension (`amount_units.in_asked_dimension`) ranks as one whose
answer hangs from the question's verb, and is read when it scores within `target_margin` of
the best, as a sentence naming the asked-for thing is.
"""

from __future__ import annotations

from collections.abc import Callable

from news_rag.rag.answer.amount_units import asked_dimension, in_asked_dimension
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.short_answer import Span, find_span
from news_rag.rag.question.intent import Intent


def measured(span: Span | None, intent: Intent) -> bool:
    """Whether an answer span is a measure in the dimension the question asks for."""
    return span is not None and in_asked_dimension(span.entity, intent)


def measure_nearby(best: Evidence, intent: Intent, floor: float) -> Callable[[Evidence], bool]:
    """When the question asks for a measure ("How deep ...?") and the best sentence's answer
    is none in that dimension: whether a sentence is of the best's story, scores at least
    `floor` and holds one."""
    if asked_dimension(intent) is None or measured(find_span(best, intent), intent):
        return lambda ev: False
    return lambda ev: (
        ev.article.id == best.article.id and ev.score >= floor
        and measured(find_span(ev, intent), intent)
    )  # fmt: skip
