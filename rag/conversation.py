"""A conversation: follow-up questions resolved against the previous turns.

- "Who reported that?" / "Who said this?" is answered from the previous answer's
  citations: their claimants and sources.
- "And what happened the next day?" shifts the dates quoted in the previous answer by a
  day and searches for them, preferring the articles cited before.
- Other short or pronoun-led questions ("What about the SDF?", "Where is it?") add the
  previous question to the retrieval query.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from news_rag.rag.types import Answer, Citation, Filters

if TYPE_CHECKING:
    from news_rag.rag.answer.types import Intent
    from news_rag.rag.assistant import Assistant

_WHO_THAT = re.compile(
    r"^\s*(and\s+)?(who|which\s+\w+)\s+(reported|said|claimed|stated|says|claims|reports|"
    r"made|is\s+behind)\s+(that|this|it|so)\b",
    re.I,
)
_FOLLOW_UP = re.compile(
    r"^\s*(and|but|so|also|then|what\s+about|how\s+about)\b|"
    r"\b(that|this|it|its|he|she|they|them|his|her|their|there|then|the\s+next\s+day|"
    r"the\s+day\s+after|the\s+following\s+day|the\s+day\s+before|the\s+previous\s+day|"
    r"afterwards|before\s+that|after\s+that)\b",
    re.I,
)
_NEXT_DAY = re.compile(r"\b(next|following)\s+day|day\s+after|afterwards\b", re.I)
_PREVIOUS_DAY = re.compile(r"\b(previous|prior)\s+day|day\s+before\b", re.I)
_MONTH_DAY = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(\d{1,2})\b"
)


@dataclass(frozen=True)
class Turn:
    question: str
    answer: Answer
    intent: Intent | None = None  # the parse (analysis engine); None: parsed when needed


def _shift_dates(text: str, days: int, year: int) -> list[str]:
    shifted = []
    for month, day in _MONTH_DAY.findall(text):
        try:
            when = dt.datetime.strptime(f"{month} {day} {year}", "%B %d %Y").date()
        except ValueError:
            continue
        moved = when + dt.timedelta(days=days)
        shifted.append(f"On {moved.strftime('%B')} {moved.day}")
    return shifted


def _year_of(citation: Citation) -> int:
    published = citation.source.published or ""
    return int(published[:4]) if published[:4].isdigit() else dt.date.today().year


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
        if not self.turns:
            return False
        if self.assistant.settings.answer.engine == "analysis":
            from news_rag.rag.answer.dialogue import previous_intent
            from news_rag.rag.answer.intent import parse

            return parse(question, [previous_intent(self.turns[-1])]).is_follow_up
        return bool(_FOLLOW_UP.search(question))

    def ask(
        self, question: str, *, filters: Filters | None = None, mode: str | None = None,
        k: int | None = None,
    ) -> Answer:  # fmt: skip
        with self._lock:
            previous = self.turns[-1] if self.turns else None
        if self.assistant.settings.answer.engine == "analysis":
            from news_rag.rag.answer.dialogue import answer_turn

            turn = answer_turn(self.assistant, question, previous, filters, mode, k)
            with self._lock:
                self.turns.append(turn)
            return turn.answer
        answer = self._answer(question, previous, filters, mode, k)
        with self._lock:
            self.turns.append(Turn(question, answer))
        return answer

    def _answer(
        self, question: str, previous: Turn | None, filters: Filters | None,
        mode: str | None, k: int | None,
    ) -> Answer:  # fmt: skip
        if previous is None or not self.is_follow_up(question):
            return self.assistant.ask(question, filters=filters, mode=mode, k=k)
        prior = previous.answer
        if _WHO_THAT.search(question) and prior.citations:
            return who_reported(question, prior)
        context = prior.resolved_question or previous.question
        cited = [c.article_id for c in prior.citations]
        if prior.citations and (_NEXT_DAY.search(question) or _PREVIOUS_DAY.search(question)):
            days = 1 if _NEXT_DAY.search(question) else -1
            first = prior.citations[0]
            dates = _shift_dates(first.quote, days, _year_of(first))
            if dates:
                context = " ".join(dates)
                cited = [first.article_id]
        return self.assistant.ask(
            question,
            filters=filters,
            mode=mode,
            k=k,
            context=context,
            prefer_articles=cited,
            already_cited=[(c.article_id, c.char_start) for c in prior.citations],
        )


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
