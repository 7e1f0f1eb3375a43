"""A place the question names that no article of the answer names: "What happened in the war
in Yemen in November 2017?" over stories about Syria alone. For a question asking for no
typed value ("what happened", "how", "why"), nothing in such an answer is about the asked
place: the answer refuses, naming it.

A place is known absent only by its own name of at least `MIN_PLACE_LETTERS` letters
(`answerability.FULL_NAME_LABELS` says why), under none of its forms (`coverage`) nor its
acronym ("US" for "the United States"). Not for questions asking for a person, an amount,
a date or a place: their answer is often in a sentence naming the place another way
("Moscow's chief of staff" for Russia's, "Tehran" for Iran). Measured with `rag eval` on the
sample, reuters-dev and reuters-dev2 (2026-12-06): for every kind of question, four false
refusals on the sample; for untyped ones, none, and one refusal more (Yemen).

A company or a person whose amount is asked ("How large is Petrogal's loan?") is absent
when no chosen story writes its name out word for word, allowing a misspelling
(`own_owner_name`, `coverage.names_word_for_word`): a company's name shares its first
letters with others ("Petroquimica"), which `coverage` would take for it. So is the owner
of the asked amount as the question's verb says it (`amount_owner`: its subject, "How big
a stake does British Telecom hold?", a name before its noun, "the Hang Seng index", or the
possessor of a noun written before it, "Portugal's imports"), and the company whose thing
a where, when or what question asks about ("Intel's research laboratory": `possessor`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.coverage import argument_forms, names_covered, names_word_for_word
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.name_acronyms import acronyms
from news_rag.rag.question.intent import QUANTITY, WHO, Intent
from news_rag.rag.question.slots import MODIFIER_ROLES, Argument

PLACE_NAME_LABELS = frozenset({"GPE", "LOC"})
# Roles of the subject of the question's verb, which owns the amount it moves or holds.
SUBJECT_ROLES = frozenset({"nsubj", "nsubjpass"})
# Roles of a name written before a noun of the question's verb ("the Hang Seng index").
NAME_BEFORE_NOUN_ROLES = frozenset({"compound", "nmod"})
# Labels of an owner of an amount named by a name of its own (`own_owner_name`).
OWNER_NAME_LABELS = frozenset({"ORG", "PERSON"})
MIN_PLACE_LETTERS = 4
# The letters of a lemma an inflected form keeps ("seam" of "seaman" in "seamen"): all but
# its last two, at least three.
INFLECTED_STEM = 3
# A word in capitals with its dots, hyphen-split: "U.S." and "US" in "US-backed".
_CAPITALS = re.compile(r"\b[A-Z][A-Z.]+")


def own_place_name(arg: Argument, intent: Intent | None = None) -> bool:
    """A place's own name of at least `MIN_PLACE_LETTERS` letters ("Mosul", not "EU"); with
    `intent`, its people's adjective too where the question asks for the place's amount on
    a noun after the asked one (`whose_amount`, `_after_asked_noun`: "West German" in "the
    withholding tax on West German Treasury bills")."""
    people = intent is not None and whose_amount(arg, intent) and _after_asked_noun(arg, intent)
    labels = PLACE_NAME_LABELS | ({"NORP"} if people else set())
    return arg.label in labels and len(arg.text.strip(". ")) >= MIN_PLACE_LETTERS


def _after_asked_noun(arg: Argument, intent: Intent) -> bool:
    """Whether the question writes the name after its asked noun, on a noun of its own ("the
    withholding tax on West German Treasury bills"); one before it ("Canadian housing
    starts", "Argentine seamen") names the rival another country's figure gives."""
    words = intent.question.casefold().split()
    target = (intent.target or "").casefold()
    first = next((n for n, w in enumerate(words) if target and w.startswith(target)), None)
    at = intent.question.find(arg.text)
    return first is not None and at >= 0 and len(intent.question[:at].split()) > first


def absent_place(intent: Intent, chosen: Sequence[Evidence], corpus: CorpusTables) -> str | None:
    """The place an untyped question names, or the place whose amount one asks for
    (`whose_amount`), that none of the chosen sentences' articles names, or None."""
    if not chosen:
        return None
    articles = {ev.article.id: ev.article for ev in chosen}.values()
    for arg in intent.slots.arguments:
        owner = own_owner_name(arg, intent)
        if not (owner or own_place_name(arg, intent)) or (
            intent.expected_types and not (owner or amount_owner(arg, intent))
        ):
            continue
        forms = [argument_forms(arg.text, arg.label, corpus)]
        short = acronyms(arg.text)
        if any(
            (
                any(names_word_for_word(article, form) for form in forms[0])
                if owner
                else names_covered(article, forms)
            )
            or short & _capitals(article.text)
            for article in articles
        ):
            continue
        return _with_its_noun(arg, intent.question) if arg.label == "NORP" else arg.text
    return None


def own_owner_name(arg: Argument, intent: Intent) -> bool:
    """A company or a person whose amount the question asks for, named by a name of its own
    ("Petrogal" in "How large is Petrogal's loan?"), not an acronym ("BP"): a story that
    never writes it gives another's figure. Its words are matched as written
    (`coverage.names_word_for_word`): a company's name shares its first letters with
    others ("Petrogal", "Petroquimica")."""
    owns = amount_owner(arg, intent) or possessor(arg, intent)
    return arg.label in OWNER_NAME_LABELS and owns and arg.text != arg.text.upper()


def possessor(arg: Argument, intent: Intent) -> bool:
    """Whether the argument possesses what a question asking for a place, a date or a thing
    asks about ("Intel" in "Where is Intel's research laboratory ...?"): a story that never
    names it tells of another's. Not for "who" (`role_owners.absent_owner` reads the
    owner of a role) nor an amount (`amount_owner`)."""
    return arg.role == "poss" and intent.kind not in (WHO, QUANTITY)


def _with_its_noun(arg: Argument, question: str) -> str:
    """A people's adjective with the question's words up to the noun it modifies ("West
    German Treasury bills"), or as it is."""
    at = question.find(arg.text)
    if at < 0 or not arg.heads:
        return arg.text
    words = question[at + len(arg.text) :].split()
    head = arg.heads[0]
    stem = head[: max(INFLECTED_STEM, len(head) - 2)]  # "seam" of "seaman": "seamen"
    ends = [n for n, w in enumerate(words) if w.casefold().startswith(stem)]
    return " ".join([arg.text, *words[: ends[0] + 1]]).rstrip("?,.") if ends else arg.text


def whose_amount(arg: Argument, intent: Intent) -> bool:
    """Whether the argument is the place whose amount the question asks for, modifying its
    noun ("What was France's current account surplus in March?"), or the noun the amount is
    of ("the withholding tax on West German Treasury bills"): a story that never names it
    gives another's figure, whatever its sentences leave unsaid ("the March current
    account surplus", in a story about West Germany)."""
    return (
        intent.kind == QUANTITY and intent.target is not None and arg.role in MODIFIER_ROLES
        and (arg.heads[:1] == (intent.target,) or arg.heads[1:2] == (intent.target,))
    )  # fmt: skip


def amount_owner(arg: Argument, intent: Intent) -> bool:
    """Whether the argument owns the amount asked for: modifying its noun (`whose_amount`),
    the subject of the question's verb, or a name before a noun of the verb ("How many
    points did the Hang Seng index drop?", "How big a stake does British Telecom hold?"):
    the figure moves or is held by it."""
    if whose_amount(arg, intent):
        return True
    verb = intent.slots.predicate
    if intent.kind != QUANTITY or verb is None:
        return False
    if arg.role in SUBJECT_ROLES:
        return arg.heads[:1] == (verb,)
    # a name before the verb's noun ("the Hang Seng index"), or its possessor where the noun
    # is written before the verb, its subject ("How much are Portugal's imports expected to
    # increase?"); not a possessor after it ("..., per Moscow's chief of staff?": q063)
    if arg.heads[1:2] != (verb,):
        return False
    if arg.role in NAME_BEFORE_NOUN_ROLES:
        return True
    return arg.role == "poss" and _written_before(arg.heads[0], verb, intent.question)


def _written_before(noun: str, verb: str, question: str) -> bool:
    """Whether the question writes `noun` before `verb` (lemmas, matched by their first
    letters: `INFLECTED_STEM` at least)."""
    words = question.casefold().split()

    def at(lemma: str) -> int | None:
        stem = lemma[: max(INFLECTED_STEM, len(lemma) - 2)]
        return next((n for n, w in enumerate(words) if w.startswith(stem)), None)

    first, second = at(noun), at(verb)
    return first is not None and second is not None and first < second


def _capitals(text: str) -> set[str]:
    """The words in capitals of a text, without their dots ("US" for "U.S.")."""
    return {word.replace(".", "") for word in _CAPITALS.findall(text)}


def names_owner(name: str, intent: Intent) -> bool:
    """Whether `name` (an `absent_place` answer) is a company or a person the question names
    as an owner (`own_owner_name`), not a place: the chain of contrary evidence may name
    whose figure the answer gives instead ("only for Ostra Kraft")."""
    return any(a.text == name and own_owner_name(a, intent) for a in intent.slots.arguments)
