"""Whether a name is one the question already names: as written ("WOR-TV" for "WOR TV"),
all of its words but one for a long name, another form of one of the question's names
("Noranda" for "Noranda Inc"), or its acronym ("SAA", "HBJ"). A name the question names is
no answer to it.
"""

from __future__ import annotations

from functools import lru_cache

from news_rag.index.language.entities import NAME_LABELS, Entity
from news_rag.index.language.wordlists import LEGAL_FORMS, words
from news_rag.rag.answer.names import name_words
from news_rag.rag.question.intent import Intent

# A name this long still is the question's name with one word more or less (a company's
# "Inc", a middle name); a shorter one must appear whole. Set by hand: with two words, one
# shared word ("Bank of England", "Bank of Japan") names two different things.
LONG_NAME_WORDS = 3
# An acronym has at least this many letters ("US" and "UN" too; a single capital is not one).
MIN_ACRONYM = 2


def normal(text: str) -> str:
    """Case-folded, with single spaces."""
    return " ".join(text.casefold().split())


def _unhyphenated(text: str) -> str:
    """`normal`, with hyphens read as spaces."""
    return normal(text.replace("-", " "))


def _words(text: str) -> list[str]:
    """The words of a name, case-folded, without punctuation, initials and stopwords (the
    lexical index's list): "Bank of England" -> bank, england."""
    from bm25s.stopwords import STOPWORDS_EN

    return [w for w in "".join(c if c.isalnum() else " " for c in text.casefold()).split()
            if len(w) > 1 and w not in STOPWORDS_EN]  # fmt: skip


def named_in_question(name: str, question: str) -> bool:
    """Whether the question already names `name`: its whole text, or, for a name of at least
    `LONG_NAME_WORDS` words, all of its words but one ("Daltex Medical Sciences Inc" for a
    question about "Daltex Medical Sciences"; "Bank of England" is not "Bank of Japan")."""
    if _unhyphenated(name) in _unhyphenated(question):  # "WOR-TV" is "WOR TV"
        return True
    words = _words(name)
    if len(words) < LONG_NAME_WORDS:
        return False
    asked = _question_words(question)
    return sum(w not in asked for w in words) <= 1


@lru_cache(maxsize=64)
def _question_words(question: str) -> frozenset[str]:
    """`_words` of a question, once per question (every candidate's names are checked)."""
    return frozenset(_words(question))


def _same_name(name: str, other: str) -> bool:
    """Two names of one thing: the words of one all among the other's ("Noranda" and
    "Noranda Inc"), never two names sharing a word ("Bank of Japan", "Bank of England")."""
    a, b = set(name_words(name)), set(name_words(other))
    return bool(a) and bool(b) and (a <= b or b <= a)


def initials(name: str) -> str:
    """The acronym a name's capitalised words make: "the Syrian Arab Army" -> "SAA"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _acronym_asked(name: str, question: str) -> bool:
    """Whether the question writes the name as its acronym ("SAA" for the Syrian Arab Army)."""
    short = initials(name)
    return len(short) >= MIN_ACRONYM and short in question.replace("'s", " ").split()


def _acronym_of(acronym: str, name: str) -> bool:
    """Whether a capitalised acronym ("HBJ", "GM") is the name's, with or without its legal
    form ("Harcourt Brace Jovanovich Inc", "General Motors Corp"): the ticker or short form
    a story puts after a name the question asks about is no answer to it."""
    if len(acronym) < MIN_ACRONYM or not acronym.isalpha() or not acronym.isupper():
        return False
    forms = words(LEGAL_FORMS)
    plain = " ".join(w for w in name.split() if w.casefold().rstrip(".") not in forms)
    return acronym in (initials(name), initials(plain))


def in_question(entity: Entity, intent: Intent) -> bool:
    """Whether the question already names the entity: its text is in the question, or, for
    a name, it names one of the question's names (or the claimant) another way, or the
    question writes it as its acronym."""
    if named_in_question(entity.text, intent.question):
        return True
    if entity.label in NAME_LABELS:
        if _acronym_asked(entity.text, intent.question):
            return True
        # a nationality ("Syrian") is part of many names, not their name ("the Syrian Air
        # Force Intelligence Directorate" for "Which Syrian agency ...?")
        names = [e.text for e in intent.topic_entities if e.label != "NORP"]
        if intent.claimant is not None:
            names.append(intent.claimant.text)
        return any(
            _same_name(entity.text, name) or _acronym_of(entity.text, name) for name in names
        )
    return False
