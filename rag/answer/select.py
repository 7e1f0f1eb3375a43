"""Selection by answer type: which retrieved sentences answer the question.

A sentence scores by its embedding similarity and term overlap (`rag.candidates`), plus:
- `type_weight` when it holds an entity of a type the question asks for (a DATE for "when",
  a number for "how many", a PERSON, ORG or NORP for "who") that the question does not
  already name: the sentence adds what was asked (for "Who claims X?", a sentence that
  names who asserts it does);
- `anchor_weight` when such an entity hangs, in the index-time parse, from what the
  question asks about (its asked-for noun or main verb: "5.5 pct" under "interest" and
  "carry" for "What interest does the loan carry?"); this lifts the sentence into the
  answer without raising the cutoff for the others;
- `claimant_weight` when its stored claimant is the one the question names, or, for a
  question asking who claims something, when it names its claimant at all;
- minus `restate_penalty` when it only restates a question: a question in the text, the
  article's title, or a subheading (a line without a sentence end);
- minus `off_topic_penalty` when its article names fewer of the question's names than
  another candidate's article does (`coverage`);
- minus `echo_penalty` when, for a question asking for a type, it lacks that type and every
  name in it (person, organisation, place...) is already in the question: it restates the
  topic.
When the best sentence lacks the asked-for type and its neighbour in the article has it,
the neighbour is quoted too (`completion`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.amount_changes import difference_for_amount
from news_rag.rag.answer.amount_nouns import of_another_amount_noun
from news_rag.rag.answer.amount_units import (
    wrong_tally,
)
from news_rag.rag.answer.called_names import calls_target
from news_rag.rag.answer.completion import adds_value, continuation, neighbours
from news_rag.rag.answer.corpus import tables
from news_rag.rag.answer.evidence import Evidence, analysis_at, near_duplicate
from news_rag.rag.answer.expansion import POOL_SIZE, off_topic_articles, pool_candidates
from news_rag.rag.answer.names import claimant_matches
from news_rag.rag.answer.periods import names_period, outside_period
from news_rag.rag.answer.proof_ranker import rank, usable
from news_rag.rag.answer.question_names import named_in_question
from news_rag.rag.answer.sentence_kinds import echoes, restates
from news_rag.rag.answer.short_answer import find_span
from news_rag.rag.answer.span_preference import prefer_span, span_level
from news_rag.rag.answer.swaps import swaps_roles
from news_rag.rag.answer.value_dates import DATE_BESIDE_VALUE, dated_otherwise
from news_rag.rag.candidates import Candidate
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.words import kin_verbs
from news_rag.rag.settings import AnswerSettings


@dataclass(frozen=True)
class Chosen:
    items: list[Evidence]
    pool: list[Evidence]  # every scored candidate, best first (for conflicts and balance)


def anchored(info: SentenceAnalysis | None, intent: Intent, text: str) -> bool:
    """Whether an entity of the asked-for type, new to the question, hangs from what the
    question asks about: "5.5 pct" under "interest" and "carry" for "What interest does the
    loan carry?", where "a 300 mln dlr loan" that the loan "received" does not (`text`:
    the article's, for what follows an amount); or is the asked thing by name ("the
    European Heart Journal" for "Which journal ...?")."""
    if info is None or not intent.anchors or not intent.expected_types:
        return False
    anchors = set(intent.anchors)
    verb = intent.slots.predicate
    kin = kin_verbs(verb) - {verb} if verb else frozenset()

    def hangs(e: Entity) -> bool:
        found = anchors.intersection(e.heads)
        if found and found <= kin:  # only from a verb of the question's kind: "a 0.6 pct
            # decline in December" for "fall in January" is no answer more than any other
            return not dated_otherwise(e, info, intent, DATE_BESIDE_VALUE)
        return bool(found) or calls_target(e, intent)

    return any(
        e.label in intent.expected_types
        and not wrong_tally(e, intent)
        and not difference_for_amount(e, intent, text)
        and hangs(e)
        and not named_in_question(e.text, intent.question)
        for e in info.entities
    )


