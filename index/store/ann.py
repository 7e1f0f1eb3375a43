"""Which FAISS index a corpus gets, how it is searched, and filtered search that stays exact.

Below `FLAT_MAX_VECTORS` the index is Flat (exact inner product). Above it, an inverted
file (IVF) index whose codes are scalar-quantised to 8 bits: a quarter of the float32
size, so serving memory stays well below a full float copy, with the top candidates
re-scored exactly against the memory-mapped `vectors.npy` (`refine`). The choice, the
search parameters and the training-sample size are recorded in the manifest
(`manifest["faiss"]`, see `AnnSpec.to_manifest`); an explicit factory string or search
parameter overrides the automatic choice.

Every threshold below was measured on the 2-core machine this project targets with
`rag benchmark scale` (real Reuters chunk vectors and perturbed copies of them; see
eval/RESULTS.md, "Scale").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# Measurements below: `rag benchmark scale` and a factory sweep over the same data (real
# Reuters chunk vectors and perturbed copies, 200 title queries, one search thread, load
# average about 7 on the 2 shared cores), 2026-11-29; numbers in eval/RESULTS.md, "Scale".
#
# Flat up to here: at 50k chunks Flat dense search took p50 3.3 ms (recall 1.0, no
# training, 77 MB); IVF-SQ8 at 100k took 0.36 ms. Below 50k exact search is cheap enough
# that an approximate index buys nothing worth its recall loss and training time.
FLAT_MAX_VECTORS = 50_000
# IVF lists: about 4 * sqrt(n) (FAISS's guidance is 4..16 * sqrt(n)), a power of two,
# clamped; 100k -> 1024 lists and 1M -> 4096 lists.
IVF_LISTS_PER_SQRT_N = 4
MIN_IVF_LISTS = 256
MAX_IVF_LISTS = 16_384
# k-means trains on at most this many points per list (FAISS warns below 39 per list and
# caps at 256 itself). Training cost is linear in the sample: 64 per list keeps the 1M
# build at 262k training points; at 100k (65k points) the build took 9.7 s.
TRAIN_POINTS_PER_LIST = 64
# nprobe as a share of the lists. At 100k, recall@10 by nprobe (of 1024, with refine):
# 8: 0.966, 16: 0.988, 32: 0.994, 64: 0.999, at 0.12 / 0.15 / 0.23 / 0.37 ms. 1/32 is the
# knee: 32 lists at 100k, 128 of 4096 at 1M.
NPROBE_SHARE = 1 / 32
MIN_NPROBE = 16
# Re-score refine x k candidates exactly against the float vectors: at 100k / nprobe 32,
# recall@10 0.9875 from the SQ8 codes alone, 0.994 with x4 (+0.04 ms).
REFINE_FACTOR = 4
# HNSW is not chosen automatically: HNSW32 keeps every float vector in the index (181 MB
# at 100k against 41 MB for IVF1024,SQ8, so about 1.8 GB at 1M) for recall 0.987 at a
# similar speed. When chosen by factory string: efSearch per requested hit, and a floor.
HNSW_EF_PER_K = 4
MIN_EF_SEARCH = 64
# Re-scoring reads up to this many rows with pread instead of through the memory map
# (200 rows took 0.5 ms); larger sets (exact filtered search) read through the map.
PREAD_MAX_ROWS = 1024
# A filter that leaves at most this many chunks is searched exactly over just those
# vectors. Exact numpy search over 100k rows took 19 ms per query here, so 20k rows cost
# about 4 ms, while an IVF search under a 2% filter has to probe 50x more lists.
EXACT_FILTER_MAX = 20_000


@dataclass(frozen=True)
class AnnSpec:
    """A FAISS factory string and how to search the index it builds."""

    factory: str
    nprobe: int | None = None  # IVF lists probed per query
    ef_search: int | None = None  # HNSW candidate list length
    refine: int = 0  # re-score refine * k candidates exactly against the vectors (0: off)
    train_size: int | None = None  # vectors used to train (None: all)

    @property
    def exact(self) -> bool:
        return self.factory == "Flat"

    def to_manifest(self) -> dict[str, Any]:
        return {
            "factory": self.factory,
            "metric": "inner_product",
            "nprobe": self.nprobe,
            "ef_search": self.ef_search,
            "refine": self.refine,
            "train_size": self.train_size,
        }

    @classmethod
    def from_manifest(cls, data: dict[str, Any]) -> AnnSpec:
        """The spec an index was built with (old manifests only name the factory)."""
        return cls(
            factory=str(data.get("factory") or "Flat"),
            nprobe=data.get("nprobe"),
            ef_search=data.get("ef_search"),
            refine=int(data.get("refine") or 0),
            train_size=data.get("train_size"),
        )


def ivf_lists(n_vectors: int) -> int:
    target = IVF_LISTS_PER_SQRT_N * math.sqrt(max(n_vectors, 1))
    power = 2 ** round(math.log2(target))
    return max(MIN_IVF_LISTS, min(MAX_IVF_LISTS, power))


def default_nprobe(lists: int) -> int:
    return min(lists, max(MIN_NPROBE, round(lists * NPROBE_SHARE)))


def choose_factory(n_vectors: int, dim: int) -> AnnSpec:
    """The automatic choice: Flat for small corpora, IVF + SQ8 + exact re-scoring above."""
    del dim  # every choice here works for any dimension; kept for the interface
    if n_vectors <= FLAT_MAX_VECTORS:
        return AnnSpec("Flat")
    lists = ivf_lists(n_vectors)
    return AnnSpec(
        factory=f"IVF{lists},SQ8",
        nprobe=default_nprobe(lists),
        refine=REFINE_FACTOR,
        train_size=min(n_vectors, lists * TRAIN_POINTS_PER_LIST),
    )


def spec_for_factory(factory: str, n_vectors: int, dim: int) -> AnnSpec:
    """Search parameters for an explicitly chosen factory string (parsed by FAISS itself).

    Raises InputError for a string FAISS does not accept.
    """
    import faiss
    from news_rag.index.errors import InputError

    if factory == "Flat":
        return AnnSpec("Flat")
    try:
        probe = faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
    except RuntimeError as exc:
        reason = (str(exc).strip().splitlines() or ["rejected"])[-1]
        raise InputError(
            f"FAISS factory {factory!r} is not valid ({reason}); "
            "use e.g. Flat, IVF1024,SQ8 or HNSW32, or leave it unset for the automatic choice"
        ) from exc
    ivf = _ivf_of(probe)
    hnsw = _hnsw_of(probe)
    if ivf is not None:
        exact_codes = isinstance(faiss.downcast_index(ivf), faiss.IndexIVFFlat)
        lists = int(ivf.nlist)
        return AnnSpec(
            factory,
            nprobe=default_nprobe(lists),
            refine=0 if exact_codes else REFINE_FACTOR,
            train_size=min(n_vectors, lists * TRAIN_POINTS_PER_LIST) or None,
        )
    if hnsw is not None:
        exact_codes = isinstance(faiss.downcast_index(hnsw.storage), faiss.IndexFlat)
        refine = 0 if exact_codes else REFINE_FACTOR
        return AnnSpec(factory, ef_search=MIN_EF_SEARCH, refine=refine)
    exact_codes = isinstance(faiss.downcast_index(probe), faiss.IndexFlat)
    return AnnSpec(factory, refine=0 if exact_codes else REFINE_FACTOR)


def resolve_spec(factory: str | None, n_vectors: int, dim: int) -> AnnSpec:
    """An explicit factory string wins; None (or "auto") means the automatic choice."""
    if factory is None or factory == "auto":
        return choose_factory(n_vectors, dim)
    return spec_for_factory(factory, n_vectors, dim)


def training_sample(
    vectors: npt.NDArray[np.float32], size: int | None, seed: int = 0
) -> npt.NDArray[np.float32]:
    import numpy as np

    if size is None or size >= len(vectors):
        return np.ascontiguousarray(vectors)
    rows = np.sort(np.random.default_rng(seed).choice(len(vectors), size, replace=False))
    return np.ascontiguousarray(vectors[rows])


def build_index(vectors: npt.NDArray[np.float32], spec: AnnSpec, batch: int = 65536) -> Any:
    """Train on a sample, then add in batches (a memory-mapped input is read batch by batch)."""
    import faiss
    import numpy as np

    dim = int(vectors.shape[1])
    index = faiss.index_factory(dim, spec.factory, faiss.METRIC_INNER_PRODUCT)
    if not index.is_trained and len(vectors):
        index.train(training_sample(vectors, spec.train_size))
    for start in range(0, len(vectors), batch):
        index.add(np.ascontiguousarray(vectors[start : start + batch], dtype=np.float32))
    return index


@dataclass(frozen=True)
class SearchParams:
    """Per-query search knobs (from the manifest, overridden by retrieval settings)."""

    nprobe: int | None = None
    ef_search: int | None = None
    refine: int = 0
    exact_filter_max: int = EXACT_FILTER_MAX

    @classmethod
    def of(
        cls,
        spec: AnnSpec,
        *,
        nprobe: int | None = None,
        ef_search: int | None = None,
        refine: int | None = None,
        exact_filter_max: int | None = None,
    ) -> SearchParams:
        return cls(
            nprobe=nprobe if nprobe is not None else spec.nprobe,
            ef_search=ef_search if ef_search is not None else spec.ef_search,
            refine=refine if refine is not None else spec.refine,
            exact_filter_max=(
                exact_filter_max if exact_filter_max is not None else EXACT_FILTER_MAX
            ),
        )


def _faiss_params(index: Any, fetch: int, params: SearchParams, boost: float, sel: Any) -> Any:
    """Search parameters, with nprobe / efSearch multiplied by `boost` (capped)."""
    import faiss

    ivf = _ivf_of(index)
    if ivf is not None:
        probe = min(ivf.nlist, math.ceil((params.nprobe or MIN_NPROBE) * boost))
        return faiss.SearchParametersIVF(sel=sel, nprobe=probe)  # type: ignore[call-arg]
    if _hnsw_of(index) is not None:
        base = max(params.ef_search or MIN_EF_SEARCH, HNSW_EF_PER_K * fetch)
        ef = min(max(int(index.ntotal), base), math.ceil(base * boost))
        return faiss.SearchParametersHNSW(sel=sel, efSearch=ef)  # type: ignore[attr-defined]
    return faiss.SearchParameters(sel=sel) if sel is not None else None  # type: ignore[call-arg]


def _ivf_of(index: Any) -> Any:
    import faiss

    try:
        return faiss.extract_index_ivf(index)
    except RuntimeError:
        return None


def _hnsw_of(index: Any) -> Any:
    import faiss

    down = faiss.downcast_index(index)
    return down if isinstance(down, faiss.IndexHNSW) else None


def gather_rows(
    vectors: npt.NDArray[np.float32], ids: npt.NDArray[np.int64]
) -> npt.NDArray[np.float32]:
    """vectors[ids] (ids sorted). From a memory-mapped .npy, up to PREAD_MAX_ROWS rows are
    read with pread, so re-scoring does not map pages of the file into the process: its
    RSS stays flat however many queries it serves (page cache is the kernel's, not ours).
    Falls back to indexing the mapping (e.g. when the file was unlinked)."""
    import os

    import numpy as np

    filename = getattr(vectors, "filename", None)
    if filename is None or not vectors.flags.c_contiguous:
        return np.asarray(vectors[ids], dtype=np.float32)
    if len(ids) > PREAD_MAX_ROWS:
        rows = np.array(vectors[ids], dtype=np.float32)
        _release_pages(vectors)
        return rows
    row_bytes = int(vectors.shape[1]) * 4
    base = int(getattr(vectors, "offset", 0))
    try:
        fd = os.open(filename, os.O_RDONLY)
    except OSError:
        return np.asarray(vectors[ids], dtype=np.float32)
    try:
        if os.fstat(fd).st_size < base + len(vectors) * row_bytes:
            return np.asarray(vectors[ids], dtype=np.float32)
        data = b"".join(os.pread(fd, row_bytes, base + int(i) * row_bytes) for i in ids)
    finally:
        os.close(fd)
    return np.frombuffer(data, dtype=np.float32).reshape(len(ids), -1)


def _release_pages(vectors: Any) -> None:
    """Drop the pages a large gather mapped in (MADV_DONTNEED on a read-only shared file
    mapping: the data stays in the page cache, and the process's RSS falls back). Without
    it, 50 searches under a 1% filter at 1M chunks left 1.8 GB of vectors.npy resident."""
    import mmap

    mapping = getattr(vectors, "_mmap", None)  # numpy.memmap keeps its mmap object here
    advice = getattr(mmap, "MADV_DONTNEED", None)
    if mapping is not None and advice is not None:
        mapping.madvise(advice)


def exact_search(
    vectors: npt.NDArray[np.float32],
    query: npt.NDArray[np.float32],
    k: int,
    rows: Sequence[int] | npt.NDArray[np.int64] | None = None,
) -> list[tuple[int, float]]:
    """Brute-force inner product over `rows` (all rows when None); ties by id."""
    import numpy as np

    ids = np.arange(len(vectors)) if rows is None else np.asarray(rows, dtype=np.int64)
    if ids.size == 0 or k <= 0:
        return []
    if rows is not None:
        ids = np.sort(ids)  # sorted rows read a memory-mapped file in order
    matrix = vectors if rows is None else gather_rows(vectors, ids)
    scores = np.asarray(matrix, dtype=np.float32) @ query.astype(np.float32).ravel()
    k = min(k, ids.size)
    top = np.argpartition(-scores, k - 1)[:k] if k < ids.size else np.arange(ids.size)
    order = top[np.lexsort((ids[top], -scores[top]))]
    return [(int(ids[i]), float(scores[i])) for i in order]


def dense_search(
    index: Any,
    query: npt.NDArray[np.float32],
    k: int,
    allowed: Sequence[int] | None,
    *,
    vectors: npt.NDArray[np.float32] | None,
    params: SearchParams,
) -> list[tuple[int, float]]:
    """Top-k (id, inner product), best first, among `allowed` ids (None: all).

    Exact for a Flat index and for a selective filter (at most `exact_filter_max` ids,
    searched over just their vectors). Otherwise approximate, and never short: when the
    filter leaves too few hits in the probed lists, nprobe grows (up to every list) and, as
    a last resort, the allowed vectors are searched exactly.
    """
    import faiss
    import numpy as np

    total = int(index.ntotal)
    limit = total if allowed is None else len(allowed)
    k = min(k, limit)
    if k <= 0:
        return []
    q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
    exact_index = _ivf_of(index) is None and _hnsw_of(index) is None and params.refine == 0
    if (
        allowed is not None
        and vectors is not None
        and not exact_index
        and len(allowed) <= params.exact_filter_max
    ):
        return exact_search(vectors, q, k, allowed)
    sel = None
    if allowed is not None:
        sel = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
    fetch = min(limit, k * max(1, params.refine)) if vectors is not None else k
    # A filter that keeps a share s of the chunks leaves about s of every probed list (or
    # graph neighbourhood): probe 1/s times more, then 4x more until k are found.
    boost = 1.0 if allowed is None else total / max(len(allowed), 1)
    ivf = _ivf_of(index)
    while True:
        search_params = _faiss_params(index, fetch, params, boost, sel)
        scores, ids = index.search(q, fetch, params=search_params)
        found = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        if len(found) >= k:
            break
        exhausted = ivf is None or (params.nprobe or MIN_NPROBE) * boost >= ivf.nlist
        if not exhausted:
            boost *= 4
            continue
        if vectors is not None:  # HNSW (or an exhausted IVF) came up short: go exact
            rows = np.arange(total) if allowed is None else allowed
            return exact_search(vectors, q, k, rows)
        return found
    if params.refine and vectors is not None:
        return exact_search(vectors, q, k, [i for i, _ in found])
    return found[:k]
