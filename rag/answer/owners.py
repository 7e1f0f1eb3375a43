"""Whose value a sentence gives: the name it hangs from as a subject or a possessor.

"American Brands failed late last year in its 2.9 billion dlrs bid for Chesebrough-Ponds
Inc when Unilever N.V. agreed to buy the company" gives American Brands' bid, not
Unilever's price: the amount hangs from "bid" and "fail" (`Entity.heads`), and American
Brands is the subject of "fail", while Unilever is the subject of "agree", which the amount
does not hang from. So a question asking what its named subject or possessor paid, earned
or carried ("How much did Unilever agree to pay for Chesebrough-Ponds?", "What coupon did
BCI Holdings' offering carry?") is not answered by a sentence each of whose values of the
asked-for type belongs to another participant of the same kind. That is contrary evidence
(`alignment.Contradiction`, decisive), as a rival beside another of the question's names
is. A value with no named owner ("the company's profit", "profits rose"), or one owned by
the question's participant under any of its forms, is no contradiction; nor is the one who
says it (`SentenceAnalysis.claimant_span`: "..., dealers said"), unless the value is the
object of its own saying ("SkyBridge Airlines reported a net profit of $312 million").
"The airline" or "the company" owns a value as the story's organisation the analysis read
it as (`SentenceAnalysis.described`); a passive question's subject ("How much is Kestrel
Bank valued at?") is matched by the one the sentence does it to ("Investors value
Brightpay at ...") as well as by a subject, and what the question's value happened in
("How many homes lost power in Storm Dara?") by a subject ("Storm Helga ... cutting power
to about 200,000 homes"), and a possessor written with "of" ("the top wind speed of Storm
Dara") by any owner; two names sharing a word, each with one of its own, are of one
kind whatever labels the small model gave them (`kin`). A name whose relative or
participial clause holds the value's verb does it, as a subject would ("one airline --
Lufthansa, which has placed 15 firm orders": `clause_owners`).
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.rag.answer.alignment import (
    NAME_KINDS,
    Contradiction,
    answer_values,
    capitalised,
    is_speaker,
    misspelt,
    own_keys,
)
from news_rag.rag.answer.coverage import names_in, word_keys
from news_rag.rag.answer.name_acronyms import abbreviates
from news_rag.rag.answer.names import claimant_name, name_words
from news_rag.rag.answer.question_names import named_in_question
from news_rag.rag.answer.time_kinds import (
    DATE_LABELS,
    asks_how_long,
    counts_no_age,
    other_kind_of_time,
)
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.slots import Argument

# Dependencies that make a name the owner of what hangs from the same word: the subject of
# the verb ("American Brands failed ... in its bid"), the possessor or the name before the
# noun ("Bowater's profits", "Holiday Inns debentures"). A passive's subject is what is
# done to, not whose ("Cyclops was bought for ..."): not an owner. A question's subject is
# matched by subjects only ("ISIS units near the Arak gas field" is no subject of
# "liberate"); its possessor by any of them ("Holiday Inns is offering ... with an 11 pct
# coupon" for "BCI Holdings' coupon").
SUBJECT_ROLES = frozenset({"nsubj"})
OWNER_ROLES = frozenset({"nsubj", "poss", "compound"})
# A passive question's subject is done to ("How much is Coinwise valued at?"): matched by
# the one the sentence does it to, its object or passive subject ("Investors value
# Brightpay at about 600 million dollars"), or by the subject of what the sentence says
# instead ("Brightpay raised 75 million dollars").
PASSIVE_SUBJECT_ROLES = frozenset({"nsubjpass"})
PATIENT_ROLES = frozenset({"dobj", "nsubjpass"})
# What a question's value happened in ("How many homes lost power in Storm Dara?"): matched
# by the subject the value hangs from ("Storm Helga ... cutting power to about 200,000
# homes").
SETTING_ROLES = frozenset({"pobj:in"})
# A possessor written with "of" ("the top wind speed of Storm Dara"): matched by any owner,
# as a possessor is.
OF_POSSESSOR_ROLES = frozenset({"pobj:of"})
ASKED_ROLES = OWNER_ROLES | PASSIVE_SUBJECT_ROLES | SETTING_ROLES | OF_POSSESSOR_ROLES
# The speaker owns a value only when the value hangs from its own verb at most this near:
# "SkyBridge Airlines reported a net profit of $312 million" (profit, report), not "Bowater's
# 1986 pretax profits of 48.0 mln stg exceeded expectations, dealers said" (expectation,
# profit, say). Set by hand: the verb's object noun, then the verb.
SPEAKER_REACH = 2
# The asked-for types whose values have owners here: amounts ("another company's figure").
# A place or a date hangs from the things near it, not from whose they are.
AMOUNT_TYPES = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
# The kinds a question's name no story tags (`slots.UNTAGGED`) may be: any participant's.
ANY_KIND = frozenset(NAME_KINDS.values())
# The most characters between a person's name and a number in apposition to it: ", " in
# "Okoye, 52,".
APPOSITION_GAP = 2
# The most characters between a name and its short form or ticker in brackets: " (" in
# "Bowater Industries Plc (BWTR.L)".
BRACKET_GAP = 2
# spaCy's label for nationalities and religious or political groups ("the Social
# Democrats"): the participant may be a party, an organisation.
GROUP_LABELS = frozenset({"NORP"})


def participant_kinds(label: str, text: str) -> frozenset[str]:
    """The kinds of participant a name of `label` may be (`alignment.NAME_KINDS`): a
    capitalised NORP is a nationality or a political group, so a party's rival ("How many
    seats did the Social Democrats win?", NORP, over "The Liberal Union won 71 seats", ORG)
    is an organisation too; "jihadists" is no party's name."""
    kind = NAME_KINDS.get(label)
    if kind is None:
        return frozenset()
    if label in GROUP_LABELS and any(w[:1].isupper() for w in text.split()):
        return frozenset({kind, "org"})
    return frozenset({kind})


