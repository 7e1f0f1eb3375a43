"""Questions about an article itself: who wrote it, when or where it was published.

A question is about metadata when a publish verb ("write", "publish", "run") has the article
as its subject or object ("the article", "the story", a quoted title), or asks which outlet
published something ("Which website published ...?"), or names a metadata noun ("Who is the
author of ...?", "the publication date of ..."). A named publisher or writer in it becomes a
filter ("When did Global Research publish ...?" -> outlet Global Research).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from news_rag.rag.question import words
from news_rag.rag.question.spans import phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
_SUBJECT_DEPS = frozenset({"nsubj"})
_BORROWING_DEPS = frozenset({"advcl", "xcomp", "conj"})
# Verbs for which "When was X published?" is a metadata question even when X is not called an
# article ("When was 'ISIS Defeated?' published?"): publishing, not writing or running.
_PASSIVE_PUBLISH = frozenset({"publish", "post", "repost", "re-post"})
_FIELD_TYPES = {
    "author": ("PERSON",),
    "published": ("DATE",),
    "outlet": ("ORG",),
    "original_source": ("ORG", "DATE"),
}


@dataclass(frozen=True)
class MetadataQuestion:
    field: str  # author, published, outlet or original_source
    expected_types: tuple[str, ...]
    outlet: str | None = None  # a publisher the question names
    author: str | None = None  # a writer the question names
    cue: frozenset[int] = frozenset()  # token indices that only say "metadata" (not focus)


def _phrase(token: Token) -> str:
    return phrase(token)[0]


def _is_wh(token: Token) -> bool:
    return token.lower_ in words.words(words.QUESTION_WORDS) or any(
        c.dep_ == "det" and c.lower_ in words.words(words.QUESTION_WORDS) for c in token.children
    )


def _is_document(token: Token, title: tuple[int, int] | None) -> bool:
    if title is not None and title[0] <= token.idx < title[1]:
        return True
    if token.lemma_.lower() not in words.words(words.DOCUMENT_NOUNS):
        return False
    # "its report", "their video": a document the subject made, not the article itself.
    return not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)


def _metadata_noun(token: Token) -> str | None:
    found = words.table(words.METADATA_NOUNS).get(token.lemma_.lower())
    return found[0] if found else None


def _named(doc: Any, documents: list[Token], subject: Token | None, verb: Token) -> dict[str, str]:
    """Publisher or writer named in the question: the verb's subject, a document's owner."""
    named: dict[str, str] = {}
    writes = verb.lemma_.lower() in words.words(words.AUTHOR_VERBS)
    if subject is not None and not _is_wh(subject) and subject.pos_ == "PROPN":
        named["author" if writes else "outlet"] = _phrase(subject)
    for document in documents:
        for child in document.children:
            if child.dep_ in {"poss", "compound"} and child.pos_ == "PROPN":
                label = child.ent_type_
                named.setdefault("author" if label == "PERSON" else "outlet", _phrase(child))
    return named


def _field(wh: Token | None, verb: Token, subject: Token | None) -> str | None:
    origin = words.words(words.ORIGIN_WORDS)
    if any(c.lemma_.lower() in origin or c.lower_ in origin for c in verb.children):
        return "original_source"
    word = wh.lower_ if wh is not None else ""
    asks_date = word == "when" or (
        wh is not None and wh.head.lemma_.lower() in {"date", "day", "year"}
    )
    if asks_date:
        return "published"
    if subject is not None and _metadata_noun(subject) == "outlet":
        return "outlet"
    if word in {"who", "whom"}:
        return "author" if verb.lemma_.lower() in words.words(words.AUTHOR_VERBS) else "outlet"
    if word in {"where", "which", "what"}:
        return "outlet"
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject or passive agent; a verb hanging off another ("re-post", "to
    publish") borrows that one's subject."""
    while True:
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if verb.dep_ not in _BORROWING_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head


