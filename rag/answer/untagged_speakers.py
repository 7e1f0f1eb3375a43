"""A speaker the analysis found where NER found no name: `"...," said Min-jun Park, who
leads the company's mobile division.` The small model's NER misses many names it has not
seen the like of (Korean, Arabic, Chinese), but the index-time attribution still finds the
subject of "said" and stores it as the sentence's explicit claimant. Such a claimant,
written as a name (two to four capitalised words, none an organisation's word nor an
acronym), is a person the sentence names, and answers "who" as a tagged one would
(`entities`).
"""

from __future__ import annotations

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.rag.answer.names import person_name_word

# Words in a name written as a person's: "Min-jun Park", "Abu Bakr al-Baghdadi".
MIN_NAME_WORDS = 2
MAX_NAME_WORDS = 4
# Lower-case particles inside a person's name ("al-", "bin", "van der").
_PARTICLES = frozenset({"al", "bin", "ibn", "van", "der", "de", "da", "del", "von", "le", "la"})
_SPEAKER_ROLE = "nsubj"


def _reads_as_name(text: str) -> bool:
    """Two to four words, each of letters, each a particle ("al-Baghdadi") or a word of a
    person's name (`names.person_name_word`: capitalised, no organisation's, no acronym)."""
    parts = [part.strip(".,'’") for part in text.split()]
    if not MIN_NAME_WORDS <= len(parts) <= MAX_NAME_WORDS:
        return False
    return all(
        word.replace("-", "").isalpha()
        and (word.split("-")[0].casefold() in _PARTICLES or person_name_word(word))
        for word in parts
    )


def untagged_speaker(info: SentenceAnalysis, text: str) -> Entity | None:
    """The sentence's explicit claimant as a PERSON, when it is inside the sentence, written
    as a name, and no entity of the analysis covers any of it; else None."""
    span = info.claimant_span
    if span is None or not info.claimant_explicit:
        return None
    start, end = span
    if not (info.start <= start and end <= info.end):
        return None
    if any(e.start < end and start < e.end for e in info.entities):
        return None
    name = text[start:end]
    if not _reads_as_name(name):
        return None
    return Entity(name, "PERSON", start, end, (), _SPEAKER_ROLE)


def entities(info: SentenceAnalysis, text: str | None) -> tuple[Entity, ...]:
    """The sentence's entities, with its untagged speaker (`untagged_speaker`) when the
    article's `text` is given."""
    speaker = untagged_speaker(info, text) if text is not None else None
    return info.entities if speaker is None else (*info.entities, speaker)
