"""What unit an amount is in, read from its words and the noun it counts: a measure
("410 kilometres") or a count of things ("two million homes") is no sum of money; an amount
in the unit the question names ("... in sterling?") answers before others; "$34 a share"
is a rate per share, which a question for the whole price does not ask for; a measure in
the dimension asked ("How much does X weigh?": a mass); a difference is no amount
("1.7 billion dlrs less than"); and what a count counts (its noun, where it ends).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from news_rag.index.language.dates import DURATION_UNITS
from news_rag.index.language.entities import AMOUNT_LABELS, Entity
from news_rag.index.language.units import (
    CURRENCY,
    MEASURE,
    is_percent,
    is_scale,
    is_tally,
    unit_of,
)
from news_rag.index.language.wordlists import data_list, pairs, table
from news_rag.index.language.wordlists import words as words_of
from news_rag.rag.answer.qualifiers import names_word
from news_rag.rag.answer.time_kinds import asks_how
from news_rag.rag.question.intent import Intent

COUNT_LABELS = frozenset({"CARDINAL", "QUANTITY"})
# The roles of a measure written into the noun it describes ("The 190-metre vessel").
MODIFIER_ROLES = frozenset({"compound", "amod", "nmod"})
# Words for money the units table leaves out, being other units too ("pound": a weight;
# "cent": "per cent"): a number modifying one may be a sum of money.
MONEY_WORDS_UNLISTED = frozenset({"pound", "cent", "penny", "pence"})
# A counted noun and the head lemma the analysis stored for the number agree on this many
# leading letters ("children"/"child", "miners"/"miner"); set by hand: English plurals keep
# the first four letters of their lemma, except the few irregular ones ("mice"), missed.
COUNTED_NOUN_LETTERS = 4


# Nouns asking for a tally (rag/question/data/tally_nouns.txt).
TALLY_NOUNS = data_list("news_rag.rag.question", "tally_nouns.txt")


def asks_tally(intent: Intent) -> bool:
    """Whether the question asks for a tally by its noun ("What was the score?")."""
    return (intent.target or "").casefold() in words_of(TALLY_NOUNS)


def wrong_tally(entity: Entity, intent: Intent) -> bool:
    """Whether an amount is a tally where none is asked ("6-4" for "How old is Novak?",
    "24-21" for "How many people watched?"), or a count of things where a tally is
    ("27 goals" for "What was the score?", where the story's "scored" is no score)."""
    if entity.label not in COUNT_LABELS:
        return False
    return is_tally(entity.text) != asks_tally(intent)


# Words that make a bare scale one of it: "a billion dollars".
_ONE = frozenset({"a", "an"})


def vague_amount(entity: Entity) -> bool:
    """Whether an amount names no number, only its scale ("committed billion of dollars" in
    "K Mart, he said, committed billion of dollars for store remodeling", "millions of
    people"; not "a billion dollars"): it says no value a question could take."""
    from spacy.lang.en.lex_attrs import like_num  # a word list, no model

    if entity.label not in AMOUNT_LABELS:
        return False
    words = [w.strip(".,").casefold() for w in entity.text.split()]
    scales = [i for i, w in enumerate(words) if is_scale(w)]
    numbers = [w for w in words if not is_scale(w) and (like_num(w) or any(map(str.isdigit, w)))]
    return bool(scales) and not numbers and not any(words[i - 1] in _ONE for i in scales if i)


def measure_for_money(entity: Entity, intent: Intent, text: str = "") -> bool:
    """Whether a bare amount is a measure or a count of things where the question asks for
    a sum of money first ("410 kilometres", "two million homes" for "How much does the dam
    cost?"): NER calls wire-copy money a QUANTITY or CARDINAL at times, never one in
    kilometres or tonnes, nor one followed by the things it counts (its stored head, right
    after it in the article `text`)."""
    if intent.expected_types[:1] != ("MONEY",) or entity.label not in COUNT_LABELS:
        return False
    return counts_things(entity, text)


def counts_things(entity: Entity, text: str) -> bool:
    """Whether a bare amount is a measure ("410 kilometres") or a count of the things named
    right after it ("two million homes", "fewer than 800 votes", "two of the offers") or
    modified by it ("Two men", "60 new trains"); never a word for money ("50 cents")."""
    if any(kind == MEASURE for _name, kind in units_of(entity)):
        return True
    head = entity.heads[0] if entity.heads else ""
    after = NEXT_WORD.match(text, entity.end)  # read in place: no copy of the article's rest
    if after is not None and _partitive(entity, after.group(1)):
        return True
    # never a unit or a percent word: "a 15-pct stake" (NER leaves the hyphened word out)
    if not head.isalpha() or unit_of(head) or head in MONEY_WORDS_UNLISTED or is_percent(head):
        return False
    if after is None:
        return False
    if _counts_its_noun(entity, head, after.group(1)):  # "Two men", "60 new trains"
        return True
    return after.group(1).casefold().startswith(head[:COUNTED_NOUN_LETTERS].casefold())


def _counts_its_noun(entity: Entity, head: str, following: str) -> bool:
    """Whether a bare number modifies the noun it counts, whatever words stand between them
    ("60 new trains", "Two men": the number's stored role and head): no scale ("million"),
    and no scale right after it ("about 44.6 mln intis": a sum in a currency the units
    table does not list)."""
    if entity.label != "CARDINAL" or entity.role != "nummod":
        return False
    if is_scale(following.casefold().strip(".,")):
        return False
    return not is_scale(head)


def size_of_other_thing(entity: Entity, intent: Intent, text: str) -> bool:
    """Whether a measure written into a noun ("The 190-metre vessel", "a 5,000-tonne ship")
    says how big that noun is, where the question asks about another thing and names not
    that noun ("How much grain was the Nordic Star carrying?")."""
    target = intent.target
    if target is None or entity.label not in COUNT_LABELS or not entity.heads:
        return False
    if "-" not in text[entity.start : entity.end] or entity.role not in MODIFIER_ROLES:
        return False
    noun = entity.heads[0]
    if noun.startswith(target[:COUNTED_NOUN_LETTERS].casefold()):
        return False
    # a noun the question names is what it asks about ("What capacity do Kepco's two
    # nuclear plants have?" over "two 950-megawatt nuclear power plants")
    return not names_word(intent.question, noun)


def money_for_share(entity: Entity, intent: Intent, text: str = "") -> bool:
    """Whether an amount is in a currency ("200 mln dlrs") where the question's noun is one
    the word lists type as a share or a rate and never a sum of money (`noun_types.tsv`:
    "yield", "growth", "inflation", "turnout"): "What yield did the notes carry?" asks for a
    percentage, not the offering's size. Likewise a number scaled without a percent word
    ("from the January level of 1.29 billion" for "What is Australia's inflation rate?"): a
    sum or a count, never a rate. Not when the question names a currency itself ("the
    dollar's rate against the yen"), nor for money per unit, a rate itself ("the current
    annual rate of 1.92 dlrs per share" for "What is its dividend rate?"; `text`, the
    article, reads what follows the amount)."""
    from news_rag.rag.question.reading import noun_labels_of

    labels = noun_labels_of(intent.target) if intent.target else ()
    if "MONEY" in labels or "PERCENT" not in labels:
        return False
    words = entity.text.split()
    scaled = any(is_scale(w) for w in words) and not any(is_percent(w) for w in words)
    if not scaled and not any(kind == CURRENCY for _name, kind in units_of(entity)):
        return False
    if text and per_unit(entity, text) is not None:
        return False
    return not any(_currency_word(w) for w in intent.question.split())


# The labels of a question's noun asking for a share or a sum of money ("stake", "price").
_SHARE_OR_SUM = frozenset({"PERCENT", "MONEY"})


def count_for_share(entity: Entity, intent: Intent, text: str) -> bool:
    """Whether an amount counts things ("fewer than 800 votes", `counts_things`) where the
    question's noun is one the word lists type as a share or a sum and never a count or a
    measure (`noun_types.tsv`: "share", "stake", "rate"; "price", "cost"): "What share of
    the vote did Okoye win?" asks for a percentage, not how many votes; "What was Dixons'
    tender offer price?" for a sum, not "4.26 mln Cyclops shares". Not when the question
    counts ("How many Purolator shares does Halcyon hold?": "726,700 shares"), nor for a
    count the sentence gives as the asked thing itself ("an annual rate of 1,851,000 units"
    for "At what annual rate did housing starts run?": its counted noun hangs from it)."""
    from news_rag.rag.question.reading import noun_labels_of

    if entity.label not in COUNT_LABELS or asks_how(intent, "many"):
        return False
    if intent.target and entity.heads[1:2] == (intent.target,):
        return False
    labels = noun_labels_of(intent.target) if intent.target else ()
    if not _SHARE_OR_SUM.intersection(labels) or COUNT_LABELS.intersection(labels):
        return False
    return counts_things(entity, text)


def count_of_rate_base(entity: Entity, intent: Intent) -> bool:
    """Whether an amount counts the things the question asks a rate per ("4.26 mln Cyclops
    shares" for "How much is Dixons offering per Cyclops share?": `Slots.per`): how many
    there are, not how much each is."""
    per = intent.slots.per
    if per is None or entity.label not in COUNT_LABELS or asks_how(intent, "many"):
        return False
    head = entity.heads[0] if entity.heads else ""  # the noun it counts: "shares"
    return head[:COUNTED_NOUN_LETTERS] == per[:COUNTED_NOUN_LETTERS]


def _currency_word(word: str) -> bool:
    found = unit_of(word.strip("?,.'").casefold())
    return found is not None and found[1] == CURRENCY


# The word after a bare number that makes it a count of some of the things named next
# ("two of Texaco's offers", "12 of the 15 directors").
_PARTITIVE_WORD = "of"


def _partitive(entity: Entity, following: str) -> bool:
    """Whether a one-word number counts some of the things named after it ("two of Texaco's
    offers"): a count, never a sum ("400 mln of" has a scale word; "a total of" is no
    number)."""
    return len(entity.text.split()) == 1 and following.casefold() == _PARTITIVE_WORD


# The first word after a position: what `str.split()` would give first.
NEXT_WORD = re.compile(r"\s*(\S+)")


def units_of(entity: Entity) -> list[tuple[str, str]]:
    """The units (name, kind) an amount is in: a word of it or the noun it counts ("stg" in
    "1.14 billion stg", "barrels" for "4,000" in "4,000 barrels"), hyphened or not
    ("190-metre")."""
    words = [*entity.text.replace("-", " ").split(), *entity.heads[:1]]
    return [found for w in words if (found := unit_of(w)) is not None]


# What a unit word measures (rag/answer/data/unit_dimensions.tsv), and the question words
# asking for one dimension (asked_dimensions.tsv).
UNIT_DIMENSIONS = data_list("news_rag.rag.answer", "unit_dimensions.tsv")
ASKED_DIMENSIONS = data_list("news_rag.rag.answer", "asked_dimensions.tsv")


# "How long is Line 5?" asks a length; "How long did the strike last?" a length of time.
_COPULA = frozenset({"is", "was", "are", "were"})


def asked_dimension(intent: Intent) -> str | None:
    """The dimension the question asks a measure in: "mass" for "How heavy ...?" and "How
    much does X weigh?", "length" for "How tall ...?"; None for any other question."""
    return _dimension_asked(intent.question)


@lru_cache(maxsize=64)
def _dimension_asked(question: str) -> str | None:
    """`asked_dimension` of a question's text, once per question."""
    asked = table(ASKED_DIMENSIONS)
    words = [w.strip("?,.!'\"") for w in question.casefold().split()]
    for at, (before, word) in enumerate(pairwise(words)):
        if before != "how" or asked.get(word, ("", ""))[1:] != ("how",):
            continue
        after = words[at + 2] if at + 2 < len(words) else ""
        if word == "long" and after not in _COPULA:
            return None  # "How long does the trip take?": a length of time
        if word == "far" and after in _GAP_WORDS:
            return None  # "How far behind schedule is production?": a gap in any unit
        return asked[word][0]
    for stem, (dimension, where) in asked.items():
        if where == "verb" and any(w.startswith(stem) for w in words):
            return dimension
    return None


def dimensions_of(entity: Entity) -> set[str]:
    """The dimensions of the units an amount is in: {"data"} for "256 gigabytes", {"length"}
    for "190-metre" or "2,000" counting metres."""
    known = pairs(UNIT_DIMENSIONS)
    words = [*entity.text.casefold().replace("-", " ").split(), *entity.heads[:1]]
    return {known[w] for w in words if w in known}


def other_dimension(entity: Entity, intent: Intent) -> bool:
    """Whether an amount is in a unit of another dimension than the question asks for
    ("256 gigabytes" for "How much does the phone weigh?"). An amount in no known unit may
    still answer."""
    if entity.label not in {"QUANTITY", "CARDINAL"}:
        return False
    wanted = asked_dimension(intent)
    if wanted is None:
        return False
    found = dimensions_of(entity)
    return bool(found) and wanted not in found


def in_asked_dimension(entity: Entity, intent: Intent) -> bool:
    """Whether an amount is in a unit of the dimension the question asks for."""
    wanted = asked_dimension(intent)
    return wanted is not None and wanted in dimensions_of(entity)


# Words after "how far" asking for a gap, in any unit, not a distance: "How far behind
# schedule is production?" ("800,000 tonnes behind").
_GAP_WORDS = frozenset({"behind", "ahead", "below", "above", "short"})


def in_asked_unit(entity: Entity, intent: Intent) -> bool:
    """Whether an amount is in the unit the question asks in: a word of it or the noun it
    counts ("1.14 billion stg" for "... in sterling?", "4,000 barrels" for "... in
    barrels?"). False when the question names no unit."""
    unit = intent.slots.unit
    if unit is None:
        return False
    return any(name == unit for name, _kind in units_of(entity))


# Words after an amount that make it a rate per unit: "$34 a share", "20 dlrs per barrel".
_PER_WORDS = frozenset({"a", "an", "per", "each"})
# How far after an amount its "a share" or "per barrel" is read (characters).
PER_UNIT_REACH = 24


def per_unit(entity: Entity, text: str) -> str | None:
    """The unit an amount is a rate per, other than time ("share" for "$34 a share",
    "tonne" for "120 dlrs per tonne"; "$2 million a year" is a sum over its period)."""
    if entity.label not in {"MONEY", "QUANTITY", "CARDINAL"}:
        return None
    words = text[entity.end : entity.end + PER_UNIT_REACH].casefold().split()
    if len(words) < 2 or words[0] not in _PER_WORDS:
        return None
    noun = words[1].strip(".,;:)'\"")
    if not noun.isalpha() or noun.rstrip("s") in DURATION_UNITS:
        return None
    return noun


def asks_per(intent: Intent, unit: str) -> bool:
    """Whether the question asks for a rate per `unit` ("How much per share ...?", "What
    price a tonne ...?", "How much did each share fetch?")."""
    words = [w.strip("?,.;:") for w in intent.question.casefold().split()]
    return "per" in words or "each" in words or unit in words


# Nouns a question counts any of which answers ("people": patients, residents).
GENERIC_COUNT_NOUNS = data_list("news_rag.rag.question", "generic_count_nouns.txt")


def counts_other_thing(entity: Entity, intent: Intent, text: str) -> bool:
    """Whether a count names, right after its number, another thing than the one the
    question counts: "1,500 soldiers" for "How many boats ...?" (where "40 boats" and a
    bare "more than 300" may count it)."""
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list, no model

    target = intent.target
    if not intent.counts_things or target is None or entity.label not in COUNT_LABELS:
        return False
    if target.casefold() in words_of(GENERIC_COUNT_NOUNS):
        return False  # "people" may be counted as patients, residents, workers
    if entity.heads[:1] == (target,):
        return False  # "three Iranian oil rigs": the parse hangs it from the asked noun
    key = target[:COUNTED_NOUN_LETTERS].casefold()
    said = _counted_inside(entity.text)  # "14 aircraft", a QUANTITY with its noun
    if said:
        return not any(w[:COUNTED_NOUN_LETTERS] == key for w in said)
    for word in text[entity.end :].split()[:COUNTED_NOUN_REACH]:
        bare = word.strip(".,;:)'\"").casefold()
        if not bare.isalpha() or bare in STOP_WORDS or is_scale(bare):
            break
        said.append(bare)
        if word != word.rstrip(".,;:)'\""):
            break  # the phrase ends here
    if any(w[:COUNTED_NOUN_LETTERS] == key for w in said):
        return False  # "30,000 building workers" for "How many workers ...?"
    return bool(said)


def _counted_inside(count: str) -> list[str]:
    """The words a count's own text gives after its last number: ["aircraft"] in "14
    aircraft", none in "About 900" or "5.2 mln"."""
    from spacy.lang.en.lex_attrs import like_num  # a word list, no model
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [w.strip(".,;:)'\"").casefold() for w in count.split()]
    numbers = [i for i, w in enumerate(words) if like_num(w) or w[:1].isdigit()]
    if not numbers:
        return []
    after = words[numbers[-1] + 1 :]
    return [w for w in after if w.isalpha() and w not in STOP_WORDS and not is_scale(w)]


# A count reaches its noun across at most this many words: "400 mln dlrs" (the number, a
# scale word spaCy leaves out of the entity, the noun it counts: its stored head).
COUNTED_NOUN_REACH = 3
