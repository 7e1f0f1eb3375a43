"""Retrieved sentences joined with their index-time analysis.

A candidate sentence (`rag.candidates.Candidate`: a stored sentence span scored by its
stored embedding) is paired with the `SentenceAnalysis` row stored for the same span at
index time: its claimant, cue, hedge, named entities and event date. Nothing here splits or
parses article text; it only reads what `rag index` stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.wordlists import data_list, words
from news_rag.index.store.reader import IndexReader
from news_rag.index.types import Article
from news_rag.rag.candidates import LEXICAL_WEIGHT, Candidate

# Claimants that are a document, not someone (rag/answer/data/document_claimants.txt).
DOCUMENT_CLAIMANTS = data_list("news_rag.rag.answer", "document_claimants.txt")

# Two quotes sharing this share of their words say the same thing: keep the first.
NEAR_DUPLICATE_WORDS = 0.6  # set by hand; a paraphrase shares far less, a copy far more
# Entity labels that carry a value (what a "how many", "when" or "why" question asks for)
# rather than a participant of the event.
VALUE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "CAUSE"}
)


@dataclass(frozen=True)
class Evidence:
    """A candidate sentence, its analysis (None when the index has none) and its score."""

    cand: Candidate
    info: SentenceAnalysis | None
    ordinal: int  # position of the sentence in its article
    score: float  # the candidate's score with the answer-type terms
    adds: bool  # holds an entity of the asked-for type that the question does not name
    restates: bool  # a question, headline or subheading: never an answer
    lift: float = 0.0  # the part of `score` that may lift it into an answer, never push out
    off_topic: bool = False  # its article names fewer of the question's names than another
    unit: bool = False  # quoted with its neighbours as one answer (`completion.neighbours`)
    borrowed: bool = False  # `adds` only through the neighbours that complete it

    @property
    def article(self) -> Article:
        return self.cand.article

    @property
    def quote(self) -> str:
        return self.cand.quote

    @property
    def relevance(self) -> float:
        """How well the sentence matches the question, whatever its rank or type: the score
        the abstention threshold (`answer.relevance_threshold`) is calibrated on."""
        return self.cand.similarity + LEXICAL_WEIGHT * self.cand.lexical

    @property
    def event_date(self) -> str | None:
        return self.info.event_date if self.info else None

    def claimant(self, fallback: str) -> str:
        """Who asserts the sentence: the stored claimant, else `fallback`."""
        if self.info is not None and self.info.claimant:
            return self.info.claimant
        return fallback

    @property
    def explicit(self) -> bool:
        """Whether the text itself names who asserts the sentence."""
        return bool(self.info and self.info.claimant_explicit and self.info.claimant)

    @property
    def said_by_document(self) -> bool:
        """Whether the sentence's own claimant is a document, not someone ("The measure
        said ...", "the statement said"): it names no entity and ends in a document noun."""
        if not self.explicit or self.info is None or self.info.claimant_span is None:
            return False
        low, high = self.info.claimant_span
        if any(low <= e.start and e.end <= high for e in self.info.entities):
            return False
        last = self.article.text[low:high].split()[-1:]
        noun = last[0].casefold().strip(".,;:'\"") if last else ""
        documents = words(DOCUMENT_CLAIMANTS)
        return noun in documents or noun.removesuffix("s") in documents

    def names(self) -> set[str]:
        """The participants it names (entities that are not values), casefolded."""
        if self.info is None:
            return set()
        return {e.text.casefold() for e in self.info.entities if e.label not in VALUE_LABELS}


def sentence_ordinal(reader: IndexReader, article_id: str, start: int) -> int | None:
    """The position in its article of the stored sentence starting at `start`, if any."""
    spans = reader.sentence_spans(article_id)
    return next((n for n, (_row, s, _e) in enumerate(spans) if s == start), None)


def analysis_at(
    reader: IndexReader, article_id: str, start: int
) -> tuple[int, SentenceAnalysis | None]:
    """The ordinal and stored analysis of the sentence of `article_id` starting at `start`."""
    found = sentence_ordinal(reader, article_id, start)
    ordinal = -1 if found is None else found
    rows = reader.sentence_analysis(article_id)
    if 0 <= ordinal < len(rows) and rows[ordinal].start == start:
        return ordinal, rows[ordinal]
    match = next((r for r in rows if r.start == start), None)
    return (match.ordinal if match else ordinal), match


def fallback_claimant(article: Article) -> str:
    """Who asserts a sentence that names no one: the author, else the outlet."""
    return article.author or article.outlet or article.original_source or "the article"


def _overlap(a: str, b: str) -> float:
    wa, wb = set(a.casefold().split()), set(b.casefold().split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _values(ev: Evidence) -> set[str]:
    entities = ev.info.entities if ev.info is not None else ()
    return {e.text.casefold() for e in entities if e.label in VALUE_LABELS}


def near_duplicate(a: Evidence, b: Evidence) -> bool:
    """Two quotes that say the same thing: most words shared, the same claimant and the same
    numbers and dates ("According to X, 15 were killed" and "According to Y, up to 10 were
    killed" share most words but are two claims)."""
    if _overlap(a.quote, b.quote) < NEAR_DUPLICATE_WORDS:
        return False
    return a.claimant("") == b.claimant("") and _values(a) == _values(b)
