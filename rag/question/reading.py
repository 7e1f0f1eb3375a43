"""What a question asks for: its question word, the kind of answer and the entity types.

The question word is the first interrogative outside a relative or adverbial clause. Its
phrase decides the answer type: "how many" a count, "when" a date, "who" a person or
organisation; "which N" / "what N" and "what is the N of ..." go by the head noun N ("which
company" an ORG, "what price" MONEY, "what year" a DATE). "How much" goes by what it
measures: a money verb ("pay", "cost") asks for MONEY, a change verb ("rise") for a
PERCENT, a noun ("how much oil") for a QUANTITY. The word lists are in `data/`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from news_rag.index.language.dates import DURATION_UNITS
from news_rag.index.language.entities import AMOUNT_LABELS
from news_rag.index.language.units import unit_of
from news_rag.rag.question import words
from news_rag.rag.question.bare_what import PRICE, bare_amount, gerund_asked
from news_rag.rag.question.head_noun import head_noun
from news_rag.rag.question.intent import FACTOID, QUANTITY, WHEN, WHO
from news_rag.rag.question.spans import HYPHENS
from news_rag.rag.question.spelling import short_closed_syllable
from news_rag.rag.question.words import noun_labels_of

if TYPE_CHECKING:
    from spacy.tokens import Token

_INTERROGATIVE_TAGS = frozenset({"WP", "WP$", "WRB", "WDT"})
# A question word under one of these is part of a clause inside the question ("the town
# where ...", "... when the war began"), not the question's own.
_EMBEDDED_DEPS = frozenset({"relcl", "acl", "advcl"})
_WHO_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_WHEN_LABELS = frozenset({"DATE", "TIME"})
# "how much of the country": a share first.
_SHARE_TYPES = ("PERCENT", "QUANTITY", "CARDINAL")
_CHANGE_TYPES = ("PERCENT", "MONEY", "QUANTITY", "CARDINAL")
_MASS_TYPES = ("QUANTITY", "CARDINAL")
# A price: money, or a bare amount NER did not call money; never a percentage.
_PRICE_TYPES = ("MONEY", "QUANTITY", "CARDINAL")
# A market's level: an index's points first, then a price, a measure, a rate.
_LEVEL_TYPES = ("CARDINAL", "MONEY", "QUANTITY", "PERCENT")
# "How many workers": a count of things is a CARDINAL, or a QUANTITY as NER often tags counts
# with their noun ("6,500 jobs"); never money or a percentage (see `counts_things`).
_COUNT_TYPES = ("CARDINAL", "QUANTITY")
# "How many days ...?": NER tags "three days" a DATE.
_TIME_COUNT_TYPES = ("DATE", "CARDINAL", "QUANTITY")
# Nouns a "how many" question counts shares in, answered by a PERCENT.
_SHARE_WORDS = frozenset({"percent", "pct", "percentage", "point", "basis"})


@dataclass(frozen=True)
class Reading:
    answer_kind: str
    expected_types: tuple[str, ...]
    target: str | None  # lemma of the asked-for noun ("people" in "how many people")
    counts: bool = False  # it counts things ("how many workers"; `counts_things`)
    price: bool = False  # it asks for a price ("How much did X pay?"): never a percentage
    measure: bool = False  # it asks for a measure ("How much does X weigh?"): never money
    # "What is the capital of Peru?": the asked-for noun is the copula's ("capital"), not the
    # question word's own ("Which companies ...") nor reached through "name of": its answer
    # must say the relation (`Intent.asks_relation`)
    relation: bool = False


def _embedded(token: Token) -> bool:
    return any(t.dep_ in _EMBEDDED_DEPS for t in [token, *token.ancestors])


def question_word(doc: Any) -> Token | None:
    """The question's own interrogative word, or None (a yes/no question, a command)."""
    candidates = [
        t
        for t in doc
        if t.lower_ in words.words(words.QUESTION_WORDS) and t.tag_ in _INTERROGATIVE_TAGS
    ]
    own = [t for t in candidates if not _embedded(t)]
    found = own or candidates
    return found[0] if found else None


