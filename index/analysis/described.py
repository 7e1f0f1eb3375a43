"""Which of the story's organisations "the airline" or "the company" stands for.

"Northwind Air said on Friday it flew a record number of passengers ... The airline
carried 18.4 million passengers in 2025": the second sentence names no company, yet its
figure is Northwind's, not that of Harbour Jet, which the story names later. A bare
description of an organisation ("the" and a noun of `lexicon.ORG_NOUNS`, nothing else
before or after it) that is a subject or a possessor is read as follows. A business
(`lexicon.COMPANY_NOUNS`: "the company", "the airline") is

(none of them a body its name says is no business: "The Cabin Crew Union, which
represents about 3,500 of the airline's flight attendants" is no airline)

1. the organisation named before it in its own sentence as a subject or possessor, the
   subject first ("Northwind's chief executive told reporters the company would add 14
   aircraft");
2. else the last organisation named within `MAX_DESCRIBED_REACH` sentences whose name holds
   the noun ("the bank" for "Perwira Habib Bank");
3. else the story's own organisation: the first one it names as a subject (what a news
   story is about; a rival named later is not "the company"); none when no organisation
   before it is a subject.

Any other body ("the government", "the ministry", "the court"), often one the story never
names or another country's, is only an organisation named within the reach whose name
holds its noun ("the Finance Ministry" for "the ministry"), by rule 2. "It" as a subject
and "its" as a possessor stand for the nearest organisation: its own sentence's subject,
else one in apposition to the subject's noun, else a possessor, else the subject of the
sentence before (`PRONOUN_REACH`).

The organisations are read from the story's names once its labels are corrected
(`story_names`: a company's short name tagged a place is the company), so a name the small
model mislabels in one sentence neither becomes nor hides a referent. Each resolved
description is kept as an ORG `Entity` with the organisation's name and the description's
offsets, heads and role (`SentenceAnalysis.described`): whose figure a sentence gives
(`rag/answer/owners.py`), never a name the sentence shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from news_rag.index.analysis import lexicon
from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity

# The label an unresolved description carries between the sentence pass and the story pass
# (its text is the noun's lemma); never stored.
DESCRIPTION = "DESCRIPTION"
# How many sentences back a description may find an organisation whose name holds its noun:
# the coreference reach (`coreference.MAX_COREF_SENTENCES`), for the same reason.
MAX_DESCRIBED_REACH = 8
# The roles of a name in the description's own sentence that it may stand for: the subject
# or a possessor ("Northwind's chief executive told reporters the company would ..."), not
# a name further down the clause ("subject to approval by the FCC, the company said").
NEAR_ROLES = frozenset({"nsubj", "poss"})
# The roles in which a description owns what hangs from its word (`owners.OWNER_ROLES`).
DESCRIBED_ROLES = frozenset({"nsubj", "poss"})
# "It" as a subject and "its" as a possessor stand for an organisation too, by the nearest
# one named (`PRONOUN_REACH`), not the story's own: "Aldermoor sold its unit to Berwick
# Holdings. It said ..." is Aldermoor. Each with the role it has.
PRONOUNS = {"it": "nsubj", "its": "poss"}
PRONOUN = "it"  # the text a pronoun's description carries
# How many sentences back a pronoun's organisation may be named as a subject: the sentence
# before ("Stenholm Energy reported ... It said ..."); further back, "it" is as often
# something else the story named since.
PRONOUN_REACH = 1
# The roles of a pronoun's organisation in its own sentence, the likeliest first: the
# subject, a name in apposition to the subject's noun, a possessor.
PRONOUN_ANTECEDENT_ROLES = ("nsubj", "appos", "poss")
# The only words a bare description may hold besides its noun: the article and the
# possessive's "'s" ("the carrier's fuel bill"). "The rival airline", "the French company",
# "the bank in Paris" say which one: not read.
_BARE_DEPS = frozenset({"det", "case"})


def description_tokens(doc: Any) -> list[Any]:
    """The tokens of a parsed sentence that head a bare singular description of an
    organisation ("the airline", "the company's") as a subject or possessor, or are "it"
    as a subject or "its" as a possessor."""
    nouns = lexicon.words(lexicon.ORG_NOUNS)
    covered = {t.i for e in doc.ents for t in e}
    found = []
    for token in doc:
        if token.dep_ in DESCRIBED_ROLES and PRONOUNS.get(token.lower_) == token.dep_:
            found.append(token)
            continue
        if token.i in covered or token.tag_ != "NN" or token.dep_ not in DESCRIBED_ROLES:
            continue
        if token.lemma_.lower() not in nouns:
            continue
        children = list(token.children)
        if any(c.dep_ not in _BARE_DEPS for c in children):
            continue
        if [c.lower_ for c in children if c.dep_ == "det"] != ["the"]:
            continue
        found.append(token)
    return found


def resolved(records: Sequence[SentenceAnalysis]) -> list[SentenceAnalysis]:
    """The article's records with each description (`DESCRIPTION` entities in `described`,
    from the sentence pass) as the organisation it stands for, or dropped when the story
    names none before it."""
    generic = lexicon.words(lexicon.ORG_NOUNS) | {"the"}
    names = [
        (record.ordinal, e) for record in records for e in record.entities
        if e.label == "ORG" and any(w.casefold() not in generic for w in e.text.split())
    ]  # fmt: skip  # a name: "Company" tagged ORG names nobody
    # "it" may stand for a speaker NER left untagged too; a description, only for a name
    speakers = [(record.ordinal, e) for record in records for e in _speaker(record)]
    spoken = sorted([*names, *speakers], key=lambda pair: (pair[0], pair[1].start))
    out = []
    for record in records:
        if not record.described:
            out.append(record)
            continue
        found = []
        for description in record.described:
            pronoun = description.text.casefold() == PRONOUN
            name = _referent(description, record.ordinal, spoken if pronoun else names)
            if name is not None:
                found.append(replace(description, text=name.text, label="ORG"))
        out.append(replace(record, described=tuple(found)))
    return out


def _speaker(record: SentenceAnalysis) -> tuple[Entity, ...]:
    """The sentence's named speaker as a subject organisation, when NER tagged no name at
    its words and it is no person's ("Magma Copper Co, a subsidiary of Newmont Mining
    Corp, said it is lowering its copper cathode price": "it" and "its" are Magma's, not an
    organisation the paragraph before named); else nothing."""
    span, name = record.claimant_span, record.claimant or ""
    if span is None or not record.claimant_explicit or "(" in name:
        return ()
    if not (record.start <= span[0] and span[1] <= record.end):
        return ()  # named in another sentence ("the department" read as one): no name here
    if any(e.start < span[1] and span[0] < e.end for e in record.entities):
        return ()  # tagged: a person, or an organisation already among the names
    words = name.split()
    if len(words) < SPEAKER_WORDS or not all(w[:1].isupper() for w in words):
        return ()  # "officials", "Ongpin": a description, or a bare name of anyone
    return (Entity(name, "ORG", span[0], span[1], (), "nsubj"),)


# A speaker NER left untagged is read as an organisation when named in at least this many
# capitalised words ("Magma Copper Co"); one word ("Ongpin said") is as often a person.
SPEAKER_WORDS = 2


def _referent(
    description: Entity, sentence: int, names: Sequence[tuple[int, Entity]]
) -> Entity | None:
    """The organisation a description stands for (the module's three rules), among the
    story's organisation names (`names`: each with its sentence, in reading order)."""
    before = [(n, e) for n, e in names if e.end <= description.start]
    noun = description.text.casefold()
    if noun == PRONOUN:
        return _pronoun_referent(before, sentence)
    near = [e for n, e in before if n >= sentence - MAX_DESCRIBED_REACH]
    holding = [e for e in near if noun in e.text.casefold().split()]
    if noun not in lexicon.words(lexicon.COMPANY_NOUNS):
        return holding[-1] if holding else None  # "the government": a body never named?
    before = [(n, e) for n, e in before if not _public_body(e)]
    own = [e for n, e in before if n == sentence and e.role in NEAR_ROLES]
    if own:  # its sentence's subject, else the nearest ("Northwind's chief ... the company")
        return ([e for e in own if e.role == "nsubj"] or own)[-1]
    if holding:
        return holding[-1]
    subjects = [e for _n, e in before if e.role == "nsubj"]
    return subjects[0] if subjects else None


def _public_body(name: Entity) -> bool:
    """The name says it is a body that is no business: its last word is an organisation
    noun outside `lexicon.COMPANY_NOUNS` ("The Cabin Crew Union", "the Swedish Work
    Environment Authority"), so "the airline" or "the company" is not it."""
    last = name.text.split()[-1].casefold()
    nouns = lexicon.words(lexicon.ORG_NOUNS)
    return last in nouns and last not in lexicon.words(lexicon.COMPANY_NOUNS)


def _pronoun_referent(before: Sequence[tuple[int, Entity]], sentence: int) -> Entity | None:
    """The organisation "it" or "its" stands for: the last named before it in its own
    sentence as a subject, else in apposition ("Greystone's larger competitor, Pennfield
    Stores, reported that its holiday sales rose": Pennfield, not Greystone), else as a
    possessor; else the last named as a subject within `PRONOUN_REACH` sentences before."""
    own = [e for n, e in before if n == sentence]
    for wanted in PRONOUN_ANTECEDENT_ROLES:
        found = [e for e in own if e.role == wanted]
        if found:
            return found[-1]
    near = [e for n, e in before if sentence - PRONOUN_REACH <= n < sentence]
    subjects = [e for e in near if e.role == "nsubj"]
    return subjects[-1] if subjects else None
