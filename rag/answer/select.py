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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.alignment import names_rival, names_target
from news_rag.rag.answer.amount_nouns import of_another_amount_noun
from news_rag.rag.answer.amount_units import (
    change_for_level,
    difference_for_amount,
    wrong_tally,
)
from news_rag.rag.answer.asked_measures import measure_nearby, measured
from news_rag.rag.answer.called_names import calls_target
from news_rag.rag.answer.completion import adds_value, continuation, neighbours
from news_rag.rag.answer.corpus import tables
from news_rag.rag.answer.evidence import Evidence, analysis_at, near_duplicate
from news_rag.rag.answer.expansion import POOL_SIZE, off_topic_articles, pool_candidates
from news_rag.rag.answer.names import claimant_matches
from news_rag.rag.answer.periods import names_period, outside_period
from news_rag.rag.answer.proof_ranker import rank, usable
from news_rag.rag.answer.sentence_kinds import echoes, restates
from news_rag.rag.answer.short_answer import (
    NAME_LABELS,
    Span,
    anchoring,
    asks_for_span,
    called_by_sentence,
    find_span,
    named_as_target,
    named_in_question,
)
from news_rag.rag.answer.span_ties import nearness, titled_as_role
from news_rag.rag.answer.swaps import swaps_roles
from news_rag.rag.answer.titles import asks_role, named_pronoun_owners, title_fit
from news_rag.rag.candidates import Candidate
from news_rag.rag.question.intent import QUANTITY, WHO, Intent
from news_rag.rag.settings import AnswerSettings

