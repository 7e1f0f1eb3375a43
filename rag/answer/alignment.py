"""The question's slots (`rag.question.slots`) aligned to one candidate sentence's stored
analysis: contrary evidence, not missing support.

A sentence contradicts the question when
- a named argument of the question is not in the sentence (under none of its forms: the
  corpus's acronyms and spellings) while the sentence names a different entity of the same
  kind that the question does not name: "the Houston Chronicle" for "the San Francisco
  Examiner". It is in the same role when it hangs from the same words as the sentence's
  answer value ("buying the Houston Chronicle ... for 400 mln dlrs"). A merely absent
  argument (a pronoun, "the company") is no contradiction;
- the question asks in a unit and the sentence's values of that kind are in another one
  only ("34.5 billion crowns" for a question in dollars; barrels for tonnes);
- the question asks for a part of a year and the sentence's dates name only other parts
  ("the third quarter" for "first-quarter earnings") or only a whole year ("the full year
  1987"), or the question asks for a whole year and every date of the sentence is a part of
  one.
Periods of other dates are `periods.outside_period`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.index.language.units import unit_of
from news_rag.index.language.wordlists import ORGANISATION_WORDS, SPEECH_VERBS, words
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.coverage import argument_forms, names_in, word_keys
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.name_acronyms import abbreviates
from news_rag.rag.answer.names import ORGANISATION_PARTS, claimant_matches, name_words, unowned
from news_rag.rag.answer.qualifiers import names_word, other_qualifier
from news_rag.rag.answer.question_names import named_in_question
from news_rag.rag.answer.short_answer import find_span
from news_rag.rag.answer.time_kinds import YEAR_PATTERN, comparison_date
from news_rag.rag.answer.value_objects import OBJECT_PREFIX, of_value, ticker
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.slots import MODIFIER_ROLES, UNIT_KIND_OF_TYPE, Argument, parts_in

# Entity labels of one kind of participant: a rival must be of the argument's kind. spaCy's
# small model often tags a newspaper or company as FAC or PRODUCT, and an origin is a
# country (GPE) or its adjective (NORP): "U.S. soybeans", "Chinese soybeans".
NAME_KINDS = {
    "PERSON": "person", "ORG": "org", "FAC": "org", "PRODUCT": "org",
    "GPE": "place", "LOC": "place", "NORP": "place", "EVENT": "event",
}  # fmt: skip


# Units written the same in the plural ("3 billion yen"), for the refusal's wording.
_INVARIANT_UNITS = frozenset({"yen", "yuan", "won", "baht", "rand", "sterling", "stg"})


# The word that makes a date a whole year ("the full year 1987", "the year"): no part of it.
_YEAR_WORD = "year"


@dataclass(frozen=True)
class Contradiction:
    kind: str  # "name", "unit", "part" or "swap" (`swaps`: the question's roles reversed)
    found: str  # what the sentence gives: "the Houston Chronicle", "crowns", "q3"
    asked: str  # what the question asks: "the San Francisco Examiner", "dollars", "q1"
    same_role: bool = True  # for a name: the rival hangs from the answer value's words
    # for a name in the same role: the sentence also names another of the question's names,
    # hanging from the rival's words ("The Hearst Corp is buying the Houston Chronicle"):
    # the same participants doing the same thing, to another one
    in_clause: bool = False
    # for a name: the rival hangs from the very noun the question's argument modifies
    # ("Chinese soybeans" for "U.S. soybeans", "Bowater's profits" for "Redland's profits")
    own_noun: bool = False
    # for a name: the rival owns every value of the asked-for type (`owners.py`: "American
    # Brands failed ... in its 2.9 billion dlrs bid" for Unilever's price)
    owner: bool = False

    @property
    def decisive(self) -> bool:
        """The sentence is about another participant doing the asked-for thing: a rival
        beside another of the question's names, modifying the question's own noun, or
        owning every value asked for; or about the question's participants the other way
        round."""
        if self.kind == "swap":
            return True
        return self.kind == "name" and (self.in_clause or self.own_noun or self.owner)

    @property
    def instead(self) -> str:
        """A name contradiction as a refusal's reason: "this for the San Francisco Examiner,
        only for the Houston Chronicle"."""
        return f"this for {unowned(self.asked)}, only for {unowned(self.found)}"


