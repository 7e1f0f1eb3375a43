"""Coreference stage: who "she", "it", "the ministry" or "the spokeswoman" is.

Keeps the article's mentions in reading order (named entities and the claimants found so
far) and resolves a pronoun or a definite description to the last mention of the matching
kind: a PERSON for he/she and person roles ("the spokeswoman"), an organisation for
it/they and organisation nouns ("the ministry", "the company"). A speaker is preferred over
a mere mention for pronouns, so '"...," she added' goes to the last named speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from news_rag.index.analysis import lexicon
from news_rag.index.analysis.source import GROUP, ORG, OTHER, PERSON, PLACE

# How many sentences back a pronoun or description may reach. News prose names a speaker
# again within a few paragraphs; 8 sentences is the reach the previous rule-based resolver
# used without misses on the sample.
MAX_COREF_SENTENCES = 8

_PRONOUNS = {
    "he": PERSON, "she": PERSON, "him": PERSON, "her": PERSON,
    "it": ORG, "they": GROUP, "them": GROUP,
}  # fmt: skip
# What each pronoun kind may refer to: "it" an organisation or a country, "they" an
# organisation or a nationality ("Russia said it", "the rebels ... they said").
_REFERENTS = {PERSON: {PERSON}, ORG: {ORG, PLACE}, GROUP: {ORG, GROUP}}


@dataclass(frozen=True)
class Mention:
    name: str  # as shown: "Maria Zakharova (Russian Foreign Ministry Spokeswoman)"
    category: str  # PERSON, ORG or OTHER
    start: int  # article offsets
    end: int
    sentence: int
    speaker: bool  # the claimant of a sentence, not only mentioned in it
    subject: bool = False  # the subject of its clause (more likely referred to again)


def pronoun_category(word: str) -> str | None:
    return _PRONOUNS.get(word.lower())


def description_category(head_lemma: str) -> str | None:
    """PERSON for "spokeswoman", ORG for "ministry", None for anything else."""
    lemma = head_lemma.lower()
    if lemma in lexicon.words(lexicon.PERSON_ROLES):
        return PERSON
    if lemma in lexicon.words(lexicon.ORG_NOUNS):
        return ORG
    return None


class Tracker:
    """The mentions of one article so far."""

    def __init__(self) -> None:
        self._mentions: list[Mention] = []

    def add(self, mention: Mention) -> None:
        self._mentions.append(mention)

    def _recent(self, sentence: int, before: int, *, speakers: bool = False) -> list[Mention]:
        """Mentions before `before`, latest first: within the reach, or any earlier speaker
        when `speakers` (an article's main speaker is "it"/"he" all the way down)."""
        return [
            m
            for m in reversed(self._mentions)
            if m.start < before
            and (m.sentence >= sentence - MAX_COREF_SENTENCES or (speakers and m.speaker))
        ]

    def resolve_pronoun(self, word: str, sentence: int, position: int) -> Mention | None:
        """The last speaker, else the last mention, of the pronoun's kind before `position`."""
        wanted = pronoun_category(word)
        if wanted is None:
            return None
        recent = self._recent(sentence, position, speakers=True)
        kinds = _REFERENTS[wanted] | ({OTHER} if wanted != PERSON else set())
        same_sentence = [m for m in recent if m.sentence == sentence and m.category in kinds]
        if same_sentence:
            return same_sentence[0]
        in_reach = [m for m in recent if m.sentence >= sentence - MAX_COREF_SENTENCES]
        speakers = [m for m in recent if m.speaker and m.category in kinds]
        subjects = [m for m in in_reach if m.subject and m.category in kinds - {OTHER}]
        others = [m for m in in_reach if m.category in kinds - {OTHER}]
        # "they" may be a group that spoke, never any plural noun: OTHER only as a speaker
        for group in (speakers, subjects, others):
            if group:
                return group[0]
        return None

    def resolve_description(
        self, noun: str, wanted: str, sentence: int, position: int, *, strict: bool = False
    ) -> Mention | None:
        """The last mention of kind `wanted` whose name holds `noun` as a word, else (unless
        `strict`) the last of that kind."""
        recent = [m for m in self._recent(sentence, position) if m.category == wanted]
        for mention in recent:
            if noun.lower() in mention.name.lower().split() and mention.name != noun:
                return mention
        if strict or not recent:
            return None
        salient = [m for m in recent if m.speaker or m.subject]
        return (salient or recent)[0]

    def resolve_organisation(
        self, noun: str | None, sentence: int, position: int, *, strict: bool = False
    ) -> Mention | None:
        """The named organisation that "the company" (`noun`) or "its" (no noun) in a
        description stands for: the last organisation named before `position` within the
        reach whose name holds `noun` as a word; else, unless `strict`, the last one named
        as a subject, the last one named, and beyond the reach the first one the article
        named as a subject (what it is about). Only names count: never a speaker's
        description or another generic noun."""
        named = [
            m for m in reversed(self._mentions) if _named_organisation(m) and m.start < position
        ]
        in_reach = [m for m in named if m.sentence >= sentence - MAX_COREF_SENTENCES]
        if noun is not None:
            holding = [m for m in in_reach if noun.lower() in m.name.lower().split()]
            if holding:
                return holding[0]
        if strict:
            return None
        subjects = [m for m in in_reach if m.subject]
        if subjects or in_reach:
            return (subjects or in_reach)[0]
        return next((m for m in reversed(named) if m.subject), None)

    def full_name(self, name: str) -> str | None:
        """The earlier full name for a short one: a person's surname ("Yulo" -> "Arsenio
        Yulo (... chairman)", "LaFalce (member of X)" -> "John LaFalce (member of X)") or a
        company's first word ("Itel" -> "Itel Corp")."""
        bare, _, role = name.partition(" (")
        if " " in bare:
            return None
        for mention in reversed(self._mentions):
            full = mention.name.partition(" (")[0]
            words = full.split()
            if len(words) < 2:
                continue
            if mention.category == PERSON and words[-1] == bare:
                return f"{full} ({role}" if role else mention.name
            if mention.category == ORG and words[0] == bare and not role:
                return mention.name
        return None


def _named_organisation(mention: Mention) -> bool:
    """An organisation the text names (an entity, not a claimant's description), whose name
    is more than organisation nouns ("Company" tagged ORG names nobody)."""
    if mention.category != ORG or mention.speaker:
        return False
    generic = lexicon.words(lexicon.ORG_NOUNS) | {"the"}
    return any(word.lower() not in generic for word in mention.name.split())
