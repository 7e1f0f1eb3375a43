"""`rag index --ray` without a cluster: pool sizes, addresses and the one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_rag.index.cluster.blocks import ResultStore, remove_store
from news_rag.index.cluster.connect import ClusterError, check_reachable, import_ray
from news_rag.index.cluster.local import free_port
from news_rag.index.cluster.records import ArticleResult, BuildSpec, article_key
from news_rag.index.cluster.settings import ANALYSER_CPUS, ClusterSettings, resolve_pools
from news_rag.index.types import Article, Chunk

from news_rag.cli import cli


def test_pools_share_the_cpus_half_and_half_without_gpus() -> None:
    pools = resolve_pools(ClusterSettings("auto"), cpus=2, gpus=0)
    assert (pools.analysers, pools.encoders, pools.encoder_gpus) == (2, 2, 0)
    assert pools.analyser_cpus == ANALYSER_CPUS


def test_encoders_go_to_the_gpus_and_analysers_get_the_cpus() -> None:
    pools = resolve_pools(ClusterSettings("auto"), cpus=16, gpus=1)
    assert (pools.encoders, pools.encoder_gpus, pools.analyser_cpus) == (1, 1.0, 1.0)
    assert pools.analysers == 15


def test_given_pool_sizes_win() -> None:
    settings = ClusterSettings("auto", analysers=3, encoders=5, encoder_gpus=0)
    pools = resolve_pools(settings, cpus=2, gpus=4)
    assert (pools.analysers, pools.encoders, pools.encoder_gpus) == (3, 5, 0)


def test_a_bad_address_is_one_line() -> None:
    with pytest.raises(ClusterError, match="not an address; give auto or HOST:PORT"):
        check_reachable("nowhere")


def test_ray_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(ClusterError, match=r"pip install 'news-rag\[cluster\]'"):
        import_ray()


def test_unreachable_cluster_fails_at_once_in_one_line(tmp_path: Path) -> None:
    address = f"127.0.0.1:{free_port()}"  # nothing listens there
    result = CliRunner().invoke(
        cli, ["index", str(tmp_path), "--index", str(tmp_path / "i"), "--ray", address]
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach the Ray cluster at")
    assert address in lines[0] and "ray start --head" in lines[0]
    assert not (tmp_path / "i" / "CURRENT").exists()


def test_the_local_path_never_imports_ray() -> None:
    code = (
        "import sys, news_rag.cli.index_commands, news_rag.index.pipeline, "
        "news_rag.index.cluster.run; print('ray' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)  # fmt: skip
    assert found.stdout.strip() == "False"


def _result(spec_variant: str = "onnx-fp32") -> tuple[ArticleResult, BuildSpec]:
    import numpy as np

    article = Article("a1", "One sentence. Two.", "/x.txt", "h", published="1987-03-01")
    spec = BuildSpec({"chunk_tokens": 200}, {"version": 1}, spec_variant, "w", "separate")
    chunk = Chunk("a1", 0, article.text, 0, len(article.text), 5)
    result = ArticleResult(article, article_key(article, spec), [], [chunk], "ih", [])
    result.vectors["k"] = np.ones(3, dtype=np.float32)
    return result, spec


def test_an_articles_key_follows_its_text_and_the_build_settings() -> None:
    result, spec = _result()
    other, _ = _result("onnx-int8")
    assert result.key != other.key  # another encoder: sent again
    changed = Article("a1", "One sentence. Three.", "/x.txt", "h", published="1987-03-01")
    assert article_key(changed, spec) != result.key
    assert article_key(result.article, spec) == result.key


def test_the_result_store_keeps_results_without_their_vectors(tmp_path: Path) -> None:
    result, _ = _result()
    store = ResultStore(tmp_path)
    store.add([result])
    assert store.known([result.key, "other"]) == {result.key}
    kept = store.get(result.key)
    store.close()
    assert kept is not None and kept.chunks == result.chunks and kept.vectors == {}
    assert result.vectors  # the caller's copy keeps them
    remove_store(tmp_path)
    assert not (tmp_path / "cluster-cache").exists()


def test_a_result_round_trips_as_json_with_its_vectors() -> None:
    from news_rag.index.cluster.records import ArticleWork, dumps, load_result, load_work

    result, _ = _result()
    back = load_result(dumps(result))
    assert back.article == result.article and back.chunks == result.chunks
    assert back.vectors["k"].tolist() == result.vectors["k"].tolist()
    assert load_work(dumps(ArticleWork(result.article, result.key))).key == result.key


def test_a_planted_pickle_in_the_store_never_runs(tmp_path: Path) -> None:
    import sqlite3

    # a protocol-0 pickle that, if unpickled, calls open(PATH, "w"): creates the file
    planted = b"cbuiltins\nopen\n(S'" + str(tmp_path / "ran").encode() + b"'\nS'w'\ntR."
    result, _ = _result()
    store = ResultStore(tmp_path)
    store.add([result])
    store.close()
    conn = sqlite3.connect(tmp_path / "cluster-cache" / "results.sqlite")
    with conn:
        conn.execute("UPDATE results SET result = ?", (planted,))
    conn.close()
    store = ResultStore(tmp_path)
    assert store.get(result.key) is None  # read as lost work: the article is sent again
    store.close()
    assert not (tmp_path / "ran").exists()
