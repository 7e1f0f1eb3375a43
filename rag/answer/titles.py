"""A person titled with the role asked for, but qualified otherwise: "Finance Minister Luiz
Carlos Bresser Pereira" is no answer to "Who is Brazil's energy minister?", though his
title's head word is the one asked for. Read in the words of the sentence right before the
name (and the name's own title words), against the word the question puts before the role.
A question with no qualifier ("Who is the minister?") takes any. And a person whose title
names the question's own owner of the role comes first (`titled_by_argument`: "West German
Finance Minister Gerhard Stoltenberg" before "French Finance Minister Edouard Balladur" in
one sentence, for "Who is the West German finance minister?").
"""

from __future__ import annotations

import re

from news_rag.index.language.entities import Entity
from news_rag.rag.question.intent import WHO, Intent
from news_rag.rag.question.slots import MODIFIER_ROLES

# How many words before a name its title is read in: "Deputy Finance Minister Luiz ...".
TITLE_REACH = 4
# Qualifiers match on their first letters ("defence", "defense"; "foreign", "Foreign").
QUALIFIER_LETTERS = 5
_STRIP = ".,;:?!'’\"()"
# Characters before a name its title is read in, back to a comma or a sentence's end:
# "Ford Motor Co Chairman Donald Petersen".
TITLE_CHARS = 60
_CLAUSE_BREAK = re.compile(r"[,;:.()]")


def _words(text: str) -> list[str]:
    return [w.strip(_STRIP).casefold() for w in text.split()]


def asked_qualifier(intent: Intent) -> str | None:
    """The word the question puts right before the role it asks for ("energy" in "Who is
    Brazil's energy minister?"), or None: none, a possessive, a capitalised word (a
    nationality or a name: "Which Iranian general ...?") or a word of no meaning."""
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list, no model

    target = (intent.target or "").casefold()
    raw = intent.question.split()
    words = _words(intent.question)
    if not target or target not in words:
        return None
    at = words.index(target)
    if at == 0 or raw[at - 1].endswith(("'s", "’s", "s'")):
        return None
    word = words[at - 1]
    if raw[at - 1][:1].isupper():  # "Iranian general": a nationality or name, no qualifier
        return None
    return word if word.isalpha() and word not in STOP_WORDS else None


def titled_otherwise(entity: Entity, intent: Intent, text: str, sentence_start: int) -> bool:
    """Whether a person's title is the role asked for with another qualifier before it
    (read in the sentence starting at `sentence_start` of the article `text`)."""
    if entity.label != "PERSON" or intent.kind != WHO or intent.asks_claimant:
        return False
    wanted = asked_qualifier(intent)
    target = (intent.target or "").casefold()
    if wanted is None:
        return False
    before = text[sentence_start : entity.start].split()[-TITLE_REACH:]
    words = _words(" ".join(before)) + _words(entity.text)
    places = [i for i, w in enumerate(words) if w == target and i > 0]
    if not places:
        return False
    found = words[places[-1] - 1]
    if not found.isalpha() or found[:QUALIFIER_LETTERS] == wanted[:QUALIFIER_LETTERS]:
        return False
    asked = {w[:QUALIFIER_LETTERS] for w in _words(intent.question)}
    return found[:QUALIFIER_LETTERS] not in asked


def titled_by_argument(entity: Entity, intent: Intent, text: str) -> bool:
    """Whether a person's title, right before the name in the article `text`, holds the
    role asked for and the question's own name for whose it is ("West German Finance
    Minister Gerhard Stoltenberg" for "Who is the West German finance minister?"; "Ford
    Motor Co Chairman Donald Petersen" for "Who is Ford's chairman?")."""
    target = (intent.target or "").casefold()
    if entity.label != "PERSON" or intent.kind != WHO or intent.asks_claimant or not target:
        return False
    owners = [
        a for a in intent.slots.arguments
        if a.role in MODIFIER_ROLES and a.heads[:1] == (intent.target,)
    ]  # fmt: skip
    if not owners:
        return False
    title = _CLAUSE_BREAK.split(text[max(0, entity.start - TITLE_CHARS) : entity.start])[-1]
    words = {w.removesuffix("'s").removesuffix("’s") for w in _words(title)}
    if not any(w.startswith(target) for w in words):
        return False
    return any(
        all(
            w in words for w in _words(owner.text.replace("’s", "").replace("'s", "")) if w != "the"
        )
        for owner in owners
    )
