"""The asked act done by another participant: every sentence whose value hangs from the
question's own verb names someone else doing it, and the others say other things.

"How much is Coinwise valued at?" over a story where "The round values Payvia at about 600
million dollars" (Payvia owns the value: `owners`) and "Its rival Coinwise raised 40 million
dollars in January" (Coinwise's, but a sum raised, hanging from "raise", not "value"): the
only sentence giving a valuation gives another company's, so the articles do not say it.
The question's verb decides what the value is of (`select.span_level` at `VERB_LEVEL`); a
sentence whose value hangs from no verb of the question says another thing about the
participant and is no support. Only when the best typed sentence itself says the act.
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.rag.answer.alignment import Contradiction
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.span_preference import VERB_LEVEL, span_level
from news_rag.rag.question.intent import Intent


def act_done_by_another(
    found: Sequence[Sequence[Contradiction]], typed: Sequence[Evidence], intent: Intent
) -> bool:
    """Whether the first typed sentence and every other one whose answer hangs from the
    question's verb name another participant doing it (a decisive contradiction each);
    `found`: each typed sentence's contradictions, in order."""
    if intent.slots.predicate is None or not typed or len(found) != len(typed):
        return False
    acting = [
        cs for cs, ev in zip(found, typed, strict=True) if span_level(ev, intent) >= VERB_LEVEL
    ]
    if not acting or acting[0] is not found[0]:
        return False
    return all(any(c.decisive for c in cs) for cs in acting)
