"""What the answer stage learns once per index generation from the stored analysis: the
corpus's acronyms and, per claimant, the sentences it asserts.

Built on first use for a reader and kept while the reader lives (a new generation gets a
new reader, hence new tables).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

from news_rag.index.reader import IndexReader
from news_rag.rag.answer import acronyms
from news_rag.rag.answer.names import claimant_matches


@dataclass(frozen=True)
class ClaimedSentence:
    article_id: str
    ordinal: int
    row: int  # the sentence's row in the index's sentence vectors
    start: int
    end: int


@dataclass(frozen=True)
class CorpusTables:
    acronyms: dict[str, list[str]]  # short form -> its long forms
    spellings: dict[str, set[str]]  # squashed name -> its spellings in the corpus
    claimants: dict[str, list[ClaimedSentence]]  # explicit claimant -> its sentences

    def claimed_by(self, who: str) -> list[ClaimedSentence]:
        """The sentences whose explicit claimant is `who` (see `names.claimant_matches`)."""
        out: list[ClaimedSentence] = []
        for claimant, sentences in self.claimants.items():
            if claimant_matches(who, claimant):
                out.extend(sentences)
        return out


def _build(reader: IndexReader) -> CorpusTables:
    pairs = []
    claimants: dict[str, list[ClaimedSentence]] = {}
    for article_id, article in reader.articles().items():
        rows = reader.sentence_analysis(article_id)
        if not rows:
            continue
        pairs.append((article.text, rows))
        spans = reader.sentence_spans(article_id)
        for info in rows:
            if not (info.claimant_explicit and info.claimant) or info.ordinal >= len(spans):
                continue
            row, start, end = spans[info.ordinal]
            if start != info.start:
                continue
            claimants.setdefault(info.claimant, []).append(
                ClaimedSentence(article_id, info.ordinal, row, start, end)
            )
    spellings = acronyms.learn_spellings(text for text, _rows in pairs)
    return CorpusTables(acronyms.learn(pairs), spellings, claimants)


_TABLES: weakref.WeakKeyDictionary[IndexReader, CorpusTables] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def tables(reader: IndexReader) -> CorpusTables:
    with _LOCK:
        found = _TABLES.get(reader)
        if found is None:
            found = _TABLES[reader] = _build(reader)
        return found
