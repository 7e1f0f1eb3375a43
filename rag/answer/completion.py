"""The sentences that complete an answer's best one: when it lacks the asked-for type and
its neighbour in the article has it ("Israel shelled the positions twice. The first took
place on November 18."), the neighbour is quoted too; for "who", so is the first of the
next sentences naming a person when the best one, a story's lead, names nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.amount_units import (
    COUNTED_NOUN_LETTERS,
    measure_for_money,
    other_dimension,
    vague_amount,
    wrong_tally,
)
from news_rag.rag.answer.evidence import VALUE_LABELS, Evidence
from news_rag.rag.answer.question_names import named_in_question
from news_rag.rag.answer.sentence_kinds import adds_expected
from news_rag.rag.answer.titles import person_in_apposition
from news_rag.rag.answer.untagged_speakers import entities as with_speaker
from news_rag.rag.question.intent import Intent

# At most this many following sentences complete a sentence ("The first ... The second ...").
NEIGHBOUR_SPAN = 2
# For "who", a sentence naming nobody is completed by one of this many following sentences
# that names a person (`_naming`): a story's lead and the one or two sentences after it.
# Measured with `rag eval` (lead, 2026-12-05): answers unchanged on the sample, reuters-dev
# and reuters-dev2; citation precision -0.003 / -0.005 on reuters-dev / dev2 (one more
# quote on two questions); the issue's "Which IMF official resigned charging U.S. pressure
# on loans?" names C. David Finch.
NAMING_REACH = 2


def adds_value(info: SentenceAnalysis | None, intent: Intent, text: str | None = None) -> bool:
    """Whether the sentence holds a value of the asked-for type, not a tally where none is
    asked nor a count where one is (`wrong_tally`); with its article's `text`, not a measure
    or a count of things where money is asked (`measure_for_money`)."""
    if info is None:
        return False
    entities = tuple(
        e for e in with_speaker(info, text)
        if not wrong_tally(e, intent) and not other_dimension(e, intent) and not vague_amount(e)
    )  # fmt: skip
    if text is not None:
        entities = tuple(e for e in entities if not measure_for_money(e, intent, text))
    return adds_expected(
        [(e.text, "PERSON" if person_in_apposition(e, intent) else e.label) for e in entities],
        intent,
    )


def _of_another_noun(info: SentenceAnalysis, intent: Intent) -> bool:
    """Whether a value of the asked-for type in the sentence is "of" another noun than the
    asked one and none hangs from the asked one ("a gain of 21.3 mln dlrs" after "net
    earnings nearly tripled", for "What were Phelps Dodge's net earnings?"): the value is
    the other thing's, no completion."""
    target = intent.target
    if target is None:
        return False
    key = target[:COUNTED_NOUN_LETTERS]
    values = [e for e in info.entities if e.label in intent.expected_types]
    if any(head.startswith(key) for e in values for head in e.heads[:2]):
        return False  # "... a gain in net earnings of 5 mln dlrs"
    return any(e.role == "pobj:of" and e.heads and not e.heads[0].startswith(key) for e in values)


def _participants(info: SentenceAnalysis) -> bool:
    return any(e.label not in VALUE_LABELS for e in info.entities)


def continuation(
    article_id: str, ordinal: int, intent: Intent, reader: IndexReader, naming: bool = False
) -> tuple[int, ...]:
    """The neighbours that complete a sentence lacking the asked-for type: the following
    sentences (up to `NEIGHBOUR_SPAN`) that hold it and name no participant of their own
    ("The first took place on November 18."), or the previous one when the sentence itself
    names no participant; with `naming` (the chosen best sentence only, not its score), for
    "who", the next sentence naming a person (`_naming`)."""
    rows = reader.sentence_analysis(article_id)
    if not intent.expected_types or not 0 <= ordinal < len(rows):
        return ()
    found: list[int] = []
    text = reader.article(article_id).text
    for n in range(ordinal + 1, min(ordinal + 1 + NEIGHBOUR_SPAN, len(rows))):
        if not adds_value(rows[n], intent, text) or _participants(rows[n]):
            break
        if _of_another_noun(rows[n], intent):
            break
        found.append(n)
    elliptical = ordinal > 0 and not _participants(rows[ordinal])
    if not found and elliptical and adds_value(rows[ordinal - 1], intent, text):
        found.append(ordinal - 1)
    if not found and naming and intent.expected_types[0] == "PERSON":
        found.extend(_naming(rows, ordinal, intent))
    return tuple(found)


def _naming(rows: Sequence[SentenceAnalysis], ordinal: int, intent: Intent) -> list[int]:
    """For "who": the first of the next `NAMING_REACH` sentences naming a person the question
    does not. A news story's lead tells what happened and names the person later ("One of
    the top executives of the IMF has tendered his resignation ..." then "C. David Finch,
    an Australian who heads ..."). Only when the sentence itself names no person."""
    if any(e.label == "PERSON" for e in rows[ordinal].entities):
        return []
    for n in range(ordinal + 1, min(ordinal + 1 + NAMING_REACH, len(rows))):
        people = [e for e in rows[n].entities if e.label == "PERSON"]
        if any(not named_in_question(e.text, intent.question) for e in people):
            return [n]
    return []


def neighbours(best: Evidence, intent: Intent, reader: IndexReader, vector: Any) -> list[Evidence]:
    """The sentences that complete `best` (see `continuation`), as evidence."""
    if best.info is None or adds_value(best.info, intent, best.article.text):
        return []
    spans = reader.sentence_spans(best.article.id)
    rows = reader.sentence_analysis(best.article.id)
    out = []
    for ordinal in continuation(best.article.id, best.ordinal, intent, reader, naming=True):
        if ordinal >= len(spans):
            continue
        row, start, end = spans[ordinal]
        sim = float(reader.sentence_vectors()[row] @ vector)
        cand = replace(best.cand, start=start, end=end, row=row, similarity=sim)
        out.append(Evidence(cand, rows[ordinal], ordinal, best.score, True, False))
    return out
