"""A role held for another country: "Belgian Research Minister Guy Verhofstadt" for "Who is
France's research minister?". A nationality or a country may be the question's under
another spelling ("French", "Britain" for "British"), so it is another country's only when
both are known forms of two different countries: a word sharing no stem with the other
(`names.same_word`, with the demonyms of `data/demonyms.tsv`), each a country's name or
adjective of at least `names.STEM_LETTERS` letters or listed there. "UK" or "U.S." (short,
unlisted) could be "British" or "American": no contradiction is read from them.
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.language.entities import Entity
from news_rag.rag.answer.names import COUNTRIES, STEM_LETTERS, name_words, same_word
from news_rag.rag.question.intent import Intent

# Labels of a country's name or its people's adjective.
PLACE_LABELS = frozenset({"GPE", "NORP"})


def _known(word: str) -> bool:
    """Whether a casefolded word is a form the stem rule or the demonym table reads."""
    return len(word) >= STEM_LETTERS or word in COUNTRIES or word in COUNTRIES.values()


def other_country(other: str, owner: str, intent: Intent, entities: Sequence[Entity]) -> bool:
    """Whether `other` (the words of a title naming its owner: "Belgian") is a country or
    nationality the sentence tags (`entities`) and `owner` (the question's owner of the
    role: "France", a country it names) another country, both in one known word each."""
    places = {a.text for a in intent.slots.arguments if a.label in PLACE_LABELS}
    if owner not in places:
        return False
    tagged = [e for e in entities if e.label in PLACE_LABELS and other in e.text]
    asked, found = name_words(owner), name_words(other)
    if not tagged or len(asked) != 1 or len(found) != 1:
        return False
    if not (_known(asked[0]) and _known(found[0])):
        return False
    return not same_word(asked[0], found[0])
