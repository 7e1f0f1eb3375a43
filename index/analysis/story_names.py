"""Names the small model tags in one sentence of a story and misses in another.

spaCy's small model reads each sentence on its own and often tags nothing in a name that
opens it or stands alone: "Tessary, based in Austin, Texas, had revenue of 910 million
dollars" (where "Tessary's closing price" two sentences before is an ORG), "Mensah, 24,
scored 27 goals" (where "Kofi Mensah" is a PERSON). A run of capitalised proper nouns that
no entity covers becomes an entity when the same story tags the same words as a name, or,
for one word, as the last word of a person's name, or as a company's name without its legal
form ("Solvane" of "Solvane Corp") or by its first word ("Skyline" of "Skyline Air", a
word the story never writes in lowercase); it takes that label (the commonest one when the
story tags the words several ways). A run of two to four proper nouns ending with a word
the story tags a person alone is that person named in full ("Alain Vidal Naquet", where
"Naquet said" is tagged). A company's short name the model tags another kind of name
("Veltrix" a place, where the story has "Veltrix Inc") is the company. Its heads and role
come from the sentence's parse, as every entity's do, so contrary evidence (another
participant doing the asked thing) and answer spans read it like any other name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import NAME_LABELS, Entity
from news_rag.index.language.wordlists import LEGAL_FORMS, words


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


def story_labels(
    entities: Iterable[Entity], lowercase: frozenset[str] = frozenset()
) -> dict[str, str]:
    """The name label the story gives each name's words (casefolded), the commonest first;
    a person's last word alone too ("mensah" for "Kofi Mensah"), and an organisation's name
    without its legal form ("solvane" for "Solvane Corp") or its first word ("skyline" for
    "Skyline Air", unless the story writes it in lowercase: `lowercase`, "pilots" of "The
    Pilots Union" beside "as pilots began a strike"), unless the story tags those words
    otherwise."""
    seen: dict[str, Counter[str]] = {}
    short_forms: dict[str, Counter[str]] = {}
    forms = words(LEGAL_FORMS)
    for e in entities:
        if e.label not in NAME_LABELS:
            continue
        seen.setdefault(e.text.casefold(), Counter())[e.label] += 1
        names = e.text.split()
        if e.label == "PERSON" and len(names) >= 2:
            short_forms.setdefault(names[-1].casefold(), Counter())["PERSON"] += 1
        if e.label == "ORG":
            first = first_name(names, forms)
            first = None if first in lowercase else first
            for short in filter(None, (short_name(names, forms), first)):
                short_forms.setdefault(short, Counter())["ORG"] += 1
    labels = {name: count.most_common(1)[0][0] for name, count in seen.items()}
    for name, count in short_forms.items():
        labels.setdefault(name, count.most_common(1)[0][0])
    return labels


def short_name(names: Sequence[str], forms: frozenset[str]) -> str | None:
    """A company's name without the legal forms after it (`forms`: "Solvane" of "Solvane
    Corp", "Kumagai Gumi" of "Kumagai Gumi Co Ltd"), casefolded; None when it has none or
    nothing is left; "the" before it off ("the Hearst Corp": "hearst")."""
    names = _without_article(names)
    end = len(names)
    while end and names[end - 1].rstrip(".,").casefold() in forms:
        end -= 1
    if end == len(names) or end == 0:
        return None
    return " ".join(names[:end]).casefold()


def _without_article(names: Sequence[str]) -> Sequence[str]:
    """A name's words without "the" before them ("the Hearst Corp")."""
    return names[1:] if names and names[0].casefold() == "the" else names


def first_name(names: Sequence[str], forms: frozenset[str]) -> str | None:
    """A company's first word, by which a story calls it again ("Skyline" of "Skyline Air",
    "Brightfield" of "Brightfield Systems"), casefolded ("the" before it off); None for a
    one-word name, a name holding a lowercase word ("of": "Bank of England" keeps "Bank" a
    bank) or opening with a lowercase word or a legal form."""
    names = _without_article(names)
    if len(names) < 2 or not names[0][:1].isupper() or names[0].casefold() in forms:
        return None
    if any(w.islower() for w in names):
        return None
    return names[0].casefold()


def named_by_story(
    runs: Sequence[Untagged], labels: dict[str, str], lowercase: frozenset[str]
) -> list[Entity]:
    """The runs the story names elsewhere, as entities of the story's label; a run with a
    misread word only when the story never writes its words in lowercase (`lowercase`)."""
    found = [
        Entity(run.text, labels[run.text.casefold()], run.start, run.end, run.heads, run.role)
        for run in runs
        if run.text.casefold() in labels
        and (run.proper or not any(w.casefold() in lowercase for w in run.text.split()))
    ]
    return found + [
        Entity(run.text, "PERSON", run.start, run.end, run.heads, run.role)
        for run in runs
        if run.text.casefold() not in labels and _named_in_full(run, labels)
    ]


# The most words of a person's name in full ("Alain Vidal Naquet").
PERSON_NAME_WORDS = 4


def _named_in_full(run: Untagged, labels: dict[str, str]) -> bool:
    """Whether a run of proper nouns is a person's name in full whose surname alone the story
    tags a person ("Alain Vidal Naquet, head of external relations, told ..." where later
    "Naquet said" is a PERSON)."""
    names = run.text.split()
    if not run.proper or not 2 <= len(names) <= PERSON_NAME_WORDS:
        return False
    return labels.get(names[-1].casefold()) == "PERSON"


def with_story_names(
    records: Sequence[SentenceAnalysis], untagged: Sequence[Sequence[Untagged]], text: str
) -> list[SentenceAnalysis]:
    """The article's records, each with its untagged runs the story names elsewhere among
    its entities (`untagged`: each sentence's runs, in order; `text`: the article's), and
    its companies' short names tagged another kind of name as companies (`as_company`). Read
    over the whole article, once its segments are joined, so that a huge article's cut
    changes nothing."""
    companies = company_short_names(e for record in records for e in record.entities)
    surnames = person_surnames(e for record in records for e in record.entities)
    company_words = organisation_words(e for record in records for e in record.entities)
    tagged = [
        [
            as_person(
                as_company(e, companies), surnames, company_words if _speaks(e, record) else None
            )
            for e in record.entities
        ]
        for record in records
    ]
    lowercase = lowercase_words(text)
    labels = story_labels((e for entities in tagged for e in entities), lowercase)
    out = []
    for record, own, runs in zip(records, tagged, untagged, strict=True):
        found = named_by_story(runs, labels, lowercase)
        if not found and own == list(record.entities):
            out.append(record)
            continue
        entities = tuple(sorted((*own, *found), key=lambda e: e.start))
        out.append(replace(record, entities=entities))
    return out


def company_short_names(entities: Iterable[Entity]) -> frozenset[str]:
    """The short names (`short_name`, casefolded) of the story's companies named with their
    legal form ("solvane" for "Solvane Corp")."""
    forms = words(LEGAL_FORMS)
    shorts = (short_name(e.text.split(), forms) for e in entities if e.label == "ORG")
    return frozenset(s for s in shorts if s)


# Labels the small model gives a company's short name it does not know, beside ORG
# ("Veltrix" a GPE where the story has "Veltrix Inc"): taken for the company.
MISTAKEN_COMPANY_LABELS = frozenset({"PERSON", "GPE", "NORP", "LOC", "FAC", "PRODUCT"})


def as_company(entity: Entity, companies: frozenset[str]) -> Entity:
    """`entity` as an ORG when it is the short name of one of the story's companies
    (`companies`) and tagged another kind of name; else as it is."""
    if entity.label in MISTAKEN_COMPANY_LABELS and entity.text.casefold() in companies:
        return replace(entity, label="ORG")
    return entity


def person_surnames(entities: Iterable[Entity]) -> frozenset[str]:
    """The last words (casefolded) of the story's persons named in two words or more
    ("okoye" for "Samuel Okoye")."""
    names = (e.text.split() for e in entities if e.label == "PERSON")
    return frozenset(words[-1].casefold() for words in names if len(words) >= 2)


# Labels the small model gives a person's surname alone, beside PERSON ("Okoye, 52," a GPE
# where the story has "Samuel Okoye"). An ORG too where it speaks, unless the story names
# an organisation of several words with it: a company may bear a founder's name ("Ford"
# beside "Henry Ford" and "Ford Motor Co"), but "Groussman said" beside "president Dean
# Groussman" is his.
MISTAKEN_PERSON_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC", "PRODUCT"})


def as_person(
    entity: Entity, surnames: frozenset[str], company_words: frozenset[str] | None = None
) -> Entity:
    """`entity` as a PERSON when it is one word, the surname of one of the story's persons
    (`surnames`), tagged a place or a thing, or, where it speaks (`company_words` given),
    an organisation whose word no longer organisation name of the story has; else as it
    is."""
    text = entity.text.casefold()
    if " " in text or text not in surnames:
        return entity
    mistaken = entity.label in MISTAKEN_PERSON_LABELS
    speaker = company_words is not None and entity.label == "ORG" and text not in company_words
    if mistaken or speaker:
        return replace(entity, label="PERSON")
    return entity


def _speaks(entity: Entity, record: SentenceAnalysis) -> bool:
    """Whether the entity is its sentence's speaker ("Groussman" in "Groussman also said
    ..."): the small model's surname tagged an organisation is a person there, not where it
    may be a team or a firm the model took for a person's name ("Castleford Rovers")."""
    span = record.claimant_span
    return span is not None and span[0] <= entity.start and entity.end <= span[1]


def organisation_words(entities: Iterable[Entity]) -> frozenset[str]:
    """The words (casefolded) of the story's organisations named in two words or more
    ("ford", "motor", "co" for "Ford Motor Co")."""
    names = (e.text.split() for e in entities if e.label == "ORG")
    return frozenset(w.casefold() for words in names if len(words) >= 2 for w in words)


def shifted_runs(runs: Sequence[Untagged], offset: int) -> list[Untagged]:
    """A segment's runs with the article's offsets."""
    return [replace(run, start=run.start + offset, end=run.end + offset) for run in runs]
