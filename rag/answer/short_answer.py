"""The answer itself, said before the quote that proves it: "400 mln dlrs".

A question that asks for a thing (who, which company, how much, how many, when, where)
expects entity labels (`Intent.expected_types`). In a quoted sentence, the answer span is
an entity of the index-time analysis with one of those labels that the question does not
already name: "Ange-Marie Kenney" for "Who died in the Noranda copper mine fire?", not
"Noranda Inc". Of several, a name calling itself what the question asks for comes first
("the Tiyas Airbase" for "Near which airbase ...?", whatever name label spaCy gave it),
then one in the unit the question asks in ("in sterling"), then the one hanging from what
the question asks about (its anchors: "5.5 pct" under "interest"), then the likelier
label, then the first in the sentence. A count is given with
the noun it counts ("two miners"), a date with the ISO date the analysis resolved it to.
Nothing here parses text: it reads what `rag index` stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from news_rag.index.language.entities import NAME_LABELS, Entity
from news_rag.rag.answer.amount_changes import (
    change_for_level,
    difference_asked,
    difference_for_amount,
)
from news_rag.rag.answer.amount_nouns import (
    opposite_amount,
    placing_distance,
    size_for_price,
    verb_depth,
)
from news_rag.rag.answer.amount_units import (
    asks_per,
    count_for_share,
    count_of_rate_base,
    counts_other_thing,
    in_asked_dimension,
    in_asked_unit,
    measure_for_money,
    money_for_share,
    other_dimension,
    per_unit,
    size_of_other_thing,
    vague_amount,
    wrong_tally,
)
from news_rag.rag.answer.asked_items import after_asked_name, naming_asked
from news_rag.rag.answer.counted_phrase import counted_end
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.list_pairs import pairing
from news_rag.rag.answer.other_roles import (
    describes_next,
    organisation_as_person,
    titled_other_role,
)
from news_rag.rag.answer.question_names import in_question, normal
from news_rag.rag.answer.role_qualifiers import titled_otherwise
from news_rag.rag.answer.time_kinds import (
    DATE_LABELS,
    age_not_asked,
    counts_no_age,
    in_commas,
    other_kind_of_time,
    recurrence_start,
    season_of_thing,
)
from news_rag.rag.answer.titles import person_in_apposition, title_fit, titled_by_argument
from news_rag.rag.answer.untagged_speakers import entities as with_speaker
from news_rag.rag.answer.value_dates import DATE_BESIDE_VALUE, dated_otherwise
from news_rag.rag.answer.value_words import noun_qualifier_fit, qualified_as_asked
from news_rag.rag.question.intent import CLAIMS, METADATA, Intent
from news_rag.rag.question.words import kin_verbs
from news_rag.rag.types import ShortAnswer

# Labels a question can ask for whose entity is the answer. A CAUSE ("why") is a clause,
# not a thing, and an ORDINAL ("second") never answers alone.
NOT_SPANS = frozenset({"CAUSE", "ORDINAL"})
# Labels of a question asking for a place ("In which area ...?").
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# `anchoring` of a value hanging from the question's verb, and from its noun alone.
FROM_VERB = 2
FROM_NOUN = 1


@dataclass(frozen=True)
class Span:
    """An answer span found in a sentence: the entity, and its text with the noun it counts
    (a CARDINAL) as `text`, ending at `end` in the article's cleaned text."""

    entity: Entity
    text: str
    start: int
    end: int


def asks_for_span(intent: Intent) -> bool:
    """Whether the question asks for a thing an entity can name."""
    if intent.kind in (CLAIMS, METADATA):
        return False
    return any(label not in NOT_SPANS for label in intent.expected_types)


