"""Which retrieved sentence proves the answer: one calibrated probability per sentence.

The selection's score (`select.score_candidates`) adds fixed weights for the answer type,
the anchor and the claimant to the retrieval score; the best-scored sentence is still the
wrong one for 10-15% of the dev questions (another company's figure, the story's opening
sentence that names nobody). This module scores each of the best `RANK_DEPTH` sentences
with a logistic regression over what is known about it (`SentenceFeatures`: its scores,
whether it holds the asked-for type and where that hangs, how many of the question's names
it and its article name, whether it names a rival entity, unit, period or part of the year,
its claimant, its place in the article), fitted on the sample and reuters-dev by
`python -m news_rag.eval.train_proof_ranker` (the file `data/proof_ranker.json` names the
command), with "a quote of this sentence is supported by the gold evidence" as the target.
The answer quotes the likeliest sentence first.

`recording()` collects the features of every ranked sentence (the training command reads
them through it).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from news_rag.rag.answer.alignment import (
    name_contradictions,
    part_contradiction,
    unit_contradiction,
)
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.coverage import name_forms, names_covered, names_in, word_keys
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.logistic import FeatureRow, load, probability
from news_rag.rag.answer.periods import outside_period
from news_rag.rag.answer.short_answer import find_span
from news_rag.rag.question.intent import Intent

MODEL_FILE = "proof_ranker.json"
# How many of the best-scored sentences are ranked. On the dev sets the supported sentence
# is among the best 8 of the selection's order for all but 2 of the questions where any of
# the 24 scored is (measured with the training command's --report), and the features of a
# sentence cost about 0.1 ms each.
RANK_DEPTH = 8


@dataclass(frozen=True)
class SentenceFeatures(FeatureRow):
    """What is known about one candidate sentence, in [0, 1] except the scores."""

    score_gap: float  # its selection score minus the best one (<= 0)
    relevance: float  # similarity plus weighted term overlap
    relevance_gap: float  # its relevance minus the best relevance of the pool (<= 0)
    similarity: float
    lexical: float
    typed: float  # holds an entity of the asked-for type the question does not name
    span: float  # an answer span was found in it
    anchored: float  # the span hangs from the question's noun or verb
    sentence_names: float  # share of the question's names it names (1: none asked)
    article_names: float  # share of the question's names its article names (1: none asked)
    off_topic: float
    name_rival: float  # names another entity of the same kind for a name it lacks
    name_rival_role: float  # ... in the answer value's role
    unit: float  # gives the amount only in another unit
    period: float  # about other dates than the question's only
    part: float  # about another part of the year
    explicit: float  # names who asserts it
    first_sentence: float  # the article's first sentence (a lead names the event, not all)
    position: float  # log(1 + its place in the article)
    top_article: float  # from the article of the most relevant sentence
    restates: float


@dataclass(frozen=True)
class Ranked:
    evidence: Evidence
    features: SentenceFeatures
    probability: float  # that a quote of it proves the answer (0.0 with no model shipped)


_RECORDS: ContextVar[list[list[Ranked]] | None] = ContextVar("_RANKED", default=None)


@contextmanager
def recording() -> Iterator[list[list[Ranked]]]:
    """Collect the ranked sentences of every question answered inside the block."""
    rows: list[list[Ranked]] = []
    token = _RECORDS.set(rows)
    try:
        yield rows
    finally:
        _RECORDS.reset(token)


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 1.0


def sentence_features(
    ev: Evidence,
    intent: Intent,
    pool: Sequence[Evidence],
    forms: Sequence[Sequence[str]],
    most_relevant: Evidence | None = None,
) -> SentenceFeatures:
    """The features of the sentence `ev` of `pool` (scored, best first) for `intent`;
    `forms`: each named argument's `name_forms`; `most_relevant`: the pool's most relevant
    sentence (found here when not given)."""
    keys = word_keys(ev.quote)
    info = ev.info
    rivals = name_contradictions(info, ev.quote, intent, forms) if info is not None else []
    span = find_span(ev, intent)
    top = most_relevant or max(pool, key=lambda e: e.relevance)
    return SentenceFeatures(
        score_gap=ev.score - pool[0].score,
        relevance=ev.relevance,
        relevance_gap=ev.relevance - top.relevance,
        similarity=ev.cand.similarity,
        lexical=ev.cand.lexical,
        typed=float(ev.adds),
        span=float(span is not None),
        anchored=float(ev.lift > 0),
        sentence_names=_share([any(names_in(f, keys) for f in group) for group in forms]),
        article_names=names_covered(ev.article, forms) / len(forms) if forms else 1.0,
        off_topic=float(ev.off_topic),
        name_rival=float(bool(rivals)),
        name_rival_role=float(any(c.same_role for c in rivals)),
        unit=float(info is not None and unit_contradiction(info, intent) is not None),
        period=float(outside_period(info, intent)),
        part=float(info is not None and part_contradiction(info, intent) is not None),
        explicit=float(ev.explicit),
        first_sentence=float(ev.ordinal == 0),
        position=math.log1p(max(ev.ordinal, 0)),
        top_article=float(ev.article.id == top.article.id),
        restates=float(ev.restates),
    )


def rank(
    intent: Intent,
    pool: Sequence[Evidence],
    corpus: CorpusTables,
    also: Sequence[Evidence] = (),
    record: bool = True,
) -> list[Ranked]:
    """The best `RANK_DEPTH` sentences of `pool` (and those of `also` not among them) with
    their probability of proving the answer, likeliest first (ties in the pool's order);
    in that order, with probability 0, when no model is shipped."""
    if not pool:
        return []
    forms = [name_forms(a.text, corpus) for a in intent.slots.arguments]
    fitted = load(MODEL_FILE, SentenceFeatures.names())
    head = list(pool[:RANK_DEPTH])
    head += [ev for ev in also if not any(ev is h for h in head)]
    top = max(pool, key=lambda e: e.relevance)
    ranked = []
    for ev in head:
        feats = sentence_features(ev, intent, pool, forms, top)
        p = probability(feats.vector(), fitted) if fitted is not None else 0.0
        ranked.append(Ranked(ev, feats, p))
    rows = _RECORDS.get()
    if rows is not None and record:
        rows.append(ranked)
    return sorted(ranked, key=lambda r: -r.probability)


def usable(ranked: Sequence[Ranked]) -> list[Ranked]:
    """The ranked sentences that may come first: no restatement, none from an article that
    names fewer of the question's names than another (`select.score_candidates`)."""
    return [r for r in ranked if not r.evidence.restates and not r.evidence.off_topic]


def best_probability(
    intent: Intent, chosen: Sequence[Evidence], pool: Sequence[Evidence], corpus: CorpusTables
) -> float:
    """The probability that the likeliest usable sentence proves the answer (0.0 without a
    model): low when no retrieved sentence looks like the proof of this question."""
    ranked = usable(rank(intent, pool, corpus, also=chosen, record=False))
    return ranked[0].probability if ranked else 0.0
