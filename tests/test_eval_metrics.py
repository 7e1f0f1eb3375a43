"""Metric functions on tiny hand-made cases (values worked out by hand)."""

from __future__ import annotations

import math

import pytest
from news_rag.eval.metrics import (
    abstention_scores,
    answer_accuracy,
    answer_correct,
    article_retrieval_scores,
    citation_precision,
    citation_recall,
    claimant_correct,
    claimant_matches,
    contains_phrase,
    evidence_retrieval_scores,
    quote_overlaps,
    ranked_article_ids,
    short_answer_accuracy,
    source_label_accuracy,
)
from news_rag.rag.types import Citation, Passage, SourceLabel

from tests.eval_records import EVIDENCE, OTHER, citation, passage, question

# ------------------------------------------------------------------ retrieval


def test_article_ndcg_mrr_recall_by_hand() -> None:
    items = [passage("X"), passage("A"), passage("A"), passage("Y"), passage("B")]
    # deduped article ranking: X, A, Y, B -> relevant at ranks 2 and 4
    assert ranked_article_ids(items) == ["X", "A", "Y", "B"]
    scores = article_retrieval_scores(items, ["A", "B"])
    assert scores is not None
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    ideal = 1 + 1 / math.log2(3)
    assert scores.ndcg_at_10 == pytest.approx(dcg / ideal)
    assert scores.ndcg_at_10 == pytest.approx(0.650921, abs=1e-6)
    assert scores.mrr_at_10 == 0.5
    assert scores.hit_at_1 == 0.0
    assert scores.hit_at_5 == 1.0
    assert scores.recall_at_10 == 1.0


def test_perfect_ranking_scores_one() -> None:
    scores = article_retrieval_scores([passage("A"), passage("B")], ["A", "B"])
    assert scores is not None
    assert scores.to_dict() == {
        "hit_at_1": 1.0,
        "hit_at_5": 1.0,
        "recall_at_10": 1.0,
        "mrr_at_10": 1.0,
        "ndcg_at_10": 1.0,
    }


def test_ties_keep_the_given_rank_order() -> None:
    items = [passage("B", score=0.7), passage("A", score=0.7)]
    scores = article_retrieval_scores(items, ["A"])
    assert scores is not None
    assert scores.hit_at_1 == 0.0
    assert scores.mrr_at_10 == 0.5
    assert scores.ndcg_at_10 == pytest.approx(1 / math.log2(3))


def test_only_top_ten_count() -> None:
    items = [passage(f"N{i}") for i in range(10)] + [passage("A")]
    scores = article_retrieval_scores(items, ["A"])
    assert scores is not None
    assert scores.to_dict() == {
        "hit_at_1": 0.0,
        "hit_at_5": 0.0,
        "recall_at_10": 0.0,
        "mrr_at_10": 0.0,
        "ndcg_at_10": 0.0,
    }


def test_partial_recall_and_hit_at_5_boundary() -> None:
    items = [passage(f"N{i}") for i in range(4)] + [passage("A")]
    scores = article_retrieval_scores(items, ["A", "B"])
    assert scores is not None
    assert scores.hit_at_5 == 1.0
    assert scores.recall_at_10 == 0.5
    assert scores.mrr_at_10 == pytest.approx(0.2)
    items = [passage(f"N{i}") for i in range(5)] + [passage("A")]
    scores = article_retrieval_scores(items, ["A"])
    assert scores is not None
    assert scores.hit_at_5 == 0.0
    assert scores.mrr_at_10 == pytest.approx(1 / 6)


def test_empty_results_score_zero_and_no_gold_is_none() -> None:
    scores = article_retrieval_scores([], ["A"])
    assert scores is not None
    assert set(scores.to_dict().values()) == {0.0}
    evidence = evidence_retrieval_scores([], [EVIDENCE])
    assert evidence is not None
    assert set(evidence.to_dict().values()) == {0.0}
    assert article_retrieval_scores([passage("A")], []) is None
    assert evidence_retrieval_scores([passage("A", EVIDENCE)], []) is None


def test_evidence_containment_is_whitespace_and_quote_normalized() -> None:
    gold = "It’s said that “15 SAA soldiers” were killed near the hill."
    text = 'Intro.  It\'s said that\n\n"15 SAA   soldiers" were killed near the hill. More.'
    scores = evidence_retrieval_scores([passage("N", OTHER), passage("A", text)], [gold])
    assert scores is not None
    assert scores.mrr_at_10 == 0.5
    assert scores.recall_at_10 == 1.0