def answer_values(info: SentenceAnalysis, intent: Intent) -> list[Entity]:
    """The sentence's entities of the asked-for types that the question does not name."""
    wanted = set(intent.expected_types)
    return [
        e
        for e in info.entities
        if e.label in wanted and not named_in_question(e.text, intent.question)
    ]


def is_speaker(entity: Entity, info: SentenceAnalysis) -> bool:
    """Whether the entity is where the sentence names who asserts it (another slot): the
    stored claimant's span, or a description the analysis read as the speaker named in
    another sentence, right beside the cue and hanging from it ("The company said ...",
    Ohio Mattress Co; not "the company" in "Meinert said the company will open ...")."""
    span = info.claimant_span
    if span is not None and entity.start < span[1] and span[0] < entity.end:
        return True
    cue = info.cue_span
    if cue is None or entity not in info.described or not entity.heads:
        return False
    beside = 0 <= cue[0] - entity.end <= 1 or 0 <= entity.start - cue[1] <= 1
    return beside and entity.heads[0] in words(SPEECH_VERBS)


def _rivals(
    arg: Argument,
    info: SentenceAnalysis,
    asked: frozenset[str],
    intent: Intent,
    speakers: bool = False,
) -> list[Entity]:
    kind = NAME_KINDS.get(arg.label)
    if kind is None:
        return []  # a name no story tags (`name_labels`): of no known kind, no rival's
    out = []
    for e in info.entities:
        keys = own_keys(e.text)
        if NAME_KINDS.get(e.label) != kind or not keys or keys & asked:
            continue
        if not speakers and is_speaker(e, info):
            continue
        if e.label in intent.expected_types:
            continue  # a candidate answer ("Which group fought ...?"), not a rival
        if not capitalised(e):
            continue  # no capital: not a name ("cts")
        if organisation_part(e.text):
            continue  # "the Mergers and Acquisitions Department": whose part, unsaid
        if any(abbreviates(e.text, a.text) for a in intent.slots.arguments):
            continue  # an argument's acronym ("DOT"; "U.S." for the other one, "the United States")
        if misspelt(e.text, intent):
            continue  # "Genetech" for the question's Genentech
        if not named_in_question(e.text, intent.question):
            out.append(e)
    return out


def misspelt(name: str, intent: Intent) -> bool:
    """Whether a name is one of the question's named arguments spelt otherwise, each of its
    words within `names.WORD_SIMILARITY` ("Genetech" in a story for "Genentech")."""
    return any(
        name_words(a.text) and claimant_matches(a.text, name) and claimant_matches(name, a.text)
        for a in intent.slots.arguments
    )


def capitalised(entity: Entity) -> bool:
    """A name has a capital: "cts", or "870p" (tagged a product by spaCy), is none."""
    return any(word[:1].isupper() for word in entity.text.split())


@cache
def organisation_keys() -> frozenset[str]:
    return word_keys(" ".join(words(ORGANISATION_WORDS)))


def organisation_part(name: str) -> bool:
    """Whether a name ends in a word naming a part of an organisation ("the Mergers and
    Acquisitions Department", "the Components Division"): whose part it is, the name does
    not say, so it is no rival of the question's company."""
    last = name.split()[-1:] if name else []
    return bool(last) and last[0].strip(".,").casefold() in words(ORGANISATION_PARTS)


def own_keys(name: str) -> frozenset[str]:
    """The word keys of a name but those naming a kind of organisation: what tells it from
    other names ("bowater" in "Bowater Industries Plc"; none in "the Bank")."""
    return word_keys(name) - organisation_keys()


def _same_role(rival: Entity, arg: Argument, values: Sequence[Entity]) -> bool:
    """The rival hangs from the same word as the question's argument ("Indian iron ore",
    "Australian iron ore") or as the sentence's answer value ("buying the Houston
    Chronicle ... for 400 mln dlrs"), or is what the value is of where the question's
    argument is such an object too ("owns 24 pct of Mitsubishi Motors" for "What stake
    does Chrysler own in Peugeot?": `value_objects.of_value`)."""
    near = set(rival.heads[:1])
    if near & set(arg.heads[:1]) or any(near & _value_head(v) for v in values):
        return True
    objects = arg.role.startswith(OBJECT_PREFIX) and rival.role.startswith(OBJECT_PREFIX)
    return objects and any(of_value(rival, v) for v in values)


def _value_head(value: Entity) -> set[str]:
    """The word an answer value hangs from, past its unit ("buy" for "400" in "buying ...
    for 400 mln dlrs", whose first head is "dlrs")."""
    return set([h for h in value.heads if unit_of(h) is None][:1])


