"""Conventions of news-agency (wire) copy: the dateline that opens a story and the sign-off.

A wire story opens with a dateline, the place in capitals and usually the date or the
agency ("HOUSTON, Feb 26 -", "LONDON (Reuters) -"), and ends with the agency's sign-off
on a line of its own ("REUTER", "Reuter", "REUTER&#3;" in the Reuters-21578 SGML). The
dateline's place becomes the article's `dateline` field; neither is part of the body text.
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
