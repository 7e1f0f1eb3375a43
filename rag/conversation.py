"""A conversation: each question parsed against the previous turn only.

- "Who reported that?" / "Who said this?" is answered from the previous answer's
  citations: their claimants and sources (`who_reported`).
- A question is a follow-up only when a pronoun, an ellipsis or an anaphoric date ("the
  next day") in it has no antecedent in the question itself; its query is the question
  plus the previous turn's focus (`rag.answer.dialogue`, `rag.question.followup`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from news_rag.rag.types import Answer, Filters

if TYPE_CHECKING:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.question.intent import Intent


@dataclass(frozen=True)
class Turn:
    question: str
    answer: Answer
    intent: Intent | None = None  # the parse (analysis engine); None: parsed when needed


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
        from news_rag.rag.answer.dialogue import previous_intent
        from news_rag.rag.question.parse import parse

        return parse(question, [previous_intent(previous)]).is_follow_up

    def ask(
        self, question: str, *, filters: Filters | None = None, mode: str | None = None,
        k: int | None = None,
    ) -> Answer:  # fmt: skip
        from news_rag.rag.answer.dialogue import answer_turn

        with self._lock:
            previous = self.turns[-1] if self.turns else None
        turn = answer_turn(self.assistant, question, previous, filters, mode, k)
        with self._lock:
            self.turns.append(turn)
        return turn.answer


def who_reported(question: str, prior: Answer) -> Answer:
    """ "Who said that?": the previous answer's claimants and sources (both answer engines)."""
    lines = [f"[{c.n}] {c.claimant}, as reported by {c.source.render()}." for c in prior.citations]
    text = "The previous answer's claims come from:\n" + "\n".join(lines)
    return replace(
        prior,
        question=question,
        answer=text,
        kind="followup-attribution",
        resolved_question=f"{question} (about: {prior.question})",
    )
