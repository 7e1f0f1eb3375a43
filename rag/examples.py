"""Example questions the index answers: what the chat's first screen offers.

Chosen from the index-time analysis, never from bare title words: the people and
organisations the articles quote by name (a sentence's explicit claimant), the most quoted
first, each asked as "What did X say?", then the people and organisations the most articles
name, asked as "What do the articles say about X?". A name must read as one (a capital, at
least `MIN_NAME_LETTERS` letters, not an organisation word or an abbreviation alone: never
"Corp", "Bank" or "U.S"). Each candidate is asked of the index; only those answered with a
citation are kept (`EXAMPLE_COUNT`).

`rag index` writes them beside the generation they were checked on (`examples.json` in its
folder, atomically; derived data, so not in the manifest's checksums) and the chat reads
them from the live generation (`read_examples`): a changed index gets new examples.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from news_rag.index.language.wordlists import ORGANISATION_WORDS
from news_rag.index.language.wordlists import words as words_of

if TYPE_CHECKING:
    from news_rag.index.store.reader import IndexReader
    from news_rag.rag.assistant import Assistant

EXAMPLE_COUNT = 3
EXAMPLES_FILE = "examples.json"
# A name shorter than this many letters is an abbreviation or a fragment ("US"; "Corp" has 4
# but is an organisation word: see ORGANISATION_WORDS); set by hand from the sample's and
# Reuters' claimants.
MIN_NAME_LETTERS = 4
# Words that never name anybody on their own: those naming a kind of organisation ("Corp",
# "Bank", "Party"; the answer's rival names read the same list) and "the".
ARTICLE_WORDS = frozenset({"the"})
NAME_LABELS = frozenset({"PERSON", "ORG"})
CLAIMANT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# How many articles' analyses are read for candidates: enough for a varied first screen,
# bounded so that a million-article index is not read whole (the first by article id).
ARTICLES_READ = 2000
# How many candidates are asked at most before giving up on the rest.
CANDIDATES_TRIED = 12


# Lowercase words a proper name may hold ("Bank of England", "Hayat Tahrir al-Sham"); any
# other lowercase word makes a description ("Iraqi sources", "PMU media wing").
CONNECTORS = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "al",
        "el",
        "bin",
        "ibn",
        "de",
        "du",
        "da",
        "di",
        "la",
        "le",
        "von",
        "van",
        "&",
    }
)


def reads_as_a_name(name: str) -> bool:
    """A name a person would ask about: every word capitalised (or a connector), long
    enough, not a suffix alone: "Maria Zakharova", never "Corp", "U.S" or "Iraqi sources"."""
    words = name.replace(".", " ").split()
    letters = sum(c.isalpha() for c in name)
    if not words or letters < MIN_NAME_LETTERS or not name[:1].isupper():
        return False
    described = any(w[:1].islower() and w.split("-")[0] not in CONNECTORS and w.casefold()
                    not in CONNECTORS for w in words)  # fmt: skip
    alone = words_of(ORGANISATION_WORDS) | ARTICLE_WORDS
    return not described and not all(w.casefold() in alone for w in words)


def _bare(name: str) -> str:
    """The name without a leading article: "The Amsterdam Stock Exchange" -> "Amsterdam …"."""
    return name[4:] if name.startswith("The ") else name


def candidates(reader: IndexReader, limit: int = CANDIDATES_TRIED) -> list[str]:
    """Example questions from the analysis: quoted claimants first, then named entities."""
    quoted: Counter[str] = Counter()
    named: Counter[str] = Counter()
    articles = reader.articles()
    publishers = {a.outlet for a in articles.values() if a.outlet}  # not what they report on
    for article_id in sorted(articles)[:ARTICLES_READ]:
        claimants: set[str] = set()
        names: set[str] = set()
        entities: set[str] = set()
        for row in reader.sentence_analysis(article_id):
            if row.claimant_explicit and row.claimant:
                claimants.add(_bare(row.claimant.split(" (")[0].strip()))
            names.update(_bare(e.text) for e in row.entities if e.label in NAME_LABELS)
            entities.update(_bare(e.text) for e in row.entities if e.label in CLAIMANT_LABELS)
        # a claimant the analysis also found as a named entity: "Nigel Lawson", not "Analysts"
        claimants &= entities
        quoted.update(c for c in claimants if reads_as_a_name(c) and c not in publishers)
        named.update(n for n in names if reads_as_a_name(n) and n not in publishers)
    said = [f"What did {name} say?" for name, _ in quoted.most_common(limit)]
    about = [f"What do the articles say about {name}?" for name, _ in named.most_common(limit)]
    return list(dict.fromkeys(_alternate(said, about)))[:limit]


def _alternate(first: Sequence[str], second: Sequence[str]) -> Iterable[str]:
    for n in range(max(len(first), len(second))):
        yield from (*first[n : n + 1], *second[n : n + 1])


def answered(
    assistant: Assistant, questions: Iterable[str], count: int = EXAMPLE_COUNT
) -> list[str]:
    """The first `count` questions the assistant answers with a citation."""
    kept = []
    for question in questions:
        answer = assistant.ask(question)
        if not answer.abstained and answer.citations:
            kept.append(question)
            if len(kept) == count:
                break
    return kept


def write_examples(assistant: Assistant) -> list[str]:
    """Choose and check the examples of the assistant's live generation and store them in
    its folder; returns them."""
    reader = assistant.reader
    examples = answered(assistant, candidates(reader))
    folder = reader.generation.path
    payload = {"generation": folder.name, "examples": examples}
    tmp = folder / f".{EXAMPLES_FILE}.{os.getpid()}.tmp"
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps(payload, indent=1) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(folder / EXAMPLES_FILE)
    finally:
        tmp.unlink(missing_ok=True)
    return examples


def read_examples(reader: IndexReader) -> tuple[str, ...] | None:
    """The examples stored with the reader's generation, or None when there are none (an
    index written before examples were, or one `rag index` could not check)."""
    path: Path = reader.generation.path / EXAMPLES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    examples = data.get("examples") if isinstance(data, dict) else None
    if not isinstance(examples, list) or not all(isinstance(q, str) for q in examples):
        return None
    return tuple(examples)