# For "Who is the <role> ...?", a sentence naming a person with that role (`span_level` 2+:
# a title or apposition) comes first at any score: it is about something else ("Union
# leader Grace Moyo said the strike would last 48 hours") and scores low. Only one of the
# best sentence's article, as relevant as an answer must be, or of an article naming more of
# the question's names than the best's: not "Opposition leader Viktor Hale" of another story
# for "Who is leading the robbery investigation?".
ROLE_LEVEL = 2
# `span_level` from which the answer span hangs from the question's noun or verb (or is in
# the role it asks for): the sentence answers what was asked, however unlike the question.
ANCHORED_LEVEL = 2
# A sentence naming the asked thing comes first, when the best does not, with any answer span
# ("a drop in third quarter profits to 51 million dollars", hanging from "drop").
NAMED_LEVEL = 1
# `span_level` from which the answer span hangs from the question's verb ("could fine the
# lender up to 5 percent" for "How much could Harlow Bank be fined?").
VERB_LEVEL = 3


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
    return any(
        e.label in intent.expected_types
        and not wrong_tally(e, intent)
        and not difference_for_amount(e, intent, text)
        and (anchors.intersection(e.heads) or calls_target(e, intent))
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


def span_level(ev: Evidence, intent: Intent) -> int:
    """How surely the sentence answers: 3 when its answer span hangs from the question's
    verb, 2 from its noun alone (`short_answer.anchoring`: "approved 3.5 billion dlrs" for
    "How much did the committee approve?"), 1 with any answer span, 0 with none; 4 when the
    span is in the role the question asks for (`Slots.asked_role`: "to 37.5 cts a share"
    for "To what was the dividend raised?", a price per share the noun alone would not
    anchor)."""
    return _level_of(find_span(ev, intent), ev, intent)


def _level_of(span: Span | None, ev: Evidence, intent: Intent) -> int:
    """`span_level` of the sentence `ev` whose answer span is `span`."""
    if span is None:
        return 0
    if intent.slots.in_asked_role(span.entity.role):  # "raised to 37.5 cts a share"
        return 4  # what the question's preposition asks for, as from its verb, and one more
    if difference_for_amount(span.entity, intent, ev.article.text) or change_for_level(
        span.entity, intent
    ):
        return 1  # "approving 1.7 billion dlrs less than"; "shares rose 3.4 percent"
    return 1 + anchoring(span.entity, intent, ev.article.text)


def _names_asked_thing(
    best: Evidence, intent: Intent, floor: float, rival: Callable[[Evidence], bool]
) -> Callable[[Evidence], bool]:
    """When the best sentence does not name the thing asked about ("net profit" for "How
    much revenue ...?"): a sentence of its article above `floor` that names it and holds an
    answer span (`NAMED_LEVEL`: "Revenue rose 14 percent to $4.1 billion"); not another story's
    ("a deficit of 1.76 billion dlrs" for France's "trade shortfall"). With no thing asked
    about, the act: a sentence whose amount hangs from the question's verb where the best's
    hangs from nothing, naming no other participant in place of the question's (`rival`:
    "could fine the lender up to 5 percent" over "Harlow Bank had revenue of 2.4 billion
    pounds"). Amounts only: a person hangs from many verbs of a story ("Marco Silva scored
    twice" is no answer to "Who scored Westfield's goal?"), unless the best names nobody at
    all: then its story's sentence naming one under the question's verb, at any score ("A
    federal judge heard arguments ..." before "Judge Whitman Knapp heard arguments ...")."""
    if intent.target is None:
        if intent.kind == WHO and span_level(best, intent) == 0:  # "A federal judge heard"
            return lambda ev: (
                ev.article.id == best.article.id
                and span_level(ev, intent) >= VERB_LEVEL and not rival(ev)
            )  # fmt: skip
        if intent.kind != QUANTITY or span_level(best, intent) >= VERB_LEVEL:
            return lambda ev: False
        return lambda ev: (
            ev.article.id == best.article.id and ev.score >= floor
            and span_level(ev, intent) >= VERB_LEVEL and not rival(ev)
        )  # fmt: skip
    if names_target(best, intent):
        return lambda ev: False
    return lambda ev: (
        ev.article.id == best.article.id and ev.score >= floor
        and names_target(ev, intent) and span_level(ev, intent) >= NAMED_LEVEL
    )  # fmt: skip


def _span_rank(
    ev: Evidence,
    intent: Intent,
    rival: Callable[[Evidence], bool],
    swapped: Callable[[Evidence], bool],
) -> tuple[int, int, bool, bool, int, float]:
    """How a sentence ranks for `prefer_span`: its `span_level` (0 when the question's
    participants are swapped in it, or its every date is outside the asked period: it
    answers another question); of two people in the
    asked role, the one titled with more of the question's words ("the county fire chief,
    Ray Donovan" over "Fire chief X"; `titles.title_fit`); naming the asked thing
    (`_names_asked`); naming no other participant in place of the question's (`rival`);
    the answer hanging nearer the question's word (`span_ties.nearness`: "will join Hambrecht and
    Quist" over "joined ..., leaving a position at McDonald and Co."); for "Who said X?",
    the sentence holding more of the question's words."""
    found_span = find_span(ev, intent)  # once: the level and the name asked read it
    other = swapped(ev) or outside_period(ev.info, intent)  # it answers another question
    found = _level_of(found_span, ev, intent) * (not other)
    if found and measured(found_span, intent):  # "at a depth of 95 kilometres": "how deep"
        found = max(found, VERB_LEVEL)
    span = found_span if _asks_name(intent) else None
    titled = (
        asks_role(intent)
        and span is not None
        and (found >= ROLE_LEVEL or titled_as_role(span, ev, intent))
    )
    fit = 0
    if span and titled:  # the pronoun owners only when a title is read
        owners = named_pronoun_owners(ev.info)
        fit = title_fit(span.entity, intent, ev.article.text, ev.cand.start, owners)
    near = nearness(found_span, intent) if found >= VERB_LEVEL else 0
    # "Who said X?": of two speakers, the one saying more of X's words ("The United States
    # is fully entitled to take military action ...", Howe's, over Walters' report to the UN)
    echo = ev.cand.lexical if intent.asks_claimant else 0.0
    return found, fit, _names_asked(ev, intent, span), not rival(ev), near, echo


def _names_asked(ev: Evidence, intent: Intent, name: Span | None) -> bool:
    """Whether the sentence names the asked thing. Beside an amount the asked noun says what
    the amount is of (`names_target`); for a name (`name`: the sentence's answer span, when
    a name is asked), only the name calling itself by it does ("the European Heart
    Journal" for "Which journal ...?"; "the company said" is no answer to "Which company
    ...?")."""
    if name is None:
        return names_target(ev, intent) and not _asks_name(intent)
    return named_as_target(name.entity, intent) or called_by_sentence(
        name.entity, intent, ev.article.text
    )


def _asks_name(intent: Intent) -> bool:
    return intent.expected_types[:1] != () and intent.expected_types[0] in NAME_LABELS


def prefer_span(
    chosen: list[Evidence],
    pool: Sequence[Evidence],
    intent: Intent,
    settings: AnswerSettings,
    reader: IndexReader,
) -> list[Evidence]:
    """The chosen sentences with, first, the best one of the highest `span_level` among
    those scoring within `span_margin` of the best: a sentence naming nobody does not answer
    "who" when one nearly as good names someone, nor one whose amount is of another thing
    when one nearly as good gives the asked-for amount; of the same level, one naming
    another participant in place of the question's (`names_rival`) comes after one that
    names none; a measure in the asked dimension ranks as hanging from the question's verb
    (`asked_measures`: "at a depth of 95 kilometres" for "How deep ...?")."""
    if not chosen or not asks_for_span(intent):
        return chosen
    floor = chosen[0].score - settings.span_margin
    role = asks_role(intent)
    rival, swapped = names_rival(intent, tables(reader)), swaps_roles(intent, tables(reader))
    floor_named = chosen[0].score - settings.target_margin
    named = _names_asked_thing(chosen[0], intent, floor_named, rival)
    measure = measure_nearby(chosen[0], intent, floor_named)  # "95 kilometres", "How deep"

    def titled(ev: Evidence) -> bool:
        best = chosen[0]
        near = (
            ev.article.id == best.article.id or ev.relevance >= settings.relevance_threshold
            or (best.off_topic and not ev.off_topic)
        )  # fmt: skip
        if not (role and near):
            return False
        span = find_span(ev, intent)  # once: the level and the title read it
        return _level_of(span, ev, intent) >= ROLE_LEVEL or titled_as_role(span, ev, intent)

    dated = outside_period(chosen[0].info, intent)  # "in 1985" for "in 1986": any in 1986
    close = [
        e for e in pool if not e.restates and not e.off_topic
        and (
            e.score >= floor or titled(e) or named(e) or measure(e)
            or (dated and names_period(e.info, intent))
        )
    ]  # fmt: skip

    ranks = {id(ev): _span_rank(ev, intent, rival, swapped) for ev in [chosen[0], *close]}
    if any(rank[1] > 0 for rank in ranks.values()):  # someone titled for the asked owner:
        ranks = {k: (1, *r[1:]) if r[1] < 0 else r for k, r in ranks.items()}  # not others'

    def level(ev: Evidence) -> tuple[int, int, bool, bool, int, float]:
        return ranks[id(ev)]

    best, top = chosen[0], level(chosen[0])
    if not top[0] and continuation(best.article.id, best.ordinal, intent, reader):
        top = (1, *top[1:])  # its neighbours hold the answer ("... on November 18.")
    for ev in close:
        found = level(ev)
        if found > top:
            best, top = ev, found
    if best is chosen[0]:
        return chosen
    return [best, *(c for c in chosen if c is not best)]


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
    first; restatements, off-topic articles' sentences and sentences with a lesser answer
    span than the one `prefer_span` put first never come first."""
    ranked = usable(rank(intent, pool, tables(reader), also=chosen))
    if not chosen or not ranked or ranked[0].probability == 0.0:
        return chosen
    level = span_level(chosen[0], intent)  # what `prefer_span` chose: never one with less
    ranked = [r for r in ranked if span_level(r.evidence, intent) >= level]
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
