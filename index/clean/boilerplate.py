"""Patterns for markup remnants and site boilerplate in exported article text.

Real HTML files go through trafilatura; these small regexes only handle the inline
remnants that text exports carry (`[South Front](#)`, `<u>x</u>`, `**x**`, `## `) and
the template lines of re-posting sites (disclaimers, donation appeals, promo lines), which
are listed in `data/site_template_lines.txt` (package data).
"""

from __future__ import annotations

import html
import re
from functools import cache
from importlib import resources

# Each match attempt stops at the next opening delimiter ('[', '(', '**'), so that no
# character is scanned from many starts: linear time with a small constant on hostile lines
# (2 MB of '[' took 21 s with `[^\]]{0,300}`, 2 MB of '![a](' 10 s, of '**a ' 6 s).
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\n]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\((?:[^()\s]|\([^()\s]{0,300}\)){0,2000}\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_INLINE_TAG = re.compile(
    r"</?(?:a|u|b|i|em|strong|span|font|sup|sub|small|mark|ins|del|s|strike|abbr|cite|q|p|div)"
    r"(?:\s[^<>]*)?/?>",
    re.I,
)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_BOLD = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).){1,300}?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")
_BLOCKQUOTE = re.compile(r"^\s*>\s?")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
_EMAIL_PLACEHOLDER = re.compile(r"\s*\[email(?:\s|&nbsp;|&#160;)*protected\]", re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")
# control characters and invisible ones (zero-width spaces and joiners, BOM, soft hyphen)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

BULLET = re.compile(r"^(?:[-•]|\d{1,3}[.)])\s+\S")

_BARE_URL = re.compile(
    r"^[(<]?(?:https?://\S+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?)[)>]?\.?$"
)
_ONLY_PUNCTUATION = re.compile(r"^[\W_]+$")
_AUTHOR_BIO = re.compile(r"^About the authors?:?\s*(?P<rest>.*)$", re.I)


@cache
def _boilerplate() -> re.Pattern[str]:
    """Whole lines that are site furniture: `data/site_template_lines.txt`, one regular
    expression a line, matched at the start of a line, ignoring case."""
    text = resources.files(__package__).joinpath("data", "site_template_lines.txt")
    lines = text.read_text(encoding="utf-8").splitlines()
    patterns = [line for line in lines if line and not line.startswith("#")]
    return re.compile("^(?:" + "|".join(patterns) + ")", re.I)


def scrub(text: str) -> str:
    """Lone surrogates (legal JSON escapes, unstorable) replaced; control, invisible chars gone."""
    return _CONTROL.sub("", _SURROGATE.sub("\ufffd", text))


def normalize_spaces(text: str) -> str:
    """Unify newlines, drop invisible characters, make odd spaces plain spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = scrub(text)
    return _SPACES.sub(" ", text)


def strip_inline_markup(line: str) -> str:
    """Remove link, emphasis and heading remnants from one line, keeping their text."""
    if "[" in line:
        line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line))
        line = _EMAIL_PLACEHOLDER.sub("", line)
    if "<" in line:
        line = _INLINE_TAG.sub("", _BREAK_TAG.sub(" ", _AUTOLINK.sub(r"\1", line)))
    if "*" in line or "__" in line:
        line = _ITALIC.sub(r"\1", _BOLD.sub(r"\2", line))
    if "#" in line:
        line = _HEADING.sub("", line)
    if ">" in line:
        line = _BLOCKQUOTE.sub("", line)
    if "&" in line:
        line = _ENTITY.sub(lambda match: html.unescape(match.group(0)), line)
    return " ".join(line.split())


def is_boilerplate(line: str) -> bool:
    """A whole line of site furniture (after `strip_inline_markup`)."""
    if not line or _ONLY_PUNCTUATION.match(line):
        return True
    return bool(_boilerplate().match(line) or _BARE_URL.match(line))


def author_bio_heading(line: str) -> tuple[bool, bool]:
    """(is an 'About the author' line, whether its bio follows in the next paragraph)."""
    match = _AUTHOR_BIO.match(line)
    if not match:
        return False, False
    return True, not match["rest"].strip()
