"""Text that can go out again: requests with lone surrogates refused, error details escaped.

JSON's `\\ud800` escape decodes to a lone surrogate, which Python keeps in a `str` but no
UTF-8 writer accepts: echoed in a response (HTTP or MCP) it raised instead of answering.
Such text is refused where a request comes in (`unencodable`), and whatever an error reply
repeats of a request is made plain first (`printable`).
"""

from __future__ import annotations

import math
from typing import Any

# Deeper JSON than this is not looked into (a request is a few flat fields); its strings
# are checked where they are used, by the model that validates them.
MAX_DEPTH = 32


def encodes(text: str) -> bool:
    """Whether `text` can be written as UTF-8 (holds no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def escaped(text: str) -> str:
    """`text` with each lone surrogate written as its escape (\\ud800)."""
    return text if encodes(text) else text.encode("utf-8", "backslashreplace").decode("utf-8")


def unencodable(value: Any, where: str = "", depth: int = 0) -> str | None:
    """Where in the JSON value `value` a string or key cannot be written as UTF-8, as a
    dotted path ("question", "filters.outlet"; "" for `value` itself); None if nowhere."""
    if isinstance(value, str):
        return None if encodes(value) else where
    if depth >= MAX_DEPTH:
        return None
    items: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            name = escaped(str(key))
            if isinstance(key, str) and not encodes(key):
                return f"{where}.{name}" if where else name
            items.append((name, item))
    elif isinstance(value, list | tuple):
        items = [(str(n), item) for n, item in enumerate(value)]
    for name, item in items:
        found = unencodable(item, f"{where}.{name}" if where else name, depth + 1)
        if found is not None:
            return found
    return None


def surrogate_message(where: str) -> str:
    place = f"{where}: " if where else ""
    return f"{place}text is not valid Unicode (a lone surrogate such as \\ud800); send UTF-8 text"


def printable(value: Any, depth: int = 0) -> Any:
    """A copy of `value` that JSON can always write: strings escaped, non-finite numbers
    as text, anything else as its `str`."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dict | list | tuple) and depth < MAX_DEPTH:
        if isinstance(value, dict):
            return {escaped(str(k)): printable(v, depth + 1) for k, v in value.items()}
        return [printable(v, depth + 1) for v in value]
    return escaped(str(value))
