"""Which person holds the role a "who" question asks for, by the title before the name. A
person whose title names the question's own owner of the role comes first
(`titled_by_argument`: "West German Finance Minister Gerhard Stoltenberg" before "French
Finance Minister Edouard Balladur" in one sentence, for "Who is the West German finance
minister?"). Of people titled with the role, the one titled with more of the question's
words fits it best (`title_fit`), and one titled for another owner than the question's
(`other_owner`: "Redcastle manager" for "Who is Port Linden's manager?") fits it not at all.
A name NER took for an organisation, in apposition to the asked role, is a person
(`person_in_apposition`). A title qualified otherwise than the question's role ("Finance
Minister" for "energy minister", "vice chairman" for "chairman") is `role_qualifiers`'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.rag.answer.names import ORGANISATION_PARTS, person_name_word
from news_rag.rag.answer.role_qualifiers import (
    QUALIFIER_LETTERS,
    TITLE_BREAK,
    TITLE_CHARS,
    TITLE_STRIP,
    apposition,
    asked_qualifiers,
)
from news_rag.rag.answer.role_qualifiers import title_words as _words
from news_rag.rag.question.intent import WHO, Intent
from news_rag.rag.question.slots import MODIFIER_ROLES

_CLAUSE_BREAK = re.compile(r"[,;:.()]")


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


def asks_role(intent: Intent) -> bool:
    """Whether the question asks who holds a person's role ("Who is the county fire
    chief?", "Who is Kuwait's finance minister?")."""
    return (
        intent.kind == WHO and intent.target is not None and not intent.asks_claimant
        and intent.expected_types[:1] == ("PERSON",)
    )  # fmt: skip


# A capitalised word in brackets between two capitalised words: part of a company's name
# ("Goldman Sachs (Japan) Corp"), not a break in the title as other brackets are.
_NAME_BRACKET = re.compile(r"(\b[A-Z][\w.&-]*) \(([A-Z][\w.]*)\) (?=[A-Z])")


def _title_text(entity: Entity, text: str, sentence_start: int, asked: set[str]) -> str:
    """The words titling a person in the article `text`: before the name back to a clause
    break ("U.S. Agriculture Secretary Richard Lyng"), or the phrase before a comma right
    before it ("the county fire chief, Ray Donovan"); and the apposition or bracket right
    after it ("Ray Donovan, the county fire chief,", "Nikonov (party secretary for
    agriculture)"), unless that is a clause or an age ("Jacobs, who ...", "Richter, fell
    to 41 seats", "Webb, 58,": `_opens_apposition`), and never past the sentence's end.
    Read within the sentence starting at `sentence_start`: a full stop inside it ends an
    abbreviation ("U.S. Agriculture Secretary"), not the title; and back only to the last
    lower-case word that is none of the question's words (`asked`, as `_keys`) nor a
    title's own ("said", "replaced": "Stanzel replaced Chairman Vance Miller"). A bracketed
    capitalised word inside a name is the name's ("Goldman Sachs (Japan) Corp president")."""
    low = max(sentence_start, entity.start - TITLE_CHARS)
    before = TITLE_BREAK.split(_NAME_BRACKET.sub(r"\1 \2 ", text[low : entity.start]))
    title = before[-1]
    if not title.strip() and len(before) > 1 and text.endswith(", ", 0, entity.start):
        title = before[-2]
    words = title.split()
    breaks = [
        i for i, w in enumerate(words)
        if w[:1].islower() and w not in _TITLE_LINKS and not _keys(w) <= asked
    ]  # fmt: skip
    title = " ".join(words[breaks[-1] + 1 :] if breaks else words)
    found = apposition(entity, text)
    if found is not None:
        mark, phrase = found
        phrase = _past_relative_be(phrase) if mark == "," else phrase
        first = phrase.split()[0] if phrase.split() else ""
        if mark == "(" or _opens_apposition(first, asked):
            title = f"{title} {phrase}"
    return title


# A relative clause saying what the person is, before the title it gives: "Watanabe, who
# is also chairman of Tokio Marine" (the relative pronoun, a form of "be", and adverbs of
# time or addition the title may follow).
_RELATIVE_PRONOUNS = frozenset({"who"})
_BE_FORMS = frozenset({"is", "was"})
_BEFORE_TITLE = frozenset({"also", "now", "currently", "still", "then"})


def _past_relative_be(phrase: str) -> str:
    """An apposition's phrase past the relative clause opening it ("chairman of Tokio
    Marine" for "who is also chairman of Tokio Marine"), or as it is."""
    words = phrase.split()
    if len(words) < 3 or words[0].casefold() not in _RELATIVE_PRONOUNS:
        return phrase
    if words[1].casefold() not in _BE_FORMS:
        return phrase
    rest = words[2:]
    while rest and rest[0].casefold() in _BEFORE_TITLE:
        rest = rest[1:]
    return " ".join(rest)


