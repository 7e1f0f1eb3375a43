"""BEIR's ranking metrics with graded relevance, as pytrec_eval/trec_eval compute them.

- nDCG@k: gain = the qrels score (linear, not 2^rel - 1), discount 1 / log2(rank + 1); the
  ideal ranking sorts all judged scores of the query, highest first.
- recall@k: relevant documents (score > 0) in the top k / all relevant documents.
- MRR@k: 1 / rank of the first relevant document in the top k, else 0.

A ranking is a list of document ids, best first; a document repeated lower down counts once,
at its best rank. `rank_by_score` orders a {doc: score} map the way trec_eval does (score
descending, ties by document id descending). Means are over the queries of the qrels that
have a relevant document; a query missing from the run scores 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class QueryScores:
    ndcg_at_10: float
    recall_at_10: float
    recall_at_100: float
    mrr_at_10: float


@dataclass(frozen=True)
class BeirScores:
    ndcg_at_10: float
    recall_at_10: float
    recall_at_100: float
    mrr_at_10: float
    queries: int

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


def rank_by_score(scores: Mapping[str, float]) -> list[str]:
    """Document ids by score, highest first; ties by document id descending (trec_eval)."""
    return [
        doc for doc, _ in sorted(scores.items(), key=lambda item: (item[1], item[0]), reverse=True)
    ]


def dedupe(ranking: Sequence[str]) -> list[str]:
    """Each id at its first (best) rank."""
    return list(dict.fromkeys(ranking))


def ndcg_at_k(ranking: Sequence[str], relevance: Mapping[str, int], k: int = 10) -> float:
    ideal_gains = sorted((g for g in relevance.values() if g > 0), reverse=True)[:k]
    ideal = sum(g / math.log2(rank + 1) for rank, g in enumerate(ideal_gains, 1))
    if ideal == 0:
        return 0.0
    gained = sum(
        max(relevance.get(doc, 0), 0) / math.log2(rank + 1)
        for rank, doc in enumerate(dedupe(ranking)[:k], 1)
    )
    return gained / ideal


def recall_at_k(ranking: Sequence[str], relevance: Mapping[str, int], k: int) -> float:
    relevant = {doc for doc, g in relevance.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(dedupe(ranking)[:k])) / len(relevant)


def mrr_at_k(ranking: Sequence[str], relevance: Mapping[str, int], k: int = 10) -> float:
    for rank, doc in enumerate(dedupe(ranking)[:k], 1):
        if relevance.get(doc, 0) > 0:
            return 1.0 / rank
    return 0.0


def score_query(ranking: Sequence[str], relevance: Mapping[str, int]) -> QueryScores:
    return QueryScores(
        ndcg_at_10=ndcg_at_k(ranking, relevance, 10),
        recall_at_10=recall_at_k(ranking, relevance, 10),
        recall_at_100=recall_at_k(ranking, relevance, 100),
        mrr_at_10=mrr_at_k(ranking, relevance, 10),
    )


def score_run(
    run: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]
) -> BeirScores:
    """Mean scores over the judged queries (those with a document scored > 0)."""
    judged = [q for q, rels in qrels.items() if any(g > 0 for g in rels.values())]
    if not judged:
        raise ValueError("no query in the qrels has a relevant document")
    per_query = [score_query(run.get(q, ()), qrels[q]) for q in judged]
    n = len(per_query)
    return BeirScores(
        ndcg_at_10=sum(s.ndcg_at_10 for s in per_query) / n,
        recall_at_10=sum(s.recall_at_10 for s in per_query) / n,
        recall_at_100=sum(s.recall_at_100 for s in per_query) / n,
        mrr_at_10=sum(s.mrr_at_10 for s in per_query) / n,
        queries=n,
    )