def _rank(entity: Entity, intent: Intent, text: str, sentence_start: int) -> tuple[int, ...]:
    """A name calling itself what was asked, or called it by the sentence, first
    (`named_as_target`, `called_by_sentence`), then a person titled with the question's
    owner of the asked role (`titles.titled_by_argument`), then spans in the
    asked-for unit, then no difference where none is asked and a difference where one is
    ("eight mln tonnes short" for "... fall short?": `amount_changes.difference_asked`), then in the
    asked-for role ("to 37.5 cts" for "To what was it raised?",
    not "by seven pct"), then for "where" a prepositional object, then all but counts of
    another thing, then counts not cut off by a comma, then those hanging from what
    the question asks about (`anchoring`: from its verb before from its noun alone,
    "injuring more than 300" before "killing at least 40 people" for "How many people were
    injured?"; then from its own verb before a verb of its kind, then from more of its words,
    then from its verb more closely: `verb_depth`),
    then the likelier label, then the first in the sentence."""
    in_unit = in_asked_unit(entity, intent) or in_asked_dimension(entity, intent)
    in_role = intent.slots.in_asked_role(entity.role)
    anchored = anchoring(entity, intent, text)
    other = counts_other_thing(entity, intent, text)
    types = intent.expected_types
    label = types.index(entity.label) if entity.label in types else len(types)
    called = named_as_target(entity, intent) or called_by_sentence(entity, intent, text)
    owned = titled_by_argument(entity, intent, text)  # "West German Finance Minister X"
    fit = title_fit(entity, intent, text, sentence_start)  # "the county fire chief, Ray Donovan"
    # "Where ...?": a place the sentence puts something at ("at the Grand Stadium"), before
    # one it names otherwise ("beating Port Linden")
    placed = intent.question_word == "where" and (entity.role or "").startswith("pobj:")
    # "How many counts ...?": "14 counts" before ", 58," (an age in apposition)
    bare = intent.counts_things and entity.label == "CARDINAL" and in_commas(entity, text)
    # "1.7 billion dlrs less than"; "rise 80 pct in 1986 to 550,332 dinars" for a level
    difference = difference_for_amount(entity, intent, text) or change_for_level(entity, intent)
    gap = difference_asked(entity, intent, text)  # "eight mln tonnes short" for "fall short"
    # of two hanging from the question's words, the one hanging from more of them ("failed
    # to report another 1,062,234 dlrs" over "reported 1,880,376 dlrs" for "How much did
    # Dean Witter fail to report?")
    # the question's own verb before its kin ("has risen almost 14 pct" before "the won
    # climbed only four pct" for "How much has the Taiwan dollar risen?": `parse._anchors`),
    # a verb and its kin one word of the question
    verb = intent.slots.predicate
    own = verb is not None and verb in entity.heads
    kin = kin_verbs(verb) if verb else frozenset()
    shared = len({verb if h in kin else h for h in set(intent.anchors) & set(entity.heads)})
    # then the one hanging from the question's verb more closely ("lost 92 of its 1,487
    # seats" before "elections to fill 2,670 seats" for "How many seats has the LDP lost?")
    depth = verb_depth(entity, intent)
    # a value written with the question's word: "the previous 4.0 cents" for "What was the
    # previous ... limit?" (`value_words`)
    qualified = qualified_as_asked(entity, intent)
    noun_fit = noun_qualifier_fit(entity, intent, text, sentence_start)  # "interest rate of"
    return (
        not called, not owned, -fit, not in_unit, difference, not gap, not in_role,
        not placed, other, bare, not qualified, -noun_fit, -anchored, not own, -shared,
        depth, label, entity.start,
    )  # fmt: skip


def called_as_asked(entity: Entity, intent: Intent) -> bool:
    """A name of another label than the asked-for ones that calls itself what the question
    asks for: "the Tiyas Airbase" (tagged an ORG) for "Near which airbase ...?" (a FAC), or
    names the asked place before its noun (`names_asked_place`)."""
    asks_name = any(t in NAME_LABELS for t in intent.expected_types)
    if not asks_name or entity.label not in NAME_LABELS:
        return False
    return named_as_target(entity, intent) or names_asked_place(entity, intent)


def names_asked_place(entity: Entity, intent: Intent) -> bool:
    """A name before the asked place's noun, in its noun phrase: "Barzeh" (tagged an ORG)
    in "the Barzeh area" for "In which area of Damascus ...?". Only for a place: before
    another noun a name is as often a kind ("its Jeep plant")."""
    target = intent.target
    asks_place = intent.expected_types[:1] != () and intent.expected_types[0] in PLACE_LABELS
    return (
        bool(target)
        and asks_place
        and entity.role == "compound"
        and (entity.heads[:1] == (target,))
    )