def _opens_apposition(word: str, asked: set[str]) -> bool:
    """Whether a word after a name and a comma opens a title in apposition ("the county fire
    chief", "Chrysler Corp vice chairman", "chief economist at ..."), not a clause ("fell
    to 41 seats", "who sold ...") nor an age ("58")."""
    if not word or word[0].isdigit():
        return False
    low = word.casefold()
    return (
        word[0].isupper() or low in _DETERMINERS or low in _TITLE_LINKS
        or (bool(_keys(low)) and _keys(low) <= asked)
    )  # fmt: skip


# Words opening a title in apposition: "Ray Donovan, the county fire chief".
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our"})


def title_fit(
    entity: Entity,
    intent: Intent,
    text: str,
    sentence_start: int,
    described: Sequence[Entity] = (),
) -> int:
    """How many of a role question's words title the person `entity` in the article `text`
    (`_title_text`, in the sentence starting at `sentence_start`; words compared on their
    first `QUALIFIER_LETTERS` letters, a possessive as its name): 3 for "the county fire
    chief, Ray Donovan" against 2 for "Fire chief Maria Delgado", asked "Who is the county
    fire chief?". -1 when the title names another owner of the role than the question's
    (`other_owner`: "Redcastle manager Fiona Blake" for "Who is Port Linden's
    manager?"; "its leader Maja Horvat" where the sentence's "its" is the Green Alliance:
    `described`, the sentence's `SentenceAnalysis.described`). 0 for any other question."""
    read = _read_title(entity, intent, text, sentence_start, described)
    if read is None:
        return 0
    asked, title = read
    if _other_owner(title, intent, asked):
        return -1
    return len(asked & _keys(title))


def titled_as_asked(entity: Entity, intent: Intent, text: str, sentence_start: int) -> bool:
    """Whether a role question's person is titled with the asked role's own word ("union
    secretary-general Tomasz Wren" for "Who is the secretary-general of the union?"), for
    no other owner."""
    role = _keys(intent.target or "")
    read = _read_title(entity, intent, text, sentence_start) if role else None
    if read is None:
        return False
    asked, title = read  # the role's keys among `asked`: `title_fit` > 0 when it holds it
    return role <= _keys(title) and not _other_owner(title, intent, asked)


def other_owner(
    entity: Entity,
    intent: Intent,
    text: str,
    sentence_start: int,
    described: Sequence[Entity] = (),
) -> str:
    """The words of a person's title naming another owner of the asked role than the
    question's ("Harbourside" in "Harbourside coach Maria Lopez" for "Who is Kingsbridge's
    coach?"; "Green Alliance" for "its leader" read as the Green Alliance's: `described`),
    or "" (`_other_owner`)."""
    read = _read_title(entity, intent, text, sentence_start, described)
    return "" if read is None else _other_owner(read[1], intent, read[0])


def _read_title(
    entity: Entity,
    intent: Intent,
    text: str,
    sentence_start: int,
    described: Sequence[Entity] = (),
) -> tuple[set[str], str] | None:
    """(the question's keys, the words titling the person: `_title_text`, with the
    organisation a possessive pronoun in it stands for: `_owned_by_pronoun`), or None when
    `entity` is no role question's person (`_person`)."""
    if not _person(entity, intent):
        return None
    asked = _asked_keys(intent)
    title = _owned_by_pronoun(_title_text(entity, text, sentence_start, asked), described)
    return asked, title


# Possessive pronouns a title may open with ("its leader Maja Horvat"): the organisation the
# analysis read them as owns the title (`SentenceAnalysis.described`).
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})


def named_pronoun_owners(info: SentenceAnalysis | None) -> tuple[Entity, ...]:
    """The organisations the analysis read the sentence's pronouns and descriptions as
    (`SentenceAnalysis.described`), those its own sentence names only ("The Green Alliance
    took 22 seats, and its leader ..."): one named sentences before is less often right
    ("its ruler" read as the previous sentence's Supreme Council, not Sharjah's family)."""
    if info is None:
        return ()
    named = {e.text for e in info.entities}
    return tuple(d for d in info.described if d.text in named)


def _owned_by_pronoun(title: str, described: Sequence[Entity]) -> str:
    """The title with the organisation its possessive pronoun stands for after it ("its
    leader" -> "its leader Green Alliance"), when the analysis read the pronoun as one whose
    noun is a word of the title; else as it is."""
    words = title.split()
    if not POSSESSIVE_PRONOUNS & {w.casefold() for w in words}:
        return title
    nouns = {w.casefold().strip(TITLE_STRIP) for w in words}
    owners = [e.text for e in described if e.role == "poss" and e.heads[:1] and e.heads[0] in nouns]
    return f"{title} {owners[0]}" if owners else title