def claimant_bonus(ev: Evidence, intent: Intent) -> bool:
    named = intent.claimant.text if intent.claimant else intent.filters.source
    if named:
        return ev.explicit and claimant_matches(named, ev.claimant(""))
    return intent.asks_claimant and ev.explicit and not ev.said_by_document


def score_candidates(
    candidates: Sequence[Candidate], intent: Intent, reader: IndexReader, settings: AnswerSettings
) -> list[Evidence]:
    """The candidates with their analysis and answer-type score, best first. A sentence
    that lacks the asked-for type but whose continuation holds it counts as holding it."""
    out: list[Evidence] = []
    read = pool_candidates(candidates, intent, reader, settings.expanded_articles)
    top = {(c.article.id, c.start) for c in candidates[:POOL_SIZE] if c.retrieved}
    off_topic = off_topic_articles(read, intent, reader)
    # every retrieved candidate is about something else ("International Broadcasting's
    # offering" for "When was Star Technologies' initial public offering?"): the sentences
    # read from the article naming the question's names answer with any value of its own
    stranded = bool(top) and all(article_id in off_topic for article_id, _start in top)
    swapped = swaps_roles(intent, tables(reader))
    for cand in read:
        ordinal, info = analysis_at(reader, cand.article.id, cand.start)
        adds = adds_value(info, intent, cand.article.text)
        again = restates(cand.quote, cand.article.title)
        ev = Evidence(cand, info, ordinal, cand.score, adds, again)
        # No asked-for value of its own, only in the sentences after it: first or not at all
        borrowed = not (adds or again) and bool(
            continuation(cand.article.id, ordinal, intent, reader)
        )
        if intent.asks_claimant and ev.explicit and not ev.said_by_document:
            adds, borrowed = True, False  # "Who claims X?": the sentence's own claimant is the who
        adds = adds or borrowed
        echo = not adds and not again and echoes(info, intent)
        # no lift when the question's participants are on swapped sides of the verb
        hangs = anchored(info, intent, cand.article.text)
        lift = settings.anchor_weight * hangs * (not swapped(ev))
        score = cand.score + settings.type_weight * adds + lift
        score -= settings.restate_penalty * again + settings.echo_penalty * echo
        score += settings.claimant_weight * claimant_bonus(ev, intent)
        aside = cand.article.id in off_topic
        score -= settings.off_topic_penalty * aside
        scored = replace(ev, score=round(score, 6), adds=adds, lift=lift, off_topic=aside)
        if (cand.article.id, cand.start) not in top and not (adds and (lift or stranded)):
            continue  # read for its article: it answers only with its answer hanging from it
        out.append(replace(scored, borrowed=borrowed))
    out.sort(key=lambda e: (-e.score, e.article.id, e.cand.start))
    return out


def choose(pool: list[Evidence], settings: AnswerSettings) -> list[Evidence]:
    """The best sentences within `relative_cutoff` of the best one (and at least the best
    `min_sentences` of those holding the asked-for type), no restatements, no near
    duplicates, none from an off-topic article (the first only when no on-topic sentence is
    within the cutoff: another story's $120 million is no answer for Westfield) and, after
    the first, none whose asked-for value is only in the sentences after it
    (`Evidence.borrowed`: it adds no value of its own), at most `max_sentences`. The best
    is measured without its `lift`: an anchored answer is lifted into the answer, it does
    not push the others out."""
    answers = [e for e in pool if not e.restates] or pool
    if not answers:
        return []
    floor = max(e.score - e.lift for e in answers) - settings.relative_cutoff
    on_topic = any(not e.off_topic and e.score >= floor for e in answers)
    chosen: list[Evidence] = []
    for ev in answers:
        if len(chosen) >= settings.max_sentences:
            break
        if ev.score < floor and (len(chosen) >= settings.min_sentences or not ev.adds):
            continue
        if ev.off_topic and (chosen or on_topic):  # another article's sentence never first
            continue
        if (chosen and ev.borrowed) or any(near_duplicate(ev, c) for c in chosen):
            continue
        chosen.append(ev)
    return chosen


