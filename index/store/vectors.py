"""Dense vectors on disk: `vectors.npy` (the source of truth) and a FAISS index built from it.

The FAISS index type comes from a factory string (chosen by corpus size in store/ann.py);
nothing here assumes Flat, so a compressed or approximate index ("IVF256,PQ32", "HNSW32")
is one setting away. Row i of vectors.npy is chunk id i.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.store.diskwrite import writing

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def save_vectors(path: Path, vectors: npt.NDArray[np.float32]) -> None:
    import numpy as np

    with writing(path), path.open("wb") as handle:
        np.save(handle, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
        handle.flush()


def load_vectors(path: Path, *, mmap: bool = False) -> npt.NDArray[np.float32]:
    """A 2-D float32 array; never unpickles. Raises ValueError for anything else.

    With `mmap` the file is memory-mapped read-only: the mapping stays readable after the
    file is unlinked, which is how an open reader pins its generation.
    """
    import numpy as np

    array = np.load(path, allow_pickle=False, mmap_mode="r" if mmap else None)
    if array.ndim != 2 or array.dtype != np.float32:
        raise ValueError(f"not a 2-D float32 array (dtype {array.dtype}, shape {array.shape})")
    return array


def write_faiss(index: Any, path: Path) -> None:
    import faiss

    with writing(path):
        faiss.write_index(index, str(path))


def read_faiss(path: Path) -> Any:
    """Memory-mapped (IO_FLAG_MMAP_IFC: Flat, IVF and HNSW codes stay in the file, so a
    served index adds no anonymous memory; the mapping outlives an unlinked file)."""
    import faiss

    return faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC)
