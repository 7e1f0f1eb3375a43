"""Bytes to text: BOMs, UTF-8, detected legacy encodings, and what counts as binary.

Stray control characters (a NUL byte, an escape code) are removed from text that
otherwise decodes; only content that is mostly non-text is refused as binary.
"""

from __future__ import annotations

import re

# Random bytes read in a single-byte code page are ~12% C0/C1 control characters, and real
# binaries (images, archives, UTF-16 without a BOM) far more; text with stray NUL bytes or
# terminal escapes has well under 1%. A tenth sits between the two.
BINARY_CONTROL_SHARE = 0.10
# Files this small are judged by count, not share: a 20-byte PNG header has 6 controls.
_FEW_CONTROLS = 2
# Control characters removed from decoded text (tab, newline, CR, VT and FF are kept).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Single-byte Latin encodings (Windows, ISO, Mac, DOS) that detection confuses with each
# other even on long text (German cp1252 is reported as cp775): cp1252 wins.
_WESTERN = frozenset(
    [
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_roman",
        "mac_latin2",
        "mac_iceland",
        "mac_turkish",
        "cp437",
        "cp775",
        "cp850",
        "cp852",
        "cp857",
        "cp858",
        "cp860",
        "cp861",
        "cp863",
        "cp865",
    ]
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `data` names, if any."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def decode_bytes(data: bytes) -> str | None:
    """Text of a file: UTF-8 (BOM or not), UTF-16/32 with BOM, else detected; None if binary.

    Control characters are removed from the text returned.
    """
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            return _text_or_none(data.decode(encoding))
        except UnicodeDecodeError:
            return None
    try:
        return _text_or_none(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # deferred: only for non-UTF-8 files

    best = from_bytes(data).best()
    detected: str | None = best.encoding if best is not None else None
    if detected is None or detected in _WESTERN or detected.startswith(("utf_16", "utf_32")):
        try:
            return _text_or_none(data.decode("cp1252"))
        except UnicodeDecodeError:
            pass
    return _text_or_none(str(best)) if best is not None else None


def decode_line(data: bytes) -> str | None:
    """One line of a JSON Lines file: UTF-8 (as JSON is), else detected like a file."""
    try:
        return _text_or_none(data.decode("utf-8"))
    except UnicodeDecodeError:
        return decode_bytes(data)


def is_mostly_non_text(text: str) -> bool:
    """Whether control and replacement characters show `text` is really binary."""
    count = len(_NON_TEXT.findall(text))
    return count > max(_FEW_CONTROLS, BINARY_CONTROL_SHARE * len(text))


def strip_controls(text: str) -> str:
    """`text` without control characters other than whitespace."""
    return _CONTROL.sub("", text)


def _text_or_none(text: str) -> str | None:
    return None if is_mostly_non_text(text) else strip_controls(text)
