"""What an amount is, read from the words around the number: spaCy's small model tags
most wire-copy money and percentages as bare numbers ("400" CARDINAL, then "mln dlrs";
"10" CARDINAL, then "pct"). An amount entity followed by scale words and a currency, or by
a percent word, or holding a currency word, is a MONEY or a PERCENT, and its span takes in
those words: "400 mln dlrs", "10 pct". So a count question ("how many workers") is never
answered with a sum of money, and a money answer is given with its unit. A fiscal year
("1985/86", a number to NER) is a DATE. NER's non-values are no entity at all: an amount
without a number ("an estimated", "dollar-yen"), a date that is a bare short number ("over
50"), unless it is a person's age ("Marcus Webb, 58,"): a number.
"""

from __future__ import annotations

from typing import Any

from news_rag.index.language.units import CURRENCY, is_percent, is_scale, is_tally, unit_of

# Labels NER gives to amounts it did not recognise as money or a percentage.
BARE_AMOUNTS = frozenset({"CARDINAL", "QUANTITY"})
# Labels NER gives to amounts it recognised as money or a percentage (by a unit word alone,
# at times: "dollar-yen" trading, "Swiss francs").
NAMED_AMOUNTS = frozenset({"MONEY", "PERCENT"})
YEAR_DIGITS = 4
# Scale words between a number and its unit ("400 mln dlrs"); more never occur in news copy.
MAX_SCALE_WORDS = 2
# Capitalised words naming a currency's country between an amount and its unit ("32 U.S.
# Dlrs", "500 Hong Kong dlrs"); no country name in news copy is longer.
MAX_CURRENCY_PLACE_WORDS = 2


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


def not_a_value(span: Any) -> bool:
    """NER's mistakes no answer should quote as a value: an amount without a number ("an
    estimated"), a sum or share without a number or a scale word ("dollar-yen", "Swiss
    francs", "as much as"; "millions of dollars" is one), a date that is only a short
    number (`bare_number`)."""
    if span.label_ == "DATE":
        return bare_number(span)
    if span.label_ in NAMED_AMOUNTS:
        return not any(t.like_num or is_scale(t.text) for t in span)
    return span.label_ in BARE_AMOUNTS and not any(t.like_num for t in span)


def bare_number(span: Any) -> bool:
    """A DATE that is only a short number ("those over 50": an age), which names no date: a
    year has four digits."""
    digits = "".join(t.text for t in span if t.like_num)
    return (
        bool(digits)
        and digits.isdigit()
        and len(digits) < YEAR_DIGITS
        and all(t.like_num or t.is_punct for t in span)
    )


def is_age(span: Any) -> bool:
    """Whether a short number NER calls a DATE is a person's age: in apposition to a name
    ("Marcus Webb, 58,"; "Mensah, 24," where NER tags no name; "Okoye, 52," and "Ruano,
    26," where it tags the surname a place or an organisation) or after "aged" ("aged 24
    and 31")."""
    root = span.root
    head = root.head
    named = head.ent_type_ == "PERSON" or head.pos_ == "PROPN"
    return (root.dep_ == "appos" and named) or head.lemma_.lower() == "age"


def amount_span(span: Any) -> tuple[str | None, int]:
    """The label and end (a token index of `span.doc`) of an entity: for an amount, MONEY
    or PERCENT when its words say so, through the scale words and unit after it; None (no
    entity) for an amount with no number in it ("an estimated") or a DATE that is a bare
    short number ("over 50"), a CARDINAL for one that is a person's age ("Marcus Webb, 58,");
    otherwise its own label and end."""
    label, end = span.label_, span.end
    if not_a_value(span):
        return ("CARDINAL" if label == "DATE" and is_age(span) else None), end
    if label in NAMED_AMOUNTS and not any(_currency(t) or is_percent(t.text) for t in span):
        after = _unit_after(span)  # "81.25 billion" MONEY, then "stg": through the unit
        return (label, after[1]) if after is not None and after[0] == label else (label, end)
    if label not in BARE_AMOUNTS:
        return label, end
    if is_split_year(span.text):
        return "DATE", end
    if any(_currency(t) for t in span):
        return "MONEY", end
    return _unit_after(span) or (label, end)


def _unit_after(span: Any) -> tuple[str, int] | None:
    """MONEY or PERCENT through the scale words and the unit after a bare amount ("400" then
    "mln dlrs"), or None."""
    doc, end = span.doc, span.end
    after = end
    while after < len(doc) and after - end < MAX_SCALE_WORDS and is_scale(doc[after].text):
        after += 1
    unit = after  # past "U.S." of "32 U.S. Dlrs": the currency's country, then its unit
    while unit < len(doc) and unit - after < MAX_CURRENCY_PLACE_WORDS and doc[unit].is_title:
        if _currency(doc[unit]):
            break
        unit += 1
    if unit < len(doc) and _currency(doc[unit]):
        return "MONEY", unit + 1
    if after < len(doc) and is_percent(doc[after].text):
        return "PERCENT", after + 1
    return None