# Characters read before a name for the noun calling it ("firm Smit"): a word.
CALLING_REACH = 24


def called_by_sentence(entity: Entity, intent: Intent, text: str) -> bool:
    """Whether the sentence calls a name what the question asks for: the asked noun right
    before the name, which hangs from it (in apposition): "the Dutch salvage firm Smit" for
    "Which salvage firm was hired?", "the tanker Aurora Bay" for "Which tanker ...?". Not a
    name before the noun, which is as often a kind as a name ("its Toledo, Ohio, Jeep plant",
    "Syrian forces"), nor one in apposition to another name ("Kenosha, Wis.")."""
    target = intent.target
    if not target or entity.label not in NAME_LABELS or entity.heads[:1] != (target,):
        return False
    before = text[max(0, entity.start - CALLING_REACH) : entity.start].split()[-1:]
    return any(w.casefold().strip(".,;:'’").removesuffix("s") == target for w in before)


def named_as_target(entity: Entity, intent: Intent) -> bool:
    """Whether a name calls itself what the question asks for, by its head word: "the Tiyas
    Airbase" for "Near which airbase ...?", "the University of Tamarind" for "Which
    university ...?"; not "River Watch" (a watch group) for "Which river ...?", nor a
    description NER took in ("U.S. Oil company Texas Pacific": its head is no name's word)."""
    target = (intent.target or "").casefold()
    said = [w.strip(".,'’") for w in entity.text.split()]
    said = said[1:] if said[:1] in (["the"], ["The"]) else said
    if not target or not said:
        return False
    head = said[said.index("of") - 1] if "of" in said[1:] else said[-1]
    return head[:1].isupper() and head.casefold().removesuffix("s") == target


def anchoring(entity: Entity, intent: Intent, text: str) -> int:
    """How an answer value hangs from what the question asks about (its anchors): 2 from its
    verb, 1 from its noun alone, 0 not at all; a price per unit ("$34 a share") hangs from
    nothing a question for the whole price asks ("How much will Halvorsen pay?")."""
    found = set(intent.anchors).intersection(entity.heads)
    unit = per_unit(entity, text)
    if not found or (unit is not None and not asks_per(intent, unit)):
        return 0
    return FROM_VERB if found - {intent.target} else FROM_NOUN


def claimant_span(ev: Evidence, intent: Intent) -> Span | None:
    """For "Who said X?": the claimant of the sentence when the sentence itself names it
    (the entity at its stored `claimant_span`, or the whole span when it names no entity but
    is the stored claimant: "pro-HTS sources"), else None: the claimant is the answer,
    whatever other names the sentence holds."""
    info = ev.info
    if info is None or not ev.explicit or info.claimant_span is None:
        return None
    low, high = info.claimant_span
    if not (ev.cand.start <= low and high <= ev.cand.end):
        return None
    inside = [e for e in info.entities if low <= e.start and e.end <= high]
    names = [e for e in inside if e.label in NAME_LABELS]
    order = [*intent.expected_types, *NAME_LABELS]  # the likeliest label names the claimant
    said = ev.article.text[low:high]
    if names:
        return Span(min(names, key=lambda e: order.index(e.label)), said, low, high)
    if info.claimant and normal(said) == normal(info.claimant) and not ev.said_by_document:
        return Span(Entity(said, order[0], low, high), said, low, high)
    return None


