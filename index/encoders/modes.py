"""How sentence vectors are made (`rag index --sentence-vectors`), recorded in the manifest
as `model.sentence_vectors`; an index never mixes modes, and keeps its own:
- `separate`: each sentence text is embedded on its own, after every chunk (every token twice).
- `pooled`: each sentence vector is pooled (`encode_with_spans`) from the forward pass of a
  chunk that holds the sentence whole; only a sentence that no chunk holds whole is
  embedded on its own. A pooled vector depends on its chunk, not only on its text, so it
  is keyed by `pooled:` + the text's sha256, never under a separately embedded text's key.
- `composed` (the default for a new index): each sentence embedded on its own, and each
  chunk's vector composed from its sentences' passes (`composed.py`), the sentences packed
  several to a sequence (`packing.py`): every token through the model once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.errors import IndexMismatchError, InputError

if TYPE_CHECKING:
    from news_rag.index.encoders.minilm import Embedder

SENTENCE_MODES = ("separate", "pooled", "composed")
# A new index: the same sentence vectors as `separate` from half the tokens; chosen by the
# dev evals and `rag benchmark index` (eval/RESULTS.md, "One sequence per chunk").
DEFAULT_SENTENCE_MODE = "composed"
LEGACY_SENTENCE_MODE = "separate"  # an index whose manifest names no mode was built so


def built_sentence_mode(model: dict[str, Any] | None) -> str:
    """The mode recorded in a manifest's `model` entry (an index from before: separate)."""
    mode = (model or {}).get("sentence_vectors") or LEGACY_SENTENCE_MODE
    return str(mode)


def check_sentence_mode(index_dir: Path, built: str | None, mode: str) -> None:
    """Refuse to add `mode` sentence vectors to an index built with the other mode."""
    if mode not in SENTENCE_MODES:
        raise InputError(f"unknown sentence vectors {mode!r}; choose {' or '.join(SENTENCE_MODES)}")
    if built is not None and built != mode:
        raise IndexMismatchError(
            f"{index_dir}: index was built with --sentence-vectors {built}, not {mode}; add to "
            f"it with --sentence-vectors {built} (or none), or re-embed every article with: "
            f"rag index --rebuild --sentence-vectors {mode} --index {index_dir}"
        )


def can_compose(embedder: Embedder | None) -> bool:
    """Whether `embedder` (None: the default encoder) gives the weights that `composed`
    needs (`encode_weighted`); a sentence-transformers or other embedder does not."""
    return embedder is None or hasattr(embedder, "encode_weighted")


def resolve_sentence_mode(
    index_dir: Path, mode: str | None, embedder: Embedder | None = None
) -> str:
    """`mode`, else the mode that built the index at `index_dir`, else (no index there yet)
    DEFAULT_SENTENCE_MODE where `embedder` can compose, else separate."""
    if mode is None:
        from news_rag.index.encoders.query import manifest_model
        from news_rag.index.store.publish import has_generations

        model = manifest_model(index_dir)
        if model is None and not has_generations(index_dir):
            mode = DEFAULT_SENTENCE_MODE if can_compose(embedder) else LEGACY_SENTENCE_MODE
        else:
            mode = built_sentence_mode(model)
    check_sentence_mode(index_dir, None, mode)
    return mode


def pooling_embedder(embedder: Embedder | None = None) -> Embedder:
    """An embedder for `pooled`: `embedder` itself, except that none, or the
    sentence-transformers embedder (which cannot pool spans), becomes the torch-fp32
    encoder: the same arithmetic and weights hash, and it pools spans."""
    from news_rag.index.encoders.minilm import SentenceTransformerEmbedder

    if embedder is not None and not isinstance(embedder, SentenceTransformerEmbedder):
        return embedder  # embed_all refuses it in one line if it cannot pool spans
    from news_rag.index.encoders import load_encoder

    return load_encoder("torch-fp32")
