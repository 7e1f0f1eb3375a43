"""Ties between sentences holding an answer span (`select.prefer_span`): the person titled
with the asked role, and the answer hanging nearer the question's verb.
"""

from __future__ import annotations

from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.short_answer import Span
from news_rag.rag.answer.titles import titled_as_asked
from news_rag.rag.question.intent import Intent

# `nearness` of an answer span hanging from none of the question's anchors: more words than
# any stored chain of heads holds.
UNANCHORED = 99


def titled_as_role(span: Span | None, ev: Evidence, intent: Intent) -> bool:
    """Whether the sentence's person (its answer `span`) is titled with the asked role
    ("union secretary-general Tomasz Wren", whose name hangs from "said", not from the
    role)."""
    return span is not None and titled_as_asked(span.entity, intent, ev.article.text, ev.cand.start)


def nearness(span: Span | None, intent: Intent) -> int:
    """Minus how many words an answer span hangs through before one of the question's verbs
    (0: from the verb itself; `-UNANCHORED` from none). Not its noun: "exports to the
    European Community were 21.60 billion marks" is no nearer an answer for exports to the
    United States than "exports to the United States fell below four billion marks"."""
    heads = span.entity.heads if span is not None else ()
    verbs = set(intent.anchors) - {intent.target}
    return -next((n for n, head in enumerate(heads) if head in verbs), UNANCHORED)
