"""What an amount measures: "How much copper did the Trail smelter produce?" is not answered
by "produced 240,000 long tons of zinc and 110,000 long tons of lead", though both are
amounts under "produce".

A question asking how much of a thing ("how much <noun>", a measure first among its types)
names it (`Intent.target`); a sentence gives an amount with what it measures after "of"
("240,000 long tons of zinc"). The small model's embeddings do not tell one commodity from
another ("gold"/"silver" 0.68, "oil"/"crude" 0.54: `counted.SAME_THING_SIMILARITY` would
take the first pair for one thing and refuse the second), so the thing counts as absent
only when no article of the answer writes the asked noun at all: its amounts measure other
things, and the answer refuses, saying which.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from news_rag.index.language.units import unit_of
from news_rag.rag.answer.amount_units import COUNTED_NOUN_LETTERS
from news_rag.rag.answer.coverage import writes_word_starting
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.question_names import in_question
from news_rag.rag.question.intent import QUANTITY, Intent

# The words after an amount naming what it measures: "of zinc", "of crude oil", "each of
# wheat and corn".
_OF_THING = re.compile(r"\s+(?:each\s+)?of\s+([a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)")


def _asks_how_much_of(intent: Intent) -> bool:
    """ "How much copper ...?": a measure of a thing, not a count, a sum or a unit."""
    target = intent.target
    if intent.kind != QUANTITY or target is None or intent.counts_things:
        return False
    return intent.expected_types[:1] == ("QUANTITY",) and unit_of(target) is None


def _measured(ev: Evidence, intent: Intent) -> list[str]:
    """What each measure of the sentence measures, as written after its "of"."""
    if ev.info is None:
        return []
    text = ev.article.text
    found = []
    for e in ev.info.entities:
        if e.label != "QUANTITY" or in_question(e, intent):
            continue
        if not (ev.cand.start <= e.start and e.end <= ev.cand.end):
            continue
        match = _OF_THING.match(text, e.end)
        if match:
            found.append(_thing(match.group(1)))
    return found


def _thing(words: str) -> str:
    """The words naming a thing, up to the first word that names none ("zinc" of "zinc
    and")."""
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list, no model

    kept = []
    for word in words.split():
        if word in STOP_WORDS:
            break
        kept.append(word)
    return " ".join(kept) or words


def other_thing_measured(typed: Sequence[Evidence], intent: Intent) -> tuple[str, str] | None:
    """(the asked thing, the one measured instead) when the answer's sentences measure other
    things after "of" and none of their articles writes the asked noun anywhere."""
    if not typed or not _asks_how_much_of(intent):
        return None
    key = (intent.target or "")[:COUNTED_NOUN_LETTERS].casefold()
    articles = {ev.article.id: ev.article for ev in typed}.values()
    if any(writes_word_starting(article, key) for article in articles):
        return None
    measured = [thing for ev in typed for thing in _measured(ev, intent)]
    return (intent.target or "", measured[0]) if measured else None