def owners(
    value: Entity, info: SentenceAnalysis, roles: frozenset[str] = OWNER_ROLES
) -> list[Entity]:
    """The names that own `value` in the sentence: a subject, possessor or name before a
    noun (of `roles`) whose word the value hangs from (the speaker only when the value is
    what it says it has: `SPEAKER_REACH`); a description the analysis read as one of the
    story's organisations counts as that organisation ("The airline carried ...":
    `SentenceAnalysis.described`); a person a number is in apposition to owns it ("Okoye,
    52,"); a name joined to an owner owns it too ("Darren Pike ... and Kyle Marsh")."""
    names = (*info.entities, *info.described)
    found = [
        e for e in names
        if e is not value and e.label in NAME_KINDS and e.role in roles and e.heads
        and e.heads[0] in value.heads and capitalised(e) and not _below(e, value)
        and (not is_speaker(e, info) or _says_it_has(e, value))
    ]  # fmt: skip
    if value.role == "appos":  # "Okoye, 52,": the person a number is in apposition to
        found += [
            e for e in names
            if e.label == "PERSON" and 0 <= value.start - e.end <= APPOSITION_GAP
        ]  # fmt: skip
    joined = {e.heads[0] for e in found if e.heads}  # "Darren Pike ... and Kyle Marsh"
    return found + [
        e for e in names
        if e.role == "conj" and e.label in NAME_KINDS and e.heads and e.heads[0] in joined
        and e not in found and capitalised(e)
    ]  # fmt: skip


def clause_owners(value: Entity, info: SentenceAnalysis) -> list[Entity]:
    """The names whose clause the value's verb is: the verb is in a relative or participial
    clause on the name, or on the noun the name is in apposition to ("one airline --
    Lufthansa, which has placed 15 firm orders": the value hangs from "order", "place",
    "airline"), or the name is the root of the parse, every clause hanging from it
    ("Technical Equities, based in San Jose, filed ..., listing debts of 69.7 mln dlrs"):
    the one that does it, as a subject would be."""
    from news_rag.rag.question.nlp import english_verbs

    heads, verbs = value.heads, english_verbs()
    found = []
    for e in info.entities:
        if e is value or e.label not in NAME_KINDS or not capitalised(e):
            continue
        if e.role == "ROOT" and any(h in verbs for h in heads):
            found.append(e)
            continue
        own = e.text.split()[-1].casefold() if e.text.split() else ""
        noun = e.heads[0] if e.role == "appos" and e.heads else own
        at = heads.index(noun) if noun in heads[1:] else 0
        if at and any(h in verbs for h in heads[1:at]):
            found.append(_bracketed(e, info))
    return found


