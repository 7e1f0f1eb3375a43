"""What a noun the word lists do not know asks for, learned from the retrieved sentences.

"Which N?" and "What N ...?" go by N's entry in `rag/question/data/noun_types.tsv` ("which
company" an ORG, "what price" MONEY). A noun that is not listed ("What coupon do the notes
carry?", "Which legislator said ...?") asks for no type, so no sentence holds the answer
span, nothing is said first and no contrary evidence can count. Its type is read from how
the retrieved sentences use the noun: the labels of the entities that hang from it in the
index-time parse ("a coupon of 10-1/2 pct": PERCENT; "legislator David Li": PERSON) or,
when none hangs from it, the labels of the names that call themselves by it in the best
articles (`called_names`: "the European Heart Journal", an ORG, for "Which journal ...?"),
the commonest first (ties in `ANSWER_LABELS`' order), when at least `MIN_USES` of them
agree, and dates last: a date hangs from most nouns to say when ("turnover in February"),
not what.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from news_rag.index.language.entities import AMOUNT_LABELS, Entity
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.called_names import called_labels
from news_rag.rag.answer.evidence import analysis_at
from news_rag.rag.answer.question_names import named_in_question
from news_rag.rag.candidates import Candidate
from news_rag.rag.question.intent import CLAIMS, METADATA, Intent
from news_rag.rag.question.reading import kind_of

# Labels an answer to "which/what N" can be (not a CAUSE nor an ORDINAL), in the order
# taken when as many sentences use the noun with two of them: a noun's own value (turnover,
# a price) is a sum before a share (its change: "up 300 pct"), a date last.
ANSWER_LABELS = (
    "PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "DATE", "TIME",
)  # fmt: skip
DATE_LABELS = frozenset({"DATE", "TIME"})
# How many of the retrieved sentences' entities must hang from the noun. Set by hand: one
# use is a type; a noun used with two labels keeps both, the commonest first.
MIN_USES = 1
# A nationality before the noun says of where it is, not which one it is ("the Norwegian
# ship Mia Margrethe", "A European weather satellite"): it teaches the noun no type.
KIND_ROLES = frozenset({"amod", "compound"})
# How many of the best candidates are read (as many as the selection scores).
READ_DEPTH = 24


def learned_types(intent: Intent, candidates: Sequence[Candidate], reader: IndexReader) -> Intent:
    """`intent` with the types its asked-for noun takes in the candidates, when the word
    lists gave it none; else `intent` as it is."""
    noun = intent.target
    if intent.expected_types or noun is None or intent.kind in (CLAIMS, METADATA):
        return intent
    uses = _hanging_from(noun, intent, candidates, reader) or called_labels(
        intent, (cand.article.id for cand in candidates[:READ_DEPTH]), reader
    )
    # "Which N?" asks which one: an amount or a date hanging from N says what it is like or
    # when ("the 14,000-tonne ship" for "Which ship ran aground?", "the band ... at 9 p.m."),
    # not which it is
    which = intent.question_word == "which"
    found = [
        label for label, count in uses.items()
        if count >= MIN_USES and not (which and (label in AMOUNT_LABELS or label in DATE_LABELS))
    ]  # fmt: skip
    # a date hangs from most nouns as when, not what ("turnover in February"): last
    labels = tuple(sorted(found, key=lambda label: (
        label in DATE_LABELS, -uses[label], ANSWER_LABELS.index(label)
    )))  # fmt: skip
    if not labels:
        return intent
    return replace(intent, expected_types=labels, kind=kind_of(labels, intent.kind))


def _hanging_from(
    noun: str, intent: Intent, candidates: Sequence[Candidate], reader: IndexReader
) -> Counter[str]:
    """The labels of the best candidates' entities that hang from `noun`."""
    uses: Counter[str] = Counter()
    for cand in candidates[:READ_DEPTH]:
        _ordinal, info = analysis_at(reader, cand.article.id, cand.start)
        if info is not None:
            uses.update(
                e.label for e in info.entities
                if e.label in ANSWER_LABELS and (e.heads[:1] == (noun,) or named_by_verb(e, noun))
                and not named_in_question(e.text, intent.question)
                and not (e.label == "NORP" and e.role in KIND_ROLES)
            )  # fmt: skip
    return uses


# Verbs giving a thing its name: "The test, called Chik Chek, ...", "The frog, named Hyla
# azulensis, ...", "a rocket dubbed ...".
NAMING_VERBS = frozenset({"call", "name", "dub", "christen"})


def named_by_verb(entity: Entity, noun: str) -> bool:
    """Whether a name (no amount nor date) is what a naming verb calls `noun` ("Chik Chek"
    in "The test, called Chik Chek": its heads "call", then "test"), itself or as the first
    word of the name the verb takes ("Hyla" of "named Hyla azulensis")."""
    heads = entity.heads
    if entity.label in AMOUNT_LABELS or entity.label in DATE_LABELS:
        return False
    return any(
        heads[i] in NAMING_VERBS and heads[i + 1 : i + 2] == (noun,)
        for i in range(min(len(heads) - 1, 2))
    )
