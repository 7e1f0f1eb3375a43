"""BEIR metrics on tiny hand-made qrels: graded gains, ties, repeats and empty results."""

from __future__ import annotations

import math

import pytest
from news_rag.eval.benchmarks.beir_scores import article_ranking
from news_rag.eval.benchmarks.scoring import (
    mrr_at_k,
    ndcg_at_k,
    rank_by_score,
    recall_at_k,
    score_query,
    score_run,
)


def _dcg(gains: list[float]) -> float:
    return sum(g / math.log2(rank + 1) for rank, g in enumerate(gains, 1))


def test_ndcg_uses_the_qrels_score_as_linear_gain() -> None:
    relevance = {"a": 2, "b": 1}
    # b (gain 1) at rank 1, a (gain 2) at rank 3; ideal is a, b
    expected = _dcg([1, 0, 2]) / _dcg([2, 1])
    assert ndcg_at_k(["b", "x", "a"], relevance) == pytest.approx(expected)
    assert ndcg_at_k(["a", "b"], relevance) == pytest.approx(1.0)
    # a perfect order under 2^rel - 1 gains would give a different value for this ranking
    exponential = _dcg([1, 0, 3]) / _dcg([3, 1])
    assert ndcg_at_k(["b", "x", "a"], relevance) != pytest.approx(exponential)


def test_ndcg_cuts_at_k_and_ignores_zero_and_negative_judgements() -> None:
    relevance = {"a": 1, "z": 0, "n": -1}
    ranking = ["z", "n", *[f"x{i}" for i in range(8)], "a"]  # a at rank 11
    assert ndcg_at_k(ranking, relevance, 10) == 0.0
    assert ndcg_at_k(ranking, relevance, 11) == pytest.approx(1 / math.log2(12))


def test_repeated_documents_count_once_at_their_best_rank() -> None:
    relevance = {"a": 1, "b": 1}
    assert ndcg_at_k(["a", "a", "b"], relevance) == pytest.approx(1.0)
    assert recall_at_k(["a", "a", "a"], relevance, 2) == 0.5
    assert article_ranking([0, 1, 2, 3], ["a", "a", "b", "a"]) == ["a", "b"]
    assert article_ranking([3, 2, 1, 0], ["a", "b", "c", "d"], depth=2) == ["d", "c"]


def test_recall_and_mrr_at_cutoffs() -> None:
    relevance = {"a": 1, "b": 3, "c": 1}
    ranking = ["x", "b", *[f"y{i}" for i in range(20)], "a"]
    assert recall_at_k(ranking, relevance, 10) == pytest.approx(1 / 3)
    assert recall_at_k(ranking, relevance, 100) == pytest.approx(2 / 3)
    assert mrr_at_k(ranking, relevance, 10) == 0.5
    assert mrr_at_k([f"y{i}" for i in range(10)] + ["a"], relevance, 10) == 0.0


def test_empty_results_score_zero() -> None:
    scores = score_query([], {"a": 1})
    assert scores.ndcg_at_10 == scores.recall_at_10 == scores.recall_at_100 == 0.0
    assert scores.mrr_at_10 == 0.0


def test_ties_break_by_document_id_descending_like_trec_eval() -> None:
    assert rank_by_score({"d1": 0.5, "d2": 0.5, "d0": 0.9}) == ["d0", "d2", "d1"]
    relevance = {"d1": 1}
    ranking = rank_by_score({"d1": 1.0, "d2": 1.0})
    assert mrr_at_k(ranking, relevance) == 0.5


def test_score_run_means_over_judged_queries_and_missing_runs_score_zero() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 2}, "q3": {"c": 0}}  # q3 has nothing relevant
    run = {"q1": ["a"], "q3": ["c"]}  # q2 missing
    scores = score_run(run, qrels)
    assert scores.queries == 2
    assert scores.ndcg_at_10 == pytest.approx(0.5)
    assert scores.mrr_at_10 == pytest.approx(0.5)
    assert scores.recall_at_100 == pytest.approx(0.5)


def test_score_run_without_relevant_documents_is_an_error() -> None:
    with pytest.raises(ValueError, match="no query"):
        score_run({}, {"q": {"a": 0}})


def test_matches_pytrec_eval_on_a_graded_run_with_ties() -> None:
    # pytrec_eval (pytrec-eval-terrier) gives ndcg_cut_10 = 0.66967181649423 and
    # recip_rank = 0.5 for this qrels/run pair
    qrels = {"d1": 1, "d2": 2, "d3": 0}
    ranking = rank_by_score({"d1": 0.5, "d2": 0.5, "d3": 0.9, "d0": 0.5})
    assert ranking == ["d3", "d2", "d1", "d0"]
    assert ndcg_at_k(ranking, qrels) == pytest.approx(0.66967181649423, abs=1e-12)
    assert mrr_at_k(ranking, qrels) == 0.5
