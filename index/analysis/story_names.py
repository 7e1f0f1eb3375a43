"""Names the small model tags in one sentence of a story and misses in another.

spaCy's small model reads each sentence on its own and often tags nothing in a name that
opens it or stands alone: "Tessary, based in Austin, Texas, had revenue of 910 million
dollars" (where "Tessary's closing price" two sentences before is an ORG), "Mensah, 24,
scored 27 goals" (where "Kofi Mensah" is a PERSON). A run of capitalised proper nouns that
no entity covers becomes an entity when the same story tags the same words as a name, or,
for one word, as the last word of a person's name; it takes that label (the commonest one
when the story tags the words several ways). Its heads and role come from the sentence's
parse, as every entity's do, so contrary evidence (another participant doing the asked
thing) and answer spans read it like any other name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import NAME_LABELS, Entity


@dataclass(frozen=True)
class Untagged:
    """A run of proper nouns no entity covers, with what the parse says of it."""

    text: str
    start: int  # offsets in the article
    end: int
    heads: tuple[str, ...]
    role: str
    proper: bool  # every word tagged PROPN (else one the model misread: `MISREAD_NAME_POS`)


# Parts of speech the small model gives a name it does not know, besides PROPN ("Tessary,
# based in Austin, ..." is an ADJ): taken only for a word the story never writes in
# lowercase (`named_by_story`), so no common word opening a sentence is read as a name.
MISREAD_NAME_POS = frozenset({"ADJ", "NOUN", "X"})


def lowercase_words(text: str) -> frozenset[str]:
    """The words the story writes in lowercase somewhere (punctuation around them off)."""
    words = (w.strip(_PUNCTUATION) for w in text.split())
    return frozenset(w for w in words if w and w.islower())


_PUNCTUATION = ".,;:!?\"'()[]{}\u2018\u2019\u201c\u201d"


# The parts of speech of a word in a story's untagged name.
NAME_POS = frozenset({"PROPN"}) | MISREAD_NAME_POS


def untagged_spans(doc: Any, parts_of_speech: frozenset[str] = NAME_POS) -> list[Any]:
    """The runs of capitalised words of `parts_of_speech` (proper nouns, or words the model
    misread as another part of speech: `MISREAD_NAME_POS`) outside every entity of a parsed
    sentence or question, as spaCy spans, but those hanging from a name (a title before it:
    "Foreign Minister Tadashi Kuranari")."""
    covered = {t.i for e in doc.ents for t in e}

    def name_word(token: Any) -> bool:
        if token.i in covered or not token.text[:1].isupper():
            return False
        return token.pos_ in parts_of_speech

    runs: list[list[Any]] = []
    for token in doc:
        if not name_word(token):
            continue
        if runs and runs[-1][-1].i == token.i - 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    spans = [doc[run[0].i : run[-1].i + 1] for run in runs]
    return [span for span in spans if span.root.head.i not in covered]


def is_proper(span: Any) -> bool:
    """Whether the model tagged every word of a run a proper noun."""
    return all(token.pos_ == "PROPN" for token in span)


def story_labels(entities: Iterable[Entity]) -> dict[str, str]:
    """The name label the story gives each name's words (casefolded), the commonest first;
    a person's last word alone too ("mensah" for "Kofi Mensah"), unless the story tags that
    word otherwise."""
    seen: dict[str, Counter[str]] = {}
    surnames: dict[str, Counter[str]] = {}
    for e in entities:
        if e.label not in NAME_LABELS:
            continue
        seen.setdefault(e.text.casefold(), Counter())[e.label] += 1
        words = e.text.split()
        if e.label == "PERSON" and len(words) >= 2:
            surnames.setdefault(words[-1].casefold(), Counter())["PERSON"] += 1
    labels = {name: count.most_common(1)[0][0] for name, count in seen.items()}
    for name, count in surnames.items():
        labels.setdefault(name, count.most_common(1)[0][0])
    return labels


def named_by_story(
    runs: Sequence[Untagged], labels: dict[str, str], lowercase: frozenset[str]
) -> list[Entity]:
    """The runs the story names elsewhere, as entities of the story's label; a run with a
    misread word only when the story never writes its words in lowercase (`lowercase`)."""
    return [
        Entity(run.text, labels[run.text.casefold()], run.start, run.end, run.heads, run.role)
        for run in runs
        if run.text.casefold() in labels
        and (run.proper or not any(w.casefold() in lowercase for w in run.text.split()))
    ]


def with_story_names(
    records: Sequence[SentenceAnalysis], untagged: Sequence[Sequence[Untagged]], text: str
) -> list[SentenceAnalysis]:
    """The article's records, each with its untagged runs the story names elsewhere among
    its entities (`untagged`: each sentence's runs, in order; `text`: the article's). Read
    over the whole article, once its segments are joined, so that a huge article's cut
    changes nothing."""
    labels = story_labels(e for record in records for e in record.entities)
    lowercase = lowercase_words(text)
    out = []
    for record, runs in zip(records, untagged, strict=True):
        found = named_by_story(runs, labels, lowercase)
        entities = tuple(sorted((*record.entities, *found), key=lambda e: e.start))
        out.append(replace(record, entities=entities) if found else record)
    return out


def shifted_runs(runs: Sequence[Untagged], offset: int) -> list[Untagged]:
    """A segment's runs with the article's offsets."""
    return [replace(run, start=run.start + offset, end=run.end + offset) for run in runs]
