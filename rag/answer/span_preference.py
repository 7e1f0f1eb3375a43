"""Which of the close sentences comes first: the one whose answer span says most surely
that it answers (`span_level`), and of those the one titled, naming the asked thing, naming
no rival, with the answer nearer the question's word (`prefer_span`). Read by `select`
after the sentences are scored and chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.alignment import names_rival, names_target
from news_rag.rag.answer.amount_changes import change_for_level, difference_for_amount
from news_rag.rag.answer.amount_units import (
    counts_other_thing,
)
from news_rag.rag.answer.asked_measures import measure_nearby, measured
from news_rag.rag.answer.completion import continuation
from news_rag.rag.answer.corpus import tables
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.periods import names_period, outside_period, span_outside_period
from news_rag.rag.answer.short_answer import (
    NAME_LABELS,
    Span,
    anchoring,
    asks_for_span,
    called_by_sentence,
    find_span,
    named_as_target,
)
from news_rag.rag.answer.span_ties import nearness, titled_as_role
from news_rag.rag.answer.swaps import swaps_roles
from news_rag.rag.answer.titles import asks_role, named_pronoun_owners, title_fit
from news_rag.rag.question.intent import QUANTITY, WHEN, WHO, Intent
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
# For "Who said X?", a sentence holding this much more of the question's words than the best
# (`Candidate.lexical`, a share) is close at any score: the claim said in the question's own
# words ("will delay the import until 1988/1989", Tulis's) over a sentence about the same
# thing that embeds nearer ("Industry analysts said some imports ... were feasible"). Set
# by hand between the two cases found (P24 p24-001, 0.2; P27 p27-001, 0.18) and measured on
# every set (eval/RESULTS.md): 0.1 and 0.2 moved nothing else.
CLAIM_ECHO_MARGIN = 0.15
# `span_level` from which the answer span hangs from the question's verb ("could fine the
# lender up to 5 percent" for "How much could Harlow Bank be fined?").
VERB_LEVEL = 3


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
    federal judge heard arguments ..." before "Judge Whitman Knapp heard arguments ..."); a
    date likewise, where the best gives none ("The report, dated February 26, said ...")."""
    if intent.target is None:
        if intent.kind in (WHO, WHEN) and span_level(best, intent) == 0:  # "A judge heard"
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
    other = _counts_other_thing(
        best, intent
    )  # "350 redundancies" for workers: its story's, at any score
    return lambda ev: (
        ev.article.id == best.article.id and (ev.score >= floor or other)
        and names_target(ev, intent) and span_level(ev, intent) >= NAMED_LEVEL
    )  # fmt: skip


def _counts_other_thing(ev: Evidence, intent: Intent) -> bool:
    """Whether the sentence's answer span counts another thing than the question counts."""
    span = find_span(ev, intent)
    return span is not None and counts_other_thing(span.entity, intent, ev.article.text)


def _span_rank(
    ev: Evidence,
    intent: Intent,
    rival: Callable[[Evidence], bool],
    swapped: Callable[[Evidence], bool],
) -> tuple[int, int, bool, bool, int, float]:
    """How a sentence ranks for `prefer_span`: its `span_level` (0 when the question's
    participants are swapped in it, or its every date, or its answer's nearest date, is
    outside the asked period: it answers another question); of two people in the
    asked role, the one titled with more of the question's words ("the county fire chief,
    Ray Donovan" over "Fire chief X"; `titles.title_fit`); naming the asked thing
    (`_names_asked`); naming no other participant in place of the question's (`rival`);
    the answer hanging nearer the question's word (`span_ties.nearness`: "will join Hambrecht and
    Quist" over "joined ..., leaving a position at McDonald and Co."); for "Who said X?",
    the sentence holding more of the question's words."""
    found_span = find_span(ev, intent)  # once: the level and the name asked read it
    other = swapped(ev) or outside_period(ev.info, intent)  # it answers another question
    if found_span is not None and not other:  # "... 1985 levels when the company earned"
        published = ev.article.published
        other = span_outside_period(found_span.entity, ev.info, intent, None, published)
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


def _span_dated_otherwise(ev: Evidence, intent: Intent) -> bool:
    """Whether the sentence's answer span is dated outside the asked period ("in 1985" for
    "in 1986", `periods.span_outside_period`): a sentence naming the period, at any score,
    may come first."""
    span = find_span(ev, intent)
    return span is not None and span_outside_period(
        span.entity, ev.info, intent, None, ev.article.published
    )


def _says_more_of_claim(ev: Evidence, best: Evidence, intent: Intent) -> bool:
    """For "Who said X?": the sentence holds `CLAIM_ECHO_MARGIN` more of the question's
    words than the best one."""
    more = round(ev.cand.lexical - best.cand.lexical, 6)
    return intent.asks_claimant and more >= CLAIM_ECHO_MARGIN


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

    dated = outside_period(chosen[0].info, intent) or _span_dated_otherwise(chosen[0], intent)
    close = [
        e for e in pool if not e.restates and not e.off_topic
        and (
            e.score >= floor or titled(e) or named(e) or measure(e)
            or (dated and names_period(e.info, intent))
            or _says_more_of_claim(e, chosen[0], intent)
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
    highest = max(close, key=level, default=None)  # the first of the highest level
    if highest is not None and level(highest) > top:
        best = highest
    if best is chosen[0]:
        return chosen
    return [best, *(c for c in chosen if c is not best)]
