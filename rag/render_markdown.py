"""Markdown of an answer that reads cleanly as plain text and renders as it reads.

A character is escaped only where a Markdown reader (CommonMark with GitHub's extensions)
would take it for markup: emphasis (`*`, and `_` at a word's edge, never inside `news_rag`),
code (`` ` ``), strikethrough (`~`), a link or image (`](`, `][`, `]:`), HTML and autolinks
(`<` before a letter), entities (`&amp;`), a backslash escape (`\\` before punctuation), and at
the start of a line the block markers (`#`, `>`, `-`, `+`, `*`, `1.`, `1)`, `---`). So `(a)`,
`[1]`, `3.5%`, `U.S.` and `news_rag` stay as they are, and `[link](x)`, `*stars*`, `<b>` and
`[@click=…]` in an article stay text. Bare URLs become links showing the same URL.

The layout is the chat's: the short answer first (bold), one paragraph per quote, the sides
of a disagreement as a list, the balance line, then each source with its claimant, dates and
where the article is, its quote as a block quote. Quotes show one pair of double marks.
"""

from __future__ import annotations

import re

from news_rag.rag.render import (
    NEAREST_BELOW,
    balance_line,
    claimant_of,
    dates,
    disagrees_with,
    display_line,
    labels,
    quote_text,
    refusal_sentence,
    shown_balance,
    where,
)
from news_rag.rag.types import Answer, Citation, Passage

NEAREST_SHOWN = 3
EXCERPT_CHARS = 200

_ALWAYS = re.compile(r"[`~]|\\(?=[!-/:-@\[-`{-~]|$)")  # code, strikethrough, escapes
_LINK_END = re.compile(r"\](?=[(\[:])")  # `](url)`, `][ref]`, `]: url`
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")
_RULE = re.compile(r"^(?:[-*_=]\s*)+$")  # a thematic break or a setext underline


def _escape_char(match: re.Match[str]) -> str:
    return "\\" + match[0]


def _emphasis(text: str) -> str:
    """`*` unless it stands alone between spaces, `_` unless inside a word, escaped."""
    out = []
    for i, char in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if char == "*" and not (before.isspace() and after.isspace()):
            out.append("\\*")
        elif char == "_" and not (before.isalnum() and after.isalnum()):
            out.append("\\_")
        else:
            out.append(char)
    return "".join(out)


def md_inline(text: str, *, line_start: bool = True) -> str:
    """`text` on one line, escaped only where Markdown would misread it; `line_start` when it
    begins a line (or a list item or block quote), where block markers count too."""
    flat = " ".join(text.split())
    flat = _ALWAYS.sub(_escape_char, flat)
    flat = _emphasis(flat)
    flat = _LINK_END.sub(r"\\]", flat)
    flat = _TAG.sub(r"\\<", flat)
    flat = _ENTITY.sub(r"\\&", flat)
    if not line_start:
        return flat
    if _RULE.match(flat):
        return "\\" + flat
    match = _BLOCK_START.match(flat)
    if match is None:
        return flat
    if match[0][0].isdigit():  # `1.` / `1)`: escape the dot or bracket after the number
        end = match.end()
        return f"{flat[:end]}\\{flat[end:]}"
    return "\\" + flat


def md_heading(level: int, text: str) -> str:
    """A heading; a `#` run ending the text (a closing sequence to Markdown) is escaped."""
    inline = md_inline(text, line_start=False)
    inline = re.sub(r"(\s)(#+)$", r"\1\\\2", inline) if inline.strip("#") else "\\" + inline
    return f"{'#' * level} {inline}"


def citation_markdown(citation: Citation, answer: Answer) -> str:
    """`**[n]** label`, claimant, dates, disagreement, also-in and where the article is, one
    line each, then the quote as a block quote."""
    lines = [f"**[{citation.n}]** {md_inline(citation.source.render(), line_start=False)}"]
    lines.append(f"claimed by: {md_inline(claimant_of(citation), line_start=False)}")
    lines.append(md_inline(dates(citation)))
    others = disagrees_with(citation, answer)
    if others:
        lines.append("disagrees with " + ", ".join(f"[{n}]" for n in others))
    lines += [
        f"also in: {md_inline(label, line_start=False)}" for label in labels(citation.also_in)
    ]
    lines.append(f"source: {md_inline(where(citation.source, 'unknown file'), line_start=False)}")
    quote = md_inline(quote_text(citation.quote))
    return "  \n".join(lines) + f"\n\n> {quote}"


def passage_markdown(passage: Passage) -> str:
    """A nearest passage of a refusal: a list item with its label and its opening words."""
    words = " ".join(passage.text.split())
    excerpt = words if len(words) <= EXCERPT_CHARS else words[:EXCERPT_CHARS].rstrip() + "…"
    label = md_inline(passage.source.render())
    return f"- {label}: {md_inline(excerpt, line_start=False)}"


def _body(answer: Answer) -> list[str]:
    """The answer's lines as blocks: a paragraph per line, the sides of a disagreement
    (`- (…) quote [n]`) as one list."""
    blocks: list[str] = []
    items: list[str] = []
    for number, raw in enumerate(answer.answer.strip().split("\n")):
        line = display_line(raw.strip())
        if line.startswith("- "):
            items.append("- " + md_inline(line[2:]))
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        if line:
            text = md_inline(line)
            bold = number == 0 and answer.short_answer is not None
            blocks.append(f"**{text}**" if bold else text)
    if items:
        blocks.append("\n".join(items))
    return blocks


def answer_markdown(answer: Answer) -> str:
    """One answer and its sources (the chat's export, and what its copy key copies)."""
    if answer.abstained and not answer.citations:
        parts = [md_inline(refusal_sentence(answer, NEAREST_BELOW))]
        parts += [passage_markdown(p) for p in answer.passages[:NEAREST_SHOWN]]
        return "\n\n".join(parts)
    parts = _body(answer)
    balance = shown_balance(answer)
    if balance is not None:
        parts.append(md_inline(balance_line(balance)))
    if answer.citations:
        parts.append("Sources:")
        parts += [citation_markdown(c, answer) for c in answer.citations]
    return "\n\n".join(parts)
