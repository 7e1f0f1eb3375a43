"""Per-question metrics: retrieval, answer accuracy, abstention, citations, latency.

Pure functions on plain data. Retrieved items and citations may be the dicts made
by `Passage.to_dict()` / `Citation.to_dict()` or any object with the same
attributes; nothing here loads a model or an index.

Conventions:
- Ranks follow the order given; scores are ignored, so ties keep their given order.
- A metric that does not apply (no gold items, no citations, no gold claimant)
  is None, never 0; `eval.aggregate` leaves None out of means.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from news_rag.eval.records import AbstentionScores, Question, RetrievalScores
from news_rag.index.clean.wire import plain_company_marks

CUTOFF = 10
LABEL_FIELDS = ("outlet", "author", "published")
TOKEN_OVERLAP_MIN = 0.5
# The words with which the assistant opens a disagreement between sources (issue 9 item 6
# defines false conflicts by them).
CONFLICT_MARKER = "The sources disagree"

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
_MD_LINK = re.compile(r"\[([^\]]*)\]\(#\)")
_MD_MARKS = re.compile(r"\*\*|</?u>")
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")
_NON_WORD = re.compile(r"[\W_]+")
_PARENTHETICAL = re.compile(r"\([^)]*\)")
_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its",
    "of", "on", "or", "that", "the", "this", "to", "was", "were", "which", "with"
})  # fmt: skip


def _get(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


# ----------------------------------------------------------------- normalization


def normalize_span(text: str) -> str:
    """Casefolded NFKC text with straight quotes, no markdown marks, single spaces.

    Punctuation is kept: this is the form used for "sentence lies inside passage". Wire
    company marks are rendered as the cleaner renders them ("<Hearst Corp>" -> "Hearst
    Corp"), so gold sentences copied from the raw Reuters text match the cleaned quotes.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _MD_MARKS.sub("", _MD_LINK.sub(r"\1", text))
    return plain_company_marks(" ".join(text.split())).casefold()


def normalize_answer(text: str) -> str:
    """`normalize_span`, then thousands commas dropped ("1,400" -> "1400") and
    every run of punctuation/whitespace collapsed to one space."""
    text = _DIGIT_COMMA.sub("", normalize_span(text))
    return _NON_WORD.sub(" ", text).strip()


def content_tokens(text: str) -> set[str]:
    """Normalized word tokens without a few function words (all tokens if only those)."""
    tokens = normalize_answer(text).split()
    content = {t for t in tokens if t not in _STOPWORDS}
    return content or set(tokens)


def contains_phrase(text: str, phrase: str) -> bool:
    """True when `phrase` occurs in `text` as whole words, after `normalize_answer`.

    Digits are compared as digit strings, so "1,400" matches "1400" and "70%"
    matches "70"; no date arithmetic ("2017-11-21" and "November 21, 2017" are
    separate aliases).
    """
    needle = normalize_answer(phrase)
    if not needle:
        return False
    return f" {needle} " in f" {normalize_answer(text)} "


# ----------------------------------------------------------------- retrieval


def score_ranking(
    covered: Sequence[frozenset[int]], n_gold: int, k: int = CUTOFF
) -> RetrievalScores:
    """Score a ranking given, per rank, the set of gold items that rank covers.

    - hit@1 / hit@5: some relevant item (covering any gold item) in the top 1 / 5.
    - recall@k: share of the gold items covered by the top k.
    - MRR@k: 1 / rank of the first relevant item in the top k, else 0.
    - nDCG@k with binary gains: a rank gains 1/log2(rank+1) when it covers a gold
      item not already covered above it (so repeated passages holding the same
      sentence are not rewarded twice and nDCG stays <= 1); the ideal ranking puts
      min(n_gold, k) relevant items first.
    """
    if n_gold <= 0:
        raise ValueError("score_ranking needs at least one gold item")
    seen: set[int] = set()
    dcg = 0.0
    first: int | None = None
    for rank, items in enumerate(covered[:k], start=1):
        if items and first is None:
            first = rank
        if items - seen:
            dcg += 1.0 / math.log2(rank + 1)
        seen |= items
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(n_gold, k) + 1))
    return RetrievalScores(
        hit_at_1=1.0 if first == 1 else 0.0,
        hit_at_5=1.0 if any(covered[: min(5, k)]) else 0.0,
        recall_at_10=len(seen) / n_gold,
        mrr_at_10=1.0 / first if first is not None else 0.0,
        ndcg_at_10=dcg / ideal,
    )