def kind_of(labels: tuple[str, ...], default: str = FACTOID) -> str:
    """The answer kind for expected labels: by the most likely one."""
    if not labels:
        return default
    first = labels[0]
    if first in _WHO_LABELS:
        return WHO
    if first in _WHEN_LABELS:
        return WHEN
    if first in AMOUNT_LABELS:
        return QUANTITY
    return FACTOID


def noun_labels(noun: Token) -> tuple[str, ...]:
    return noun_labels_of(noun.lemma_.lower())


# Verbs other than "be" that link their subject to what it is ("Who will remain president?",
# "Who became chairman?"): their complement is the role asked for. Lemmas.
LINKING_VERBS = frozenset({"remain", "become", "stay"})


def _role(wh: Token) -> tuple[str | None, tuple[str, ...]]:
    """For "who": the role noun the question asks to fill, if any ("president" in "Who is
    the president of X?", "Who was named chief executive?", "Who is Apple's chief
    executive?"), or the noun for the one who does its verb ("commander" for "Who commanded
    the forces?"), and its labels when that role is a person's: a person answers it, never
    the company or the country beside it. () when it is no person's role."""
    root = wh.head if wh.dep_ in {"nsubj", "nsubjpass", "attr", "dobj"} else None
    if root is None:
        return None, ()
    deps = {"attr", "nsubj", "oprd"} if root.lemma_ == "be" else {"oprd"}
    if root.lemma_.lower() in LINKING_VERBS:  # "Who will remain president of X?"
        deps = {"attr", "oprd"}
    if wh.dep_ == "attr" and any(c.dep_ == "auxpass" and c.lemma_ == "be" for c in root.children):
        deps = deps | {"nsubjpass"}  # "Who were the miners killed ...?": the miners are who
    roles = [c for c in root.children if c.dep_ in deps and c.i != wh.i]
    for prep in root.children:  # "appoint X as its new chief executive"
        if prep.dep_ == "prep" and prep.lower_ == "as":
            roles.extend(c for c in prep.children if c.dep_ == "pobj")
    # a capitalised title ("the U.S. Agriculture Secretary") is a role when the word lists
    # call it a person's, as they do the lower-case one
    nouns = [c for c in roles if c.pos_ == "NOUN" or _person_title(c)]
    # a role written with a hyphen is asked whole when its first word is no role ("co" of
    # "co-chairman"), as the word lists know it when it is ("secretary" of "secretary-general")
    noun = _role_lemma(nouns[0]) if nouns else None
    # typed by its compound's head: "chancellor" of "vice-chancellor" (the parse says "vice")
    typed = noun_labels(_hyphened_head(nouns[0])) if nouns else ()
    if not typed and wh.dep_ == "nsubj" and root.pos_ == "VERB":
        agent = _agent(root.lemma_.lower())  # "Who commanded ...?": a commander
        agent_types = noun_labels_of(agent) if agent is not None else ()
        if agent_types[:1] == ("PERSON",):  # not "buyer": a company as often
            noun, typed = agent, agent_types
    if nouns and _firm_role(nouns[0]):
        return noun, ()  # "the lead manager": a bank as often as a person
    return noun, (typed if typed[:1] == ("PERSON",) else ())