def _bracketed(name: Entity, info: SentenceAnalysis) -> Entity:
    """The name a short form or ticker in brackets right after it stands for ("the Chilean
    Confederation of Copperworkers" for "CTC" in "... Copperworkers (CTC), which groups
    22,000 workers"; "Bowater Industries Plc" for "BWTR.L"), else the name itself."""
    before = [
        e for e in info.entities
        if e is not name and 0 <= name.start - e.end <= BRACKET_GAP and e.label in NAME_KINDS
    ]  # fmt: skip
    return before[0] if name.role == "appos" and before else name


# A value's roles as the subject of its own clause ("59,000 tonnes ... received export
# rebates ..., the Board said"): what the clause is about, not what the speaker has.
_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _says_it_has(speaker: Entity, value: Entity) -> bool:
    """Whether the speaker's value is what it says it has: hanging from its own verb at
    most `SPEAKER_REACH` words up, and not the subject of a clause of its own."""
    return speaker.heads[0] in value.heads[:SPEAKER_REACH] and value.role not in _CLAUSE_SUBJECTS


def _below(name: Entity, value: Entity) -> bool:
    """The name's noun hangs from the value's own noun: it says what the value is measured
    against, not whose it is ("a 31 percent premium to Brightfield's closing price":
    Brightfield's price hangs from "premium"; heads are lemmas, and the price the premium
    hangs from is another word). Only for a noun no English verb is spelt as: a name's noun
    below a verb is its subject ("The company's revenue fell ... to 11.2 billion euros"),
    and "offer" or "bid" may be either."""
    from news_rag.rag.question.nlp import english_verbs

    noun = value.heads[0] if value.heads else None
    if noun is None or name.heads[0] == noun or noun not in name.heads[1:]:
        return False
    return noun not in english_verbs()


# Words ending a name NER cut in two at them: "Highveld Steel and" + "Vanadium Corp Ltd".
_JOINING_WORDS = frozenset({"and", "&"})
# Or tagged without it, the parse making it a modifier of the second: the characters of
# " and " between them at most, and the roles of a name's part.
_JOINED_GAP = 5
_NAME_PART_ROLES = frozenset({"nmod", "compound"})


def name_cut_before(entity: Entity, entities: Sequence[Entity]) -> Entity | None:
    """The first half of a name NER cut at its "and" when `entity` is the second ("Highveld
    Steel and" right before "Vanadium Corp Ltd": one company), or None. A pronoun read as
    the second ("it" for Vanadium Corp Ltd) is where the sentence names it."""
    named = [e for e in entities if e.text == entity.text] or [entity]
    for half in named:
        for e in entities:
            words = e.text.split()
            if e.end + 1 == half.start and words and words[-1].casefold() in _JOINING_WORDS:
                return e  # "Highveld Steel and" tagged with its "and"
            gap = half.start - e.end
            if 0 < gap <= _JOINED_GAP and e.role in _NAME_PART_ROLES and e.heads == half.heads:
                return e  # "Highmoor Steel" parsed as a part of "... Vanadium Corp Ltd"
    return None


def _is_half(
    owner: Entity, info: SentenceAnalysis, every_form: Sequence[Sequence[str]], intent: Intent
) -> bool:
    """Whether the owner is the second half of a name whose first the question names."""
    half = name_cut_before(owner, info.entities)
    return half is not None and _is(half, every_form, intent)


