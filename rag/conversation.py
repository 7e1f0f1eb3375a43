"""A conversation: each question parsed against the previous turn only.

- "Who reported that?" / "Who said this?" is answered from the previous answer's
  citations: their claimants and sources (`who_reported`).
- A question is a follow-up only when a pronoun, an ellipsis or an anaphoric date ("the
  next day") in it has no antecedent in the question itself; its query is the question
  plus the previous turn's focus (`Intent.query`, `rag.question.followup`), never the whole
  history. A follow-up prefers the articles the previous answer cited and avoids repeating
  its quotes (`rag.answer.follow_up`).
- Each turn keeps its intent, with the names its answer quotes, so that "she" in the next
  question resolves to the claimant just quoted (`answer_entities`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from news_rag.rag.types import Answer, Filters

if TYPE_CHECKING:
    from news_rag.index.language.entities import Entity
    from news_rag.index.store.reader import IndexReader
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.question.intent import Intent

_CLAIMANT_LABELS = ("PERSON", "ORG", "NORP", "GPE")


@dataclass(frozen=True)
class Turn:
    question: str
    answer: Answer
    intent: Intent | None = None  # the parse; None (a restored session): parsed when needed


class Conversation:
    """Question history for one chat; what the TUI keeps per session."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.turns: list[Turn] = []
        self._lock = threading.Lock()

    # --- turn storage: use these methods; `turns` stays readable for compatibility ------
    def clear(self) -> None:
        with self._lock:
            self.turns.clear()

    def history(self) -> list[Turn]:
        """A copy of the turns, oldest first."""
        with self._lock:
            return list(self.turns)

    def replace_turns(self, turns: Iterable[Turn]) -> None:
        """Start from these turns (a reopened chat session), so follow-ups resolve."""
        with self._lock:
            self.turns[:] = list(turns)

    def add_turn(self, turn: Turn) -> None:
        with self._lock:
            self.turns.append(turn)

    def discard(self, answer: Answer) -> bool:
        """Forget the turn that produced `answer` (a cancelled question); True if found."""
        with self._lock:
            kept = [t for t in self.turns if t.answer is not answer]
            found = len(kept) != len(self.turns)
            self.turns[:] = kept
        return found

    def trim(self, max_turns: int) -> None:
        """Keep only the newest `max_turns` turns."""
        with self._lock:
            if len(self.turns) > max_turns:
                del self.turns[: len(self.turns) - max_turns]

    def is_follow_up(self, question: str) -> bool:
        """Whether `question` leans on the previous turn: a pronoun or an ellipsis with no
        antecedent in the question itself (`rag.question.parse`)."""
        with self._lock:
            previous = self.turns[-1] if self.turns else None
        if previous is None:
            return False
        from news_rag.rag.question.parse import parse

        return parse(question, [previous_intent(previous)]).is_follow_up

    def ask(
        self, question: str, *, filters: Filters | None = None, mode: str | None = None,
        k: int | None = None,
    ) -> Answer:  # fmt: skip
        with self._lock:
            previous = self.turns[-1] if self.turns else None
        turn = self._answer_turn(question, previous, filters, mode, k)
        with self._lock:
            self.turns.append(turn)
        return turn.answer

    def _answer_turn(
        self,
        question: str,
        previous: Turn | None,
        filters: Filters | None,
        mode: str | None,
        k: int | None,
    ) -> Turn:
        """One turn: the question parsed against the previous turn, then answered from the
        previous answer's citations ("Who said that?") or by the assistant."""
        from news_rag.rag.question.parse import parse
        from news_rag.rag.validation import validate_question

        assistant = self.assistant
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
        entities = answer_entities(assistant.reader, answer)
        return Turn(question, answer, intent.with_answer(entities))


def previous_intent(turn: Turn) -> Intent:
    """The turn's intent; a turn restored from a saved session is parsed on its own."""
    from news_rag.rag.question.parse import parse

    return turn.intent if turn.intent is not None else parse(turn.question)


def answer_entities(reader: IndexReader, answer: Answer) -> tuple[Entity, ...]:
    """The claimants the answer quotes, each with the entity label the analysis gave it."""
    from news_rag.index.language.entities import Entity

    out: list[Entity] = []
    for citation in answer.citations:
        name = citation.claimant.split("(", maxsplit=1)[0].strip()
        if not name:
            continue
        label = "ORG"
        for row in reader.sentence_analysis(citation.article_id):
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


def who_reported(question: str, prior: Answer) -> Answer:
    """ "Who said that?": the previous answer's claimants and sources."""
    lines = [f"[{c.n}] {c.claimant}, as reported by {c.source.render()}." for c in prior.citations]
    text = "The previous answer's claims come from:\n" + "\n".join(lines)
    return replace(
        prior,
        question=question,
        answer=text,
        kind="followup-attribution",
        resolved_question=f"{question} (about: {prior.question})",
    )
