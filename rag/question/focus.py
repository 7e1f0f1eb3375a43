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


def entities(doc: Any) -> tuple[Entity, ...]:
    return tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents)


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