def _firm_role(noun: Token) -> bool:
    """Whether the role noun with the word before it is one a firm holds (`firm_roles.txt`:
    "lead manager", "financial adviser")."""
    before = [c.lower_ for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod"}]
    phrase = " ".join([*before[-1:], noun.lemma_.lower()]).replace("-", " ")
    return phrase in {w.replace("-", " ") for w in words.words(words.FIRM_ROLES)}


def _hyphened_head(token: Token) -> Token:
    """The last word of the hyphenated compound a word opens, its head ("chancellor" of
    "vice-chancellor", which the tokenizer splits in three and the parse reads as "vice"),
    else the word."""
    doc, end = token.doc, token.i
    while (
        end + 2 < len(doc) and doc[end + 1].text in HYPHENS
        and not doc[end].whitespace_ and not doc[end + 1].whitespace_
        and doc[end + 2].is_alpha
    ):  # fmt: skip
        end += 2
    return doc[end]


def _role_lemma(token: Token) -> str:
    """The role a word names: its lemma when the word lists type it a person's role
    ("secretary" of "secretary-general"), else the hyphenated compound it opens, whole
    ("co-chairman" of the three tokens "co", "-", "chairman", with the last word's lemma)."""
    lemma = str(token.lemma_.lower())
    head = _hyphened_head(token)
    if head.i == token.i or noun_labels_of(lemma)[:1] == ("PERSON",):
        return lemma
    return f"{token.doc[token.i : head.i].text.lower()}{head.lemma_.lower()}"


def _person_title(token: Token) -> bool:
    """Whether a proper noun is a person's title the word lists know ("Secretary",
    "Minister"), outside any named entity ("the Foreign Ministry" is an organisation)."""
    return (
        token.pos_ == "PROPN" and not token.ent_type_
        and noun_labels_of(token.lemma_.lower())[:1] == ("PERSON",)
    )  # fmt: skip


def _agent(verb: str) -> str | None:
    """The noun for one who does `verb` ("command" -> "commander", "lead" -> "leader",
    "govern" -> "governor", "win" -> "winner", "chair" -> "chairman"), when the word lists
    know it; else None."""
    table = words.table(words.NOUN_TYPES)
    stem = verb[:-1] if verb.endswith("e") else verb
    if short_closed_syllable(verb):  # "win" -> "winner"
        stem += verb[-1]
    nouns = (f"{stem}er", f"{stem}or", f"{verb}man")
    return next((noun for noun in nouns if noun in table), None)


def _how_much(much: Token, kind: str, labels: tuple[str, ...]) -> Reading:
    """The reading of "how much" (`labels`: the table's types, when nothing says more)."""
    if any(c.lower_ == "of" for c in much.children):
        return Reading(kind, _SHARE_TYPES, None)
    changed = _change_read_as_noun(much.doc)
    if changed is not None:  # "By how much did SkyBridge revenue rise?": a change
        return Reading(kind, _CHANGE_TYPES, changed or None)
    head = much.head
    while head.pos_ == "ADP" and head.head.i != head.i:  # "by how much did X fall"
        head = head.head
    if head.pos_ in {"NOUN", "PROPN"} and head.i != much.i:
        # an amount of the noun, never a name the word lists type it as ("How much capital
        # ...?" asks for money, not a capital city)
        amounts = tuple(label for label in noun_labels(head) if label in AMOUNT_LABELS)
        return Reading(kind, amounts or _MASS_TYPES, head.lemma_.lower())
    lemma = head.lemma_.lower()
    # "How much is the stadium expected to cost?": the money verb may sit in a clause below.
    verbs = {t.lemma_.lower() for t in much.doc if t.pos_ == "VERB"}
    priced = (verbs | _ing_nouns(much.doc)) & words.words(words.PRICE_VERBS)
    if lemma in words.words(words.PRICE_VERBS) or priced:
        return Reading(kind, _PRICE_TYPES, None, price=True)
    types = _verb_types(lemma, verbs)
    if types is None and _any_measure_verb(much.doc):  # what is measured: "the camera"
        return Reading(kind, _MASS_TYPES, _measured(much.doc), measure=True)
    return Reading(kind, types or labels, None)


def _ing_nouns(doc: Any) -> set[str]:
    """The verbs the small model read as nouns in their "-ing" form ("How much is Lynch
    offering per share?": "offering", a noun): their stems, "offer"."""
    return {t.lower_[: -len("ing")] for t in doc if t.pos_ == "NOUN" and t.lower_.endswith("ing")}


def _change_read_as_noun(doc: Any) -> str | None:
    """When the small model reads a question's last verb of change as a noun after "did",
    "does" or "will" ("did SkyBridge revenue rise?": "revenue rise", a compound), the lemma
    of the common noun before it ("revenue"; "" with none); None for any other question."""
    tokens = [t for t in doc if not t.is_punct]
    last = tokens[-1] if tokens else None
    if last is None or last.pos_ not in {"NOUN", "PROPN"} or last.i < 2:
        return None
    if last.lemma_.lower() not in words.words(words.CHANGE_VERBS):
        return None
    if not any(t.lower_ in {"did", "does", "do", "will", "would"} for t in doc[: last.i]):
        return None
    before = doc[last.i - 1]
    return str(before.lemma_.lower()) if before.pos_ == "NOUN" else ""


def _measured(doc: Any) -> str | None:
    """The common noun a measuring question measures ("camera" in "How much does the
    camera weigh?"), when its subject is one; None for a name ("the Nimbus Fold")."""
    subjects = [t for t in doc if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "NOUN"]
    return str(subjects[0].lemma_.lower()) if subjects and not subjects[0].ent_type_ else None


def _verb_types(lemma: str, verbs: set[str]) -> tuple[str, ...] | None:
    """The types "how much" asks for after the verb `lemma` (`verbs`: every verb of the
    question): money ("pay"), a change ("rise"); None when the verb says neither."""
    if lemma in words.words(words.MONEY_VERBS) or verbs & words.words(words.MONEY_VERBS):
        return ("MONEY", *(t for t in _CHANGE_TYPES if t != "MONEY"))
    if lemma in words.words(words.CHANGE_VERBS):
        return _CHANGE_TYPES
    return None


def _any_measure_verb(doc: Any) -> bool:
    """Whether a measuring verb is a word of the question, whatever the parse hangs "much"
    from or the tagger made of it ("How much does Aurora-1 weigh?" parses "Aurora-1" as a
    verb; "How much does the Nimbus Fold weigh?" makes "Fold" a verb, "weigh" not)."""
    return any(t.lemma_.lower() in words.words(words.MEASURE_VERBS) for t in doc)


def _how(wh: Token, table: dict[str, tuple[str, ...]]) -> Reading:
    doc = wh.doc
    following = doc[wh.i + 1] if wh.i + 1 < len(doc) else None
    key = f"how {following.lower_}" if following is not None else "how"
    if following is None or key not in table:
        return Reading(FACTOID, (), None)
    kind, labels = table[key][0], words.labels(table[key][1:])
    if key == "how much":
        return _how_much(following, kind, labels)
    head = following.head
    if head.pos_ in {"NOUN", "PROPN"} and head.i > wh.i:
        return Reading(kind, labels, head.lemma_.lower())
    if key == "how far" and head.lemma_.lower() in words.words(words.CHANGE_VERBS):
        labels = _CHANGE_TYPES  # "How far did BP shares fall?": a change, not a distance
    # "How large was the trade deficit?": what is measured says which amount comes first,
    # and is what the answer hangs from ("a 19-hour debate" for "How long did the debate
    # last?"), when it is a common noun.
    subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if key == "how old" and subjects and subjects[0].ent_type_ == "PERSON":
        return Reading(kind, ("CARDINAL", "DATE"), None, measure=True)  # "Webb, 58,": an age
    measured = subjects[0].lemma_.lower() if subjects and subjects[0].pos_ == "NOUN" else None
    typed = noun_labels(subjects[0]) if subjects else ()
    first = [t for t in typed if t in labels]
    if first:
        return Reading(kind, (*first, *(t for t in labels if t not in first)), measured)
    return Reading(kind, labels, measured)


def read(doc: Any, wh: Token | None) -> Reading:
    """The answer kind, expected entity labels and asked-for noun of a parsed question.
    An amount is any amount label, the likeliest first: NER tells money, percentages,
    quantities and counts apart unreliably in news text ("10 pct" is a CARDINAL and
    "5.2 billion dlrs" a QUANTITY in wire copy)."""
    reading = _read(doc, wh)
    if reading.answer_kind != QUANTITY:
        return reading
    if reading.expected_types == ("QUANTITY",):  # "how tall", "how heavy": a measure only
        reading = replace(reading, expected_types=_MASS_TYPES, measure=True)
    if wh is not None and wh.i + 1 < len(doc) and doc[wh.i + 1].lower_ == "often":
        return replace(reading, target=None)  # "how often": times or a recurrence, no sum
    counts = counts_things(wh, reading.target)
    if counts and reading.target in DURATION_UNITS:  # "how many days": "three days", a DATE
        return replace(reading, expected_types=_TIME_COUNT_TYPES, counts=True)
    fallbacks: tuple[str, ...] = _COUNT_TYPES if counts else _CHANGE_TYPES
    if reading.price or reading.measure:  # a price's types are every amount it can be; a
        fallbacks = ()  # measure is never a sum of money nor a share
    if _sum_of_money(reading.target):  # "How much profit ...?": a sum, never a percentage
        fallbacks = tuple(label for label in fallbacks if label != "PERCENT")
    if reading.expected_types[:1] in (("DATE",), ("TIME",)):
        fallbacks = ()  # "how long", "how old": a length of time or an age, never a sum
    rest = tuple(label for label in fallbacks if label not in reading.expected_types)
    return replace(reading, expected_types=(*reading.expected_types, *rest), counts=counts)


def _sum_of_money(target: str | None) -> bool:
    """Whether the asked-for noun is one the word lists type as a sum of money and never a
    share ("profit", "cash", "price"; not "tax", "deficit" or "stake", which may be
    percentages): a percentage of it is a change or a part, not the sum asked for ("80 pct
    of which is invested" for "How much money ...?")."""
    labels = noun_labels_of(target) if target else ()
    return "MONEY" in labels and "PERCENT" not in labels


def counts_things(wh: Token | None, target: str | None) -> bool:
    """Whether the question counts things ("How many workers ...?"): then a sum of money or
    a percentage never answers it, whatever NER calls the count. Not when what it counts is
    money or a share ("how many dollars", "how many percentage points")."""
    if wh is None or wh.lower_ != "how" or wh.i + 1 >= len(wh.doc):
        return False
    if wh.doc[wh.i + 1].lower_ != "many" or target is None:
        return False
    unit = unit_of(target)
    return (unit is None or unit[1] != "currency") and target not in _SHARE_WORDS


# Verbs a market's level is said "where" of ("Where did the composite index close?",
# "Where did gold settle?"): a number, not a place. Lemmas.
_CLOSING_VERBS = frozenset({"close", "settle", "finish"})


def _read(doc: Any, wh: Token | None) -> Reading:
    if wh is None:
        return Reading(FACTOID, (), None)
    table = words.table(words.WH_TYPES)
    word = wh.lower_
    if word == "how":
        return _how(wh, table)
    kind, labels = table[word][0], words.labels(table[word][1:])
    if word in {"who", "whom"}:
        role, role_types = _role(wh)
        return Reading(kind, role_types or labels, role)
    noun, relation = head_noun(wh) if word in {"what", "which", "whose"} else (None, False)
    gerund = gerund_asked(wh) if noun is None and word == "what" else None
    if noun is None and gerund is None:
        return _bare_reading(wh, kind, labels)
    # "What was spending on ...?": the gerund as written, the noun the word lists type
    target = gerund.lower_ if gerund is not None else noun.lemma_.lower() if noun else ""
    typed = noun_labels_of(target)
    if word == "whose":
        return Reading(kind, labels, target)
    return Reading(kind_of(typed, kind), typed or labels, target, relation=relation)


def _bare_reading(wh: Token, kind: str, labels: tuple[str, ...]) -> Reading:
    """A question word with no noun: "what" as its verb says (`_bare_what`); "where" with a
    verb of a market's close asks for a level ("Where did the index close?"); else the
    table's reading."""
    if wh.lower_ == "what":
        return _bare_what(wh, kind, labels)
    if wh.lower_ == "where" and wh.head.lemma_.lower() in _CLOSING_VERBS:
        return Reading(QUANTITY, _LEVEL_TYPES, None)
    return Reading(kind, labels, None)


def _bare_what(wh: Token, kind: str, labels: tuple[str, ...]) -> Reading:
    """A "what" with no noun: a price or a level as its verb says (`bare_what`), else the
    table's reading."""
    amount = bare_amount(wh)
    if amount == PRICE:  # "What would it cost?"
        return Reading(QUANTITY, _PRICE_TYPES, None, price=True)
    if amount is not None:  # "To what was the dividend raised?"
        return Reading(QUANTITY, _CHANGE_TYPES, None)
    return Reading(kind, labels, None)