def _asked_keys(intent: Intent) -> set[str]:
    """The question's words and its asked role ("leader" for "Who leads the Greens?"), as
    `_keys`."""
    return _keys(intent.question) | _keys(intent.target or "")


@cache
def _organisation_keys() -> frozenset[str]:
    """`_keys` of the words naming a kind of organisation or a legal form ("Bank", "Corp")."""
    from news_rag.index.language.wordlists import ORGANISATION_WORDS, words

    return frozenset(_keys(" ".join(words(ORGANISATION_WORDS))))


@cache
def _part_keys() -> frozenset[str]:
    """`_keys` of the words naming a part of an organisation ("Department", "Division")."""
    from news_rag.index.language.wordlists import words

    return frozenset(_keys(" ".join(words(ORGANISATION_PARTS))))


def _keys(words: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list, no model

    bare = (w.removesuffix("'s").removesuffix("’s") for w in _words(words))
    return {w[:QUALIFIER_LETTERS] for w in bare if w and w not in STOP_WORDS}


def _other_owner(title: str, intent: Intent, asked: set[str]) -> str:
    """The capitalised words of a person's title naming an owner of the role where the
    question names another: words the question lacks (no honorific: "Sheikh"), when none
    is one of the question's own capitalised words ("Redcastle" in "Redcastle manager" for
    "Who is Port Linden's manager?"; "" for "Ford Motor Co Chairman" asked "Who is Ford's
    chairman?"); "" when the question names no owner, or names the role and the title
    another ("a member of the Popular Democratic Movement" for "Who was named president of
    the copper workers' union?"; a role read from a verb, "Who leads ...?", is no word of
    a title to look for)."""
    role = _keys(intent.target or "")
    in_question = " ".join(w for w in intent.question.split()[1:] if w[:1].isupper())
    # the role's words written title case are no owner's ("France's Research Minister")
    owners = _keys(in_question) - role - _keys(" ".join(asked_qualifiers(intent)))
    if not owners:
        return ""  # "Who is the county fire chief?": no owner asked
    if role <= _keys(intent.question) and not role <= _keys(title):
        return ""  # another role ("a member of the Popular Democratic Movement"): no owner
    capitalised = [
        w.strip(TITLE_STRIP) for w in title.split()
        if w[:1].isupper() and w.strip(".").casefold() not in HONORIFICS
    ]  # fmt: skip
    named = _keys(" ".join(capitalised))
    # a kind of organisation ("Bank") is no owner's own word: "Chairman of Abu Dhabi
    # Commercial Bank" is another owner than "the National Bank of Dubai"
    if not named - asked or (named & owners) - _organisation_keys():
        return ""
    if named & _part_keys():  # "the Mergers and Acquisitions Department": whose, unsaid
        return ""
    return " ".join(w for w in capitalised if not _keys(w) <= asked)


# Words before a name that honour, not title, a person: "Sheikh Sultan", "Mr. Nikonov".
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "sheikh", "prince", "princess",
    "king", "queen", "rev", "gen", "col", "maj", "capt", "lt", "sen", "rep", "gov", "prof",
    "ayatollah", "hojatoleslam", "emir", "sultan",
})  # fmt: skip


# Lower-case words inside a title: "Minister of State for Foreign Affairs", "Chrysler Corp
# vice chairman", "acting chairman".
_TITLE_LINKS = frozenset({
    "of", "the", "for", "and", "de", "vice", "deputy", "acting", "former", "senior",
    "executive", "chief", "managing", "assistant", "general", "interim",
})  # fmt: skip


def _person(entity: Entity, intent: Intent) -> bool:
    """A role question's person: a PERSON, or a name NER took for an organisation in
    apposition to the role (`person_in_apposition`)."""
    if not asks_role(intent):
        return False
    return entity.label == "PERSON" or person_in_apposition(entity, intent)


def person_in_apposition(entity: Entity, intent: Intent) -> bool:
    """A name NER took for an organisation in apposition to the role a question asks who
    holds: "the secretary-general of the opposition Bangladesh Nationalist Party, K.M.
    Obaidur Rahman," (tagged an ORG) for "Who is the secretary-general of ...?"; a person's
    role names a person."""
    return (
        entity.label == "ORG" and entity.role == "appos" and asks_role(intent)
        and entity.heads[:1] == (intent.target,) and _reads_as_person(entity.text)
    )  # fmt: skip


def _reads_as_person(name: str) -> bool:
    """Whether a name reads as a person's: two words or more, each capitalised, none an
    acronym ("LDP") nor a kind of organisation ("Party", "Corp")."""
    parts = [w.strip(TITLE_STRIP) for w in name.split()]
    return len(parts) >= 2 and all(person_name_word(w) for w in parts)
