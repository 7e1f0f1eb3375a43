"""Claims: a sentence's cue and source turned into who claims it, resolved against the
article's mentions so far ("she" -> the last named speaker, "the ministry" -> the last
ministry, "Yulo" -> "Arsenio Yulo (...)", "reports said" -> "unnamed reports").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from news_rag.index.analysis import lexicon
from news_rag.index.analysis.coreference import Mention, Tracker, description_category
from news_rag.index.analysis.cue import Cue, find_cues
from news_rag.index.analysis.source import (
    ENTITY_CATEGORY,
    ORG,
    PERSON,
    Source,
    make_source,
    phrase_tokens,
)

_DEFINITE = frozenset({"the", "this", "that"})
_SHORT_NAME_TOKENS = 2  # "the Bank"
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_DESCRIPTION_TOKENS = 4  # "the ministry", "the Russian ministry", "the defense ministry"
# How a description's organisation noun hangs from it: "company spokesman" (compound),
# "the company's chairman" (poss), "a spokeswoman for the company" (pobj).
_ORGANISATION_WORD_DEPS = frozenset({"compound", "poss", "pobj"})
# The nouns a wire story calls the company it is about ("company spokesman", 16 claimants
# on reuters-1000, and "the firm"): these resolve to the organisation named last as a subject.
# Any other organisation noun ("exchange", "union", "bank", "committee") resolves only to a
# name that holds it ("exchange chairman" -> "London Stock Exchange chairman"): on
# reuters-1000, "union leaders" or "producer spokesman" fell to an unrelated organisation.
_COMPANY_NOUNS = frozenset({"company", "firm"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})  # "Company spokesman" at a sentence's start
_WORD_EDGES = " (),"
_POSSESSIVE_ENDINGS = ("'s", "’s")


@dataclass(frozen=True)
class Claim:
    name: str
    span: tuple[int, int] | None  # article offsets of the claimant's name
    cue: str
    cue_span: tuple[int, int] | None  # article offsets of the cue, when in this sentence
    partisan: bool = False
    unnamed: bool = False
    category: str = "OTHER"


def _strip_roles(words: list[str]) -> str:
    roles = lexicon.words(lexicon.PERSON_ROLES)
    while len(words) > 1 and (words[0].lower() in roles or words[0].lower() == "the"):
        words = words[1:]
    return " ".join(words)


def add_entities(doc: Any, base: int, ordinal: int, tracker: Tracker) -> None:
    for ent in doc.ents:
        category = ENTITY_CATEGORY.get(ent.label_)
        if category is not None:
            name = _strip_roles(ent.text.split())
            start = base + ent.start_char
            subject = ent.root.dep_ in _SUBJECT_DEPS
            tracker.add(
                Mention(name, category, start, start + len(ent.text), ordinal, False, subject)
            )


def _resolve(cue: Cue, text: str, base: int, ordinal: int, tracker: Tracker) -> Claim | None:
    """The claim a cue makes, its source resolved; None for a pronoun with no antecedent."""
    cue_span = (base + cue.start, base + cue.end)
    if cue.source is None:
        label = cue.unnamed or "unnamed sources"
        return Claim(label, cue_span, cue.words, cue_span, unnamed=True)
    source = make_source(cue.source)
    head = source.head
    span = (base + source.start, base + source.end)
    claim = Claim(source.name, span, cue.words, cue_span, source.partisan, False, source.category)
    if head.pos_ != "PRON":
        return _named_claim(claim, source, text, base, ordinal, tracker)
    found = tracker.resolve_pronoun(head.lower_, ordinal, base + head.idx)
    if found is None:
        return None
    return replace(claim, name=found.name, span=(found.start, found.end), category=found.category)


def _named_claim(
    claim: Claim, source: Source, text: str, base: int, ordinal: int, tracker: Tracker
) -> Claim:
    """An unnamed source ("reports said"), a description resolved ("the ministry said"; a
    plural one, "the companies said", stays theirs) or a surname completed ("Yulo said")."""
    head = source.head
    unnamed = lexicon.pairs(lexicon.UNNAMED_SOURCES)
    has_name = any(t.pos_ == "PROPN" or t.ent_type_ for t in head.subtree if t.i <= head.i)
    specific = head.tag_ != "NNS" and any(
        c.dep_ in {"poss", "compound"} or (c.dep_ == "det" and c.lower_ in _DEFINITE)
        for c in head.children
    )  # "the embassy report says": one report, not unnamed reports
    if head.lemma_.lower() in unnamed and not has_name and not specific:
        cue = claim.cue
        if claim.span is not None and claim.cue_span is not None:  # "According to reports"
            first = min(claim.cue_span[0], claim.span[0])
            last = max(claim.cue_span[1], claim.span[1])
            cue = " ".join(text[first:last].split())
        return replace(claim, name=unnamed[head.lemma_.lower()], unnamed=True, cue=cue)
    definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)
    wanted = description_category(head.lemma_)
    small = len(list(head.subtree)) <= _DESCRIPTION_TOKENS
    # "the companies said": both, not the last one named; "the analysts said" after one
    # analyst's words stays his (d2-011 lost a quote to "analysts" beside Bruce Lazier's)
    one = wanted != ORG or head.tag_ not in _PLURAL_TAGS
    if definite and wanted and small and one and not has_name:
        state_body = head.lemma_.lower() in lexicon.words(lexicon.STATE_NOUNS)
        found = tracker.resolve_description(
            head.lemma_, wanted, ordinal, base + head.idx, strict=state_body
        )
        if found is not None:
            return replace(claim, name=found.name, span=(found.start, found.end), category=wanted)
    if definite and head.pos_ == "PROPN" and len(list(head.subtree)) == _SHORT_NAME_TOKENS:
        # "the Bank said" after "the Bank of England": the earlier, longer name
        found = tracker.resolve_description(head.text, ORG, ordinal, base + head.idx, strict=True)
        if found is not None:
            return replace(claim, name=found.name, span=(found.start, found.end), category=ORG)
    bare_name = head.pos_ == "PROPN" and source.end - source.start == len(head.text)
    if source.category == PERSON or bare_name:  # NER may tag a lone surname ORG
        longer = tracker.full_name(source.name)
        if longer is not None:
            return replace(claim, name=longer)
    return _with_organisation(claim, head, base, ordinal, tracker)


def _organisation_word(head: Any) -> Any:
    """The noun of a source description that stands for an organisation the article names:
    "company" in "company spokesman", "a spokeswoman for the company" or "the company's
    chairman"; None when there is none, or when the noun is specific in itself or modified
    ("a company", "an oil company", "central bank sources", "EC commission sources")."""
    nouns = lexicon.words(lexicon.ORG_NOUNS)
    tokens = phrase_tokens(head)
    for token in tokens:
        if token.i == head.i or token.ent_type_ or token.dep_ not in _ORGANISATION_WORD_DEPS:
            continue
        if token.pos_ not in _NOUN_POS or token.lemma_.lower() not in nouns:
            continue
        if token.tag_ in _PLURAL_TAGS:  # "spokesmen for the firms": more than one
            continue
        definite = [c for c in token.children if c.dep_ == "det" and c.lower_ in _DEFINITE]
        if any(c.dep_ != "case" and c not in definite for c in token.children):
            continue
        before = token.doc[token.i - 1] if token.i > tokens[0].i else None
        if before is None or before.is_punct or before in definite:
            return token
    return None


def _with_organisation(claim: Claim, head: Any, base: int, ordinal: int, tracker: Tracker) -> Claim:
    """The claim with the organisation its description refers to named: "a spokeswoman for
    the company" -> "spokeswoman for NBC", "company spokesman" -> "NBC spokesman", when the
    article names it (`Tracker.resolve_organisation`)."""
    word = _organisation_word(head)
    if word is None:
        return claim
    noun = word.lemma_.lower()
    strict = noun not in _COMPANY_NOUNS
    found = tracker.resolve_organisation(noun, ordinal, base + word.idx, strict=strict)
    if found is None:
        return claim
    organisation = found.name.partition(" (")[0]
    for possessive in _POSSESSIVE_ENDINGS:  # an entity read with its "'s" ("Kodak's")
        organisation = organisation.removesuffix(possessive)
    determiners = [c for c in word.children if c.dep_ == "det" and c.i == word.i - 1]
    for old in ([f"{determiners[0].text} {word.text}"] if determiners else []) + [word.text]:
        name = _replace_word(claim.name, old, organisation)
        if name != claim.name:
            return replace(claim, name=name)
    return claim


def _replace_word(name: str, old: str, new: str) -> str:
    """`name` with its first `old` (any case) that stands as whole words replaced by `new`
    (a word ends at a space, a bracket, a comma or a possessive's apostrophe)."""
    lowered, wanted = name.lower(), old.lower()
    start = lowered.find(wanted)
    while start >= 0:
        end = start + len(wanted)
        before_ok = start == 0 or name[start - 1] in _WORD_EDGES
        after_ok = end == len(name) or name[end] in _WORD_EDGES + "'’"
        if before_ok and after_ok:
            return name[:start] + new + name[end:]
        start = lowered.find(wanted, start + 1)
    return name


def own_claim(
    doc: Any, text: str, base: int, ordinal: int, tracker: Tracker, quoted: Callable[[Any], bool]
) -> Claim | None:
    for cue in find_cues(doc, quoted):
        claim = _resolve(cue, text, base, ordinal, tracker)
        if claim is not None:
            return claim
    return None
