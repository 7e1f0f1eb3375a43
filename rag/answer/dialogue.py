"""One turn of a conversation with the analysis engine.

The question is parsed once against the previous turn only (`parse(question, [previous])`):
it is a follow-up only when a pronoun or an ellipsis in it has no antecedent in the question
itself, and its query is the question plus the previous turn's focus (`Intent.query`), never
the whole history. "Who said that?" is answered from the previous answer's citations. Each
turn keeps its intent, with the names its answer quotes, so that "she" in the next question
resolves to the claimant just quoted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from news_rag.rag.conversation import who_reported
from news_rag.rag.question.intent import Entity, Intent
from news_rag.rag.question.parse import parse
from news_rag.rag.types import Answer, Filters

if TYPE_CHECKING:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.conversation import Turn

_CLAIMANT_LABELS = ("PERSON", "ORG", "NORP", "GPE")


def previous_intent(turn: Turn) -> Intent:
    """The turn's intent; a turn restored from a saved session is parsed on its own."""
    return turn.intent if turn.intent is not None else parse(turn.question)


def answer_entities(assistant: Assistant, answer: Answer) -> tuple[Entity, ...]:
    """The claimants the answer quotes, each with the entity label the analysis gave it."""
    out: list[Entity] = []
    for citation in answer.citations:
        name = citation.claimant.split("(", maxsplit=1)[0].strip()
        if not name:
            continue
        label = "ORG"
        rows = assistant.reader.sentence_analysis(citation.article_id)
        for row in rows:
            if row.start <= citation.char_start < row.end or row.claimant == citation.claimant:
                hit = next(
                    (e for e in row.entities if e.label in _CLAIMANT_LABELS
                     and (name in e.text or e.text in name)),
                    None,
                )  # fmt: skip
                if hit is not None:
                    label = hit.label
                    break
        out.append(Entity(name, label))
    return tuple(dict.fromkeys(out))


def answer_turn(
    assistant: Assistant,
    question: str,
    previous: Turn | None,
    filters: Filters | None,
    mode: str | None,
    k: int | None,
) -> Turn:
    from news_rag.rag.conversation import Turn
    from news_rag.rag.validation import validate_question

    text = validate_question(question, assistant.settings.answer.max_question_chars)
    history = [previous_intent(previous)] if previous is not None else []
    intent = parse(text, history)
    prior = previous.answer if previous is not None else None
    if prior is not None and prior.citations and intent.about_previous_answer:
        answer = who_reported(text, prior)
    elif prior is not None and intent.is_follow_up:
        answer = assistant.ask(
            text,
            filters=filters,
            mode=mode,
            k=k,
            prefer_articles=[c.article_id for c in prior.citations],
            already_cited=[(c.article_id, c.char_start) for c in prior.citations],
            intent=intent,
        )
    else:
        answer = assistant.ask(text, filters=filters, mode=mode, k=k, intent=intent)
    return Turn(question, answer, intent.with_answer(answer_entities(assistant, answer)))
