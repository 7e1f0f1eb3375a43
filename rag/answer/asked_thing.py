"""The sentences holding a value that say the thing the question asks about.

"What was Solvane's revenue last year?" over "Tessary ... had revenue of 910 million dollars
last year" (another company's revenue: contrary evidence) and "Solvane will pay 74 dollars a
share" (Solvane's, but no revenue): the second holds a value of the asked-for type and names
the question's company, so it would keep the answer from being refused, though it does not
say the asked thing at all. When the first such sentence names the asked noun ("revenue of
910 million dollars"; "a drop in third quarter profits to 51 mln dlrs", its amount hanging
from "drop"), only those naming that noun count for a refusal: "Hutton's stock rose 2-1/4"
keeps no answer about fourth-quarter profits.
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.rag.answer.alignment import Contradiction, names_target
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.question.intent import Intent


def saying_asked_thing(
    found: Sequence[Sequence[Contradiction]], typed: Sequence[Evidence], intent: Intent
) -> tuple[list[list[Contradiction]], list[Evidence]]:
    """The typed sentences that name the question's asked noun, with their contradictions
    (`found`, one list each, in order), when the first names it; else all of them."""
    every = [list(cs) for cs in found], list(typed)
    if intent.target is None or not typed or len(found) != len(typed):
        return every
    first = typed[0]
    if not names_target(first, intent):
        return every
    kept = [(cs, ev) for cs, ev in zip(found, typed, strict=True) if names_target(ev, intent)]
    return [list(cs) for cs, _ev in kept], [ev for _cs, ev in kept]
