"""The sources pane: the selected answer's citations, each with its label, claimant and the
quoted sentence highlighted inside its passage. Up/Down move between citations; Enter (or a
click) asks to open the article."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from news_rag.rag import Answer, Citation, Passage
from news_rag.rag.render import claimant_of, disagrees_with, labels
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ListItem, ListView, Static

if TYPE_CHECKING:
    from news_rag.tui.widgets.messages import AnswerView

QUOTE_STYLE = "bold reverse"
CONTEXT_CHARS = 240  # passage text shown either side of the quote
PASSAGE_CHARS = 300  # opening of a nearest passage shown when nothing was quoted
NEAREST_PASSAGES = 5
PLACEHOLDER = "Sources of the selected answer appear here."
NO_CITATIONS = "The nearest passages:"  # the answer says none of them answers
UNCITED = "Also in the results, not cited (F5: back to the sources):"


def quote_in_passage(citation: Citation, article_text: str | None) -> Text:
    """The passage around the quote with the quote highlighted (the quote alone if the
    article text is not at hand or no longer matches the stored offsets)."""
    start, end = citation.char_start, citation.char_end
    if article_text is None or article_text[start:end] != citation.quote:
        return Text(citation.quote, style=QUOTE_STYLE)
    passage_start, passage_end = citation.passage_start, citation.passage_end
    if passage_end <= passage_start:
        passage_start, passage_end = start, end
    shown_start = max(passage_start, start - CONTEXT_CHARS)
    shown_end = min(passage_end, end + CONTEXT_CHARS)
    if shown_start > passage_start:  # start and end the context on word boundaries
        space = article_text.find(" ", shown_start, start)
        shown_start = space + 1 if space >= 0 else start
    if shown_end < passage_end:
        space = article_text.rfind(" ", end, shown_end)
        shown_end = space if space >= 0 else end
    text = Text("…" if shown_start > passage_start else "", style="dim")
    text.append(article_text[shown_start:start])
    text.append(article_text[start:end], style=QUOTE_STYLE)
    text.append(article_text[end:shown_end])
    if shown_end < passage_end:
        text.append("…", style="dim")
    return text


def citation_card(citation: Citation, answer: Answer, article_text: str | None) -> Text:
    text = Text()
    text.append(f"[{citation.n}] ", style="bold")
    text.append(citation.source.render(), style="bold")
    text.append("\nclaimed by: ", style="dim")
    text.append(claimant_of(citation), style="italic")
    others = disagrees_with(citation, answer)
    if others:
        text.append("\n⚠ conflicting sources: disagrees with ", style="bold")
        text.append(", ".join(f"[{n}]" for n in others), style="bold")
    for label in labels(citation.also_in):
        text.append(f"\nalso in: {label}", style="dim")
    text.append("\n")
    text.append_text(quote_in_passage(citation, article_text))
    return text


def passage_card(passage: Passage) -> Text:
    """A retrieved passage that was not quoted: its label and its opening words."""
    text = Text(passage.source.render(), style="bold")
    words = " ".join(passage.text.split())
    excerpt = words if len(words) <= PASSAGE_CHARS else words[:PASSAGE_CHARS].rstrip() + "…"
    text.append(f"\n{excerpt}")
    return text


class CitationItem(ListItem):
    def __init__(self, citation: Citation, answer: Answer, article_text: str | None) -> None:
        conflict = citation.conflict_group is not None
        self.card = citation_card(citation, answer, article_text)
        super().__init__(
            Static(self.card, markup=False),
            classes="citation -conflict" if conflict else "citation",
        )
        self.citation = citation


class SourcesPane(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        # no letter keys: every printable key types into the question box (tui.keyboard)
        Binding("up", "move(-1)", "Previous citation", show=False),
        Binding("down", "move(1)", "Next citation", show=False),
        Binding("enter", "open", "Open the article at the quote", show=False),
    ]

    @dataclass
    class OpenCitation(Message):
        citation: Citation

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.answer: Answer | None = None
        self.uncited = False  # showing the passages the answer did not cite
        self.more = False  # showing the quotes left out of the answer too (`more_citations`)

    def compose(self) -> ComposeResult:
        yield Static(PLACEHOLDER, id="sources-empty")
        yield ListView(id="citations")

    def on_mount(self) -> None:
        self.border_title = "Sources"

    @property
    def citations(self) -> ListView:
        return self.query_one("#citations", ListView)

    async def show(
        self,
        answer: Answer | None,
        texts: Mapping[str, str],
        uncited: Sequence[int] | None = None,
        more: bool = False,
    ) -> None:
        """Show `answer`'s citations (or, when it has none, the nearest passages), with
        `more` the quotes left out of it too, or with `uncited` the passages at those
        indexes; `texts` maps article ids to their text."""
        self.answer = answer
        self.uncited = uncited is not None
        self.more = more
        await self.citations.clear()
        empty = self.query_one("#sources-empty", Static)
        empty.display = answer is None or not answer.citations or uncited is not None
        if answer is None:
            empty.update(PLACEHOLDER)
            return
        items: list[ListItem]
        if uncited is not None:
            empty.update(UNCITED)
            passages = [answer.passages[i] for i in uncited if 0 <= i < len(answer.passages)]
            items = [ListItem(Static(passage_card(p), markup=False)) for p in passages]
        elif answer.citations:
            cited = [*answer.citations, *(answer.more_citations if more else ())]
            items = [CitationItem(c, answer, texts.get(c.article_id)) for c in cited]
        else:
            shown = answer.passages[:NEAREST_PASSAGES]
            empty.update(NO_CITATIONS if shown else "No citations for this answer.")
            items = [ListItem(Static(passage_card(p), markup=False)) for p in shown]
        await self.citations.extend(items)
        self.citations.index = 0 if items else None

    async def toggle_uncited(self, view: AnswerView | None, texts: Mapping[str, str]) -> str | None:
        """Show the answer's uncited passages (or its sources again); a reason if none."""
        if view is None:
            return "No answer selected."
        if self.uncited:
            await self.show(view.answer, texts)
            return None
        balance = view.balance
        uncited = balance.uncited_passages(len(view.answer.passages)) if balance else []
        if not uncited:
            return "This answer lists no uncited passages."
        await self.show(view.answer, texts, uncited)
        return None

    async def toggle_more(self, view: AnswerView | None, texts: Mapping[str, str]) -> str | None:
        """Show the quotes left out of the answer after its sources (the rest of X's
        statements for "What did X say?"), or its sources alone again; a reason if none."""
        if view is None:
            return "No answer selected."
        if not self.more and not view.answer.more_citations:
            return "This answer left no quotes out."
        await self.show(view.answer, texts, more=not self.more)
        return None

    def selected_citation(self) -> Citation | None:
        item = self.citations.highlighted_child
        return item.citation if isinstance(item, CitationItem) else None

    def action_move(self, step: int) -> None:
        if step < 0:
            self.citations.action_cursor_up()
        else:
            self.citations.action_cursor_down()

    def action_open(self) -> None:
        citation = self.selected_citation()
        if citation is not None:
            self.post_message(self.OpenCitation(citation))

    @on(ListView.Selected, "#citations")
    def _open(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, CitationItem):
            self.post_message(self.OpenCitation(event.item.citation))