def prefer_period(
    chosen: list[Evidence], pool: Sequence[Evidence], intent: Intent, settings: AnswerSettings
) -> list[Evidence]:
    """The chosen sentences with, first, the best one that names the question's period
    among those scoring within `span_margin` of the best and holding an answer span, when
    the best does not name it: "In the full year ended May 31 1986 the group earned a record
    988.2 mln dlrs" before "... is expected to report a net profit of around 600 mln dlrs
    for the first nine months" for "What net profit did BHP earn in the year ended May 31
    1986?" (`periods.names_period`). Never one whose amount is another noun's figure
    (`amount_nouns.of_another_amount_noun`): "Valmark's exports to the European Union were
    14.3 billion crowns in May" does not come before "... leaving a trade surplus of 2.3
    billion crowns" for "What was Valmark's trade surplus in May?"."""
    if not chosen or names_period(chosen[0].info, intent):
        return chosen
    floor = chosen[0].score - settings.span_margin
    for ev in pool:
        if ev.score < floor or ev.restates or ev.off_topic or not span_level(ev, intent):
            continue
        if names_period(ev.info, intent) and not _other_figure(ev, intent):
            return [ev, *(c for c in chosen if c is not ev)]
    return chosen


def _other_figure(ev: Evidence, intent: Intent) -> bool:
    span = find_span(ev, intent)
    return span is not None and of_another_amount_noun(span.entity, intent)


def proof_first(
    chosen: list[Evidence], pool: Sequence[Evidence], intent: Intent, reader: IndexReader
) -> list[Evidence]:
    """The chosen sentences with, first, the one the proof ranker finds likeliest to prove
    the answer among the best of the pool (`proof_ranker.rank`), when that is not already
    first; restatements, off-topic articles' sentences, sentences with a lesser answer
    span than the one `prefer_span` put first and, after one in the asked period, sentences
    of other periods only ("Permits ... fell in January" for May) never come first."""
    ranked = usable(rank(intent, pool, tables(reader), also=chosen))
    if not chosen or not ranked or ranked[0].probability == 0.0:
        return chosen
    level = span_level(chosen[0], intent)  # what `prefer_span` chose: never one with less,
    dated = outside_period(chosen[0].info, intent)  # nor one of another period than its
    ranked = [
        r for r in ranked
        if span_level(r.evidence, intent) >= level
        and (dated or not outside_period(r.evidence.info, intent))
    ]  # fmt: skip
    if not ranked or ranked[0].evidence is chosen[0]:
        return chosen
    best = ranked[0].evidence
    return [best, *(c for c in chosen if c is not best)]


def select(
    candidates: Sequence[Candidate],
    intent: Intent,
    reader: IndexReader,
    settings: AnswerSettings,
    vector: object,
) -> Chosen:
    """The sentences that answer, best first (the sentences quoted together as one answer
    marked `unit`), and the scored pool."""
    pool = score_candidates(candidates, intent, reader, settings)
    chosen = prefer_span(choose(pool, settings), pool, intent, settings, reader)
    chosen = prefer_period(chosen, pool, intent, settings)
    if settings.proof_ranker:
        chosen = proof_first(chosen, pool, intent, reader)
    if chosen:
        extra = neighbours(chosen[0], intent, reader, vector)
        if extra:  # quoted with the first, even when chosen on their own further down
            joined = {(e.article.id, e.cand.start) for e in extra}
            rest = [c for c in chosen[1:] if (c.article.id, c.cand.start) not in joined]
            unit = sorted([chosen[0], *extra], key=lambda e: e.ordinal)
            unit = [replace(e, unit=True) for e in unit]
            chosen = [*unit, *rest][: max(settings.max_sentences, len(unit))]
    return Chosen(chosen, pool)
