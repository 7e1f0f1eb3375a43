"""The two actor pools of `rag index --ray`: each actor loads its model once.

`SplitAnalyser` cuts each article into sentences and chunks (the local stages'
`split_sentences` and `Chunker`) and runs the spaCy analysis on it (`Analyser`, one
process: Ray gives the actor its share of a CPU). `BlockEncoder` embeds a block's chunks
and sentences with the local embedding stage (`encoders.batches.embed_all`, so
every `--sentence-vectors` mode works), on its GPU when Ray gave it one (`gpu.py`), and
returns each text's vector under the key the driver's side store (`encoders.checkpoint`)
expects. Both are callable classes
for `Dataset.map_batches`: a batch is a dict of column -> numpy array of pickled rows.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self

from news_rag.index.cluster.records import (
    RESULT_COLUMN,
    WORK_COLUMN,
    ArticleResult,
    BuildSpec,
    dumps,
    load_result,
    load_work,
)
from news_rag.index.cluster.settings import ENCODER_THREADS
from news_rag.index.hashing import text_hash
from news_rag.index.store.database import SentenceSpan
from news_rag.index.types import Article

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

Batch = dict[str, "npt.NDArray[Any]"]


def _column(rows: list[bytes]) -> npt.NDArray[np.object_]:
    import numpy as np

    column = np.empty(len(rows), dtype=object)
    column[:] = rows
    return column


def spans_of(article: Article) -> list[SentenceSpan]:
    """The article's sentence spans, as `split.sentences_all` makes them."""
    from news_rag.index.sentences import split_sentences

    return [
        SentenceSpan(article.id, start, end, text_hash(article.text[start:end]))
        for start, end in split_sentences(article.text)
    ]


class _RunActor:
    """An actor class bound to one run's `BuildSpec` (`bound`): Ray Data then builds each
    actor with no constructor arguments, so a restarted actor needs nothing from the
    object store that the first one had."""

    spec: ClassVar[BuildSpec]

    @classmethod
    def bound(cls, spec: BuildSpec) -> type[Self]:
        return type(cls.__name__, (cls,), {"spec": spec})


class SplitAnalyser(_RunActor):
    """Sentences, chunks and analysis of each article of a batch."""

    def __init__(self) -> None:
        spec = self.spec
        from news_rag.index.analysis.analyse import Analyser
        from news_rag.index.analysis.indexing import analysis_fingerprint
        from news_rag.index.chunk import Chunker, ChunkerConfig
        from news_rag.index.encoders.minilm import MODEL_MAX_TOKENS, bundled_model_path
        from news_rag.index.encoders.wordpiece import WordPieceTokenizer

        if analysis_fingerprint() != spec.analysis:  # another version of news-rag on the node
            raise RuntimeError(
                f"this node's analysis {analysis_fingerprint()} is not the driver's "
                f"{spec.analysis}; install the driver's news-rag version on every node"
            )
        config = {k: v for k, v in spec.chunker.items() if k in ChunkerConfig.__dataclass_fields__}
        tokenizer = WordPieceTokenizer(bundled_model_path(), MODEL_MAX_TOKENS)
        self._chunker = Chunker(tokenizer.count_tokens, ChunkerConfig(**config))
        self._analyser = Analyser(n_process=1)

    def __call__(self, batch: Batch) -> Batch:
        from news_rag.index.analysis.indexing import article_inputs

        started = time.perf_counter()
        works = [load_work(bytes(row)) for row in batch[WORK_COLUMN]]
        articles = [work.article for work in works]
        spans = [spans_of(article) for article in articles]
        chunks = [self._chunker.split(article) for article in articles]
        split = time.perf_counter()
        inputs = article_inputs(articles, [s for group in spans for s in group])
        records = self._analyser.analyse(inputs)
        share = {"split": split - started, "analyse": time.perf_counter() - split}
        share = {stage: seconds / max(1, len(works)) for stage, seconds in share.items()}
        results = [
            ArticleResult(work.article, work.key, sentences, pieces, given.input_hash(),
                          analysed, seconds=dict(share))
            for work, sentences, pieces, given, analysed
            in zip(works, spans, chunks, inputs, records, strict=True)
        ]  # fmt: skip
        return {RESULT_COLUMN: _column([dumps(result) for result in results])}


class BlockEncoder(_RunActor):
    """The vectors of a block's chunks and sentences, keyed as the driver's side store."""

    def __init__(self) -> None:
        from news_rag.index.cluster.gpu import actor_encoder

        spec = self._spec = self.spec
        self._encoder = actor_encoder(spec.variant, ENCODER_THREADS)
        self._scratch = Path(tempfile.mkdtemp(prefix="rag-ray-encoder-"))

    def __call__(self, batch: Batch) -> Batch:
        from news_rag.index.encoders.batches import embed_all, sentence_key
        from news_rag.index.encoders.checkpoint import remove_cache
        from news_rag.index.store.previous import PreviousIndex

        started = time.perf_counter()
        results = [load_result(bytes(row)) for row in batch[RESULT_COLUMN]]
        chunks = [chunk for result in results for chunk in result.chunks]
        spans = [span for result in results for span in result.sentences]
        articles = {result.article.id: result.article for result in results}
        try:  # nothing known: every text of the block is embedded, in the local batches
            embedded = embed_all(
                chunks, spans, articles, PreviousIndex(), self._encoder, self._scratch,
                sentence_vectors=self._spec.sentence_mode,
            )  # fmt: skip
        finally:
            remove_cache(self._scratch)  # the driver keeps the vectors (its side store)
        chunk_row, span_row = 0, 0
        tag = (self._encoder.variant, self._encoder.weights_sha256)
        for result in results:
            for _ in result.chunks:
                result.vectors[embedded.hashes[chunk_row]] = embedded.vectors[chunk_row]
                chunk_row += 1
            for span in result.sentences:
                key = sentence_key(span.text_hash, self._spec.sentence_mode)
                result.vectors[key] = embedded.sentence_vectors[span_row]
                span_row += 1
            result.encoder = tag
        share = (time.perf_counter() - started) / max(1, len(results))
        for result in results:
            result.seconds["embed"] = share
        return {RESULT_COLUMN: _column([dumps(result) for result in results])}

    def __del__(self) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
