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
from dataclasses import dataclass
from typing import Any

from news_rag.index.language.entities import Entity

# Labels of names a story's other sentences can lend: participants, not values.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT"})


@dataclass(frozen=True)
class Untagged:
    """A run of proper nouns no entity covers, with what the parse says of it."""

    text: str
    start: int  # offsets in the article
    end: int
    heads: tuple[str, ...]
    role: str


# Parts of speech the small model gives a name it does not know, besides PROPN ("Tessary,
# based in Austin, ..." is an ADJ): taken only for a word the story never writes in
# lowercase, so no common word opening a sentence is read as a name.
MISREAD_NAME_POS = frozenset({"ADJ", "NOUN", "X"})


def lowercase_words(text: str) -> frozenset[str]:
    """The words the story writes in lowercase somewhere (punctuation around them off)."""
    words = (w.strip(_PUNCTUATION) for w in text.split())
    return frozenset(w for w in words if w and w.islower())


_PUNCTUATION = ".,;:!?\"'()[]{}\u2018\u2019\u201c\u201d"


def untagged_runs(doc: Any, text: str, base: int, lowercase: frozenset[str]) -> list[Untagged]:
    """The sentence's runs of capitalised proper nouns outside every entity, but those
    hanging from a name (a title before it: "Foreign Minister Tadashi Kuranari");
    `lowercase`: the story's `lowercase_words`."""
    from news_rag.index.analysis.article import heads, role

    covered = {t.i for e in doc.ents for t in e}

    def name_word(token: Any) -> bool:
        if token.i in covered or not token.text[:1].isupper():
            return False
        if token.pos_ == "PROPN":
            return True
        return token.pos_ in MISREAD_NAME_POS and token.lower_ not in lowercase

    runs: list[list[Any]] = []
    for token in doc:
        if not name_word(token):
            continue
        if runs and runs[-1][-1].i == token.i - 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    out = []
    for run in runs:
        span = doc[run[0].i : run[-1].i + 1]
        if span.root.head.i in covered:
            continue
        start, end = base + span.start_char, base + span.end_char
        out.append(Untagged(text[start:end], start, end, heads(span), role(span.root)))
    return out


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


def named_by_story(runs: Sequence[Untagged], labels: dict[str, str]) -> list[Entity]:
    """The runs the story names elsewhere, as entities of the story's label."""
    return [
        Entity(run.text, labels[run.text.casefold()], run.start, run.end, run.heads, run.role)
        for run in runs
        if run.text.casefold() in labels
    ]
