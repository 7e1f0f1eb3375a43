"""The lexical search seam: bm25s top-k (exact, linear-time selection) and the FTS5 index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from news_rag.eval.benchmarks.lexical_fts import FTS_FILE, build_fts, load_fts, match_expression
from news_rag.eval.benchmarks.lexical_scale_run import synthetic_texts
from news_rag.index.store.lexical import build_bm25, lexical_search, tokenize_query, top_positive

TEXTS = [
    "The central bank raised interest rates to fight inflation.",
    "Oil prices fell after OPEC agreed to raise output.",
    "The bank said inflation would ease next year.",
    "Wheat exports from Canada rose sharply in March.",
    "Interest rates on Treasury bills were little changed.",
    "OPEC ministers meet in Vienna to discuss oil output quotas.",
]


def _full_sort(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The selection bm25_search used before top_positive: a stable sort of all positives."""
    positive = np.flatnonzero(scores > 0)
    top = positive[np.argsort(-scores[positive], kind="stable")][:k]
    return [(int(i), float(scores[i])) for i in top]


@pytest.mark.parametrize("seed", range(20))
def test_top_positive_equals_a_stable_full_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # few distinct values, so that ties (and ties across the k-th place) are common
    scores = rng.integers(-2, 6, size=int(rng.integers(0, 300))).astype(np.float32)
    for k in (1, 5, 50, 400):
        assert top_positive(scores, k) == _full_sort(scores, k)


def test_lexical_search_over_bm25s_ranks_and_filters() -> None:
    index = build_bm25(TEXTS)
    tokens = tokenize_query("interest rates inflation")
    found = lexical_search(index, tokens, 3, None, len(TEXTS))
    assert [i for i, _ in found] == [0, 4, 2]
    assert found[0][1] > found[1][1] > found[2][1] > 0
    only = lexical_search(index, tokens, 3, [2, 3], len(TEXTS))
    assert [i for i, _ in only] == [2]
    assert lexical_search(index, ["zzzunknown"], 3, None, len(TEXTS)) == []


def test_fts5_index_matches_bm25s_on_a_small_corpus(tmp_path: Path) -> None:
    path = tmp_path / FTS_FILE
    assert build_fts(path, iter(TEXTS), batch=2) == len(TEXTS)
    assert not path.with_name(path.name + ".tmp").exists()
    fts = load_fts(path)
    bm25 = build_bm25(TEXTS)
    for query in ("OPEC oil output", "interest rates", "wheat Canada exports"):
        tokens = tokenize_query(query)
        ours = fts.search(tokens, 3)
        theirs = lexical_search(bm25, tokens, 3, None, len(TEXTS))
        assert ours and ours[0][0] == theirs[0][0]
        assert all(score > 0 for _, score in ours)
    tokens = tokenize_query("OPEC oil output")
    assert [i for i, _ in fts.search(tokens, 5, [1, 3])] == [1]
    assert fts.search(tokens, 5, []) == []
    assert fts.search([], 5) == []
    assert lexical_search(fts, tokens, 1, None, len(TEXTS)) == fts.search(tokens, 1)
    fts.close()


def test_match_expression_quotes_every_token() -> None:
    assert match_expression(["oil", 'a"b', "or"]) == '"oil" OR "a""b" OR "or"'


def test_synthetic_texts_mix_real_sentences_deterministically() -> None:
    pool = {"sentences": ["One.", "Two.", "Three."], "counts": [2, 1], "queries": []}
    texts = list(synthetic_texts(pool, 5))
    assert texts == list(synthetic_texts(pool, 5))
    assert [len(t.split()) for t in texts] == [2, 1, 2, 1, 2]
    assert all(word in pool["sentences"] for t in texts for word in t.split())


def test_lexical_report_says_what_was_skipped() -> None:
    from news_rag.eval.benchmarks.lexical_scale import BackendRun, LexicalReport

    mem = {"VmRSS": 60.0, "RssAnon": 38.0, "RssFile": 22.0, "VmHWM": 89.0}
    built = BackendRun(
        "fts5",
        10,
        build={"build_s": 1.0, "memory_mb": mem, "disk_mb": 9.0},
        serve={"open_s": 0.0, "memory_after_open_mb": mem, "memory_serving_mb": mem,
               "p50_ms": 1.0, "p95_ms": 2.0, "max_ms": 3.0},
    )  # fmt: skip
    skipped = BackendRun("bm25s", 10, skipped="over --bm25s-max 5 (builds in memory)")
    load = {"start": [1.0], "end": [1.0]}
    report = LexicalReport("c", 2, 3, 1, 50, "synthetic", load, [skipped, built], {"10": 0.5})
    text = report.to_markdown()
    assert "| 10 | bm25s | skipped: over --bm25s-max 5" in text
    assert "| 10 | fts5 | 1.0 | 89 | 9 |" in text and "1.00 / 2.00 / 3" in text
    assert report.to_dict()["runs"][0]["skipped"].startswith("over")


def test_the_bm25_files_are_the_same_bytes_whatever_the_string_hashing(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from news_rag.index.store.lexical import build_bm25, save_bm25\n"
        "from tests.test_lexical_backends import TEXTS\n"
        "save_bm25(build_bm25(TEXTS * 3), Path(sys.argv[1]))\n"
    )
    root = Path(__file__).resolve().parents[1]
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], check=True, env=env)
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert names and names == sorted(p.name for p in (tmp_path / "2").iterdir())
    for name in names:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_the_sorted_vocabulary_scores_as_bm25s_own() -> None:
    import bm25s
    from news_rag.index.store.lexical import BM25_CONFIG, _get_stemmer

    ours = build_bm25(TEXTS)
    theirs = bm25s.BM25(method=BM25_CONFIG["method"], k1=BM25_CONFIG["k1"], b=BM25_CONFIG["b"])
    stemmed = bm25s.tokenize(TEXTS, stopwords=BM25_CONFIG["stopwords"], stemmer=_get_stemmer())
    theirs.index(stemmed, show_progress=False)
    stems = [token for token in ours.vocab_dict if token]  # bm25s adds "" at the end
    assert stems == sorted(stems)
    for query in ("interest rates", "OPEC oil output", "wheat from Canada"):
        tokens = tokenize_query(query)
        np.testing.assert_allclose(
            ours.get_scores([t for t in tokens if t in ours.vocab_dict]),
            theirs.get_scores([t for t in tokens if t in theirs.vocab_dict]),
        )
