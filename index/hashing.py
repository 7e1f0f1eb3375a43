"""sha256 of files (index files, sources, model weights) and of texts (chunk and sentence keys)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def text_hash(text: str) -> str:
    """The key of a text's stored vector: its sha256 (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
