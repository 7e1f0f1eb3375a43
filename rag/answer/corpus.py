"""What the answer stage reads about the corpus as a whole: its acronyms and spellings, and
per claimant the sentences it asserts.

All three were worked out at index time (`index/analysis/name_forms.py`, the stored
analysis) and are read a name at a time, so the first question on a large corpus does not
read every article (it used to learn them here, 0.3 s per 1,000 articles).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from news_rag.index.store.reader import IndexReader
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
    acronyms: Mapping[str, Collection[str]]  # short form -> its long forms
    spellings: Mapping[str, Collection[str]]  # squashed name -> its spellings in the corpus
    reader: IndexReader | None = field(default=None, repr=False)  # for the claimants

    def claimed_by(self, who: str) -> list[ClaimedSentence]:
        """The sentences whose explicit claimant is `who` (see `names.claimant_matches`)."""
        reader = self.reader
        if reader is None:
            return []
        names = reader.claimants_matching(lambda claimant: claimant_matches(who, claimant))
        out: list[ClaimedSentence] = []
        for article_id, ordinal, start, end in reader.claimed_sentences(names):
            spans = reader.sentence_spans(article_id)
            if ordinal < len(spans) and spans[ordinal][1] == start:
                out.append(ClaimedSentence(article_id, ordinal, spans[ordinal][0], start, end))
        return out


def tables(reader: IndexReader) -> CorpusTables:
    return CorpusTables(reader.acronyms, reader.spellings, reader)
