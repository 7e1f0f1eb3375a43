"""What an amount is, read from the words around the number: spaCy's small model tags
most wire-copy money and percentages as bare numbers ("400" CARDINAL, then "mln dlrs";
"10" CARDINAL, then "pct"). An amount entity followed by scale words and a currency, or by
a percent word, or holding a currency word, is a MONEY or a PERCENT, and its span takes in
those words: "400 mln dlrs", "10 pct". So a count question ("how many workers") is never
answered with a sum of money, and a money answer is given with its unit. A fiscal year
("1985/86", a number to NER) is a DATE.
"""

from __future__ import annotations

from typing import Any

from news_rag.index.language.units import CURRENCY, is_percent, is_scale, unit_of

# Labels NER gives to amounts it did not recognise as money or a percentage.
BARE_AMOUNTS = frozenset({"CARDINAL", "QUANTITY"})
YEAR_DIGITS = 4
# Scale words between a number and its unit ("400 mln dlrs"); more never occur in news copy.
MAX_SCALE_WORDS = 2


def is_split_year(text: str) -> bool:
    """A fiscal or crop year written as two years ("1985/86", "2019/2020"), which NER calls a
    number: the first a year of four digits, the second its next year, whole or in its last
    two digits."""
    first, _, second = text.partition("/")
    if not (first.isdigit() and second.isdigit() and len(first) == YEAR_DIGITS):
        return False
    following = int(first) + 1
    return second in (str(following), str(following)[-2:])


def _currency(token: Any) -> bool:
    found = unit_of(token.text)
    return found is not None and found[1] == CURRENCY


def amount_span(span: Any) -> tuple[str, int]:
    """The label and end (a token index of `span.doc`) of an amount entity: MONEY or
    PERCENT when its words say so, through the scale words and unit after it; otherwise its
    own label and end."""
    label, end = span.label_, span.end
    if label not in BARE_AMOUNTS:
        return label, end
    if is_split_year(span.text):
        return "DATE", end
    if any(_currency(t) for t in span):
        return "MONEY", end
    doc = span.doc
    after = end
    while after < len(doc) and after - end < MAX_SCALE_WORDS and is_scale(doc[after].text):
        after += 1
    if after < len(doc) and _currency(doc[after]):
        return "MONEY", after + 1
    if after < len(doc) and is_percent(doc[after].text):
        return "PERCENT", after + 1
    return label, end