def test_evidence_partial_sentence_is_not_relevant() -> None:
    half = EVIDENCE[: len(EVIDENCE) // 2]
    scores = evidence_retrieval_scores([passage("A", half)], [EVIDENCE])
    assert scores is not None
    assert scores.hit_at_5 == 0.0


def test_repeated_evidence_is_credited_once_so_ndcg_stays_at_most_one() -> None:
    items = [passage("A", EVIDENCE), passage("B", "copy: " + EVIDENCE), passage("C", OTHER)]
    scores = evidence_retrieval_scores(items, [EVIDENCE, OTHER])
    assert scores is not None
    dcg = 1 + 1 / math.log2(4)
    ideal = 1 + 1 / math.log2(3)
    assert scores.ndcg_at_10 == pytest.approx(dcg / ideal)
    assert scores.recall_at_10 == 1.0


def test_real_passage_dicts_work() -> None:
    label = SourceLabel("A", "T", "Global Research", "South Front", "2017-11-25", None, "a.txt")
    real = Passage("A", 0, "Lead. " + EVIDENCE, 0.9, 0, 10, label)
    scores = evidence_retrieval_scores([real.to_dict()], [EVIDENCE])
    assert scores is not None
    assert scores.hit_at_1 == 1.0
    assert article_retrieval_scores([real], ["A"]) is not None


# ------------------------------------------------------------------ answers


def test_alias_matching_normalizes() -> None:
    assert contains_phrase("Some 1,400 fighters", "1400")
    assert contains_phrase("up to 70% of territory", "70%")
    assert contains_phrase("According to PRO-HTS Sources, ...", "pro-HTS sources")
    assert contains_phrase("It’s Al Mayadeen’s claim", "Al Mayadeen's claim")
    assert contains_phrase("published 2017-11-21.", "2017-11-21")
    assert not contains_phrase("published in 2018", "8")
    assert not contains_phrase("anything", "  ")


def test_any_alias_suffices_for_ordinary_questions() -> None:
    assert answer_correct("Zakharova said so [1]", ["Maria Zakharova", "Zakharova"], "factoid")
    assert not answer_correct("Shoigu said so", ["Maria Zakharova", "Zakharova"], "attribution")
    assert answer_correct("anything", [], "unanswerable") is None


def test_conflict_requires_every_alias() -> None:
    aliases = ["November 19", "Wednesday"]
    one_side = "On November 19, the SAA restored control over al-Bukamal [1]."
    both = one_side + " Another report says it was liberated on Wednesday [2]."
    assert answer_correct(one_side, aliases, "conflict") is False
    assert answer_correct(both, aliases, "conflict") is True
    assert answer_correct(one_side, aliases, "factoid") is True


def test_answer_accuracy_reads_quotes_and_counts_abstention_wrong() -> None:
    q = question()
    answer = {"answer": "[1]", "abstained": False, "citations": [citation("A", EVIDENCE)]}
    assert answer_accuracy(answer, q) is True
    assert answer_accuracy({**answer, "abstained": True}, q) is False
    unanswerable = question(type="unanswerable", answers=[], articles=[], evidence=[])
    assert answer_accuracy(answer, unanswerable) is None


def test_short_answer_accuracy_reads_only_the_short_answer() -> None:
    q = question(type="factoid", answers=["400 mln dlrs"])
    quoted = {"abstained": False, "citations": [citation("A", "It paid 400 mln dlrs.")]}
    right = {**quoted, "short_answer": {"text": "400 mln dlrs", "citation": 1}}
    wider = {**quoted, "short_answer": {"text": "about 400 mln dlrs", "citation": 1}}
    wrong = {**quoted, "short_answer": {"text": "50 pct", "citation": 1}}
    assert short_answer_accuracy(right, q) is True
    assert short_answer_accuracy(wider, q) is True  # holds the gold answer
    assert short_answer_accuracy(wrong, q) is False  # though a quote holds it
    assert short_answer_accuracy({**quoted, "short_answer": None}, q) is None  # none given
    assert short_answer_accuracy({**right, "abstained": True}, q) is None
    assert short_answer_accuracy(right, question(type="conflict", answers=["a", "b"])) is None
    unanswerable = question(type="unanswerable", answers=[], articles=[], evidence=[])
    assert short_answer_accuracy(right, unanswerable) is None


# ------------------------------------------------------------------ abstention


def test_abstention_mixed() -> None:
    # (answerable, abstained)
    scores = abstention_scores([(False, True), (False, False), (True, True), (True, False)])
    assert scores.precision == 0.5
    assert scores.recall == 0.5


def test_abstention_all_abstain() -> None:
    scores = abstention_scores([(False, True), (True, True), (True, True)])
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == 1.0


def test_abstention_none_abstain_has_no_precision() -> None:
    scores = abstention_scores([(False, False), (True, False)])
    assert scores.precision is None
    assert scores.recall == 0.0


def test_abstention_without_unanswerable_questions_has_no_recall() -> None:
    scores = abstention_scores([(True, True), (True, False)])
    assert scores.recall is None
    assert scores.precision == 0.0
    empty = abstention_scores([])
    assert (empty.precision, empty.recall) == (None, None)


# ------------------------------------------------------------------ citations


def test_quote_overlap_rules() -> None:
    assert quote_overlaps(EVIDENCE, EVIDENCE)
    assert quote_overlaps("Earlier text. " + EVIDENCE, EVIDENCE)
    assert quote_overlaps("pro-HTS sources, 15 SAA soldiers were killed", EVIDENCE)
    assert not quote_overlaps("15 SAA soldiers", EVIDENCE)
    assert not quote_overlaps(OTHER, EVIDENCE)
    assert not quote_overlaps("", EVIDENCE)


def test_citation_precision_and_recall() -> None:
    q = question()
    good = citation("A", EVIDENCE)
    alias_only = citation("A", "Pro-HTS sources are often cited.")
    alias_wrong_article = citation("B", "Pro-HTS sources are often cited.")
    unrelated = citation("A", OTHER)
    assert citation_precision([good, alias_only, alias_wrong_article, unrelated], q) == 0.5
    assert citation_recall([good, unrelated], q) == 1.0
    assert citation_recall([alias_only, unrelated], q) == 0.0
    assert citation_precision([], q) is None
    assert citation_recall([], q) == 0.0
    assert citation_recall([good], question(evidence=[])) is None


def test_citation_support_for_metadata_and_unanswerable() -> None:
    metadata = question(type="metadata", evidence=[], answers=["Stephen Lendman"])
    assert citation_precision([citation("A", OTHER), citation("B", OTHER)], metadata) == 0.5
    unanswerable = question(type="unanswerable", answers=[], articles=[], evidence=[])
    assert citation_precision([citation("A", EVIDENCE)], unanswerable) == 0.0


def test_citation_objects_work() -> None:
    label = SourceLabel("A", "T", "Global Research", "South Front", "2017-11-25", None, "a.txt")
    cite = Citation(1, EVIDENCE, 0, len(EVIDENCE), "pro-HTS sources", 0.9, label)
    assert citation_precision([cite], question()) == 1.0
    assert citation_precision([cite.to_dict()], question()) == 1.0
    assert claimant_correct([cite.to_dict()], "pro-HTS sources") is True


# ------------------------------------------------------------------ claimants and labels


def test_claimant_matching() -> None:
    assert claimant_matches("Maria Zakharova", "Maria Zakharova (Russian Foreign Ministry)")
    assert claimant_matches(
        "Russian Foreign Ministry Spokeswoman Maria Zakharova", "Maria Zakharova"
    )
    assert claimant_matches("Russia's Defense Ministry", "Russian Defense Ministry")
    assert claimant_matches("pro-HTS", "pro-HTS sources")
    assert not claimant_matches("Syrian Defense Ministry", "Russian Defense Ministry")
    assert not claimant_matches("pro-government sources", "pro-HTS sources")
    assert not claimant_matches("", "ISIS")
    assert not claimant_matches(None, "ISIS")


def test_claimant_correct() -> None:
    cites = [citation("A", OTHER, "South Front"), citation("A", EVIDENCE, "pro-HTS sources")]
    assert claimant_correct(cites, "pro-HTS sources") is True
    assert claimant_correct(cites[:1], "pro-HTS sources") is False
    assert claimant_correct([], "pro-HTS sources") is False
    assert claimant_correct(cites, None) is None


def test_source_label_accuracy() -> None:
    real: dict[str, dict[str, str | None]] = {
        "A": {"outlet": "Global Research", "author": "South Front", "published": "2017-11-25"},
        "C": {"outlet": None, "author": "South Front", "published": None},
    }
    right = citation(
        "A", EVIDENCE, outlet="Global Research", author="South Front", published="2017-11-25"
    )
    wrong_date = citation(
        "A", EVIDENCE, outlet="Global Research", author="South Front", published="2017-11-24"
    )
    undated = citation("C", OTHER, outlet=None, author="South Front", published=None)
    unknown = citation("Z", OTHER, outlet=None, author=None, published=None)
    assert source_label_accuracy([right, wrong_date, undated, unknown], real) == 0.5
    assert source_label_accuracy([], real) is None
