"""Whether two index generations hold the same index: the check behind the tests and
`rag benchmark cluster` that a Ray build equals a local one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

# The tables a generation's contents are made of (not time stamps or provenance).
TABLES = ("articles", "chunks", "sentences", "sentence_analysis", "acronyms", "spellings")
MANIFEST_KEYS = ("model", "chunker", "faiss", "bm25", "analysis", "counts")
# Vectors of the same text may differ in the last float bits with the texts batched with
# it (padding); 2e-5 is ~50 float32 ulps of a unit vector's components, far below any
# ranking difference (cosine scores are compared at 1e-3 at best).
VECTOR_TOLERANCE = 2e-5
VECTOR_FILES = ("vectors.npy", "sentence_vectors.npy")


def live_generation(index_dir: Path) -> Path:
    return index_dir / (index_dir / "CURRENT").read_text().strip()


def _rows(meta: Path, table: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{meta}?mode=ro", uri=True)
    try:
        return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    finally:
        conn.close()


def differences(first: Path, second: Path) -> list[str]:
    """What differs between the live generations of two index directories ([]: none)."""
    import numpy as np

    a, b = live_generation(first), live_generation(second)
    found = [
        f"table {table}"
        for table in TABLES
        if _rows(a / "meta.sqlite", table) != _rows(b / "meta.sqlite", table)
    ]
    manifests = [json.loads((g / "manifest.json").read_text()) for g in (a, b)]
    found += [f"manifest {k}" for k in MANIFEST_KEYS if manifests[0][k] != manifests[1][k]]
    for name in VECTOR_FILES:
        x, y = np.load(a / name), np.load(b / name)
        # a float16 file (sentence vectors, if stored so) rounds to its own, coarser grid
        tolerance = max(VECTOR_TOLERANCE, 2 * float(np.finfo(x.dtype).eps))
        same = x.shape == y.shape and x.dtype == y.dtype
        if not same or not np.allclose(x, y, atol=tolerance, rtol=0):
            found.append(name)
    return found