def _is(owner: Entity, every_form: Sequence[Sequence[str]], intent: Intent) -> bool:
    """The owner names one of the question's participants (under one of its forms:
    `every_form`) or another name the question gives, or its acronym or long form, or
    nothing but a kind of organisation ("the Bank")."""
    keys = word_keys(owner.text)
    if not own_keys(owner.text) or named_in_question(owner.text, intent.question):
        return True
    if any(abbreviates(owner.text, arg.text) for arg in intent.slots.arguments):
        return True  # "British Petroleum Co PLC" for "BP"
    if misspelt(owner.text, intent):
        return True  # "Genetech" for "Genentech"
    return any(names_in(form, keys) for forms in every_form for form in forms)


def _forms_of(arg: Argument, every_form: Sequence[Sequence[str]], intent: Intent) -> Sequence[str]:
    """The names of `arg` among `every_form` (each argument's, in the question's order)."""
    at = intent.slots.arguments.index(arg)
    return every_form[at] if at < len(every_form) else (arg.text,)


def _named_nearer(
    value: Entity, rivals: Sequence[Entity], info: SentenceAnalysis, forms: Sequence[str]
) -> bool:
    """Whether the sentence names the question's participant (under one of its `forms`)
    hanging from a word of the value's nearer than every rival owner's: "a Commission
    decision on ... to recover the 5.8 billion dlr cost of ... the Diablo Canyon Nuclear
    Power Project" gives the project's cost (the project hangs from "cost", the Commission
    from "decision", further up), not the Commission's. Another of the question's names
    there is no such participant ("American Brands failed ... in its 2.9 billion dlrs bid
    for Chesebrough-Ponds" is no price Unilever paid)."""

    def depth(name: Entity) -> int:
        first = name.heads[0] if name.heads else None
        return value.heads.index(first) if first in value.heads else len(value.heads)

    nearest = min(depth(r) for r in rivals)
    return any(
        e is not value and e not in rivals and depth(e) < nearest and own_keys(e.text)
        and any(names_in(form, word_keys(e.text)) for form in forms)
        for e in info.entities
    )  # fmt: skip


def kin(owner: Entity, arg: Argument) -> bool:
    """Two names of one kind whatever labels the small model gave them: they share a word
    and each has one of its own ("Storm Helga", a PERSON, and "Storm Dara", a LOC)."""
    mine, theirs = set(name_words(owner.text)), set(name_words(arg.text))
    return bool(mine & theirs) and bool(mine - theirs) and bool(theirs - mine)


# The kinds of a question's participant a business the story describes ("the airline",
# read as Northwind Air: `SentenceAnalysis.described`) stands beside: an organisation, or a
# name the small model tagged a person ("Rival Harbour Jet"), as companies' names often are.
DESCRIBED_RIVAL_KINDS = frozenset({"org", "person"})


def _same_kind(owner: Entity, arg: Argument, kinds: frozenset[str], info: SentenceAnalysis) -> bool:
    """Whether `owner` is a participant of the kind of the question's `arg` (`kinds`): by
    its label, by a shared word (`kin`), or, for an organisation a description stands for
    ("The airline carried 18.4 million passengers"), beside any name a company may be."""
    if owner.label != "PERSON" and claimant_surname(owner, info):
        return "person" in kinds  # "Meinert said", tagged an organisation: John Meinert
    if participant_kinds(owner.label, owner.text) & kinds or kin(owner, arg):
        return True
    return owner in info.described and bool(kinds & DESCRIBED_RIVAL_KINDS)


def claimant_surname(name: Entity, info: SentenceAnalysis) -> bool:
    """Whether a name is the surname of the sentence's claimant, a person the analysis named
    in full with a role ("Meinert", which the small model tagged an organisation, in
    "Meinert said ..." for "John Meinert (Chairman)"): a person, whatever its label."""
    claimant = info.claimant or ""
    full = claimant_name(claimant).split()
    return "(" in claimant and len(full) >= 2 and name.text == full[-1]


def _matching_roles(role: str) -> frozenset[str]:
    """The roles of a sentence's names that own what a question's argument in `role` would:
    a subject's by subjects, a passive subject's by who is done to or a subject, a
    possessor's by any owner, what it happened in by a subject."""
    if role in SUBJECT_ROLES | SETTING_ROLES:
        return SUBJECT_ROLES
    return PATIENT_ROLES | SUBJECT_ROLES if role in PASSIVE_SUBJECT_ROLES else OWNER_ROLES


