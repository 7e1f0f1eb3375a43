"""What the chat needs to know about the open index: article texts, filter values, its
identity, and what the first screen shows (name, article count, date range, example
questions taken from the index itself)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.tui.session_store import IndexIdentity

if TYPE_CHECKING:
    from news_rag.index.types import Article
    from news_rag.rag import Assistant

EXAMPLE_COUNT = 3
MIN_NAME_CHARS = 3  # shorter capitalised words ("US", "On") make vague examples


def _title_names(title: str) -> list[str]:
    """Capitalised words of a title, its first word left out (titles capitalise it)."""
    from bm25s.stopwords import STOPWORDS_EN

    words = [w.strip(".,:;!?\"'“”‘’()[]") for w in title.split()[1:]]
    return [
        w
        for w in words
        if len(w) >= MIN_NAME_CHARS and w[0].isupper() and w.lower() not in STOPWORDS_EN
    ]


def frequent_names(articles: Sequence[Article], count: int) -> list[str]:
    """Names from the titles, by how many article texts mention them (ties: title count)."""
    in_titles = Counter(n for a in articles if a.title for n in set(_title_names(a.title)))

    def mentions(name: str) -> int:
        word = re.compile(rf"\b{re.escape(name)}\b")
        return sum(1 for a in articles if word.search(a.text))

    ranked = sorted(in_titles, key=lambda n: (-mentions(n), -in_titles[n], n))
    return [n for n in ranked if mentions(n) > 0][:count]


def example_questions(articles: Sequence[Article]) -> tuple[str, ...]:
    """For an index `rag index` stored no checked examples for (`Assistant.examples`): two
    questions about its most mentioned names, one about the author of its newest titled
    article (answered from the metadata)."""
    questions = [f"What do the articles say about {n}?" for n in frequent_names(articles, 2)]
    titled = [a for a in articles if a.title]
    if titled:
        newest = max(titled, key=lambda a: (a.published or "", a.id))
        questions.append(f"Who wrote “{newest.title}”?")
    return tuple(questions[:EXAMPLE_COUNT])


@dataclass(frozen=True)
class IndexSummary:
    texts: dict[str, str]
    outlets: tuple[str, ...]
    authors: tuple[str, ...]
    identity: IndexIdentity = field(default_factory=lambda: IndexIdentity(""))
    first_date: str | None = None
    last_date: str | None = None
    examples: tuple[str, ...] = ()
    datelines: tuple[str, ...] = ()  # the dateline places, for the /dateline suggestions

    @property
    def articles(self) -> int:
        return len(self.texts)

    def describe(self) -> str:
        """`index · 5 articles · 2017-11-09 to 2018-11-24`."""
        dates = ""
        if self.first_date and self.last_date:
            dates = f" · {self.first_date} to {self.last_date}"
        plural = "" if self.articles == 1 else "s"
        return f"{self.identity.name} · {self.articles} article{plural}{dates}"

    @classmethod
    def of(cls, assistant: Assistant) -> IndexSummary:
        articles = assistant.articles()
        dates = sorted(a.published for a in articles if a.published)
        return cls(
            texts={a.id: a.text for a in articles},
            outlets=tuple(sorted({a.outlet for a in articles if a.outlet})),
            authors=tuple(sorted({name for a in articles for name in a.authors})),
            identity=index_identity(assistant),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            examples=assistant.examples() or example_questions(articles),
            datelines=tuple(sorted({a.dateline for a in articles if a.dateline})),
        )


def index_identity(assistant: Assistant) -> IndexIdentity:
    """Which index a session belongs to: the manifest's corpus id (absent from older
    manifests) and the index directory."""
    info: dict[str, Any] = assistant.info()
    path = str(Path(str(info.get("index_dir") or assistant.index_dir)).resolve())
    corpus_id = info.get("corpus_id")
    return IndexIdentity(path, str(corpus_id) if corpus_id else None)
