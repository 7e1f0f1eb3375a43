"""The encoder variants, run on the real bundled weights (ONNX exported once per session)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from news_rag.index.encoders import VARIANTS, load_encoder, torch_backend
from news_rag.index.encoders.cache import (
    KNOWN_SHA256,
    PINNED_VERSIONS,
    model_path,
    read_record,
    sidecar_path,
    versions_of,
)
from news_rag.index.encoders.minilm import SentenceTransformerEmbedder
from news_rag.index.errors import ModelError

pytestmark = pytest.mark.model

SENTENCES = [
    "The central bank raised its benchmark interest rate by half a point on Tuesday.",
    "Oil prices fell.",
    "Dean Foods Co expects earnings for the fourth quarter ending May 30 to exceed those of "
    "the same year-ago period, Chairman Kenneth Douglas told analysts.",
    "Russian Foreign Ministry Spokeswoman Maria Zakharova said the US is still training "
    "militants in the al-Tanf area.",
]
ARTICLE = (
    "Showers continued throughout the week in the Bahia cocoa zone. "
    "The dry period means the temporao will be late this year. "
    "Arrivals for the week ended February 22 were 155,221 bags of 60 kilos."
)

# Cosine to sentence-transformers (torch fp32) below which a variant fails. The fp32 paths
# compute the same function (measured 1.00000 on SENTENCES); bf16 measured 0.99998; int8
# (MatMul weights, per channel) measured 0.9901-0.9932 here and min 0.9866 (mean 0.9940) on
# 200 Reuters paragraphs (eval/RESULTS.md), so 0.98 leaves room for CPU differences and
# still catches a broken quantization (per-tensor int8 went down to 0.91).
MIN_COSINE = {"torch-fp32": 0.9999, "onnx-fp32": 0.9999, "torch-bf16": 0.999, "onnx-int8": 0.98}
# A span equal to its whole text pools the same token positions as the text.
WHOLE_SPAN_MIN_COSINE = 0.999
# Mean cosine of the span vectors of ARTICLE's three sentences to their separate embeddings:
# measured 0.74-0.75 for the fp32 and int8 variants (0.81 over 319 Reuters sentences, see
# eval/RESULTS.md); pooling the wrong tokens gives far less.
SPAN_MIN_MEAN_COSINE = 0.7


@pytest.fixture(scope="session")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from news_rag.index.encoders.export import export_all

    target = tmp_path_factory.mktemp("encoder-cache")
    export_all(target)
    return target


@pytest.fixture(scope="session")
def encoders(export_dir: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = {}

    def get(variant: str) -> Any:
        if variant not in loaded:
            loaded[variant] = load_encoder(variant, cache_dir=export_dir, export_missing=False)
        return loaded[variant]

    return {"get": get}


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1))


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_matches_sentence_transformers(
    variant: str, encoders: dict[str, Any], real_embedder: SentenceTransformerEmbedder
) -> None:
    if variant == "torch-bf16" and not torch_backend.has_native_bf16():
        pytest.skip("this CPU has no native bf16")
    encoder = encoders["get"](variant)
    vectors = encoder.encode(SENTENCES)
    assert vectors.dtype == np.float32 and vectors.shape == (len(SENTENCES), 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = _cosines(vectors, real_embedder.encode(SENTENCES))
    assert cosines.min() >= MIN_COSINE[variant], cosines
    assert encoder.variant == variant and encoder.dimension == 384


def test_count_tokens_matches_sentence_transformers(
    encoders: dict[str, Any], real_embedder: SentenceTransformerEmbedder
) -> None:
    long_text = " ".join(SENTENCES * 20)  # past the 256-token window: never truncated here
    encoder = encoders["get"]("onnx-int8")
    for text in [*SENTENCES, long_text]:
        assert encoder.count_tokens(text) == real_embedder.count_tokens(text)
    assert encoder.count_tokens(long_text) > encoder.max_tokens


def test_weights_sha256_names_the_file_that_runs(
    encoders: dict[str, Any], export_dir: Path
) -> None:
    shas = {v: encoders["get"](v).weights_sha256 for v in ("torch-fp32", "onnx-fp32", "onnx-int8")}
    assert len(set(shas.values())) == 3  # vectors of different variants never look alike
    for variant in ("onnx-fp32", "onnx-int8"):
        record = read_record(model_path(variant, export_dir))
        assert record.sha256 == shas[variant]
        if versions_of(variant) == PINNED_VERSIONS[variant]:
            assert record.sha256 == KNOWN_SHA256[variant]  # the export is reproducible


def _copy_exports(export_dir: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(export_dir, target)
    return target


def test_tampered_export_is_refused(export_dir: Path, tmp_path: Path) -> None:
    cache = _copy_exports(export_dir, tmp_path / "cache")
    path = model_path("onnx-int8", cache)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"sha256 .* does not match .*export --force --cache-dir"):
        load_encoder("onnx-int8", cache_dir=cache, export_missing=False)
    # Re-recording the sidecar does not help: the pinned versions' hash is a constant.
    record = json.loads(sidecar_path(path).read_text())
    if record["versions"] == PINNED_VERSIONS["onnx-int8"]:
        from news_rag.index.encoders.cache import sha256_bytes

        record["sha256"] = sha256_bytes(bytes(data))
        sidecar_path(path).write_text(json.dumps(record))
        with pytest.raises(ModelError, match="does not match"):
            load_encoder("onnx-int8", cache_dir=cache, export_missing=False)


def test_corrupt_sidecar_and_missing_export_are_one_line_errors(
    export_dir: Path, tmp_path: Path
) -> None:
    cache = _copy_exports(export_dir, tmp_path / "cache")
    sidecar_path(model_path("onnx-fp32", cache)).write_text("{not json")
    with pytest.raises(ModelError, match="unreadable") as caught:
        load_encoder("onnx-fp32", cache_dir=cache, export_missing=False)
    assert "\n" not in str(caught.value)
    with pytest.raises(ModelError, match="no onnx-int8 export yet; run: python -m"):
        load_encoder("onnx-int8", cache_dir=tmp_path / "empty", export_missing=False)
    with pytest.raises(ModelError, match="unknown encoder"):
        load_encoder("onnx-fp16")


def test_bf16_is_refused_without_native_support(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch_backend, "cpu_flags", lambda: {"avx2", "avx512f"})
    with pytest.raises(ModelError, match="no native bf16"):
        load_encoder("torch-bf16")


@pytest.mark.parametrize("variant", ["torch-fp32", "onnx-fp32", "onnx-int8"])
def test_encode_with_spans(variant: str, encoders: dict[str, Any]) -> None:
    from news_rag.index.sentences import split_sentences

    encoder = encoders["get"](variant)
    sentences = split_sentences(ARTICLE)
    assert len(sentences) == 3
    texts = [ARTICLE, SENTENCES[0]]
    spans = [[*sentences, (0, len(ARTICLE))], [(0, len(SENTENCES[0])), (4, 16)]]
    text_vectors, span_vectors = encoder.encode_with_spans(texts, spans)
    assert span_vectors.shape == (6, 384) and span_vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(span_vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(text_vectors, encoder.encode(texts), atol=1e-5)
    whole = _cosines(span_vectors[[3, 4]], text_vectors)
    assert whole.min() >= WHOLE_SPAN_MIN_COSINE, whole
    # Each sentence's span vector resembles its separate embedding, and far more than an
    # unrelated sentence's.
    alone = encoder.encode([ARTICLE[s:e] for s, e in sentences])
    own = _cosines(span_vectors[:3], alone)
    assert own.mean() >= SPAN_MIN_MEAN_COSINE, own
    unrelated = span_vectors[:3] @ encoder.encode([SENTENCES[3]])[0]
    assert (own > unrelated + 0.2).all(), (own, unrelated)
    assert encoder.spans_encoded_separately == 0


def test_span_past_the_window_is_encoded_on_its_own(encoders: dict[str, Any]) -> None:
    encoder = encoders["get"]("onnx-fp32")
    filler = " ".join(["Cocoa arrivals rose again in the Bahia zone this week."] * 30)
    tail = "Zakharova said the US is still training militants."
    text = f"{filler} {tail}"
    assert encoder.count_tokens(text) > encoder.max_tokens
    before = encoder.spans_encoded_separately
    _, spans = encoder.encode_with_spans([text], [[(0, 20), (len(text) - len(tail), len(text))]])
    assert encoder.spans_encoded_separately == before + 1
    assert float(spans[1] @ encoder.encode([tail])[0]) >= 0.9999
    with pytest.raises(ValueError, match="not inside"):
        encoder.encode_with_spans([tail], [[(5, 5)]])


def test_onnx_threads(export_dir: Path) -> None:
    query = load_encoder("onnx-int8", cache_dir=export_dir, threads=1, export_missing=False)
    bulk = load_encoder("onnx-int8", cache_dir=export_dir, export_missing=False)
    assert query._session is None and bulk._session is None  # loaded on first use
    query.encode(["one sentence"]), bulk.encode(["one sentence"])
    assert query._session.get_session_options().intra_op_num_threads == 1
    assert bulk._session.get_session_options().intra_op_num_threads == os.cpu_count()


def test_onnx_query_path_never_imports_torch(export_dir: Path) -> None:
    script = (
        "import sys\n"
        "from news_rag.index.encoders import load_encoder\n"
        f"e = load_encoder('onnx-int8', cache_dir={str(export_dir)!r}, threads=1,"
        " export_missing=False)\n"
        "v = e.encode(['Who trained militants at al-Tanf?'])\n"
        "e.encode_with_spans(['One. Two.'], [[(0, 4), (5, 9)]])\n"
        "assert v.shape == (1, 384)\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'sentence_transformers')"
        " if m in sys.modules)\n"
        "print('heavy:', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "heavy: []"
