"""An amount the question gives as a condition ("a ten dlr a barrel import fee") that no
story of the answer writes, where the best one's story writes the same unit and the same
words after it with another number ("a five dlr a barrel import fee would have a net cost
to the economy of 3.6 billion dlrs"): the figure is for another condition. Read from the
words themselves, as `model_codes` reads terms: a number (in digits or words), a unit word
of `index/language/data/units.tsv`, and the `CONTEXT_WORDS` words after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.language.units import unit_of
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.model_codes import other_number

# Words after the unit that say what the amount is of ("a barrel import" in "five dlr a
# barrel import fee"): three, enough to tell a fee from a price; set by hand.
CONTEXT_WORDS = 3
_NUMBER_WORDS = {
    word: str(n)
    for n, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty"),
        start=1,
    )
}  # fmt: skip
_PUNCTUATION = ".,;:!?\"'()"

Phrase = tuple[str, tuple[str, ...]]  # (unit, the words after it)


def _number(word: str) -> str | None:
    """A number as digits ("ten" -> "10", "5" -> "5"), or None."""
    word = word.casefold()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    plain = word.replace(",", "")
    return plain if plain.replace(".", "", 1).isdigit() else None


def _amounts(text: str) -> dict[Phrase, dict[str, str]]:
    """Each unit-and-context phrase of the text, and the numbers written before it with the
    words as written ("5" -> "five dlr a barrel import")."""
    words = [w.strip(_PUNCTUATION) for w in text.split()]
    found: dict[Phrase, dict[str, str]] = {}
    for at in range(len(words) - 1 - CONTEXT_WORDS):
        number = _number(words[at])
        unit = unit_of(words[at + 1]) if number else None
        if number is None or unit is None:
            continue
        context = tuple(w.casefold() for w in words[at + 2 : at + 2 + CONTEXT_WORDS])
        written = " ".join(words[at : at + 2 + CONTEXT_WORDS])
        found.setdefault((unit[0], context), {}).setdefault(number, written)
    return found


def other_rate(question: str, typed: Sequence[Evidence]) -> str | None:
    """The refusal's reason when the question's amount of a condition is written in no
    story of a sentence holding an answer, and the best one's story writes its unit and
    words with another number only: "this for ten dlr a barrel import, only for five dlr a
    barrel import" (`model_codes.other_number`)."""
    found = other_number(_amounts, question, typed)
    return f"this for {found[0]}, only for {found[1]}" if found else None
