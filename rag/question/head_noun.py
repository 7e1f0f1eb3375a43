"""The noun a which/what/whose question asks about: "which company" -> "company", "what
kind of weapons" -> "weapon", "What is the capital of Peru?" -> "capital" (the copula's
relation noun), "What were the unit's first quarter operating earnings?" -> "earnings"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from news_rag.rag.question.spans import noun_run, run_head

if TYPE_CHECKING:
    from spacy.tokens import Token

# "what kind of weapons", "the name of the suspect": the type comes from the noun after "of".
KIND_NOUNS = frozenset({"kind", "type", "sort", "name"})


def _kind_noun(noun: Token) -> Token:
    """ "kind of weapon" -> "weapon"."""
    if noun.lemma_.lower() not in KIND_NOUNS:
        return noun
    for prep in noun.children:
        if prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return noun


def head_noun(wh: Token) -> tuple[Token | None, bool]:
    """The noun a which/what/whose question asks about, if any, and whether it is the
    copula's relation noun ("What is the capital of Peru?": `Reading.relation`)."""
    head = wh.head
    if wh.dep_ in {"det", "poss", "dep"} and head.pos_ in {"NOUN", "PROPN"} and head.i > wh.i:
        return _kind_noun(head), False
    # The small model often attaches "Which Iranian general was ..." elsewhere: read the
    # noun phrase right after the question word instead.
    after = wh.i + 1
    if after < len(wh.doc) and wh.doc[after].lower_ == "of":  # "which of the companies"
        after += 1
    run = noun_run(wh.doc, after) if after < len(wh.doc) else []
    noun = run_head(run)
    if noun is not None and (run[0].pos_ != "DET" or after > wh.i + 1):
        return _kind_noun(noun), False
    if wh.lower_ in {"what", "which"} and head.lemma_ == "be":
        # "What is the test called?" may hang a passive "is" from "called": its subject is
        # the noun ("What was the train carrying?" asks what is carried, not the train)
        verb = head.head if head.dep_ == "auxpass" else head
        others = [
            c for c in (*head.children, *verb.children)
            if c.dep_ in {"nsubj", "nsubjpass", "attr"} and c.i != wh.i
            and c.pos_ in {"NOUN", "PROPN"}
        ]  # fmt: skip
        if not others:
            return None, False
        noun = _past_date(_kind_noun(others[0]))
        return noun, noun is others[0]  # "the name of the official" asks which official
    return None, False


def _past_date(noun: Token) -> Token:
    """The noun a date leads when the parse made the date's own noun the phrase's head
    ("What were the unit's first quarter operating earnings?" reads "quarter" as the
    subject and "operating earnings" as its clause): the first noun after the date in its
    phrase that heads no compound, else `noun`."""
    if noun.ent_type_ != "DATE":
        return noun
    after = [
        t for t in noun.subtree
        if t.i > noun.i and t.pos_ == "NOUN" and t.ent_type_ != "DATE" and t.dep_ != "compound"
    ]  # fmt: skip
    return after[0] if after else noun
