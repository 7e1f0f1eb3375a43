"""What crosses the wire between the driver and the actors: one article's work and result.

Rows of the Ray dataset hold one `ArticleWork` (in) or `ArticleResult` (out) each, as JSON
bytes (vectors as base64 float32): never a pickle, so neither a row nor the driver's store
of finished results (`blocks.py`, on disk) can run code when it is read back.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.store.database import SentenceSpan
from news_rag.index.types import Article, Chunk

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

WORK_COLUMN = "work"  # a row sent to the analysers: an ArticleWork as JSON bytes
RESULT_COLUMN = "result"  # a row an actor returns: an ArticleResult as JSON bytes


@dataclass(frozen=True)
class BuildSpec:
    """What every result depends on besides the article: the same for a whole run."""

    chunker: dict[str, Any]  # ChunkerConfig.to_dict()
    analysis: dict[str, Any]  # analysis_fingerprint()
    variant: str  # the encoder variant the driver embeds with (onnx-fp32, ...)
    weights_sha256: str
    sentence_mode: str  # separate, pooled or composed (encoders/modes.py)


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
    """The JSON bytes of a work item or a result (see `load_work`, `load_result`)."""
    data: dict[str, Any] = {"article": value.article.to_dict(), "key": value.key}
    if isinstance(value, ArticleResult):
        data.update(
            kind="result",
            sentences=[asdict(s) for s in value.sentences],
            chunks=[c.to_dict() for c in value.chunks],
            input_hash=value.input_hash,
            records=[r.to_dict() for r in value.records],
            vectors={k: _b64(v) for k, v in value.vectors.items()},
            encoder=list(value.encoder),
            seconds=value.seconds,
        )
    else:
        data["kind"] = "work"
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def load_work(data: bytes) -> ArticleWork:
    found = _loads(data, "work")
    return ArticleWork(article=_article(found["article"]), key=str(found["key"]))


def load_result(data: bytes) -> ArticleResult:
    import numpy as np

    found = _loads(data, "result")
    vectors = {
        str(k): np.frombuffer(base64.b64decode(v), dtype=np.float32).copy()
        for k, v in found["vectors"].items()
    }
    return ArticleResult(
        article=_article(found["article"]),
        key=str(found["key"]),
        sentences=[SentenceSpan(**s) for s in found["sentences"]],
        chunks=[Chunk(**c) for c in found["chunks"]],
        input_hash=str(found["input_hash"]),
        records=[SentenceAnalysis.from_dict(r) for r in found["records"]],
        vectors=vectors,
        encoder=(str(found["encoder"][0]), str(found["encoder"][1])),
        seconds={str(k): float(v) for k, v in found["seconds"].items()},
    )


def _loads(data: bytes, kind: str) -> dict[str, Any]:
    found = json.loads(data.decode("utf-8"))
    if not isinstance(found, dict) or found.get("kind") != kind:
        raise ValueError(f"not an article {kind} record")
    return found


def _b64(vector: npt.NDArray[np.float32]) -> str:
    import numpy as np

    return base64.b64encode(np.ascontiguousarray(vector, dtype=np.float32).tobytes()).decode()


_ARTICLE_FIELDS = {f.name for f in fields(Article)}
_TUPLES = ("authors", "themes", "reports")


def _article(data: dict[str, Any]) -> Article:
    kept = {k: v for k, v in data.items() if k in _ARTICLE_FIELDS}
    kept.update({k: tuple(kept[k]) for k in _TUPLES if k in kept})
    return Article(**kept)
