"""The chat pane: questions and answers. Answers are laid out line by line (see `tui.render`):
one line per quote, the sides of a disagreement as columns, the balance line under them.
Answers are not Tab stops (Alt+Up/Down or a click selects one); the list is, so that the keys
scroll it. A new answer, and the last answer of a reopened session, is scrolled into view from
its top when it is taller than the pane, so its first quote is on screen."""

from __future__ import annotations

from dataclasses import dataclass

from news_rag.rag import Answer
from news_rag.rag.render import shown_balance
from news_rag.tui.render import DISAGREE_HEADER, balance_text, body_text, conflict_sides, side_card
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

BALANCE_KEY = "F5"  # shown in the balance line; the chat screen binds it


def _sources_title(answer: Answer) -> str:
    count = len(answer.citations)
    title = "Answer" if not count else f"Answer · {count} source{'s' if count > 1 else ''}"
    more = len(answer.more_citations)
    return f"{title} · {more} more (F9)" if more else title


class QuestionView(Static):
    """One question as the user sent it."""

    def __init__(self, question: str) -> None:
        super().__init__(Text(question), classes="question", markup=False)
        self.question = question
        self.border_title = "You"


class AnswerView(Vertical):
    """One answer. Clicking it (or Alt+Up/Down) selects it, so the sources pane shows it."""

    @dataclass
    class Selected(Message):
        view: AnswerView

    @dataclass
    class LaidOut(Message):
        """The answer has its size (its parts are mounted and laid out)."""

        view: AnswerView

    def __init__(self, answer: Answer, index: int) -> None:
        super().__init__(classes="answer")
        self.answer = answer
        self.index = index
        self.balance = shown_balance(answer)
        self.border_title = _sources_title(answer)

    def compose(self) -> ComposeResult:
        sides = conflict_sides(self.answer)
        if sides:
            yield Static(Text(DISAGREE_HEADER, style="bold"), classes="disagree-header")
            for group in sides:
                with Vertical(classes="disagreement"):  # tui/app.tcss lays it out
                    for citation in group:
                        yield Static(side_card(citation), classes="side", markup=False)
        body = body_text(self.answer)
        if body.plain:
            yield Static(body, classes="answer-body", markup=False)
        if self.balance is not None:
            yield Static(balance_text(self.balance, BALANCE_KEY), classes="balance", markup=False)

    def on_mount(self) -> None:
        self.call_after_refresh(lambda: self.post_message(self.LaidOut(self)))

    def on_resize(self, event: events.Resize) -> None:
        """Its final size may come a refresh later (a wrapped balance line): the list decides
        again whether the newest answer fits whole or is shown from its top."""
        self.post_message(self.LaidOut(self))

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Selected(self))


class MessageList(VerticalScroll):
    """Questions and answers, oldest first; keeps track of the selected answer."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selected: AnswerView | None = None

    def add_question(self, question: str) -> QuestionView:
        view = QuestionView(question)
        self.mount(view)
        self.call_after_refresh(self.scroll_end, animate=False, immediate=True)
        return view

    def add_answer(self, answer: Answer) -> AnswerView:
        view = AnswerView(answer, len(self.answers()))
        self.mount(view)
        self.select(view)
        self.scroll_to_last_answer()
        return view

    def scroll_to_last_answer(self) -> None:
        """After the next refresh, bring the last answer into view: whole (with the question
        above it, when there is room) when it fits, else from its top."""
        self.call_after_refresh(self._show_last_answer)

    @on(AnswerView.LaidOut)
    def _answer_laid_out(self, event: AnswerView.LaidOut) -> None:
        event.stop()
        answers = self.answers()
        if answers and event.view is answers[-1]:
            self._show_last_answer()

    def _show_last_answer(self) -> None:
        answers = self.answers()
        if not answers:
            return
        last = answers[-1]
        if last.outer_size.height <= self.scrollable_content_region.height:
            self.scroll_end(animate=False, immediate=True)
        else:
            self.scroll_to_widget(last, top=True, animate=False, immediate=True)

    def answers(self) -> list[AnswerView]:
        return list(self.query(AnswerView))

    def select(self, view: AnswerView) -> None:
        view.post_message(AnswerView.Selected(view))

    @on(AnswerView.Selected)
    def _mark_selected(self, event: AnswerView.Selected) -> None:
        """Highlight the selected answer; the event bubbles on to the screen."""
        for other in self.answers():
            other.set_class(other is event.view, "-selected")
        self.selected = event.view

    def select_relative(self, step: int) -> None:
        """Select the previous (step -1) or next (+1) answer and scroll to it."""
        answers = self.answers()
        if not answers:
            return
        current = answers.index(self.selected) if self.selected in answers else len(answers)
        view = answers[max(0, min(len(answers) - 1, current + step))]
        self.select(view)
        self.scroll_to_widget(view, animate=False)

    async def clear_messages(self) -> None:
        self.selected = None
        await self.remove_children()
