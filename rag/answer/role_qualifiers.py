"""The words the question puts before the role it asks for ("energy" in "Who is Brazil's
energy minister?", "British" in "... Eurotunnel's British co-chairman?"), and whether a
person's title puts another one there: "Finance Minister Luiz Carlos Bresser Pereira" is no
answer to "Who is Brazil's energy minister?", though his title's head word is the one asked
for; nor a "vice chairman" to "Who is X's chairman?" (`RANKS`). Read in the words of the
sentence right before the name (and the name's own title words). A question with no
qualifier ("Who is the minister?") takes any rank's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from news_rag.index.language.entities import Entity
from news_rag.rag.question.intent import WHO, Intent

# Words before a role that make it another one, below it or past: "vice chairman",
# "deputy governor", "former president" answer no "Who is X's chairman?" (nor governor,
# president) unless the question says them too. Not "acting": who acts holds the role.
RANKS = frozenset({"vice", "deputy", "former", "assistant", "associate"})
# How many words before a name its title is read in: "Deputy Finance Minister Luiz ...".
TITLE_REACH = 4
# Characters before a name its title is read in, back to a comma or a sentence's end:
# "Ford Motor Co Chairman Donald Petersen"; and after it, its apposition (", a vice
# president of AmeriFirst Securities Corporation").
TITLE_CHARS = 60
# Characters after a name its apposition is read in, up to its comma: the organisation a
# title names in full runs longer than the words before a name ("president of the
# influential Japan Federation of Employers' Associations, (Nikkeiren)", 72; P37).
APPOSITION_CHARS = 100
# Qualifiers match on their first letters ("defence", "defense"; "foreign", "Foreign").
QUALIFIER_LETTERS = 5
# Punctuation stripped from a title's words.
TITLE_STRIP = ".,;:?!'’\"()"
# The dash after a dateline's place ("WASHINGTON - "), which NER may take into a name.
DATELINE = re.compile(r"\s--?\s")
# A title runs up to the name, never across a comma ("The test, called Chik Chek") nor a
# dateline's dash ("HAVANA - Cuban president Fidel Castro").
TITLE_BREAK = re.compile(rf"[,;:()]|{DATELINE.pattern}")
# A full stop ending a sentence, not an abbreviation's ("Giuliani, U.S. Attorney in ...").
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z])[.!?]\s")


def apposition(entity: Entity, text: str) -> tuple[str, str] | None:
    """The mark opening the phrase right after a name in the article `text` ("," or "(")
    and the phrase, up to the next break and never past the sentence's end ("Ray Donovan,
    the county fire chief, said": (",", "the county fire chief")), with the bracketed
    short name closing it (`_BRACKETED_NAME`); None where none follows."""
    after = text[entity.end : entity.end + APPOSITION_CHARS]
    if not after.startswith((", ", " (")):
        return None
    phrase = _SENTENCE_END.split(TITLE_BREAK.split(after[2:])[0])[0]
    mark = after[:2].strip()
    if mark == ",":  # "Chairman of the Federation of Economic Organisations (Keidanren)"
        short = _BRACKETED_NAME.match(text, entity.end + 2 + len(phrase))
        phrase = f"{phrase.rstrip()} {short.group(1)}" if short else phrase
    return mark, phrase


# A name in brackets closing an apposition, after a comma or not: the short name of the
# organisation it titles by ("Chairman of the Federation of Economic Organisations
# (Keidanren)", "president of the Japan Federation of Employers' Associations,
# (Nikkeiren)"), up to four words.
_BRACKETED_NAME = re.compile(r"(?:, )?\(([A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3})\)")


def title_words(text: str) -> list[str]:
    return [w.strip(TITLE_STRIP).casefold() for w in text.split()]


def _before_role(intent: Intent) -> list[str]:
    """The question's words before the role it asks for, as written, back to a possessive
    ("Brazil's energy minister" has "energy", "Iran's air force commander" "air", "force",
    "Brazil's minister" none)."""
    target = (intent.target or "").casefold()
    raw = intent.question.split()
    words = title_words(intent.question)
    if not target or target not in words:
        return []
    before = raw[: words.index(target)]
    owned = [n for n, w in enumerate(before) if w.endswith(("'s", "’s", "s'"))]
    return [w.strip(TITLE_STRIP) for w in before[owned[-1] + 1 if owned else 0 :]]


def asked_qualifiers(intent: Intent) -> list[str]:
    """The words the question puts right before the role it asks for, casefolded ("air",
    "force" in "Who is Iran's air force commander?", "research" in "Britain's Research
    Minister"), back to a word of a name NER tags (a nationality or a name: "Which Iranian
    general ...?") or a word of no meaning."""
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list, no model

    found: list[str] = []
    for written in reversed(_before_role(intent)):
        word = written.casefold()
        if not word.isalpha() or word in STOP_WORDS:
            break
        if written[:1].isupper() and _named(written, intent):
            break
        found.insert(0, word)
    return found


def _named(written: str, intent: Intent) -> bool:
    """Whether a capitalised word of the question is part of a name NER tags in it ("British"
    in "Eurotunnel's British co-chairman", "Eurotunnel"): a nationality or an owner; one
    it tags nothing is a title's own word, written title case ("Research" in "Britain's
    Research Minister")."""
    return any(e.label and written in e.text.split() for e in intent.entities)


def asked_qualifier(intent: Intent) -> str | None:
    """The word the question puts right before the role it asks for ("energy" in "Who is
    Brazil's energy minister?"), or None (`asked_qualifiers`, the last of them)."""
    found = asked_qualifiers(intent)
    return found[-1] if found else None


def asked_nationality(intent: Intent) -> str | None:
    """The capitalised word the question puts right before the role it asks for ("british"
    in "Who is Eurotunnel's British co-chairman?"), casefolded, or None: a nationality or a
    name, which the story may say otherwise ("Britain's"), so only another nationality in
    its place contradicts it (`titled_otherwise`). Not an acronym ("the UK ambassador":
    "British" may stand for it)."""
    before = _before_role(intent)
    word = before[-1] if before else ""
    if not word.isalpha() or not word[:1].isupper() or word.isupper():
        return None
    return word.casefold() if _named(word, intent) else None


def titled_otherwise(
    entity: Entity,
    intent: Intent,
    text: str,
    sentence_start: int,
    entities: Sequence[Entity] = (),
) -> bool:
    """Whether a person's title is the role asked for with another qualifier before it
    (read in the sentence starting at `sentence_start` of the article `text`): another word
    where the question has a common one ("Finance Minister" for "energy minister"), or
    another nationality, tagged so among the sentence's `entities`, where the question has
    a capitalised word ("French co-chairman Andre Benard" for "Eurotunnel's British
    co-chairman")."""
    if entity.label != "PERSON" or intent.kind != WHO or intent.asks_claimant:
        return False
    found = _word_before_role(entity, intent, text, sentence_start)
    if found is None:
        return False
    if found in RANKS and found not in title_words(intent.question):
        return True  # "Pan Am vice chairman Martin R. Shugrue" for "Who is Pan Am's chairman?"
    return _qualified_otherwise(found, entity, intent, entities)


def _word_before_role(entity: Entity, intent: Intent, text: str, sentence_start: int) -> str | None:
    """The word right before the asked role in the person's title before the name, or the
    rank right before it in the apposition after the name, casefolded, or None."""
    target = (intent.target or "").casefold()
    # the title runs up to the name, never across a comma ("The test, called Chik Chek")
    before = TITLE_BREAK.split(text[sentence_start : entity.start])[-1].split()[-TITLE_REACH:]
    words = title_words(" ".join(before)) + title_words(entity.text)
    places = [i for i, w in enumerate(words) if w == target and i > 0]
    if places:
        return words[places[-1] - 1]
    # or a rank in the apposition after the name: "Marshall Moore, a vice president of
    # AmeriFirst" (not "former" nor its other words: "X, former economic planning minister,
    # replaces as foreign minister Y" gives the role he leaves)
    found = apposition(entity, text)
    if found is None or found[0] != ",":
        return None
    words = title_words(found[1])
    places = [i for i, w in enumerate(words) if w == target]
    rank = words[places[0] - 1] if places and places[0] > 0 else None
    return rank if rank in RANKS - {"former"} else None


def _qualified_otherwise(
    found: str, entity: Entity, intent: Intent, entities: Sequence[Entity]
) -> bool:
    """Whether the word before the role (`found`) is another qualifier than the question's
    (see `titled_otherwise`)."""
    wanted = asked_qualifier(intent)
    nationality = None if wanted is not None else asked_nationality(intent)
    if wanted is None and nationality is None:
        return False
    wanted = wanted or nationality or ""
    if not found.isalpha() or found[:QUALIFIER_LETTERS] == wanted[:QUALIFIER_LETTERS]:
        return False
    if nationality is not None and not any(
        e.label == "NORP" and e.text.casefold() == found and e.end <= entity.start for e in entities
    ):
        return False  # "Eurotunnel co-chairman": a name, not another nationality
    asked = {w[:QUALIFIER_LETTERS] for w in title_words(intent.question)}
    return found[:QUALIFIER_LETTERS] not in asked
