"""The named question sets of `rag eval --set NAME`: questions, corpus, cached index, baseline.

- `sample`: the 85 questions on the five bundled sample articles (the committed baseline
  gates it).
- `reuters-dev` / `reuters-test`: questions on a committed 1,000-article Reuters-21578
  subset (`eval/corpora/reuters-1000.jsonl.gz`, drawn by `eval.reuters_subset`), split by
  article. Tune on dev only; test is for reporting.

The Reuters corpus ships gzipped; it is unpacked once into the user cache (the indexer
reads plain `.jsonl`) and indexed there into a cached index of its own, like the sample.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news_rag.eval.questions import QUESTIONS_DIR, SAMPLE_ARTICLE_METADATA
from news_rag.index.errors import InputError

EVAL_DIR = Path(__file__).resolve().parent
CORPORA_DIR = EVAL_DIR / "corpora"
BASELINES_DIR = EVAL_DIR / "baselines"
REUTERS_CORPUS = CORPORA_DIR / "reuters-1000.jsonl.gz"
REUTERS_DEV2_CORPUS = CORPORA_DIR / "reuters-dev2.jsonl.gz"
# General news of other outlets written for the probes of session 22 (eval/RESULTS.md):
# an airline, a retailer, a court, a storm, a marathon, a chipmaker, ...
GENERAL_DEV_CORPUS = CORPORA_DIR / "general-dev.jsonl.gz"
DEFAULT_SET = "sample"


@dataclass(frozen=True)
class EvalSet:
    """One named question set and the corpus its questions were written from.

    `corpus` is None for the bundled sample (indexed from the package). `baseline` is the
    committed baseline that gates the set by default (None: no gate unless --baseline).
    """

    name: str
    questions: Path
    corpus: Path | None
    baseline: Path | None

    @property
    def cache_name(self) -> str:
        """Folder name of the set's cached index (sets on one corpus share it)."""
        if self.corpus is None:
            return "eval-sample-index"
        return f"eval-{self.corpus.name.removesuffix('.jsonl.gz')}-index"


EVAL_SETS: Mapping[str, EvalSet] = {
    "sample": EvalSet(
        "sample", QUESTIONS_DIR / "sample.jsonl", None, BASELINES_DIR / "sample.json"
    ),
    "reuters-dev": EvalSet(
        "reuters-dev", QUESTIONS_DIR / "reuters-dev.jsonl", REUTERS_CORPUS, None
    ),
    "reuters-test": EvalSet(
        "reuters-test", QUESTIONS_DIR / "reuters-test.jsonl", REUTERS_CORPUS, None
    ),
    "reuters-dev2": EvalSet(
        "reuters-dev2", QUESTIONS_DIR / "reuters-dev2.jsonl", REUTERS_DEV2_CORPUS, None
    ),
    "general-dev": EvalSet(
        "general-dev", QUESTIONS_DIR / "general-dev.jsonl", GENERAL_DEV_CORPUS, None
    ),
}


def get_set(name: str) -> EvalSet:
    """The named set; an InputError naming the choices for an unknown name."""
    try:
        return EVAL_SETS[name]
    except KeyError:
        choices = ", ".join(EVAL_SETS)
        raise InputError(f"unknown question set {name!r}; use one of: {choices}") from None


def cache_root() -> Path:
    from platformdirs import user_cache_path

    return Path(user_cache_path("news-rag", appauthor=False))


def cached_index_dir(eval_set: EvalSet, root: Path | None = None) -> Path:
    """Where `rag eval --set NAME` keeps the set's index when no --index is given."""
    return (root or cache_root()) / eval_set.cache_name


def read_corpus(path: Path) -> list[dict[str, Any]]:
    """The records of a gzipped JSONL corpus; InputError naming the file when unreadable."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            return [json.loads(line) for line in stream if line.strip()]
    except (OSError, EOFError, ValueError) as exc:
        raise InputError(
            f"{path}: cannot read the eval corpus ({exc}); reinstall the package or "
            "regenerate it with python -m news_rag.eval.reuters_subset"
        ) from exc


def unpacked_corpus(eval_set: EvalSet, root: Path | None = None) -> Path | None:
    """The set's corpus as plain JSONL in the cache (written once, atomically); None for
    the sample. The file name is fixed so that the cached index sees the same source path
    on every run and re-indexes nothing while the corpus is unchanged."""
    if eval_set.corpus is None:
        return None
    data = gzip.decompress(_read_bytes(eval_set.corpus))
    folder = (root or cache_root()) / eval_set.cache_name.replace("-index", "-corpus")
    target = folder / eval_set.corpus.name.removesuffix(".gz")
    if target.is_file() and _sha256(target.read_bytes()) == _sha256(data):
        return target
    folder.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return target


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the eval corpus ({exc.strerror})") from exc


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def label_metadata(eval_set: EvalSet) -> dict[str, Mapping[str, Any]]:
    """The real outlet, author and date of every article of the set's corpus: what a
    citation's source label must show (`source_label_accuracy`)."""
    if eval_set.corpus is None:
        return dict(SAMPLE_ARTICLE_METADATA)
    return {
        str(r["id"]): {
            "outlet": r.get("outlet"),
            "author": r.get("author"),
            "published": r.get("published"),
        }
        for r in read_corpus(eval_set.corpus)
    }


def prepare_index(
    eval_set: EvalSet, index_dir: Path | None, progress: Any = None
) -> tuple[Path, float | None]:
    """The index to evaluate `eval_set` on, and the seconds spent (re)indexing it.

    With `index_dir` given, that index is used as it is (None seconds). Otherwise the
    set's corpus is indexed into its cached index directory; the indexer is incremental,
    so once cached this only checks that nothing changed.
    """
    import time

    from news_rag.index.pipeline import run_index

    if index_dir is not None:
        return index_dir, None
    target = cached_index_dir(eval_set)
    corpus = unpacked_corpus(eval_set)
    started = time.perf_counter()
    run_index([corpus] if corpus is not None else None, target, progress=progress)
    return target, time.perf_counter() - started
