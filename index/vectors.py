"""Dense vectors on disk: `vectors.npy` (the source of truth) and a FAISS index built from it.

The FAISS index type comes from a factory string ("Flat" by default, exact inner product);
nothing else here assumes Flat, so a compressed or approximate index ("IVF256,PQ32",
"HNSW32") is one setting away. Row i of vectors.npy is chunk id i.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_FACTORY = "Flat"


def save_vectors(path: Path, vectors: npt.NDArray[np.float32]) -> None:
    import numpy as np

    with path.open("wb") as handle:
        np.save(handle, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)


def load_vectors(path: Path) -> npt.NDArray[np.float32]:
    import numpy as np

    array = np.load(path, allow_pickle=False)
    return array.astype(np.float32, copy=False)


def build_faiss(vectors: npt.NDArray[np.float32], factory: str = DEFAULT_FACTORY) -> Any:
    # deferred: importing faiss takes ~0.3 s
    import faiss

    dimension = int(vectors.shape[1])
    index = faiss.index_factory(dimension, factory, faiss.METRIC_INNER_PRODUCT)
    if not index.is_trained and len(vectors):
        index.train(vectors)
    if len(vectors):
        index.add(vectors)
    return index


def write_faiss(index: Any, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def read_faiss(path: Path) -> Any:
    import faiss

    return faiss.read_index(str(path))
