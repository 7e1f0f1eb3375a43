"""The attribute ruler's matches, found by looking each token's rules up instead of trying all.

spaCy's `attribute_ruler` (tag to POS and morphology, lemma exceptions) runs its 179
patterns through a `Matcher`, which tries every pattern at every token: 69.8 s of one core
for the 2.9M tokens of Reuters-21578, about a seventh of the parse (`eval/RESULTS.md`,
"Faster indexing, session 17"; the lookup takes 16.7 s and finds the same). Almost
every pattern is one token with an exact TAG or LOWER, so `IndexedRules` files each rule
under those values, and a token tries only the rules filed under its own tag and lower
form, plus the few filed under neither. It returns what `AttributeRuler.match` returns (the
same tuples, in the same order), so `set_annotations` writes the same attributes; a
pattern using anything else (another attribute, an operator, a quantifier) leaves the
ruler as spaCy made it (`install`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

# The token attributes the lookup reads, in the order of a row of `Doc.to_array`.
_ATTRIBUTES = ("LOWER", "TAG", "DEP", "IS_SPACE")
_COLUMN = {attr: column for column, attr in enumerate(_ATTRIBUTES)}
_STRING_VALUED = {"LOWER", "TAG", "DEP"}  # held as string hashes; IS_SPACE is 0 or 1

Row = Sequence[int]  # one token's attributes, as `Doc.to_array(_ATTRIBUTES)` gives them
Test = Callable[[Row], bool]
Rule = tuple[int, int, list[Test]]  # (the ruler's rule number, match key, a test a token)


def _exact(attr: str, value: Any) -> bool:
    """Whether a pattern asks for one value of the attribute: a string of a string-valued
    one ("TAG": "VBZ"), a boolean of IS_SPACE."""
    return isinstance(value, str | bool) and (attr in _STRING_VALUED) == isinstance(value, str)


class _Compiler:
    """Turns a pattern's token specs into tests over a token's `Row`."""

    def __init__(self, strings: Any) -> None:
        self.strings = strings

    def coded(self, attr: str, value: Any) -> int:
        if attr in _STRING_VALUED:
            return int(self.strings.add(value))
        return int(bool(value))

    def value_test(self, attr: str, value: Any) -> Test | None:
        column = _COLUMN[attr]
        if _exact(attr, value):
            code = self.coded(attr, value)
            return lambda row: row[column] == code
        if not isinstance(value, dict) or len(value) != 1 or attr not in _STRING_VALUED:
            return None
        ((operator, operand),) = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(operand, list):
            members = frozenset(self.coded(attr, member) for member in operand)
            inside = operator == "IN"
            return lambda row: (row[column] in members) == inside
        if operator == "REGEX" and isinstance(operand, str):
            search, strings, seen = re.compile(operand).search, self.strings, {}

            def matches(row: Row) -> bool:
                code = row[column]
                if code not in seen:
                    seen[code] = bool(search(strings[code]))
                return seen[code]

            return matches
        return None

    def token_test(self, spec: dict[str, Any]) -> Test | None:
        tests: list[Test] = []
        for attr, value in spec.items():
            test = self.value_test(attr, value) if attr in _COLUMN else None
            if test is None:
                return None
            tests.append(test)
        return lambda row: all(test(row) for test in tests)

    def filed_under(self, spec: dict[str, Any]) -> list[tuple[int, int]] | None:
        """The (column, value) places a rule whose first token is `spec` is filed under;
        None: it is tried at every token."""
        for attr in _ATTRIBUTES:
            value = spec.get(attr)
            if _exact(attr, value):
                return [(_COLUMN[attr], self.coded(attr, value))]
            if isinstance(value, dict) and list(value) == ["IN"] and attr in _STRING_VALUED:
                return [(_COLUMN[attr], self.coded(attr, member)) for member in value["IN"]]
        return None


class IndexedRules:
    """`AttributeRuler.match` by lookup, for a ruler whose patterns it can read
    (`IndexedRules.of` gives None for one it cannot)."""

    def __init__(self, filed: dict[tuple[int, int], list[Rule]], everywhere: list[Rule]):
        columns: dict[int, dict[int, list[Rule]]] = {}
        for (column, value), rules in filed.items():
            columns.setdefault(column, {})[value] = rules
        self._by_column = sorted(columns.items())
        self._everywhere = everywhere

    @classmethod
    def of(cls, ruler: Any) -> IndexedRules | None:
        compiler = _Compiler(ruler.vocab.strings)
        filed: dict[tuple[int, int], list[Rule]] = {}
        everywhere: list[Rule] = []
        for number, entry in enumerate(ruler.patterns):
            key = int(ruler.vocab.strings.add(str(number)))  # the key `AttributeRuler.add` gave
            for pattern in entry["patterns"]:
                tests = [compiler.token_test(spec) for spec in pattern]
                if not pattern or any(test is None for test in tests):
                    return None
                rule: Rule = (number, key, tests)  # type: ignore[assignment]
                under = compiler.filed_under(pattern[0])
                if under is None:
                    everywhere.append(rule)
                for place in under or ():
                    filed.setdefault(place, []).append(rule)
        return cls(filed, everywhere)

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """What `AttributeRuler.match(doc)` gives: (rule number, key, start, end), sorted."""
        rows: list[Row] = doc.to_array(list(_ATTRIBUTES)).tolist()
        found: set[tuple[int, int, int, int]] = set()
        by_column, everywhere, length = self._by_column, self._everywhere, len(rows)
        for start, row in enumerate(rows):
            for column, filed in by_column:
                for number, key, tests in filed.get(row[column], ()):
                    if self._holds(tests, rows, start, length):
                        found.add((number, key, start, start + len(tests)))
            for number, key, tests in everywhere:
                if self._holds(tests, rows, start, length):
                    found.add((number, key, start, start + len(tests)))
        return sorted(found)

    @staticmethod
    def _holds(tests: list[Test], rows: list[Row], start: int, length: int) -> bool:
        if len(tests) == 1:
            return tests[0](rows[start])
        end = start + len(tests)
        return end <= length and all(
            test(rows[at]) for at, test in zip(range(start, end), tests, strict=True)
        )


def install(nlp: Any) -> bool:
    """Give `nlp`'s attribute ruler the lookup (`IndexedRules`); False where it has none or
    uses a pattern the lookup cannot read (spaCy's own matching stays)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    rules = IndexedRules.of(ruler)
    if rules is None:
        return False
    ruler.match = rules.match
    return True
