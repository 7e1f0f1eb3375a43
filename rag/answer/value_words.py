"""A value written with a word of the question: "the previous 4.0 cents" for "What was the
previous daily trading limit?", where the sentence gives the new limit too ("to 6.0 cents a
lb, from the previous 4.0 cents"). NER keeps such a qualifier inside the value's span; a
word of it the question says is the question's own choice between the sentence's values.
So is the qualifier before the asked noun the value is of: "a fixed interest rate of 10.2
pct", not "base lending rates of 10.5 pct", for "What fixed interest rate ...?"
(`noun_qualifier_fit`).
"""

from __future__ import annotations

from news_rag.index.language.entities import AMOUNT_LABELS, Entity
from news_rag.index.language.units import SCALE_WORDS, unit_of
from news_rag.index.language.wordlists import words
from news_rag.rag.answer.names import name_words
from news_rag.rag.answer.qualifiers import asked_qualifier, last_mention_qualifier
from news_rag.rag.question.intent import Intent

# Words a value's span holds that qualify no value in particular: hedges and comparisons
# ("about 3,000 tonnes", "more than 40"), which the question repeats without choosing.
_PLAIN_WORDS = frozenset({
    "about", "around", "some", "nearly", "almost", "over", "under", "more", "less", "than",
    "up", "at", "least", "most", "only", "just", "roughly", "approximately", "per", "each",
    "a", "an", "one",
})  # fmt: skip
_NUMBER_WORDS = frozenset({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred",
    "thousand", "dozen", "half", "quarter",
})  # fmt: skip


def value_qualifiers(entity: Entity) -> frozenset[str]:
    """The words of an amount's span other than its numbers (in digits or words), scales,
    units and hedges ("previous" in "the previous 4.0 cents"); none for a name."""
    if entity.label not in AMOUNT_LABELS:
        return frozenset()
    return frozenset(
        w for w in name_words(entity.text)
        if w.isalpha() and w not in _PLAIN_WORDS and unit_of(w) is None and not _number(w)
    )  # fmt: skip


def _number(word: str) -> bool:
    """A number written in words or a scale ("eight", "mln", "billion")."""
    return word in words(SCALE_WORDS) or word in _NUMBER_WORDS


def qualified_as_asked(entity: Entity, intent: Intent) -> bool:
    """Whether a value's span holds a word the question says besides the asked noun
    ("previous" in "the previous 4.0 cents" for "What was the previous ... limit?")."""
    own = value_qualifiers(entity)
    if not own:
        return False
    asked = set(name_words(intent.question)) - {intent.target or ""}
    return bool(own & asked)


def noun_qualifier_fit(entity: Entity, intent: Intent, text: str, sentence_start: int) -> int:
    """For an amount of the asked noun (its first head), 1 where the noun's last mention
    before it has the question's qualifier ("a fixed interest rate of 10.2 pct" for "What
    fixed interest rate ...?", not "base lending rates of 10.5 pct"), else 0
    (`qualifiers.asked_qualifier`)."""
    target, asked = intent.target, asked_qualifier(intent)
    if entity.label not in AMOUNT_LABELS or not target or asked is None:
        return 0
    if entity.heads[:1] != (target,):
        return 0
    named, qualifier = last_mention_qualifier(text[sentence_start : entity.start], target)
    # another qualifier counts nothing against: the word before the noun may be a verb
    # ("We estimate demand at 296,000 tonnes" for "the estimated ... oil demand")
    return int(named and qualifier == asked)