def ranked_article_ids(items: Iterable[Any]) -> list[str]:
    """Article ids in rank order, each kept at its first (best) rank."""
    ranked: list[str] = []
    for item in items:
        article_id = str(_get(item, "article_id"))
        if article_id not in ranked:
            ranked.append(article_id)
    return ranked


def article_retrieval_scores(
    items: Sequence[Any], gold_articles: Sequence[str], k: int = CUTOFF
) -> RetrievalScores | None:
    """Article-level ranking scores; None when the question has no gold article."""
    gold = list(dict.fromkeys(gold_articles))
    if not gold:
        return None
    index = {article_id: i for i, article_id in enumerate(gold)}
    covered = [
        frozenset({index[a]}) if a in index else frozenset() for a in ranked_article_ids(items)
    ]
    return score_ranking(covered, len(gold), k)


def evidence_retrieval_scores(
    items: Sequence[Any], gold_evidence: Sequence[str], k: int = CUTOFF, text_field: str = "text"
) -> RetrievalScores | None:
    """Evidence-level scores: an item is relevant when a gold sentence lies inside
    its text (whitespace/quote-normalized containment). None without evidence."""
    gold = [normalize_span(e) for e in dict.fromkeys(gold_evidence)]
    if not gold:
        return None
    covered = []
    for item in items:
        text = normalize_span(str(_get(item, text_field) or ""))
        covered.append(frozenset(i for i, sentence in enumerate(gold) if sentence in text))
    return score_ranking(covered, len(gold), k)


# ----------------------------------------------------------------- answers


def answer_correct(answer_text: str, aliases: Sequence[str], question_type: str) -> bool | None:
    """Whether the answer text carries the gold answer; None without aliases.

    Any one alias suffices, except for `conflict` questions: there each alias is
    one side of the disagreement and ALL of them must appear (both sides shown).
    """
    if not aliases:
        return None
    found = [contains_phrase(answer_text, alias) for alias in aliases]
    return all(found) if question_type == "conflict" else any(found)


def answer_text_for_scoring(answer: Any) -> str:
    """The rendered answer plus its citations' quotes: everything the user reads."""
    quotes = [str(_get(c, "quote") or "") for c in _get(answer, "citations") or ()]
    return " ".join([str(_get(answer, "answer") or ""), *quotes])


def answer_accuracy(answer: Any, question: Question) -> bool | None:
    """Answer correctness for answerable questions (an abstention is wrong);
    None for unanswerable questions, which `abstention_scores` covers."""
    if not question.answerable or not question.answers:
        return None
    if _get(answer, "abstained"):
        return False
    return answer_correct(answer_text_for_scoring(answer), question.answers, question.type)


def short_answer_accuracy(answer: Any, question: Question) -> bool | None:
    """Whether the short answer said first (`short_answer`: "400 mln dlrs") is the gold
    answer: one holds the other as whole words after `normalize_answer` ("the Houston
    Chronicle" for "Houston Chronicle"; "around 600 mln" is not "600 mln to 620 mln"). None
    when the answer gives none, or for a refusal, an unanswerable question, a question
    without gold answers or a conflict question (two answers). A later quote holding the
    gold answer does not make a wrong short answer right: that is `answer_correct`."""
    if not question.answerable or not question.answers or question.type == "conflict":
        return None
    short = _get(answer, "short_answer")
    if _get(answer, "abstained") or not short:
        return None
    text = str(_get(short, "text") or "")
    return any(contains_phrase(text, a) or contains_phrase(a, text) for a in question.answers)


def says_conflict(answer: Any) -> bool:
    """Whether the rendered answer text claims a disagreement ("The sources disagree")."""
    text = normalize_span(str(_get(answer, "answer") or ""))
    return normalize_span(CONFLICT_MARKER) in text


def false_conflict(answer: Any, question: Question) -> bool | None:
    """For a question whose gold is not a conflict (unanswerable ones included): whether
    the answer says the sources disagree. None for conflict questions.
    The mean over questions is `false_conflict_rate`."""
    if question.type == "conflict":
        return None
    return says_conflict(answer)


def false_abstention(answer: Any, question: Question) -> bool | None:
    """For an answerable question: whether the assistant refused. None for unanswerable
    questions. The mean over questions is `false_abstention_rate`."""
    if not question.answerable:
        return None
    return bool(_get(answer, "abstained"))


def abstention_scores(outcomes: Iterable[tuple[bool, bool]]) -> AbstentionScores:
    """Precision/recall of abstaining from `(answerable, abstained)` pairs.

    Positive class = abstained. precision = correct abstentions / abstentions
    (None when nothing abstained); recall = correct abstentions / unanswerable
    questions (None when there are none).
    """
    true_positives = abstained = unanswerable = 0
    for answerable, did_abstain in outcomes:
        abstained += did_abstain
        unanswerable += not answerable
        true_positives += did_abstain and not answerable
    return AbstentionScores(
        precision=true_positives / abstained if abstained else None,
        recall=true_positives / unanswerable if unanswerable else None,
        true_positives=true_positives,
        abstained=abstained,
        unanswerable=unanswerable,
    )