def _asks_speaker(arg: Argument, intent: Intent) -> bool:
    """The argument is whose claim it is ("What did X say", "according to X")."""
    named = [intent.claimant.text if intent.claimant else None, intent.filters.source]
    return any(n and (arg.text in n or n in arg.text) for n in named)


def name_contradictions(
    info: SentenceAnalysis,
    quote: str,
    intent: Intent,
    forms: Sequence[Sequence[str]],
    speakers: bool = False,
) -> list[Contradiction]:
    """The question's named arguments the sentence names another entity of the same kind
    for, absent themselves (`forms`: each argument's `coverage.name_forms`, in order); with
    `speakers`, also where the sentence names who says it ("World Bank Vice-President David
    Knox said": the World Bank)."""
    sentence = word_keys(quote)
    asked = word_keys(" ".join(form for group in forms for form in group) + " " + intent.question)
    values = answer_values(info, intent)
    present = _present_names(info, intent, forms, sentence)
    out = []
    for arg, arg_forms in zip(intent.slots.arguments, forms, strict=False):
        if not name_words(arg.text) or any(names_in(f, sentence) for f in arg_forms):
            continue
        if any(abbreviates(e.text, arg.text) for e in info.entities):
            continue  # "the U.S. Environmental Protection Agency" names the EPA
        if _asks_speaker(arg, intent):
            continue
        rivals = [
            r for r in _rivals(arg, info, asked, intent, speakers) if not _joined(r, arg, present)
        ]
        if not rivals:
            continue
        roles = [_same_role(r, arg, values) for r in rivals]
        clause = [
            role and _beside_present(r, present, info.entities)
            for r, role in zip(rivals, roles, strict=True)
        ]
        own = [_own_noun(r, arg, intent) for r in rivals]
        best = max(range(len(rivals)), key=lambda n: (roles[n], clause[n] or own[n]))
        found = rivals[best].text
        out.append(Contradiction("name", found, arg.text, roles[best], clause[best], own[best]))
    return out


def _joined(rival: Entity, arg: Argument, present: Sequence[Entity]) -> bool:
    """A name joined to one of the question's that the sentence names ("Billiton and
    Suralco plants" for "Billiton's Surinam plants", Suralco tagged a place): it stands
    beside that one, in its slot, and in the place of no argument the question does not
    join to it ("trade between China and Taiwan" for "... China and South Korea" is
    another's)."""
    if rival.role != "conj" or arg.role == "conj":
        return False
    return any(p.heads[:1] == rival.heads[:1] for p in present)


def _present_names(
    info: SentenceAnalysis, intent: Intent, forms: Sequence[Sequence[str]], sentence: frozenset[str]
) -> list[Entity]:
    """The sentence's entities that are the question's named arguments it does name."""
    present = [
        group for arg, group in zip(intent.slots.arguments, forms, strict=False)
        if name_words(arg.text) and any(names_in(f, sentence) for f in group)
    ]  # fmt: skip
    return [
        e for e in info.entities
        if any(names_in(f, word_keys(e.text)) for group in present for f in group)
    ]  # fmt: skip


def _own_noun(rival: Entity, arg: Argument, intent: Intent) -> bool:
    """The argument modifies a noun in the question and the rival modifies the same noun,
    or the asked noun the argument's noun is part of ("Canadian housing starts", Canadian
    on "housing", against "U.S. housing starts", U.S. on "starts")."""
    if arg.role not in MODIFIER_ROLES:
        return False
    near = set(arg.heads[:1])
    if intent.target and intent.target in arg.heads[:2]:
        near.add(intent.target)
    return bool(set(rival.heads[:1]) & near)


def _beside_present(rival: Entity, present: Sequence[Entity], names: Sequence[Entity]) -> bool:
    """The rival hangs from the word a named argument of the question hangs from: past a
    name or a ticker the parser hung it from ("Woolworth Holdings Plc (WLUK.L) said", with
    "wluk.l" its first head; `names`: the sentence's entities)."""
    own = {e.text.casefold() for e in names}

    def first_word(heads: Sequence[str]) -> set[str]:
        return set([h for h in heads if h not in own and not ticker(h)][:1])

    return any(set(rival.heads) & first_word(p.heads) for p in present)


