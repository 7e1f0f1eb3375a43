"""The question's names labelled as the stories label them: the small model reads a short
question with little context and calls "Marcus Webb" a place in "How long was Marcus Webb
sentenced to?", where every story naming him calls him a person. A name's label decides
which other names are its rivals (a place named in his place is no rival of a person), so
each named argument takes the label the retrieved sentences give the same name most often.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from news_rag.index.language.entities import NAME_LABELS
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.evidence import analysis_at
from news_rag.rag.answer.names import unowned
from news_rag.rag.candidates import Candidate
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.slots import UNTAGGED, Argument

# How many of the best candidates are read for the labels their sentences give the names
# (12: the retrieved sentences naming them come first; more costs time, 0.2 ms at 24).
READ_DEPTH = 12


def as_stories_label(
    intent: Intent, candidates: Sequence[Candidate], reader: IndexReader
) -> Intent:
    """`intent` with each named argument labelled as the candidates' sentences most often
    label the same name (a possessive's without its ending: "Kalvik Kraft's" as "Kalvik
    Kraft"; a short name as the full one it opens: `_names_of`); as it is when none names
    it."""
    arguments = intent.slots.arguments
    if not arguments:
        return intent
    wanted = {_key(a.text) for a in arguments}
    seen: dict[str, Counter[str]] = {}
    for cand in candidates[:READ_DEPTH]:
        _ordinal, info = analysis_at(reader, cand.article.id, cand.start)
        for e in info.entities if info is not None else ():
            for name in _names_of(e.text, wanted):
                seen.setdefault(name, Counter())[e.label] += 1
    changed = tuple(_relabelled(a, seen) for a in arguments)
    if changed == arguments:
        return intent
    return replace(intent, slots=replace(intent.slots, arguments=changed))


def _names_of(text: str, wanted: set[str]) -> list[str]:
    """The question's names (casefolded) that a story's entity `text` is: the same name, or
    the name its first words are, past an article ("Quantex Devices" for "Quantex": the
    question calls a company by its short name, as the story does after the first
    mention)."""
    name = text.casefold().removeprefix("the ")  # as written: a story's name has no "'s" cut
    return [w for w in wanted if name == w or name.startswith(w + " ")]


def _key(name: str) -> str:
    """A question's name as the labels are counted by: casefolded, without a possessive's
    ending or a leading article ("the Ridge Fire's" as "ridge fire")."""
    return unowned(name).casefold().removeprefix("the ")


def _relabelled(arg: Argument, seen: dict[str, Counter[str]]) -> Argument:
    """The argument with the label the stories give its name most often. A name the
    question's NER left untagged (`slots.UNTAGGED`) takes the commonest name label ("How
    much did BP plan to offer?" with "BP" an ORG in the stories); tagged nowhere, it stays
    untagged: a name of no known kind, which has no rival by kind (`alignment`) but may have
    another owner of its value (`owners`: "The round values Quidco at ..." for "How much is
    Walletry valued at?")."""
    found = seen.get(_key(arg.text), Counter())
    if arg.label == UNTAGGED:
        found = Counter({label: n for label, n in found.items() if label in NAME_LABELS})
        return replace(arg, label=found.most_common(1)[0][0]) if found else arg
    return replace(arg, label=found.most_common(1)[0][0]) if found else arg
