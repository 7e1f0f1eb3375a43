"""The full cleaned article, metadata on top, scrolled to the quote with the quote highlighted.
Escape goes back to the chat."""

from __future__ import annotations

from typing import ClassVar

from news_rag.rag import Citation
from news_rag.tui.widgets.sources import QUOTE_STYLE
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the non-blank lines of `text`."""
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def highlighted(text: str, start: int, end: int, quote: tuple[int, int]) -> Text:
    """`text[start:end]` with its overlap with the `quote` span highlighted."""
    out = Text(text[start:end])
    low, high = max(start, quote[0]), min(end, quote[1])
    if low < high:
        out.stylize(QUOTE_STYLE, low - start, high - start)
    return out


class ArticleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the chat"),
        Binding("q", "app.pop_screen", "Back", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, citation: Citation, text: str, extra_meta: str = "") -> None:
        super().__init__()
        self.citation = citation
        self.text = text
        self.extra_meta = extra_meta
        self.quote_widget: Static | None = None
        self.quote_text: Text | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._meta(), id="article-meta", markup=False)
        with VerticalScroll(id="article-body"):
            span = (self.citation.char_start, self.citation.char_end)
            for start, end in paragraphs(self.text):
                content = highlighted(self.text, start, end, span)
                widget = Static(content, classes="paragraph", markup=False)
                if start < span[1] and span[0] < end:
                    widget.add_class("-quote")
                    if self.quote_widget is None:
                        self.quote_widget, self.quote_text = widget, content
                yield widget
        yield Footer()

    def _meta(self) -> Text:
        source = self.citation.source
        meta = Text()
        meta.append(source.title or source.article_id, style="bold")
        meta.append(f"\n{source.render()}")
        meta.append(f"\nquote [{self.citation.n}] claimed by: ", style="dim")
        meta.append(self.citation.claimant or "unattributed", style="italic")
        if source.url:
            meta.append(f"\n{source.url}", style="dim")
        meta.append(
            f"\narticle {source.article_id} · characters "
            f"{self.citation.char_start}-{self.citation.char_end}",
            style="dim",
        )
        if self.extra_meta:
            meta.append(f"\n{self.extra_meta}", style="dim")
        return meta

    def on_mount(self) -> None:
        self.sub_title = self.citation.source.title or self.citation.source.article_id
        self.call_after_refresh(self._scroll_to_quote)

    def _scroll_to_quote(self) -> None:
        if self.quote_widget is not None:
            body = self.query_one("#article-body", VerticalScroll)
            body.scroll_to_widget(self.quote_widget, animate=False, center=True)
            body.focus()

    def action_scroll_home(self) -> None:
        self.query_one("#article-body", VerticalScroll).scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.query_one("#article-body", VerticalScroll).scroll_end(animate=False)