# ----------------------------------------------------------------- citations


def quote_overlaps(quote: str, evidence: str) -> bool:
    """True when the quote contains the gold sentence, or covers at least half of
    its content tokens (a quote inside the sentence counts only if that long)."""
    q, e = normalize_span(quote), normalize_span(evidence)
    if not q or not e:
        return False
    if e in q:
        return True
    gold_tokens = content_tokens(evidence)
    shared = gold_tokens & content_tokens(quote)
    return len(shared) / len(gold_tokens) >= TOKEN_OVERLAP_MIN


def citation_supported(citation: Any, question: Question) -> bool:
    """ALCE-style support without a judge: the quote overlaps a gold sentence, or
    it comes from a gold article and contains an accepted alias. For questions
    with gold articles but no evidence (metadata), a gold-article citation counts."""
    quote = str(_get(citation, "quote") or "")
    if any(quote_overlaps(quote, e) for e in question.evidence):
        return True
    if str(_get(citation, "article_id")) not in question.articles:
        return False
    if not question.evidence:
        return True
    return any(contains_phrase(quote, alias) for alias in question.answers)


def citation_precision(citations: Sequence[Any], question: Question) -> float | None:
    """Share of supported citations; None when there are no citations.
    (Citations given for an unanswerable question are all unsupported.)"""
    if not citations:
        return None
    return sum(citation_supported(c, question) for c in citations) / len(citations)


def citation_recall(citations: Sequence[Any], question: Question) -> float | None:
    """1.0 when some quote overlaps some gold sentence, else 0.0; None without evidence."""
    if not question.evidence:
        return None
    quotes = [str(_get(c, "quote") or "") for c in citations]
    hit = any(quote_overlaps(q, e) for q in quotes for e in question.evidence)
    return 1.0 if hit else 0.0


# ----------------------------------------------------------------- claimants and labels


def claimant_key(name: str) -> str:
    """Core of a claimant name: parentheticals dropped, normalized, possessive "s"
    dropped, each word cut to 5 letters ("Russia's"/"Russian" -> "russi")."""
    words = normalize_answer(_PARENTHETICAL.sub(" ", name)).split()
    return " ".join(w[:5] for w in words if w != "s")


def claimant_matches(predicted: str | None, gold: str) -> bool:
    """Match when either core name contains the other as whole words."""
    p, g = claimant_key(predicted or ""), claimant_key(gold)
    if not p or not g:
        return False
    return f" {p} " in f" {g} " or f" {g} " in f" {p} "


def claimant_correct(citations: Sequence[Any], gold_claimant: str | None) -> bool | None:
    """Whether some citation names the gold claimant; None when gold is null."""
    if not gold_claimant:
        return None
    return any(claimant_matches(_get(c, "claimant"), gold_claimant) for c in citations)


def _same_label_value(shown: Any, real: Any) -> bool:
    shown_text = normalize_answer(str(shown)) if shown else ""
    real_text = normalize_answer(str(real)) if real else ""
    return shown_text == real_text


def source_label_correct(citation: Any, metadata: Mapping[str, Mapping[str, Any]]) -> bool:
    """Outlet, author and date on the citation equal the article's real metadata
    (missing on both sides counts as equal; an article absent from `metadata` fails)."""
    real = metadata.get(str(_get(citation, "article_id")))
    if real is None:
        return False
    return all(_same_label_value(_get(citation, f), real.get(f)) for f in LABEL_FIELDS)


def source_label_accuracy(
    citations: Sequence[Any], metadata: Mapping[str, Mapping[str, Any]]
) -> float | None:
    """Share of citations with a correct source label; None without citations."""
    if not citations:
        return None
    return sum(source_label_correct(c, metadata) for c in citations) / len(citations)


# ----------------------------------------------------------------- latency


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `pct`% of the
    values at or below it (rank ceil(pct/100 * n), clamped to 1..n). None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(pct / 100 * len(ordered))))
    return float(ordered[rank - 1])


def latency_summary(latencies_ms: Sequence[float]) -> dict[str, float | None]:
    """p50 and p95 (nearest rank) of per-question latencies in milliseconds."""
    return {"p50_ms": percentile(latencies_ms, 50), "p95_ms": percentile(latencies_ms, 95)}
