"""The sentences that answer: one parsed question (`Intent`) and the retrieved passages in,
an `Answer` out (`respond` calls it for all but metadata questions). Stages: `select` (by
answer type) or `claims` ("What did X say?"), `abstain` (on a calibrated relevance),
`conflicts` (on evidence), `compose`, `balance`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.answerability import about_another, judge
from news_rag.rag.answer.balance import balance
from news_rag.rag.answer.called_names import articles_calling
from news_rag.rag.answer.claims import claimed_by, with_pool
from news_rag.rag.answer.compose import compose_answer
from news_rag.rag.answer.conflicts import find_conflicts
from news_rag.rag.answer.corpus import CorpusTables, tables
from news_rag.rag.answer.counted import Similarity
from news_rag.rag.answer.coverage import argument_forms, names_covered
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.expansion import (
    answered_elsewhere,
    articles_naming,
    unretrieved_chunks,
)
from news_rag.rag.answer.later_names import named_later
from news_rag.rag.answer.name_labels import as_stories_label
from news_rag.rag.answer.names import name_words
from news_rag.rag.answer.noun_types import learned_types
from news_rag.rag.answer.periods import only_other_periods, other_dates
from news_rag.rag.answer.proof import prove
from news_rag.rag.answer.proof_ranker import rank
from news_rag.rag.answer.refusal import abstain
from news_rag.rag.answer.role_owners import (
    absent_owner,
    other_posts_only,
    owned_elsewhere,
    untitled_role,
)
from news_rag.rag.answer.select import claimant_bonus, select
from news_rag.rag.answer.short_answer import find_span
from news_rag.rag.answer.span_preference import ANCHORED_LEVEL, span_level
from news_rag.rag.answer.span_ties import titled_as_role
from news_rag.rag.answer.titles import asks_role
from news_rag.rag.candidates import Candidate, collect_candidates
from news_rag.rag.question.intent import CLAIMS, Claimant, Intent
from news_rag.rag.settings import AnswerSettings
from news_rag.rag.types import Answer, Passage

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def relevance(ev: Evidence) -> float:
    return ev.relevance


def _relevance_floor(
    chosen: Sequence[Evidence], intent: Intent, settings: AnswerSettings, corpus: CorpusTables
) -> float:
    """The relevance below which the answer abstains: lower when the first sentence's answer
    span hangs from the question's noun or verb and its article names every name the
    question does ("since records began in 1951" for "When did records begin?": a short
    question is not much like a long sentence; not another company's finance chief)."""
    if not chosen or span_level(chosen[0], intent) < ANCHORED_LEVEL:
        return settings.relevance_threshold
    forms = [argument_forms(a.text, a.label, corpus) for a in intent.slots.arguments]
    if names_covered(chosen[0].article, forms) < len(forms):
        return settings.relevance_threshold
    if _titled_for_role(chosen[0], intent):
        return settings.titled_relevance_threshold
    return settings.anchored_relevance_threshold


def _titled_for_role(ev: Evidence, intent: Intent) -> bool:
    """Whether the sentence's answer is a person titled with the role the question asks
    who holds, for no other owner ("Bruce Wilkinson, president of the company, said the
    charges ..." for "Who is the president of CRS Sirrine?": a long sentence about
    something else, unlike the short question)."""
    return asks_role(intent) and titled_as_role(find_span(ev, intent), ev, intent)


def unquoted_person(claimant: Claimant, passages: Sequence[Passage]) -> bool:
    """Whether the person a "What did X say?" question names is quoted by no article and
    named in no retrieved passage: nothing can answer it. Only a person: a place or an
    organisation is often named another way ("Moscow" for the Russian government)."""
    if claimant.label != "PERSON":
        return False
    surname = name_words(claimant.text)[-1:]
    texts = (name_words(p.text) for p in passages)
    return bool(surname) and not any(surname[0] in words for words in texts)


def through_colon(ev: Evidence, reader: IndexReader) -> Evidence:
    """A sentence that ends with a colon ("..., the center said:") quoted with the sentence
    it introduces: a quote is never cut at a colon."""
    if not ev.quote.rstrip().endswith(":"):
        return ev
    spans = reader.sentence_spans(ev.article.id)
    following = next((end for _row, start, end in spans if start >= ev.cand.end), None)
    if following is None:
        return ev
    return replace(ev, cand=replace(ev.cand, end=following))


def _pair_similarity(reader: IndexReader) -> Callable[[Evidence, Evidence], float]:
    vectors = reader.sentence_vectors()

    def similarity(a: Evidence, b: Evidence) -> float:  # float32 arithmetic on float16 rows
        return float(vectors[a.cand.row].astype("float32") @ vectors[b.cand.row])

    return similarity


def _likelihood(
    intent: Intent, chosen: list[Evidence], pool: list[Evidence], reader: IndexReader
) -> Callable[[Evidence], float]:
    """Each chosen sentence's probability of proving the answer (`proof_ranker`), by its
    place in its article (1.0, never dropped, for one the ranker did not score)."""
    ranked = rank(intent, pool, tables(reader), also=chosen, record=False)
    found = {(r.evidence.article.id, r.evidence.cand.start): r.probability for r in ranked}

    def likely(ev: Evidence) -> float:
        return found.get((ev.article.id, ev.cand.start), 1.0)

    return likely


def _finish(
    intent: Intent,
    chosen: list[Evidence],
    pool: list[Evidence],
    passages: Sequence[Passage],
    reader: IndexReader,
    settings: AnswerSettings,
    within: Collection[str] = (),
) -> Answer:
    ranked = (
        settings.extra_quote_probability or settings.extra_quote_ratio
        or settings.claims_extra_ratio or settings.sure_proof < 1.0
    )  # fmt: skip
    likely = _likelihood(intent, chosen, pool, reader) if ranked else None
    chosen = [through_colon(ev, reader) for ev in chosen]
    another = about_another(intent, tables(reader)) if settings.drop_quotes_about_another else None
    proof = prove(chosen, intent, settings, likely, another, within)
    conflicts = find_conflicts(chosen, pool, intent, settings, _pair_similarity(reader))
    done = compose_answer(proof, conflicts, intent)
    return Answer(
        question=intent.question,
        answer=done.text,
        abstained=False,
        citations=done.citations,
        passages=tuple(passages),
        kind="extractive",
        conflicts=done.groups,
        balance=balance(done.citations, passages, pool, settings.relevance_threshold),
        short_answer=done.short_answer,
        more_citations=done.more,
    )


def answer(
    intent: Intent,
    query: str,
    vector: npt.NDArray[np.float32],
    passages: list[Passage],
    reader: IndexReader,
    settings: AnswerSettings,
    *,
    adjust: Callable[[list[Candidate]], list[Candidate]] | None = None,
    allowed: Collection[str] | None = None,
    similar: Similarity | None = None,
    within: Collection[str] = (),
) -> Answer:
    """Answer `intent` from `passages` (retrieved with `query`), or abstain. `similar`: how
    alike two short phrases are (the query embedder's cosine), for what a count counts;
    `within`: a follow-up's articles (those the conversation cited), the only ones its
    close-scoring extra quotes may come from (`proof.prove`)."""
    question = intent.question
    naming = articles_naming(intent, reader, allowed) if settings.expanded_articles else []
    read_whole = [*naming]
    if settings.expanded_articles:  # and those naming the asked thing ("the ... Journal")
        read_whole += articles_calling(intent, (p.article_id for p in passages), reader)
    more = unretrieved_chunks(passages, intent, reader, settings.expanded_articles, read_whole)
    candidates = collect_candidates(query, vector, passages, reader, more)
    intent = as_stories_label(learned_types(intent, candidates, reader), candidates, reader)
    if adjust is not None:
        candidates = adjust(candidates)
    chosen_set = select(candidates, intent, reader, settings, vector)
    pool = chosen_set.pool
    if intent.kind == CLAIMS and intent.claimant is not None:
        said = claimed_by(
            intent.claimant.text, query, vector, reader, allowed, settings.max_sentences
        )
        own = [e for e in pool if claimant_bonus(e, intent)]
        said = with_pool(said, own, settings.max_sentences)
        named = intent.claimant.text.casefold()
        topic = [term for term in intent.focus if term.casefold() not in named]
        # "What did Russia say?" asks for anything Russia said: no topic to be relevant to
        if said and (not topic or relevance(said[0]) >= settings.relevance_threshold):
            return _finish(intent, said, pool, passages, reader, settings, within)
        if not said and unquoted_person(intent.claimant, passages):
            refusal = abstain(question, passages, f"anything {intent.claimant.text} said")
            return _with_balance(refusal, passages, pool, settings)
    chosen = chosen_set.items
    if not chosen or max(relevance(e) for e in chosen) < _relevance_floor(
        chosen, intent, settings, tables(reader)
    ):
        return _with_balance(abstain(question, passages), passages, pool, settings)
    refused = _refusal(intent, chosen, pool, (candidates, naming), reader, settings, similar)
    if refused is not None:
        return _with_balance(abstain(question, passages, refused), passages, pool, settings)
    return _finish(intent, chosen, pool, passages, reader, settings, within)


def _refusal(
    intent: Intent,
    chosen: list[Evidence],
    pool: list[Evidence],
    read: tuple[Sequence[Candidate], Sequence[str]],
    reader: IndexReader,
    settings: AnswerSettings,
    similar: Similarity | None,
) -> str | None:
    """Why the chosen sentences do not answer ("" with no reason to give), or None: only
    other periods say it (`only_other_periods`), the asked role is held for another owner
    (`role_owners.owned_elsewhere`) or the story names other posts only
    (`role_owners.other_posts_only`), the answerability judgement refuses, their undated
    values' stories name other periods only or them later (`_story_told`), or the articles
    naming the question's names do not say it (`answered_elsewhere`); the judgement's own
    reason ("only for Marovia") before the last two. `read`: the candidate sentences and
    the articles a search for the question's names found."""
    if only_other_periods(chosen, intent):
        return other_dates(intent)
    # "only Harbourside's" coach; or another bank's chairman, in a story naming no such bank
    corpus = tables(reader)
    owned = owned_elsewhere(chosen, pool, intent, corpus) or absent_owner(chosen, intent, corpus)
    owned = owned or other_posts_only(chosen, pool, intent)  # "Finance Minister X" only
    owned = owned or untitled_role(chosen, pool, intent)  # no "chairman" in Cyclops' stories
    if owned:
        return owned
    judged = None
    if intent.kind != CLAIMS and settings.answerability:
        judged = judge(intent, chosen, pool, tables(reader), similar, reader.sentence_analysis)
        if judged.refuse and judged.reason:
            return judged.reason
    told = _story_told(intent, chosen, reader)
    if told is not None:
        return told
    candidates, naming = read
    elsewhere = answered_elsewhere(chosen[0].cand, candidates, intent, reader, naming)
    if elsewhere is not None:
        return f"this for {elsewhere}"
    return "" if judged is not None and judged.refuse else None


def _story_told(intent: Intent, chosen: list[Evidence], reader: IndexReader) -> str | None:
    """Why the chosen sentences' stories do not answer, or None: their undated values'
    stories name other periods only, or the values come before their stories name the
    question's participants ("the bridge ... carries about 24,000 vehicles", before
    Elmford: `later_names.named_later`)."""
    if only_other_periods(chosen, intent, reader.sentence_analysis):  # the whole story's
        return other_dates(intent)
    if intent.kind == CLAIMS or intent.asks_claimant:
        return None
    return named_later(intent, chosen, tables(reader))


def _with_balance(
    answer: Answer, passages: Sequence[Passage], pool: list[Evidence], settings: AnswerSettings
) -> Answer:
    return replace(answer, balance=balance((), passages, pool, settings.relevance_threshold))