def _value_unit(entity: Entity, kind: str) -> tuple[str, str] | None:
    """The unit of `kind` an amount is in (as written, and its name): a word of it or the
    noun it counts ("barrels" in "4,000 to 5,000 barrels")."""
    for word in entity.text.split():
        found = unit_of(word)
        if found is not None and found[1] == kind:
            return word, found[0]
    found = unit_of(entity.heads[0]) if entity.heads else None
    if found is None or found[1] != kind:
        return None
    # a head is a lemma ("crown"): the plural a figure is written with, for the refusal
    lemma = entity.heads[0]
    plural = lemma if lemma.endswith("s") or lemma in _INVARIANT_UNITS else f"{lemma}s"
    return plural, found[0]


def unit_contradiction(info: SentenceAnalysis, intent: Intent) -> Contradiction | None:
    """The sentence gives the asked-for amount only in another unit of the asked kind."""
    slots = intent.slots
    if slots.unit is None or slots.unit_kind is None:
        return None
    types = {t for t in intent.expected_types if UNIT_KIND_OF_TYPE.get(t) == slots.unit_kind}
    if not types:  # "How much, in dollars, ..." asks for an amount in a currency
        return None
    # any value's unit: spaCy tags "400 mln dlrs" as the CARDINAL "400" under "dlrs"
    units = [_value_unit(e, slots.unit_kind) for e in answer_values(info, intent)]
    found = [u for u in units if u is not None]
    if not found or any(name == slots.unit for _word, name in found):
        return None
    return Contradiction("unit", found[0][0], slots.unit_word or slots.unit)


def _whole_year(intent: Intent) -> bool:
    since, until = intent.filters.since, intent.filters.until
    if not since or not until:
        return False
    first, last = dt.date.fromisoformat(since), dt.date.fromisoformat(until)
    return (first.month, first.day, last.month, last.day, first.year) == (1, 1, 12, 31, last.year)


def part_contradiction(info: SentenceAnalysis, intent: Intent) -> Contradiction | None:
    """The sentence's dates name only other parts of a year than the question asks for (a
    part to the same part a year on, "from fourth quarter 1986 to fourth quarter 1987", is
    a year's run, no part)."""
    # not the date a figure is compared with ("from 19.4 mln dlrs a year earlier")
    dates = [e.text for e in info.entities if e.label == "DATE" and not comparison_date(e.text)]
    parts = [parts_in(d) for d in dates]
    named = set().union(*parts) if parts else set()
    asked = intent.slots.part
    if asked is not None:
        if named and asked not in named:
            return Contradiction("part", min(named), asked)
        if not named and any(_YEAR_WORD in d.casefold().split() for d in dates):
            return Contradiction("part", "the year", asked)  # "during the full year 1987"
        return None
    # one date naming two years ("fourth quarter 1986 to fourth quarter 1987") runs a year
    # or more from part to part, no part alone
    spans_year = any(len(set(YEAR_PATTERN.findall(d))) > 1 for d in dates)
    if dates and all(parts) and _whole_year(intent) and not spans_year:
        return Contradiction("part", min(named), "the year")
    return None


def names_rival(intent: Intent, corpus: CorpusTables) -> Callable[[Evidence], bool]:
    """Whether a sentence holding an answer span names another participant of the same kind
    where the question names one it lacks (`name_contradictions`, of any strength, its
    speaker's too: not enough to refuse, enough to quote second). For "Which town in Aleppo
    province was the SAA advancing towards?", a sentence on advances that names other
    places and not Aleppo comes after a close one that names none in its place. "Who said
    X?" has no rivals: X's names are what was said, not a slot another name stands in for
    ("..., Howe said in a statement issued in London")."""
    forms = [argument_forms(a.text, a.label, corpus) for a in intent.slots.arguments]

    def rival(ev: Evidence) -> bool:
        if intent.asks_claimant or not forms or ev.info is None or find_span(ev, intent) is None:
            return False
        found = name_contradictions(ev.info, ev.quote, intent, forms, speakers=True)
        return any(c.kind == "name" for c in found)

    return rival


def names_target(ev: Evidence, intent: Intent) -> bool:
    """Whether the sentence names the thing the question asks about ("sales" in "What sales
    does X expect?"; True when it asks about none): "expects sales to rise to about 100 mln
    dlrs" answers it, "expects net profit to rise ... over 6.1 mln dlrs" another question."""
    target = intent.target
    if target is None:
        return True
    return names_word(ev.quote, target) and not other_qualifier(ev.quote, intent)
