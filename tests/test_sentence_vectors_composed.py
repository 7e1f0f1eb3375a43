"""`rag index --sentence-vectors composed`: every sentence through the model once, on its
own, and each chunk's vector composed from its sentences' passes (real ONNX encoder, real
FAISS, sample articles); recorded in the manifest, never mixed with the other modes, and
resumable from checkpoints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from news_rag.index.encoders.base import _padded
from news_rag.index.encoders.batches import EMBED_BATCH_ENV
from news_rag.index.encoders.composed import chunk_segments
from news_rag.index.errors import IndexMismatchError, ModelError
from news_rag.index.pipeline import run_index
from news_rag.index.store.generations import CURRENT
from news_rag.index.store.previous import PreviousIndex, load_previous
from news_rag.index.store.publish import open_generation

from tests.fakes import FakeEmbedder
from tests.index_helpers import DyingEncoder, rag_index, sample_corpus

pytestmark = pytest.mark.model

ENCODER = "onnx-fp32"
# A composed chunk vector differs from a pass over the whole chunk only in that no token
# attends across a sentence boundary. Measured on the 5 sample articles (20 chunks): mean
# cosine 0.921 to the whole-chunk vectors, minimum 0.848; on reuters-1000's 2,221 chunks
# mean 0.926, 5th percentile 0.863. The floor sits under the sample's minimum and far above
# unrelated MiniLM texts (about 0 to 0.3).
MIN_COSINE_TO_WHOLE_CHUNK = 0.8
# Tokens through the model against the chunks' own: the segments add a [CLS]/[SEP] pair
# each (sample: about 1.05x); `separate` runs the chunks and then every sentence (about 2x).
MAX_TOKEN_RATIO = 1.2
BATCH = 6  # segments per checkpointed batch in the resume test


@pytest.fixture(scope="module")
def encoder() -> Any:
    from news_rag.index.encoders import load_encoder

    return load_encoder(ENCODER, threads=1)


@pytest.fixture(scope="module")
def composed_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("composed")
    corpus, index = sample_corpus(root), root / "idx"
    made = rag_index([str(corpus), "--index", str(index), "--encoder", ENCODER,
                     "--sentence-vectors", "composed", "--json"])  # fmt: skip
    assert made.exit_code == 0, made.output
    return corpus, index, json.loads(made.stdout)


def _segments(state: PreviousIndex) -> list[list[str]]:
    return list(chunk_segments(state.chunks, state.sentences))


def _token_sum(encoder: Any, text: str) -> np.ndarray:
    """The sum of the last hidden state over every token of `text` read on its own."""
    ids, mask = _padded(encoder._tokenizer.encode_batch([text]))
    hidden = encoder._hidden(ids, mask)
    return np.asarray((hidden * mask[..., None]).sum(axis=1)[0])


def test_segments_cut_a_chunk_at_its_sentence_boundaries(
    composed_index: tuple[Path, Path, dict[str, Any]],
) -> None:
    state = load_previous(composed_index[1], rebuild=False)
    for chunk, pieces in zip(state.chunks, _segments(state), strict=True):
        assert " ".join(pieces).split() == chunk.text.split()  # nothing lost, only cut
        inside = {
            state.articles[s.article_id].text[s.start : s.end]
            for s in state.sentences_of(chunk.article_id)
            if chunk.char_start <= s.start and s.end <= chunk.char_end
        }
        assert inside <= set(pieces)  # every sentence it holds whole is one segment


def test_composed_index_runs_each_token_once_and_keeps_separate_sentence_vectors(
    composed_index: tuple[Path, Path, dict[str, Any]], encoder: Any
) -> None:
    _, index, report = composed_index
    assert open_generation(index).manifest["model"]["sentence_vectors"] == "composed"
    state = load_previous(index, rebuild=False)
    segments = _segments(state)
    unique = {piece for pieces in segments for piece in pieces}
    assert report["embedded_chunks"] == 0  # no chunk text goes through the model
    assert report["composed_chunks"] == len(set(state.chunk_hashes)) == report["chunks"]
    assert report["embedded_sentences"] == len(unique)
    chunk_tokens = sum(encoder.count_tokens(c.text) for c in state.chunks)
    assert sum(encoder.count_tokens(t) for t in unique) < MAX_TOKEN_RATIO * chunk_tokens

    assert state.sentence_vectors_path is not None and state.vectors_path is not None
    sentences = np.load(state.sentence_vectors_path).astype(np.float32)
    texts = [state.articles[s.article_id].text[s.start : s.end] for s in state.sentences]
    assert np.allclose(sentences, encoder.encode(texts), atol=2e-3)  # float16 on disk

    chunks = np.load(state.vectors_path)
    for row, pieces in enumerate(segments):
        total = sum(_token_sum(encoder, piece) for piece in pieces)
        expected = total / np.linalg.norm(total)
        assert np.allclose(chunks[row], expected, atol=1e-4), row
    whole = encoder.encode([c.text for c in state.chunks])
    cosines = (chunks * whole).sum(axis=1)
    assert cosines.min() > MIN_COSINE_TO_WHOLE_CHUNK, cosines.min()
    assert (cosines < 0.999).sum() >= len(chunks) // 2  # composed, not whole-chunk passes


def test_the_other_modes_are_refused_and_an_unchanged_rerun_embeds_nothing(
    composed_index: tuple[Path, Path, dict[str, Any]], encoder: Any
) -> None:
    corpus, index, _ = composed_index
    before = (index / CURRENT).read_text()
    for other in ("separate", "pooled"):
        refused = rag_index([str(corpus), "--index", str(index), "--sentence-vectors", other])
        assert refused.exit_code == 1
        message = refused.output.strip()
        assert len(message.splitlines()) == 1 and "Traceback" not in message
        assert f"built with --sentence-vectors composed, not {other}" in message
    again = rag_index([str(corpus), "--index", str(index), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["generation"] is None
    with pytest.raises(IndexMismatchError, match="--sentence-vectors composed"):
        run_index([corpus], index, embedder=encoder, sentence_mode="separate")
    assert (index / CURRENT).read_text() == before


def test_an_interrupted_composed_run_resumes_to_the_same_index(
    tmp_path: Path, encoder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(EMBED_BATCH_ENV, str(BATCH))
    corpus, index = sample_corpus(tmp_path, 2), tmp_path / "idx"
    first = DyingEncoder(encoder, 2, "encode_weighted")
    with pytest.raises(KeyboardInterrupt):
        run_index([corpus], index, embedder=first, sentence_mode="composed")
    rerun = DyingEncoder(encoder, 10_000, "encode_weighted")
    report = run_index([corpus], index, embedder=rerun, sentence_mode="composed")
    assert report.composed_chunks < report.chunks  # the checkpointed chunks were not redone
    fresh = tmp_path / "fresh"
    full = run_index([corpus], fresh, embedder=encoder, sentence_mode="composed")
    assert rerun.texts < full.embedded_sentences
    for name in ("vectors.npy", "sentence_vectors.npy"):
        resumed = np.load(open_generation(index).file(name))
        assert np.allclose(resumed, np.load(open_generation(fresh).file(name)), atol=1e-3)


def test_composed_with_an_embedder_that_cannot_compose_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="--encoder") as raised:
        run_index([sample_corpus(tmp_path, 1)], tmp_path / "idx", embedder=FakeEmbedder(),
                  sentence_mode="composed")  # fmt: skip
    assert "\n" not in str(raised.value)
