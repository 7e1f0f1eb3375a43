"""What crosses the wire between the driver and the actors: one article's work and result.

Rows of the Ray dataset hold one pickled `ArticleWork` (in) or `ArticleResult` (out) each,
as bytes: the dataclasses of the write path travel whole, with no schema to keep in step.
Only our own cluster reads them (the driver made every row it unpickles).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.store.database import SentenceSpan
from news_rag.index.types import Article, Chunk

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

WORK_COLUMN = "work"  # a row sent to the analysers: a pickled ArticleWork
RESULT_COLUMN = "result"  # a row an actor returns: a pickled ArticleResult


@dataclass(frozen=True)
class BuildSpec:
    """What every result depends on besides the article: the same for a whole run."""

    chunker: dict[str, Any]  # ChunkerConfig.to_dict()
    analysis: dict[str, Any]  # analysis_fingerprint()
    variant: str  # the encoder variant the driver embeds with (onnx-fp32, ...)
    weights_sha256: str
    sentence_mode: str  # separate or pooled


@dataclass(frozen=True)
class ArticleWork:
    """One article for the cluster, and the key its result is stored under."""

    article: Article
    key: str


@dataclass
class ArticleResult:
    """One article's sentences, chunks, analysis and vectors, computed on the cluster."""

    article: Article
    key: str
    sentences: list[SentenceSpan]
    chunks: list[Chunk]
    input_hash: str  # ArticleInput.input_hash() the records were made from
    records: list[SentenceAnalysis]
    # vector key (chunk text sha256, or encoders/batches.sentence_key) -> float32 vector
    vectors: dict[str, npt.NDArray[np.float32]] = field(default_factory=dict)
    encoder: tuple[str, str] = ("", "")  # (variant, weights_sha256) that made `vectors`
    # actor seconds spent on this article by stage (split, analyse, embed): its block's
    # time shared evenly among the block's articles (the benchmark's scaling model)
    seconds: dict[str, float] = field(default_factory=dict)


def article_key(article: Article, spec: BuildSpec) -> str:
    """sha256 of everything an article's result depends on: a result stored under this key
    (index/cluster/blocks.py) is reused by a later run instead of being sent again."""
    payload = [
        article.id, article.text, article.published, article.original_published,
        article.author, article.outlet, spec.chunker, spec.analysis, spec.variant,
        spec.weights_sha256, spec.sentence_mode,
    ]  # fmt: skip
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def dumps(value: ArticleWork | ArticleResult) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def load_work(data: bytes) -> ArticleWork:
    value = pickle.loads(data)
    assert isinstance(value, ArticleWork)
    return value


def load_result(data: bytes) -> ArticleResult:
    value = pickle.loads(data)
    assert isinstance(value, ArticleResult)
    return value