def find_span(ev: Evidence, intent: Intent) -> Span | None:
    """The answer span of the sentence `ev` for `intent`, or None."""
    if ev.info is None or not asks_for_span(intent):
        return None
    if intent.asks_claimant:
        return claimant_span(ev, intent)
    start, end = ev.cand.start, ev.cand.end
    entities = with_speaker(ev.info, ev.article.text)
    found = [
        e
        for e in entities
        if (
            e.label in intent.expected_types or called_as_asked(e, intent)
            or person_in_apposition(e, intent)
        )
        and e.label not in NOT_SPANS and start <= e.start and e.end <= end
        and not in_question(e, intent)
        and not other_kind_of_time(
            ev.article.text[recurrence_start(e, ev.article.text) : e.end], e.label, intent
        )
        and not counts_no_age(e, intent) and not season_of_thing(e)
        and not age_not_asked(e, entities, ev.article.text, intent)
        and not measure_for_money(e, intent, ev.article.text) and not wrong_tally(e, intent)
        and not other_dimension(e, intent) and not money_for_share(e, intent, ev.article.text)
        and not count_for_share(e, intent, ev.article.text) and not size_for_price(e, intent)
        and not count_of_rate_base(e, intent) and not vague_amount(e)
        and not opposite_amount(e, intent)
        and not size_of_other_thing(e, intent, ev.article.text)
        and not placing_distance(e, intent, ev.article.text)
        and not titled_otherwise(e, intent, ev.article.text, start, entities)
        and not organisation_as_person(e, intent)
        and not describes_next(e, entities, ev.article.text)
        and not titled_other_role(e, intent, ev.article.text)
        and not (intent.question_word == "where" and e.role == "poss")  # "Port Linden's defeat"
    ]  # fmt: skip
    if not found:
        return None
    text = ev.article.text  # beside the question's name in a list first ("1.72 mln in Italy")
    paired = pairing(entities, intent, text, start, end)
    asked = naming_asked(entities, intent, text, start, end)  # "while maize sales fell to"
    named = after_asked_name(entities, intent, text, start, end)  # "New Lakeview ..., a 210-bed"

    # beside the asked period's date first: "rose to about 10.7 pct in April" for April,
    # not "bottomed out at about 9.08 pct in March" before it
    def dated(e: Entity) -> bool:
        return dated_otherwise(e, ev.info, intent, DATE_BESIDE_VALUE, ev.article.published)

    def key(e: Entity) -> tuple[int, ...]:
        ranked = _rank(e, intent, text, start)  # the item naming the asked thing breaks a
        return (paired(e), dated(e), *ranked[:-1], asked(e), named(e), ranked[-1])  # ties

    best = min(found, key=key)
    best = _named_in_full(best, found, text)
    stop = counted_end(best, text, intent) if best.label == "CARDINAL" else best.end
    stop = min(stop, end)
    # "every three nights": the word making a time a recurrence is part of the answer
    begin = max(recurrence_start(best, text), start) if best.label in DATE_LABELS else best.start
    return Span(best, text[begin:stop], begin, stop)


def _named_in_full(best: Entity, found: Sequence[Entity], text: str) -> Entity:
    """The name a bracketed short form stands right after, for that short form ("Cehave NV
    Veghel" for "CHV" in "Cehave NV Veghel (CHV), has begun ..."): the answer says the
    name in full."""
    if best.label not in NAME_LABELS or not text.startswith("(", best.start - 1):
        return best
    before = text[: best.start - 1].rstrip()
    full = [e for e in found if e.label == best.label and before.endswith(text[e.start : e.end])]
    return next((e for e in full if e.end == len(before)), best)


def resolved_date(ev: Evidence, span: Span) -> str | None:
    """The ISO date a date span stands for: the sentence's resolved event date, when the
    sentence names no other date (so the event date is this one's)."""
    if span.entity.label not in DATE_LABELS or ev.info is None or not ev.info.event_date:
        return None
    dates = [e for e in ev.info.entities if e.label in DATE_LABELS]
    return ev.info.event_date if len(dates) == 1 else None


def short_answer(ev: Evidence, n: int, intent: Intent) -> ShortAnswer | None:
    """The short answer found in citation `n` (the sentence `ev`), or None."""
    span = find_span(ev, intent)
    if span is None:
        return None
    offset = ev.cand.start
    return ShortAnswer(
        text=span.text,
        label=span.entity.label,
        citation=n,
        start=span.start - offset,
        end=span.end - offset,
        char_start=span.start,
        char_end=span.end,
        date=resolved_date(ev, span),
    )


def first_short_answer(
    quoted: Sequence[tuple[int, Evidence]], intent: Intent
) -> ShortAnswer | None:
    """The short answer of the first quote (citation number, sentence) that holds one."""
    for n, ev in quoted:
        found = short_answer(ev, n, intent)
        if found is not None:
            return found
    return None