def _from_verb(
    doc: Any, wh: Token | None, verb: Token, title: tuple[int, int] | None
) -> MetadataQuestion | None:
    subject = _subject(verb)
    # The article is the verb's subject or object; the small model often attaches a late
    # "published" elsewhere ("When was the article about X published on Y?"), so an article
    # noun anywhere in the question counts too.
    arguments = [c for c in verb.children if c.dep_ in _ARGUMENT_DEPS]
    documents = [a for a in arguments if _is_document(a, title)] or [
        t for t in doc if _is_document(t, title) and t.pos_ == "NOUN"
    ]
    passive = verb.tag_ == "VBN" or any(c.dep_ == "nsubjpass" for c in verb.children)
    asks_outlet = (
        subject is not None and _is_wh(subject) and _metadata_noun(subject) == "outlet"
        and _objects_may_be_the_article(verb, title)
    )  # fmt: skip
    publishes = (
        passive and verb.lemma_.lower() in _PASSIVE_PUBLISH and _may_be_the_article(verb, title)
    )
    if not (documents or asks_outlet or publishes):
        return None
    field = _field(wh, verb, subject)
    if field is None:
        return None
    named = _named(doc, documents, subject, verb)
    cue = {verb.i, *(d.i for d in documents if title is None or d.idx < title[0])}
    if subject is not None and _metadata_noun(subject):
        cue.add(subject.i)
    return MetadataQuestion(
        field, _FIELD_TYPES[field], named.get("outlet"), named.get("author"), frozenset(cue)
    )


def _may_be_the_article(verb: Token, title: tuple[int, int] | None) -> bool:
    """Whether what a passive "published" is said of may be the article: a title, an
    article noun, or nothing named ("When was it published?"); not "the findings" of "In
    which journal were the findings published?" (news, not metadata)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "acl":  # the small model's "the findings published"
        subjects.append(verb.head)
    return all(_may_be_it(s, title) for s in subjects)


def _objects_may_be_the_article(verb: Token, title: tuple[int, int] | None) -> bool:
    """Whether what the verb is said to publish may be the article (`_may_be_the_article`
    for its objects): not "the novel" of "Which publisher published the novel?" (a book
    the news is about, not the outlet that ran the story)."""
    return all(_may_be_it(o, title) for o in verb.children if o.dep_ == "dobj")


def _may_be_it(token: Token, title: tuple[int, int] | None) -> bool:
    """Whether a word may stand for the article: its title, an article noun, a pronoun, a
    name or a quotation."""
    return _is_document(token, title) or token.pos_ in {"PRON", "PROPN"} or token.is_quote


def _of_something_else(token: Token, title: tuple[int, int] | None) -> bool:
    """ "the author of the study": a metadata noun of a thing the article reports on."""
    of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
    things = [g for p in of for g in p.children if g.dep_ == "pobj"]
    return any(not _is_document(t, title) and t.pos_ == "NOUN" for t in things)


def _from_noun(
    doc: Any, wh: Token | None, title: tuple[int, int] | None = None
) -> MetadataQuestion | None:
    """ "Who is the author of ...?", "What is the publication date of ...?"; not "Who is the
    lead author of the study?", about a thing the article reports on."""
    if wh is None:
        return None
    for token in doc:
        field = _metadata_noun(token)
        if field == "author" and _of_something_else(token, title):
            continue
        if field == "author" and wh.lower_ in {"who", "whom"}:
            return MetadataQuestion("author", _FIELD_TYPES["author"], cue=frozenset({token.i}))
        lemma = token.lemma_.lower()
        qualifiers = [c for c in token.subtree if c.lemma_.lower() == "publication"]
        if lemma == "date" and qualifiers:
            cue = frozenset({token.i, *(q.i for q in qualifiers)})
            return MetadataQuestion("published", _FIELD_TYPES["published"], cue=cue)
    return None


def metadata_question(
    doc: Any, wh: Token | None, title: tuple[int, int] | None
) -> MetadataQuestion | None:
    """What article metadata the question asks for, or None for a question about the news."""
    publish = words.words(words.PUBLISH_VERBS)
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_.lower() in publish:
            found = _from_verb(doc, wh, token, title)
            if found is not None:
                return found
    return _from_noun(doc, wh, title)


def quoted_title(doc: Any) -> tuple[int, int] | None:
    """Character span of the first quoted phrase (an article title), quotes excluded."""
    opening: Any = None
    for token in doc:
        if not token.is_quote:
            continue
        before = doc[token.i - 1].whitespace_ if token.i > 0 else " "
        if opening is None and before and token.whitespace_ == "":
            opening = token
        elif opening is not None and not before:
            return opening.idx + len(opening), token.idx
    return None
