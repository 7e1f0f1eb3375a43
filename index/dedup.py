"""Near-duplicate detection (the same report syndicated twice) with MinHash + LSH.

Exact duplicates are caught earlier by content hash. Here, candidate pairs come from
locality-sensitive hashing of word 5-shingles and are confirmed by exact Jaccard, so the
cost stays near-linear in the number of articles.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.8
_BANDS = 16
_ROWS = 4
_PRIME = (1 << 61) - 1
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The text's words, case-folded (runs of letters and digits)."""
    return _WORD.findall(text.casefold())


def shingles(text: str) -> set[int]:
    found = words(text)
    if len(found) < SHINGLE_WORDS:
        return {_hash64(" ".join(found))} if found else set()
    return {
        _hash64(" ".join(found[i : i + SHINGLE_WORDS]))
        for i in range(len(found) - SHINGLE_WORDS + 1)
    }


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _signature(items: set[int]) -> list[int]:
    import numpy as np

    values = np.fromiter(items, dtype=np.uint64, count=len(items)) % np.uint64(_PRIME)
    signature = []
    for seed in range(_BANDS * _ROWS):
        a = np.uint64(2 * seed + 1)
        b = np.uint64(seed * 7919 + 17)
        signature.append(int(((values * a + b) % np.uint64(_PRIME)).min()))
    return signature


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_near_duplicates(
    ids: Sequence[str], texts: Sequence[str], threshold: float = NEAR_DUPLICATE_JACCARD
) -> dict[str, str]:
    """Map each near-duplicate article id to the earlier (in `ids` order) article it copies."""
    sets = [shingles(t) for t in texts]
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    for i, items in enumerate(sets):
        if not items:
            continue
        sig = _signature(items)
        for band in range(_BANDS):
            buckets[(band, tuple(sig[band * _ROWS : (band + 1) * _ROWS]))].append(i)
    result: dict[str, str] = {}
    for members in buckets.values():
        for pos, j in enumerate(members):
            if ids[j] in result:
                continue
            for i in members[:pos]:
                if ids[i] not in result and jaccard(sets[i], sets[j]) >= threshold:
                    result[ids[j]] = ids[i]
                    break
    return result
