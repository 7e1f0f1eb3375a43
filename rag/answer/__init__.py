"""The answer stage of the read path. `intent`: one typed parse of the question.

`parse(question, history) -> Intent` says what the question asks for (its kind and the
entity types an answer should hold), about whose claims, about what, within which dates, and
whether it follows up on the previous turn; `resolved_query(intent, previous)` is the query
a follow-up is searched with.

The answer is made here too, stage by stage, from the index-time sentence analysis
(`IndexReader.sentence_analysis`): `run` (parse, retrieve, dispatch), `select` (by answer
type, with the neighbour a sentence points to) or `claims` ("What did X say?"), abstention
(on a calibrated relevance, in `engine`; the text in `refusal`), `conflicts` (on evidence),
`compose` (verbatim quotes, claimants, event dates), `balance`; `dialogue` holds a
conversation's turns; `corpus` learns acronyms and spellings once per generation.
"""

from news_rag.rag.answer.followup import resolved_query
from news_rag.rag.answer.intent import parse
from news_rag.rag.answer.types import (
    KINDS,
    Claimant,
    Entity,
    Intent,
    QuestionFilters,
    Reference,
)

__all__ = [
    "KINDS",
    "Claimant",
    "Entity",
    "Intent",
    "QuestionFilters",
    "Reference",
    "parse",
    "resolved_query",
]
