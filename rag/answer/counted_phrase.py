"""Where a count's phrase ends: the number with the noun it counts ("15 people", "400 mln
dlrs", "only four U.S. cities", "a 15-pct stake"), read in the article's text from the end
of the entity NER tagged, which often leaves the noun out.
"""

from __future__ import annotations

from news_rag.index.language.entities import Entity
from news_rag.rag.answer.amount_units import COUNTED_NOUN_LETTERS, COUNTED_NOUN_REACH
from news_rag.rag.question.intent import Intent

# What joins a number to the next word of its phrase: a space, or a hyphen ("a 15-pct stake").
_WORD_JOINS = (" ", "-")


def _abbreviation(word: str) -> bool:
    """A capital letters' abbreviation with its full stops ("U.S.", "U.K."), a word of a
    counted phrase ("four U.S. cities")."""
    parts = word.split(".")
    letters = parts[:-1]
    return len(parts) > 2 and parts[-1] == "" and all(len(p) == 1 and p.isupper() for p in letters)


def _singular(word: str) -> str:
    """A plural in "-ies" as its lemma's spelling ("cities" -> "city"), so its first letters
    match the stored head; other words as they are."""
    return f"{word[:-3]}y" if word.endswith("ies") else word


def counted_end(entity: Entity, text: str, intent: Intent) -> int:
    """Where a count ends with the noun it counts: through the next words up to the stored
    head of the number or the question's asked-for noun ("15 people", "400 mln dlrs"), at
    most `COUNTED_NOUN_REACH` words on and never past punctuation; else the entity's end."""
    heads = [h for h in (*entity.heads[:1], intent.target or "") if h]
    keys = {h.casefold()[:COUNTED_NOUN_LETTERS] for h in heads}
    stop = entity.end
    for _ in range(COUNTED_NOUN_REACH):
        rest = text[stop:]
        word = rest.lstrip("-").split(maxsplit=1)[0] if rest.strip() else ""
        bare = word if _abbreviation(word) else word.rstrip(".,;:!?\"')”’")
        if not (bare.isalpha() or _abbreviation(bare)) or rest[:1] not in _WORD_JOINS:
            break
        stop += 1 + len(bare)
        if _singular(bare.casefold())[:COUNTED_NOUN_LETTERS] in keys:
            return stop
        if bare != word:  # punctuation after the word: the phrase ends here
            break
    return entity.end
