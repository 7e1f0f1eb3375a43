"""Several short texts in one sequence, each as if it ran alone (`--sentence-vectors composed`).

A composed build embeds a chunk's sentences and edge pieces on their own: about five short
texts per chunk. Packed, they share sequences of up to `PACKED_ROW_TOKENS` word pieces:
each keeps its own [CLS]/[SEP], its positions restart at 0 and its tokens attend only to
each other (the packed graph, `export.packed_bert`), so its hidden states, vector and
weight are those of its own pass (tested to float rounding). The model sees one sequence
where it saw several; every token still goes through it once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from news_rag.index.encoders.pooling import normalize

if TYPE_CHECKING:
    import numpy.typing as npt
    from tokenizers import Encoding

# Word pieces per packed sequence and per forward pass. Rows of 192 (session 12) held the
# fewest sequences (0.78 a chunk on reuters-1000), but every row's attention is over all its
# tokens (its mask blocks the other texts' tokens after computing them), and ONNX Runtime
# fuses no attention for the packed graph. Timed on the 7,776 sentences of 1,000 Reuters
# stories (`eval/RESULTS.md`, "Faster indexing, session 17"): rows of 192 and passes of 1,152
# tokens 20.4-20.5 s, 128 and 768 18.6-19.3 s, 96 and 768 17.3-17.9 s, 64 and 768 16.3 s;
# vectors equal to float rounding (largest difference 1.6e-7). In a whole `rag index` of
# reuters-1000, 128 gives 1.17 sequences a chunk (96: 1.57, over the 1.5 that issue 21
# allows) and the same time as 96.
PACKED_ROW_TOKENS = 128
PACKED_PASS_TOKENS = 768

PackedHidden = Callable[
    ["npt.NDArray[np.int64]", "npt.NDArray[np.int64]", "npt.NDArray[np.int64]"],
    "npt.NDArray[np.float32]",
]


def pack(lengths: Sequence[int], row_tokens: int = PACKED_ROW_TOKENS) -> list[list[int]]:
    """The indices of `lengths` in rows of at most `row_tokens` in all (best fit, longest
    first); a text longer than `row_tokens` has a row of its own."""
    rooms: dict[int, list[int]] = {}  # room left -> rows with that room
    rows: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda k: (-lengths[k], k)):
        need = lengths[i]
        fit = next((r for r in range(need, row_tokens + 1) if rooms.get(r)), None)
        if fit is None:
            rows.append([i])
            row, room = len(rows) - 1, row_tokens - need
        else:
            row = rooms[fit].pop()
            rows[row].append(i)
            room = fit - need
        if room > 0:
            rooms.setdefault(room, []).append(row)
    return rows


def _arrays(
    rows: Sequence[Sequence[int]], encodings: Sequence[Encoding]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    width = max(sum(len(encodings[i].ids) for i in row) for row in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    segments = np.zeros_like(ids)
    positions = np.zeros_like(ids)
    for r, row in enumerate(rows):
        at = 0
        for number, i in enumerate(row, start=1):
            n = len(encodings[i].ids)
            ids[r, at : at + n] = encodings[i].ids
            segments[r, at : at + n] = number
            positions[r, at : at + n] = np.arange(n)
            at += n
    return ids, segments, positions


def encode_packed(
    encodings: Sequence[Encoding],
    hidden_of: PackedHidden,
    dimension: int,
    row_tokens: int = PACKED_ROW_TOKENS,
    pass_tokens: int = PACKED_PASS_TOKENS,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], int]:
    """Each encoding's unit vector and weight (as `pooling.mean_pool_weighted`), from packed
    rows run `pass_tokens` at a time through `hidden_of`; and the number of rows."""
    lengths = [len(e.ids) for e in encodings]
    rows = sorted(pack(lengths, row_tokens), key=lambda row: sum(lengths[i] for i in row))
    summed = np.zeros((len(encodings), dimension), dtype=np.float32)
    first = 0
    while first < len(rows):
        widest = sum(lengths[i] for i in rows[first])
        count = 1
        while first + count < len(rows):
            widest = max(widest, sum(lengths[i] for i in rows[first + count]))
            if widest * (count + 1) > pass_tokens:
                break
            count += 1
        batch = rows[first : first + count]
        hidden = hidden_of(*_arrays(batch, encodings))
        for r, row in enumerate(batch):
            at = 0
            for i in row:
                summed[i] = hidden[r, at : at + lengths[i]].sum(axis=0)
                at += lengths[i]
        first += count
    counts = np.maximum(np.asarray(lengths, dtype=np.float32), 1.0)[:, None]
    weights = np.linalg.norm(summed, axis=-1).astype(np.float32)
    return normalize((summed / counts).astype(np.float32)), weights, len(rows)