# Amount labels a range joins ("600 mln to 620 mln", "93 to 0", "between 39 and 43 mln").
RANGE_LABELS = NAMED_AMOUNTS | BARE_AMOUNTS
# Words before a first amount that make "X to Y" a change, not a range: "rose from 5 to 6
# pct", "cut by 500 to 2,000".
CHANGE_WORDS = frozenset({"from", "by"})


def range_end(span: Any, first: str, end: int, following: Any | None) -> tuple[str, int] | None:
    """The label and end of an amount range that starts with `span` (an amount entity of
    label `first`, from `amount_span`, whose own words end at token `end`) and goes on to
    the next entity `following`, of the same kind: "600 mln to 620 mln dlrs", "voted 93 to
    0", "between 39 mln and 43 mln dlrs".
    Not a change ("rose from 5 to 6 pct", "5 pct to 120 mln dlrs"). None when there is no
    range."""
    if following is None or span.label_ not in RANGE_LABELS:
        return None
    doc = span.doc
    mark = end
    while mark < len(doc) and mark - end < MAX_SCALE_WORDS and is_scale(doc[mark].text):
        mark += 1  # "600 mln to 620 mln": past the first one's scale word
    if following.label_ not in RANGE_LABELS or following.start != mark + 1:
        return None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    word = doc[mark].lower_
    ranged = (word in {"to", "-", "–"} and before not in CHANGE_WORDS) or (
        word == "and" and before == "between"
    )
    second, stop = amount_span(following)
    if not ranged or second is None:
        return None
    if first != second and first not in BARE_AMOUNTS:
        return None  # "5 pct to 120 mln dlrs": a share, then a sum
    return second if first in BARE_AMOUNTS else first, stop


def amount_start(span: Any, label: str) -> int:
    """Where an amount starts: at the currency sign NER left before it ("$" of "$34",
    tagged "34"), else where the entity does."""
    start = span.start
    if label in RANGE_LABELS and start > 0:
        before = span.doc[start - 1]
        if not before.whitespace_ and not before.is_alpha and _currency(before):
            return start - 1
    return start


def orphan_amounts(doc: Any, covered: set[int]) -> list[tuple[str, int, int]]:
    """The amounts NER left out (label, first token, end token): a number in no entity,
    then at most `MAX_SCALE_WORDS` scale words and a currency or percent word ("at least 85
    million dollars", where the small model tags only "at least"; wire tables' "Shr 40
    cts"), with a currency sign before it."""
    found = []
    for token in doc:
        if token.i in covered or not token.like_num or not any(c.isdigit() for c in token.text):
            continue
        unit = _unit_after(doc[token.i : token.i + 1])
        if unit is None or any(i in covered for i in range(token.i, unit[1])):
            continue
        label, end = unit
        start = token.i
        if start > 0 and _currency(doc[start - 1]) and not doc[start - 1].whitespace_:
            start -= 1  # "$" of "$85 million"
        found.append((label, start, end))
    return found


def orphan_counts(doc: Any, covered: set[int]) -> list[tuple[str, int, int]]:
    """The counts NER left out (label, first token, end token): a number written in digits,
    in no entity, counting a noun ("about 900 employees", where the small model tags none of
    it), with the words before it that bound it ("about", "nearly"); never a year ("1987
    elections") nor a noun the amounts read as a unit or scale (`orphan_amounts`)."""
    found = []
    for token in doc:
        if token.i in covered or not token.like_num or not any(c.isdigit() for c in token.text):
            continue
        if token.dep_ != "nummod" or token.head.pos_ != "NOUN" or _year_like(token.text):
            continue
        head = token.head.text
        if unit_of(head) is not None or is_scale(head) or is_percent(head):
            continue
        bounds = [c.i for c in token.children if c.dep_ in {"advmod", "quantmod"} and c.i < token.i]
        start = min([token.i, *bounds])
        if any(i in covered for i in range(start, token.i)):
            start = token.i
        found.append(("CARDINAL", start, token.i + 1))
    return found


def _year_like(text: str) -> bool:
    return len(text) == YEAR_DIGITS and text.isdigit() and 1800 <= int(text) <= 2100


# A score's sides have at most this many digits ("2-1", "93-0"; not "2015-2021").
SCORE_DIGITS = 2


def scores(doc: Any) -> list[tuple[int, int]]:
    """The token spans (start, end) of match scores and tallies written number-dash-number
    with no spaces (`units.is_tally`: "beating Port Linden 2-1", "voted 93-0"), which NER
    leaves out or swallows into a name ("Port Linden 2-1", a FAC)."""
    found = []
    for i in range(len(doc) - 2):
        first, dash, second = doc[i], doc[i + 1], doc[i + 2]
        if first.whitespace_ or dash.whitespace_ or not is_tally(doc[i : i + 3].text):
            continue
        if max(len(first.text), len(second.text)) <= SCORE_DIGITS:
            found.append((i, i + 3))
    return found
