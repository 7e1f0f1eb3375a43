"""A role held for another country: "Belgian Research Minister Guy Verhofstadt" for "Who is
France's research minister?". A nationality or a country may be the question's under
another spelling ("French", "Britain" for "British"), so it is another country's only when
both are known forms of two different countries: a word sharing no stem with the other
(`names.same_word`, with the demonyms of `data/demonyms.tsv`), each a country's name or
adjective of at least `names.STEM_LETTERS` letters or listed there. "UK" or "U.S." (short,
unlisted) could be "British" or "American": no contradiction is read from them. Nor is a
country an organisation's title ("Cuban president Fidel Castro" for "Who is president of
the International Coffee Organisation?"), unless a word of the organisation's name is the
country's ("Japanese" for the Japanese Bankers Association).
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.language.entities import Entity
from news_rag.rag.answer.names import COUNTRIES, STEM_LETTERS, name_words, same_word, unowned
from news_rag.rag.question.intent import Intent

# Labels of a country's name or its people's adjective.
PLACE_LABELS = frozenset({"GPE", "NORP"})
# An organisation the question names in at least this many words is known to be no country
# ("the International Coffee Organisation"); one word may be a country's short name (as
# `role_owners.FULL_OWNER_WORDS`, which imports this module).
FULL_NAME_WORDS = 2


# The most words a country's name has ("South Korea", "United Arab Emirates").
MAX_COUNTRY_WORDS = 3


def _known(word: str) -> bool:
    """Whether a casefolded word is a form the stem rule or the demonym table reads."""
    return len(word) >= STEM_LETTERS or word in COUNTRIES or word in COUNTRIES.values()


def other_country(other: str, owner: str, intent: Intent, entities: Sequence[Entity]) -> bool:
    """Whether `other` (the words of a title naming its owner: "Belgian") is a country or
    nationality the sentence tags (`entities`) and `owner` (the question's owner of the
    role: "France", "South Korea", a country it names) another country, each in known words,
    the nationality in one."""
    places = {unowned(a.text) for a in intent.slots.arguments if a.label in PLACE_LABELS}
    if unowned(owner) not in places:  # "South Korea's" as the question writes it
        return False
    tagged = [e for e in entities if e.label in PLACE_LABELS and other in e.text]
    asked, found = name_words(owner), name_words(other)
    if not tagged or not asked or len(asked) > MAX_COUNTRY_WORDS or len(found) != 1:
        return False
    if not (all(_known(word) for word in asked) and _known(found[0])):
        return False
    return not any(same_word(word, found[0]) for word in asked)  # "Korean" is South Korea's


def country_for_organisation(
    other: str, owner: str, intent: Intent, entities: Sequence[Entity]
) -> bool:
    """Whether `other` (the words of a title naming its owner: "Cuban") is a country or
    nationality the sentence tags (`entities`) where the question's owner of the role is an
    organisation it names in full (an ORG of `FULL_NAME_WORDS` words or more: "the
    International Coffee Organisation"), no word of it the country's."""
    bodies = {a.text for a in intent.slots.arguments if a.label == "ORG"}
    asked = name_words(owner)
    if (owner not in bodies and f"the {owner}" not in bodies) or len(asked) < FULL_NAME_WORDS:
        return False
    if not other.replace(" ", "").isalpha() or any(owner in e.text for e in entities):
        return False  # a name's first half ("Adbul-Jabbar"); or the sentence names the owner
    if not any(e.label in PLACE_LABELS and e.text in other for e in entities):
        return False  # "Cuban", or "HAVANA Cuban" (the title read past a dateline)
    found = name_words(other)
    return bool(found) and not any(same_word(a, f) for a in asked for f in found)
