"""Conventions of news-agency (wire) copy: the dateline that opens a story and the sign-off.

A wire story opens with a dateline, the place in capitals and usually the date or the
agency ("HOUSTON, Feb 26 -", "LONDON (Reuters) -"), and ends with the agency's sign-off
on a line of its own ("REUTER", "Reuter", "REUTER&#3;" in the Reuters-21578 SGML). The
dateline's place becomes the article's `dateline` field; neither is part of the body text.

Reuters also marks companies in angle brackets, two ways: a company without a listed
ticker is bracketed whole ("The <Hearst Corp> is buying"), and a listed one is followed by
its ticker code ("Mobil Corp <MOB.N> said"). In the cleaned text a bracketed name is plain
text ("The Hearst Corp is buying"), and a code right after a word is set in parentheses,
as Reuters itself writes ticker codes today ("Mobil Corp (MOB.N) said"); a code after
punctuation stands for the name ("Digital Equipment Corp, <DEC> already") and is plain
text. A mark whose closing bracket was lost ("<Chemical Bank of New <York>") loses its
opening one too. Offsets are computed on the
cleaned text, so quotes cite the plain names.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence

_MONTHS = frozenset(
    name.lower() for name in (*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept")
)
_WORD = r"[A-Z][A-Za-z.'’\-]*"
_DATELINE_PATTERN = (
    rf"^(?P<place>{_WORD}(?: {_WORD}){{0,4}})"  # HOUSTON, NEW YORK, ST. LOUIS, Kansas City
    rf"(?:,\s*{_WORD}(?: {_WORD}){{0,2}})??"  # , Calif. / , New Zealand (region, not kept)
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&-]{1,30})\))?"  # (Reuters)
    r"(?:(?:,\s*|\s+)(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:,?\s+\d{4})?)?"  # , Feb 26
    r"(?P<dash>\s*[-–—]+(?:\s+|$)|\s*$)"
)
_DATELINE = re.compile(_DATELINE_PATTERN)
_DATELINE_FIELD = re.compile(_DATELINE_PATTERN, re.I)  # a field may be lowercased: "omaha, april 7"
_SENTENCE_OPENERS = "\"“‘'<(["  # a story after a dateline starts like a sentence
# A whole line that is only the agency's sign-off ("&#3;" is already decoded to nothing).
_SIGN_OFF_LINE = re.compile(r"^(?:REUTERS?|Reuters?)\W{0,3}$")
# The same sign-off run on after the last sentence of the paragraph ("... said. REUTER").
_SIGN_OFF_TAIL = re.compile(r"(?<=[.!?\"”’)])\s+REUTERS?\W{0,3}$")
# A company mark: a name or a code in angle brackets, on one line (wrapped lines are joined
# before marks are read). Characters of markup or formulas ("=", "@", ":", quotes) rule a
# mark out: "<a href=...>", "<x@y.org>" are not company names.
_MARK = re.compile(r"<([^<>\n]{1,100})>")
_NAME = re.compile(r"[A-Z0-9][^=@:\"{}\[\]|\\]*")
# A ticker code: one token of letters, digits and dots, and at most an exchange suffix
# after a space ("SABS ST"), in one case ("MOB.N", "X", "SUNW"; "unp" as some desks typed
# it); in a headline (title-cased in Reuters-21578: "Standard Oil <Srd>") it starts in
# uppercase and its case says no more. A name in the body mixes cases ("<Oki>").
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&\-]{0,11}(?: [A-Za-z]{1,3})?")
# Right after a word, a possessive or another mark, with at most one space between: the
# code is in apposition to the name before it ("Inc's <SUNW>", "Group <RD> <SC>").
_AFTER_NAME = re.compile(r"[\w')>] ?$")
_CONTEXT = 3  # characters before a mark that `_AFTER_NAME` reads
_LOST_CLOSE = re.compile(r"<(?=[A-Z][^<>]*(?:<|$))")  # a mark's "<" with no ">" to close it


def _read(line: str, *, need_dash: bool) -> tuple[str, int] | None:
    """(place, length of the dateline) when `line` opens with a dateline."""
    match = (_DATELINE if need_dash else _DATELINE_FIELD).match(line)
    if match is None or len(match["place"].replace(" ", "")) < 2:
        return None
    month = match["month"]
    if month is not None and month.lower() not in _MONTHS:
        return None
    if match["place"].lower() in _MONTHS:
        return None  # "APRIL 7 -" is a date without a place
    if month is None and match["agency"] is None:
        return None  # "NATO - ..." is not a dateline: a date or an agency must follow the place
    if need_dash and not match["dash"].strip():
        return None
    return match["place"].strip(" -"), match.end()


def take_dateline(line: str) -> tuple[str | None, str]:
    """(the dateline's place, the rest of the line) for a body's first line."""
    found = _read(line, need_dash=True)
    if found is None:
        return None, line
    place, length = found
    rest = line[length:].lstrip()
    if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _SENTENCE_OPENERS):
        return None, line  # "ISIS (Daesh) - a group ..." is an apposition, not a dateline
    return place, rest


def dateline_place(value: str) -> str | None:
    """The place of a dateline field ("SALVADOR, Feb 26 -" -> "SALVADOR"), else the value."""
    value = " ".join(value.split()).strip(" ,-–—")
    if not value:
        return None
    found = _read(value, need_dash=False)
    if found:
        return found[0]
    return None if any(char.isdigit() for char in value) else value  # "MAR8 --" is garbage


def strip_sign_off(lines: Sequence[str]) -> list[str]:
    """The last paragraph's lines without a trailing wire sign-off."""
    kept = list(lines)
    while kept and _SIGN_OFF_LINE.match(kept[-1]):
        kept.pop()
    if kept:
        kept[-1] = _SIGN_OFF_TAIL.sub("", kept[-1])
    return kept


def plain_company_marks(text: str, *, headline: bool = False) -> str:
    """`text` with the wire's company marks made plain: "<Hearst Corp>" -> "Hearst Corp",
    "Mobil Corp <MOB.N>" -> "Mobil Corp (MOB.N)". Anything else in brackets is kept."""
    if "<" not in text:
        return text

    def render(match: re.Match[str]) -> str:
        inside, start = match[1], match.start()
        space = " " if start > 0 and text[start - 1].isalnum() else ""  # "Intergroup<Nii>"
        before = text[max(0, start - _CONTEXT) : start]
        if _is_code(inside, headline=headline) and _AFTER_NAME.search(before):
            return f"{space}({inside})"
        return f"{space}{inside}" if _NAME.fullmatch(inside) else match[0]

    return _LOST_CLOSE.sub("", _MARK.sub(render, text))


def _is_code(inside: str, *, headline: bool) -> bool:
    """Whether a mark's contents are a ticker code (see `_CODE`)."""
    if not _CODE.fullmatch(inside):
        return False
    if headline:
        return not inside[0].islower()
    return inside in (inside.upper(), inside.lower())
