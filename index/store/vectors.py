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
    import numpy.typing as npt


# What a vectors file may hold: chunk vectors are float32 (FAISS reads them); sentence
# vectors are stored as float16 since format 2 (`write.SENTENCE_VECTOR_DTYPE`).
VECTOR_DTYPES = ("float32", "float16")


def save_vectors(path: Path, vectors: npt.NDArray[Any], dtype: str = "float32") -> None:
    """Write `vectors` as a 2-D `dtype` array (one of `VECTOR_DTYPES`), atomically."""
    import numpy as np

    if dtype not in VECTOR_DTYPES:
        raise ValueError(f"vectors are stored as one of {VECTOR_DTYPES}, not {dtype}")
    with writing(path), path.open("wb") as handle:
        np.save(handle, np.ascontiguousarray(vectors, dtype=dtype), allow_pickle=False)
        handle.flush()


def load_vectors(path: Path, *, mmap: bool = False) -> npt.NDArray[Any]:
    """A 2-D float32 or float16 array; never unpickles. Raises ValueError for anything else.

    With `mmap` the file is memory-mapped read-only: the mapping stays readable after the
    file is unlinked, which is how an open reader pins its generation.
    """
    import numpy as np

    array = np.load(path, allow_pickle=False, mmap_mode="r" if mmap else None)
    if array.ndim != 2 or array.dtype.name not in VECTOR_DTYPES:
        kinds = " or ".join(VECTOR_DTYPES)
        raise ValueError(f"not a 2-D {kinds} array (dtype {array.dtype}, shape {array.shape})")
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
