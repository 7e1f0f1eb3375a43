"""Short texts packed several to a sequence give exactly their own vectors (real ONNX and
torch encoders, sample sentences), and a new index is composed and packed by default while
an index built before keeps its own mode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from news_rag.index.encoders.modes import built_sentence_mode
from news_rag.index.encoders.packing import encode_packed, pack
from news_rag.index.pipeline import run_index
from news_rag.index.sentences import split_sentences
from news_rag.index.store.publish import open_generation

from tests.fakes import FakeEmbedder
from tests.index_helpers import rag_index, sample_corpus

# Packing changes the order of the float sums inside a pass, nothing else: measured
# differences were about 2e-7 on 3,861 Reuters sentences.
TOLERANCE = 1e-5


def test_rows_hold_every_text_once_within_the_row_budget() -> None:
    lengths = [40, 200, 12, 90, 90, 7, 60, 128, 3, 33]
    rows = pack(lengths, row_tokens=128)
    assert sorted(i for row in rows for i in row) == list(range(len(lengths)))
    for row in rows:
        assert sum(lengths[i] for i in row) <= 128 or len(row) == 1  # 200 has a row alone
    # the fewest rows possible: 200 alone, then 391 tokens need at least four rows of 128
    assert len(rows) == 5


def _sentences() -> list[str]:
    from news_rag.index.paths import sample_dir

    texts = [path.read_text(encoding="utf-8") for path in sorted(sample_dir().glob("*.txt"))]
    out = [text[start:end] for text in texts for start, end in split_sentences(text)]
    return [s for s in dict.fromkeys(out) if s.strip()][:120]


@pytest.mark.model
@pytest.mark.parametrize("variant", ["onnx-fp32", "torch-fp32"])
def test_packed_texts_get_the_vectors_of_their_own_passes(variant: str) -> None:
    from news_rag.index.encoders import load_encoder

    encoder = load_encoder(variant, threads=1)
    texts = _sentences()
    alone, weights = encoder.encode_weighted(texts)
    packed, packed_weights, rows = encoder.encode_packed(texts)
    assert rows < len(texts) / 2  # several texts a sequence
    assert np.abs(packed - alone).max() < TOLERANCE
    assert np.abs(packed_weights - weights).max() < TOLERANCE * weights.max()


def test_a_row_runs_each_text_with_its_own_positions_and_segment() -> None:
    seen: list[tuple[Any, Any, Any]] = []

    def hidden(ids: Any, segments: Any, positions: Any) -> Any:
        seen.append((ids.copy(), segments.copy(), positions.copy()))
        return np.ones((*ids.shape, 4), dtype=np.float32)

    class Encoding:
        def __init__(self, n: int) -> None:
            self.ids = list(range(100, 100 + n))

    vectors, weights, rows = encode_packed([Encoding(3), Encoding(2)], hidden, 4, row_tokens=8)
    assert rows == 1
    [(_, segments, positions)] = seen
    assert segments.tolist() == [[1, 1, 1, 2, 2]]
    assert positions.tolist() == [[0, 1, 2, 0, 1]]
    assert np.allclose(weights, [3 * 2.0, 2 * 2.0])  # the norm of each text's summed states
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)


@pytest.mark.model
def test_a_new_index_is_composed_and_packed_and_an_old_one_keeps_its_mode(tmp_path: Path) -> None:
    corpus, index = sample_corpus(tmp_path), tmp_path / "idx"
    made = rag_index([str(corpus), "--index", str(index), "--json"])
    assert made.exit_code == 0, made.output
    report = json.loads(made.stdout)
    assert open_generation(index, verify=False).manifest["model"]["sentence_vectors"] == "composed"
    # each sentence embedded on its own, several to a sequence: at most 1.5 sequences a chunk
    assert report["model_sequences"] <= 1.5 * report["chunks"] < report["embedded_sentences"]

    old = tmp_path / "old"
    made = rag_index([str(corpus), "--index", str(old), "--sentence-vectors", "separate"])
    assert made.exit_code == 0, made.output
    (corpus / "extra.txt").write_text("Globex sold its Ohio plant for 80 mln dlrs.\n")
    added = rag_index([str(corpus), "--index", str(old), "--json"])  # no mode named
    assert added.exit_code == 0, added.output
    assert open_generation(old, verify=False).manifest["model"]["sentence_vectors"] == "separate"


def test_a_manifest_naming_no_mode_was_built_separate() -> None:
    assert built_sentence_mode({"name": "all-MiniLM-L6-v2"}) == "separate"


def test_an_embedder_that_cannot_compose_builds_separate(tmp_path: Path) -> None:
    corpus, index = sample_corpus(tmp_path), tmp_path / "idx"
    run_index([corpus], index, embedder=FakeEmbedder())
    manifest = open_generation(index, verify=False).manifest
    assert manifest["model"]["sentence_vectors"] == "separate"
