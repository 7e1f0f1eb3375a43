"""The question's predicate and its arguments, read from the same spaCy parse (issue 19).

"How much did Hearst pay for the San Francisco Examiner?" has the predicate "pay" and two
named arguments: "Hearst" (its subject) and "the San Francisco Examiner" (the object of
"for"). "How many tonnes of shale oil ...?" asks in a unit ("tonne"); "first-quarter net
earnings" asks for a part of the year ("q1"). `rag.answer.alignment` aligns these slots to
each candidate sentence's stored analysis and finds the sentences that contradict them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from news_rag.index.analysis.story_names import is_proper, untagged_spans
from news_rag.index.language.entities import NAME_LABELS
from news_rag.index.language.units import unit_of

# Which unit kind an expected answer type is measured in.
# Dependencies of a question's name that modify a noun ("U.S. soybeans", "Redland's profits",
# "Syrian soldiers", "the West German finance minister"): the noun is the thing asked
# about, the name says whose.
MODIFIER_ROLES = frozenset({"poss", "compound", "amod", "nmod"})
UNIT_KIND_OF_TYPE = {"MONEY": "currency", "QUANTITY": "measure", "CARDINAL": "measure"}
# Ordinal words before "quarter" or "half": the part of a year a figure is for.
_ORDINALS = {"first": "1", "1st": "1", "second": "2", "2nd": "2", "third": "3", "3rd": "3",
             "fourth": "4", "4th": "4"}  # fmt: skip
_PART_NOUNS = {"quarter": "q", "qtr": "q", "half": "h", "week": "w"}
# A month's name between the ordinal and the part is the month the part is of ("the first
# March week": the first week).
MONTH_WORDS = frozenset(m.casefold() for m in calendar.month_name if m)
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})  # Penn tags of "what", "which", "who", "how"


@dataclass(frozen=True)
class Argument:
    """A named argument of the question: its text, label, role and the lemmas it hangs from."""

    text: str
    label: str
    role: str  # dependency of the phrase: "nsubj", "dobj", "poss", "pobj:for", ...
    heads: tuple[str, ...]


@dataclass(frozen=True)
class Slots:
    predicate: str | None  # the main verb's lemma ("pay"); None for a light verb
    arguments: tuple[Argument, ...] = ()
    unit: str | None = None  # the unit it asks in ("dollar", "tonne"), if it names one
    unit_kind: str | None = None  # "currency" or "measure"
    unit_word: str | None = None  # the unit as the question writes it ("dollars")
    part: str | None = None  # the part it asks for: "q1".."q4", "h1", "h2", a week "w1"
    # The role the asked-for value has in an answer (`Entity.role`): "pobj:to" for "To what
    # was the dividend raised?", "pobj:by" for "By how much did sales rise?"
    asked_role: str | None = None
    # The noun the asked-for amount is a rate per ("share" in "How much is Dixons offering
    # per Cyclops share?"): a count of those things is no answer.
    per: str | None = None

    def in_asked_role(self, role: str) -> bool:
        """Whether a value in `role` is in the role the question asks for, when it names one."""
        return self.asked_role is not None and role == self.asked_role


_PART_WORDS = {"q": "quarter", "h": "half", "w": "week"}
_ORDINAL_WORDS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}


def part_name(part: str) -> str:
    """A part of a year in words: "q1" -> "the first quarter"; anything else as it is."""
    if len(part) == 2 and part[0] in _PART_WORDS and part[1] in _ORDINAL_WORDS:
        return f"the {_ORDINAL_WORDS[part[1]]} {_PART_WORDS[part[0]]}"
    return part


def parts_in(text: str) -> set[str]:
    """The parts of a year (or of a month) a text names: "the third quarter" -> {"q3"};
    "first-half" -> {"h1"}; "in its second quarter?" -> {"q2"} (words without their
    punctuation); "the first March week" -> {"w1"}."""
    tokens = [t for t in re.findall(r"[^\W_]+", text.casefold()) if t not in MONTH_WORDS]
    return {
        _PART_NOUNS[noun] + _ORDINALS[word]
        for word, noun in pairwise(tokens)
        if word in _ORDINALS and noun in _PART_NOUNS
    }


# Dependencies of a name's article the parser may hang outside the name ("the Toronto Dominion
# Bank spokesman": "the" a determiner of "spokesman"), making it the span's root.
_ARTICLE_DEPS = frozenset({"det", "predet"})


def _phrase_root(span: Any) -> Any:
    """The token standing for a name in the parse: spaCy's root of the span, or where that is
    an article the parser hung on the next noun ("the" in "the Toronto Dominion Bank
    spokesman"), the name's own word hanging outside it ("Bank", a compound): the name's
    role is "compound", not "det"."""
    root = span.root
    if root.dep_ not in _ARTICLE_DEPS:
        return root
    outside = [
        t for t in span if t.dep_ not in _ARTICLE_DEPS and not span.start <= t.head.i < span.end
    ]
    return outside[0] if outside else root


def _arguments(doc: Any) -> tuple[Argument, ...]:
    from news_rag.index.analysis.heads import heads, role

    tagged = tuple(
        Argument(e.text, e.label_, role(_phrase_root(e)), heads(e))
        for e in doc.ents
        if e.label_ in NAME_LABELS and unit_of(e.root.head.text) is None  # "U.S. dollars"
    )
    untagged = tuple(
        Argument(span.text, UNTAGGED, role(span.root), heads(span)) for span in _untagged(doc)
    )
    return tagged + untagged


# The label of a name the question's NER did not tag ("How much did BP plan to offer ...?":
# the small model tags nothing in a short question at times). `name_labels` gives it the
# label the retrieved stories give the same name, or drops it.
UNTAGGED = ""


# A question's untagged name is a run of proper nouns, or one capitalised word the model
# misread as a noun or a verb past the question's first word ("How many shops does Paywave
# process payments for?"): `name_labels` keeps it only when the retrieved stories tag it a
# name. Measured with `rag eval` (session 26): general-dev refuses one more (Coinwise), no
# other set moved.
_PROPER = frozenset({"PROPN"})
_NAME_POS = _PROPER | frozenset({"NOUN", "VERB"})


def _untagged(doc: Any) -> list[Any]:
    """Runs of capitalised proper nouns outside every entity, each a name of its own: not
    the words of a title before a tagged name ("Foreign Minister Tadashi Kuranari"), which
    hang from the name (`story_names.untagged_spans`)."""
    misread = [
        span for span in untagged_spans(doc, _NAME_POS)
        if len(span) == 1 and span.start > 0 and not is_proper(span)
    ]  # fmt: skip
    return sorted([*untagged_spans(doc, _PROPER), *misread], key=lambda span: span.start)


# Words before a noun that make an amount a rate per one of it ("per share", "a tonne").
_RATE_WORDS = frozenset({"per", "a", "an"})


def _rated(token: Any) -> bool:
    """Whether "per", "a" or "an" makes the noun a rate's unit ("price per tonne", "offering
    a share")."""
    return any(c.lower_ in _RATE_WORDS and c.dep_ == "det" for c in token.children)


def _unit(doc: Any) -> tuple[str, str, str] | None:
    """The unit the question asks in: a unit word outside its own amounts ("the 2.35 billion
    dlr offering" names the offering) and not after "per" or "a" ("price per tonne" asks for
    a price, in a currency), and not a verb spelt like one ("won"); none when it names two
    units of a kind ("the dollar ... against the yen": a rate of one in the other)."""
    in_values = {t.i for e in doc.ents if e.label_ not in NAME_LABELS for t in e}
    found: list[tuple[str, str, str]] = []
    for token in doc:
        unit = unit_of(token.text)
        if unit is None or token.i in in_values or token.pos_ in {"VERB", "AUX"}:
            continue  # a unit is a noun: "Who won the cup?" asks in no currency
        if token.dep_ == "pobj" and token.head.lower_ == "per":
            continue
        if token.i > 0 and doc[token.i - 1].like_num:  # "a 2.35 billion dlr offering"
            continue
        if _rated(token):
            continue
        found.append((*unit, token.text))
    if not found or any(f[1] == found[0][1] and f[0] != found[0][0] for f in found[1:]):
        return None
    return found[0]


def _asked_role(doc: Any) -> str | None:
    """The preposition the asked-for value follows: one opening the question before its
    wh-word ("To what level ...?", "By how much ...?") or left without its object in a
    wh-question ("What was the dividend raised to?"); never one before a relative clause's
    "who" ("the name of the official who resigned")."""
    if len(doc) < 2:
        return None
    if doc[0].tag_ == "IN" and doc[1].tag_ in WH_TAGS:
        return f"pobj:{doc[0].lemma_.lower()}"
    if doc[0].tag_ in WH_TAGS:
        for token in doc:
            if token.tag_ == "IN" and token.dep_ == "prep" and not any(token.children):
                return f"pobj:{token.lemma_.lower()}"
    return None


# Parts of speech that end the noun phrase after "per" ("per share in 1987").
_PHRASE_ENDS = frozenset({"ADP", "DET", "AUX", "PRON", "CCONJ", "SCONJ", "PART", "PUNCT"})


def _per(doc: Any) -> str | None:
    """The noun a rate is asked per: the last word of the phrase after "per" ("share" in
    "per Cyclops share", however the parser hung its words), or a noun "a" or "per" makes
    an adverb of ("How much is it offering a share?")."""
    for token in doc:
        if token.lower_ == "per":
            phrase = []
            for word in doc[token.i + 1 :]:
                if word.pos_ in _PHRASE_ENDS or not word.is_alpha:
                    break
                phrase.append(word)
            if phrase:
                return str(phrase[-1].lemma_.lower())
        if _rated(token) and token.dep_ == "npadvmod":
            return str(token.lemma_.lower())
    return None


def read_slots(doc: Any, predicate: str | None) -> Slots:
    """The slots of a parsed question (`predicate`: its main verb, from the parse)."""
    unit = _unit(doc)
    parts = sorted(parts_in(doc.text))
    return Slots(
        predicate=predicate,
        arguments=_arguments(doc),
        unit=unit[0] if unit else None,
        unit_kind=unit[1] if unit else None,
        unit_word=unit[2] if unit else None,
        part=parts[0] if len(parts) == 1 else None,
        asked_role=_asked_role(doc),
        per=_per(doc),
    )