def owner_contradiction(
    info: SentenceAnalysis, intent: Intent, arg: Argument, every_form: Sequence[Sequence[str]]
) -> Contradiction | None:
    """A contradiction when `arg` (a named subject or possessor of a question asking for an
    amount; `every_form`: the names of each of the question's arguments) owns none of the
    sentence's values of the asked-for type and another participant of its kind, named
    nowhere in the question, owns every one of them."""
    # "per Vale share": Vale's shares, not whose the price is
    of_base = intent.slots.per is not None and arg.heads[:1] == (intent.slots.per,)
    # the asked one named where the question puts it: `_in_asked_place`
    if (
        arg.role not in ASKED_ROLES
        or not name_words(arg.text)
        or of_base
        or _in_asked_place(arg, info)
    ):
        return None
    how_long = asks_how_long(intent)  # a length of time is an amount: "nine years"
    asked = intent.expected_types[:1]
    if asked and asked[0] not in AMOUNT_TYPES and not how_long:
        return None
    roles = _matching_roles(arg.role)
    kinds = participant_kinds(arg.label, arg.text) or ANY_KIND  # untagged: any name's
    values = [
        v for v in answer_values(info, intent)
        if (v.label in AMOUNT_TYPES or (how_long and v.label in DATE_LABELS))
        and not other_kind_of_time(v.text, v.label, intent) and not counts_no_age(v, intent)
    ]  # fmt: skip  # only the values that could answer: "52", not "800 votes", for "how old"
    counts = [v for v in values if intent.target and v.heads[:1] == (intent.target,)]
    values = counts or values  # "15 firm orders", not "four-engined", for "How many orders"
    rivals = []
    for value in values:
        found = owners(value, info, roles)
        if "nsubj" in roles:  # "Lufthansa, which has placed 15 firm orders"
            found += [o for o in clause_owners(value, info) if o not in found]
        theirs = [o for o in found if _same_kind(o, arg, kinds, info)]
        if not theirs or any(
            _is(o, every_form, intent) or _is_half(o, info, every_form, intent) for o in theirs
        ):
            return None  # a value with no rival owner may be the question's
        if _named_nearer(value, theirs, info, _forms_of(arg, every_form, intent)):
            return None  # "the cost of ... the Diablo Canyon project": the asked one's
        rivals.append(theirs[0])
    if not rivals:
        return None
    return Contradiction("name", rivals[0].text, arg.text, same_role=True, owner=True)


def _in_asked_place(arg: Argument, info: SentenceAnalysis) -> bool:
    """Whether the sentence names the question's participant (by its words, or some of
    them where NER cut the name short: `Coffee "C" contracts`) hanging from the word it
    hangs from in the question ("contract" for "the trading limit in Coffee C contracts"),
    or by names below that word ("the price of its Chrysler Fifth Avenue luxury sedan"):
    the value is said of it there, whoever set it."""
    words = set(name_words(arg.text))
    if not arg.heads or not words:
        return False
    if any(
        e.heads[:1] == arg.heads[:1] and set(name_words(e.text)) <= words
        and bool(name_words(e.text))
        for e in info.entities
    ):  # fmt: skip
        return True
    # the names below the asked noun saying every word of it: "the price of its Chrysler
    # Fifth Avenue luxury sedan" ("Chrysler", "Fifth Avenue") for "the Chrysler Fifth Avenue"
    below = [e for e in info.entities if arg.heads[0] in e.heads[1:]]
    return words <= {w for e in below for w in name_words(e.text)}


def owner_contradictions(
    info: SentenceAnalysis, intent: Intent, forms: Sequence[Sequence[str]]
) -> list[Contradiction]:
    """`owner_contradiction` for each of the question's named arguments (`forms`: each
    one's `coverage.name_forms`, in order)."""
    found = (owner_contradiction(info, intent, arg, forms) for arg in intent.slots.arguments)
    return [c for c in found if c is not None]
