"""Names that call themselves by the asked noun: "the European Heart Journal" for "Which
journal published the study?", "Heathrow Airport" for "Which airport ...?".

Such a name is the asked thing itself, not something hanging from it, so the parse's
heads never tie it to the question's noun. A story names it once, often in a sentence
unlike the question ("..., the team reported in the European Heart Journal"), whose chunk
need not be retrieved: the best retrieved articles are read whole for it
(`articles_calling`), its type is learned from it when the word lists give the noun none
(`noun_types`), and it counts as hanging from the noun (`select.anchored`). Only for a
noun the word lists do not know (`asks_a_name`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from news_rag.index.language.entities import Entity
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.question_names import named_in_question
from news_rag.rag.answer.short_answer import NAME_LABELS, named_as_target
from news_rag.rag.question.intent import CLAIMS, METADATA, Intent
from news_rag.rag.question.reading import noun_labels_of

# How many of the best retrieved articles are read whole for such a name: the few a
# question's answer is likely in (set by hand; each is a table read, no parse).
CALLING_ARTICLES = 5


def calls_target(entity: Entity, intent: Intent) -> bool:
    """Whether a name, new to the question, calls itself by the question's asked noun, a
    noun the word lists do not know (`asks_a_name`)."""
    return (
        asks_a_name(intent) and entity.label in NAME_LABELS and named_as_target(entity, intent)
        and not named_in_question(entity.text, intent.question)
    )  # fmt: skip


def asks_a_name(intent: Intent) -> bool:
    """Whether the question asks "which N" for a noun N the word lists do not know: what it
    asks for is learned, and a name calling itself N is the surest answer. A listed noun
    has its type, and a name calling itself by it need not answer ("the Tiger Forces" for
    "Which forces took al-Bukamal?", the forces named in the story being Hezbollah's)."""
    if intent.target is None or intent.kind in (CLAIMS, METADATA) or intent.asks_claimant:
        return False
    return not noun_labels_of(intent.target)


def called_labels(intent: Intent, article_ids: Iterable[str], reader: IndexReader) -> Counter[str]:
    """The labels of the names calling themselves by the asked noun in the first
    `CALLING_ARTICLES` of `article_ids`, one count per mention."""
    labels: Counter[str] = Counter()
    for article_id in articles_calling(intent, article_ids, reader):
        for info in reader.sentence_analysis(article_id):
            labels.update(e.label for e in info.entities if calls_target(e, intent))
    return labels


def articles_calling(intent: Intent, article_ids: Iterable[str], reader: IndexReader) -> list[str]:
    """Of the first `CALLING_ARTICLES` distinct `article_ids`, those naming something by the
    asked noun; [] when the question asks for no name by a noun."""
    if not asks_a_name(intent):
        return []
    target = (intent.target or "").casefold()
    found: list[str] = []
    for article_id in list(dict.fromkeys(article_ids))[:CALLING_ARTICLES]:
        if target not in reader.article(article_id).text.casefold():
            continue  # cheap: no mention of the word at all
        rows = reader.sentence_analysis(article_id)
        if any(calls_target(e, intent) for info in rows for e in info.entities):
            found.append(article_id)
    return found
