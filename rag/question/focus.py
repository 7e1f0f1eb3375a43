"""The content of a question: its focus terms and its named entities.

Focus terms are the lemmas of its nouns, proper nouns, verbs and numbers, and every word of
a named entity, in question order; question words, stopwords and the words that only mark
the kind of question ("say" in "What did X say?", "published" in a metadata question) are
left out. Words joined by hyphens ("al-Bukamal", "Tu-22M3") are one term.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from news_rag.index.language.entities import Entity
from news_rag.rag.question import words

if TYPE_CHECKING:
    from spacy.tokens import Token

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM"})
_HYPHENS = frozenset({"-", "‐", "–"})


# The label of a name the parse finds and NER does not ("CRS Sirrine", "Alleghany", "SDI"):
# a participant of the question of no known kind (never a rival's kind: `alignment`).
UNTYPED_NAME = "NAME"
_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’"})


def entities(doc: Any) -> tuple[Entity, ...]:
    """NER's entities, then the names it missed (`untyped_names`), in question order."""
    found = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
    found += untyped_names(doc)
    return tuple(sorted(found, key=lambda e: e.start))


def untyped_names(doc: Any) -> list[Entity]:
    """Runs of capitalised proper nouns outside NER's entities and outside quotation marks
    (a quoted title's words), less the words that name a role ("Minister", "Secretary":
    `data/noun_types.tsv`), as `UNTYPED_NAME` entities. spaCy's small model leaves out many
    companies and acronyms that its tagger still calls proper nouns."""
    roles = words.table(words.NOUN_TYPES)
    quoted = False
    runs: list[list[Token]] = []
    for token in doc:
        if token.text in _QUOTES and not (token.text in "'’" and token.i > 0
                                          and token.tag_ == "POS"):  # fmt: skip
            quoted = not quoted
        name = (
            not quoted and token.pos_ == "PROPN" and not token.ent_type_
            and token.text[:1].isupper() and token.lemma_.lower() not in roles
        )  # fmt: skip
        if name and runs and runs[-1][-1].i == token.i - 1:
            runs[-1].append(token)
        elif name:
            runs.append([token])
    return [
        Entity(doc[r[0].i : r[-1].i + 1].text, UNTYPED_NAME, r[0].idx, r[-1].idx + len(r[-1]))
        for r in runs
        if not _before_person(r[-1], roles)
    ]


def _before_person(last: Token, roles: Collection[str]) -> bool:
    """A run right before a role word or a person's name is a title ("Foreign" in "Foreign
    Minister Tadashi Kuranari", "Sir James Goldsmith"), not a name."""
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return following is not None and (
        following.ent_type_ == "PERSON" or following.lemma_.lower() in roles
    )


def _words(doc: Any) -> list[list[Token]]:
    """Tokens grouped into words: "al", "-", "Bukamal" -> one word."""
    grouped: list[list[Token]] = []
    joined = False
    for token in doc:
        hyphen = token.text in _HYPHENS and grouped and not grouped[-1][-1].whitespace_
        if grouped and (joined or hyphen):
            grouped[-1].append(token)
        else:
            grouped.append([token])
        joined = token.text in _HYPHENS and not token.whitespace_ and len(grouped[-1]) > 1
    return grouped


def _term(word: list[Token]) -> str:
    if len(word) > 1:
        return "".join(t.text for t in word)
    token = word[0]
    if token.pos_ == "PROPN" or token.ent_type_:
        return str(token.text)
    return str(token.lemma_.lower())


def _is_content(word: list[Token], skip: Collection[int]) -> bool:
    if len(word) > 1:
        return True
    token = word[0]
    if token.i in skip or token.lower_ in words.words(words.QUESTION_WORDS):
        return False
    if token.is_punct or token.is_space or token.pos_ == "AUX":
        return False
    if token.ent_type_:
        return token.pos_ not in {"DET", "ADP", "CCONJ", "PART", "PUNCT"}
    return token.pos_ in _CONTENT_POS and not token.is_stop


def focus_terms(doc: Any, skip: Collection[int] = ()) -> tuple[str, ...]:
    """The question's content terms, without the token indices in `skip`."""
    terms = [_term(w) for w in _words(doc) if _is_content(w, skip)]
    return tuple(dict.fromkeys(terms))
