"""Who does what to whom: a question's participant on the other side of the same act.

"How much did Unilever pay for Chesebrough-Pond's?" is not answered by "Chesebrough had
paid around 1.25 billion dlrs for Stauffer Chemical" (Chesebrough pays there, it is not
paid for), nor "How much did Brightline pay for Northwind?" by "Northwind agreed to buy
Brightline Freight for $2.3 billion". Only the stored roles are compared (`Entity.role`,
`Argument.role`) under the same head word, the verbs of one purchase counting as one
(rag/question/data/purchase_verbs.txt: "pay for X" is "buy X for").

A swapped sentence gets no anchor lift (`select`); when every value of the asked-for type in
it hangs right from the swapped act, it is contrary evidence (`alignment.Contradiction` of kind
"swap", decisive), and when every sentence holding such a value is swapped, the answer
refuses (`answerability.judge`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.rag.answer.alignment import Contradiction, answer_values
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.coverage import argument_forms, names_in, word_keys
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.question import words
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.slots import Argument

# The roles of who does what a verb says (its subject, a passive's "by" agent) against those
# of whom or what it is done to or for (its object, a passive's subject, a preposition's
# object): "Chesebrough had paid ... for Stauffer" has Chesebrough pay, not be paid for.
AGENT_ROLES = frozenset({"nsubj", "csubj", "pobj:by"})
PATIENT_ROLES = frozenset({"dobj", "nsubjpass", "dative"})


def _side(role: str) -> str | None:
    if role in AGENT_ROLES:
        return "agent"
    if role in PATIENT_ROLES or role.startswith("pobj:"):
        return "patient"
    return None


def _act(head: str) -> str:
    """One name for the verbs of one act: every purchase verb is "buy"."""
    return "buy" if head in words.words(words.PURCHASE_VERBS) else head


def swapped_pair(
    info: SentenceAnalysis, intent: Intent, forms: Sequence[Sequence[str]]
) -> tuple[Argument, Entity] | None:
    """The question's argument and the sentence's name of it on the other side of the same
    act, if any (`forms`: each argument's name forms, in order)."""
    for arg, arg_forms in zip(intent.slots.arguments, forms, strict=False):
        side = _side(arg.role)
        if side is None or not arg.heads:
            continue
        for e in info.entities:
            other = _side(e.role)
            if other is None or other == side or not e.heads:
                continue
            if _act(e.heads[0]) != _act(arg.heads[0]):
                continue
            if any(names_in(form, word_keys(e.text)) for form in arg_forms):
                return arg, e
    return None


def swapped_roles(info: SentenceAnalysis, intent: Intent, forms: Sequence[Sequence[str]]) -> bool:
    """Whether the sentence names one of the question's arguments on the other side of the
    same act."""
    return swapped_pair(info, intent, forms) is not None


def swaps_roles(intent: Intent, corpus: CorpusTables) -> Callable[[Evidence], bool]:
    """`swapped_roles` of a sentence, the question's argument forms read once."""
    forms = [argument_forms(a.text, a.label, corpus) for a in intent.slots.arguments]
    return lambda ev: ev.info is not None and swapped_roles(ev.info, intent, forms)


def swap_contradiction(
    info: SentenceAnalysis, intent: Intent, forms: Sequence[Sequence[str]]
) -> Contradiction | None:
    """A contradiction when the sentence has the question's participants the other way
    round and every value of the asked-for type in it hangs right from that act ("buy ...
    for 2.3 billion dlrs", not "buy Brightline, whose shares rose to 39 dlrs")."""
    pair = swapped_pair(info, intent, forms)
    values = answer_values(info, intent)
    if pair is None or not values:
        return None
    arg, named = pair
    act = _act(named.heads[0])
    if not all(v.heads and _act(v.heads[0]) == act for v in values):
        return None
    return Contradiction("swap", named.text, arg.text)
