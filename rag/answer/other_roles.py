"""A person titled right before the name with another role only: "BankAmerica Corp Chairman
A.W. Clausen" answers no "Who is BankAmerica's chief financial officer?". The title is the
run of capitalised words and title words right before the name ("U.S. Agriculture
Secretary", "Ford Motor Co vice chairman"); it names another role when it holds a word the
word lists type as a person's role (`noun_types.tsv`) and none of the asked role's words,
where the question names the role itself (not "Who led the research?": "Lead researcher X").
A person with no title there may still hold the asked role, and one titled with both
("Chairman and Chief Executive") holds it, as does one given the asked role in apposition
before its own title ("China's U.N. Representative, Ambassador Li Luye"). Nor does a name
tagged a person that holds a kind of organisation ("Components Group":
`organisation_as_person`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from news_rag.index.language.entities import Entity
from news_rag.rag.answer.qualifiers import names_word
from news_rag.rag.answer.role_qualifiers import TITLE_CHARS, TITLE_STRIP
from news_rag.rag.answer.titles import asks_role
from news_rag.rag.question.intent import Intent

_CLAUSE_BREAK = re.compile(r"[,;:()]|\.\s")
# Lower-case words inside a title: "Ford Motor Co vice chairman", "the acting president".
_TITLE_WORDS = frozenset({"of", "the", "and", "vice", "deputy", "acting", "former", "senior"})
# How many words before a comma an apposed title's role word may stand ("China's U.N.
# Representative, Ambassador Li Luye": one; set by reading wire lists of titled people).
_APPOSED_WORDS = 3


def _title_run(entity: Entity, text: str) -> list[str]:
    """The words titling a person right before the name, casefolded, back to a clause break
    or the first lower-case word that is no title word."""
    before = _CLAUSE_BREAK.split(text[max(0, entity.start - TITLE_CHARS) : entity.start])[-1]
    run: list[str] = []
    for word in reversed(before.split()):
        bare = word.strip(TITLE_STRIP)
        if not bare or not (bare[:1].isupper() or bare.casefold() in _TITLE_WORDS):
            break
        run.append(bare.casefold())
    return run[::-1]


def titled_other_role(entity: Entity, intent: Intent, text: str) -> bool:
    """Whether a person is titled right before the name with a role and not the asked one."""
    from news_rag.rag.question.reading import noun_labels_of

    if entity.label != "PERSON" or not asks_role(intent):
        return False
    target = (intent.target or "").casefold()
    if not names_word(intent.question, target):
        return False  # "Who led the research?" asks who did it ("Lead researcher X")
    run = _title_run(entity, text)
    parts = {target, *target.split("-")}
    apposed = _apposed_title(entity, text, run) if run else []
    if any(w in parts or w.removesuffix("s") in parts for w in run + apposed):
        return False
    return any(noun_labels_of(w)[:1] == ("PERSON",) for w in run)


def _apposed_title(entity: Entity, text: str, run: list[str]) -> list[str]:
    """The last words of the phrase before a comma right before the person's own title
    run (`run`), casefolded: a role the person holds in apposition ("representative" in
    "were China's U.N. Representative, Ambassador Li Luye")."""
    head = text[max(0, entity.start - TITLE_CHARS) : entity.start].rstrip()
    for _word in run:
        head = head.rsplit(None, 1)[0].rstrip() if head.split() else ""
    if not head.endswith(","):
        return []
    phrase = _CLAUSE_BREAK.split(head[:-1])[-1]
    return [w.strip(TITLE_STRIP).casefold() for w in phrase.split()[-_APPOSED_WORDS:]]


def organisation_as_person(entity: Entity, intent: Intent) -> bool:
    """Whether a name tagged a person holds a word no person's name has: a kind of
    organisation or a legal form ("Components Group" in "has been named executive vice
    president-Components Group", "Harwick Bank"), where the question asks who holds a role."""
    from news_rag.index.language.wordlists import ORGANISATION_WORDS, words

    if entity.label != "PERSON" or not asks_role(intent):
        return False
    kinds = words(ORGANISATION_WORDS)
    return any(w.strip(TITLE_STRIP).casefold() in kinds for w in entity.text.split())


def describes_next(entity: Entity, entities: Sequence[Entity], text: str) -> bool:
    """Whether a name NER tagged is the description of the name right after it, ending in a
    common noun ("U.S. Oil company" in "operated by U.S. Oil company Texas Pacific Oil Co
    Inc"): the name after it is the one meant."""
    last = entity.text.split()[-1] if entity.text.split() else ""
    if not last.isalpha() or not last.islower():
        return False
    return any(
        e.label == entity.label and e.start > entity.end and not text[entity.end : e.start].strip()
        for e in entities
    )
