"""The HTTP API: a real uvicorn server on a free loopback port, called with httpx."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
import httpx
from click.testing import CliRunner
from news_rag.rag.server.models import MAX_K

from news_rag.cli import cli

pytestmark = pytest.mark.model
TOKEN = "s3cret-token"
QUESTION = "Who said the US is training militants at al-Tanf?"
NEW_ARTICLE = """Quokka census on Rottnest Island

By Jane Example

Island Gazette, December 2, 2018

The annual quokka census on Rottnest Island counted 12,500 quokkas, the island's
ranger service said on Sunday. Rangers said the quokka population had grown since the
previous census, according to the Rottnest Island Authority.
"""


@pytest.fixture(scope="module")
def assistant(sample_index_dir: Path, real_embedder: Any) -> Any:
    from news_rag.rag.assistant import Assistant

    loaded = Assistant.open(sample_index_dir, embedder=real_embedder)
    loaded.load()
    return loaded


@pytest.fixture(scope="module")
def api(assistant: Any) -> Iterator[httpx.Client]:
    from news_rag.rag.server.serving import ServerThread

    with ServerThread(assistant) as url, httpx.Client(base_url=url, timeout=120) as client:
        yield client


@pytest.fixture(scope="module")
def guarded_api(assistant: Any) -> Iterator[httpx.Client]:
    from news_rag.rag.server.app import ServerConfig
    from news_rag.rag.server.serving import ServerThread

    with (
        ServerThread(assistant, ServerConfig(token=TOKEN)) as url,
        httpx.Client(base_url=url, timeout=120) as client,
    ):
        yield client


def _cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _without_timings(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "timings_ms"}


def test_server_binds_loopback_and_reports_health(
    api: httpx.Client, sample_index_dir: Path
) -> None:
    assert str(api.base_url).startswith("http://127.0.0.1:")
    health = api.get("/health").json()
    info = _cli_json("info", "--index", str(sample_index_dir), "--json")
    assert health["status"] == "ok"
    assert health["generation"] == info["generation"]
    assert health["articles"] == info["articles"] == 5


def test_ask_returns_the_same_json_as_the_cli(api: httpx.Client, sample_index_dir: Path) -> None:
    response = api.post("/ask", json={"question": QUESTION})
    assert response.status_code == 200
    served = response.json()
    printed = _cli_json("ask", QUESTION, "--index", str(sample_index_dir), "--json")
    assert _without_timings(served) == _without_timings(printed)
    citation = served["citations"][0]
    assert "Zakharova" in citation["claimant"]
    for field in ("outlet", "author", "published", "title", "source_path", "original_source"):
        assert field in citation


def test_search_with_filters_matches_the_cli(api: httpx.Client, sample_index_dir: Path) -> None:
    body = {"query": "Tu-22M3 bombers", "k": 3, "outlet": "global research", "since": "2017-11"}
    served = api.post("/search", json=body).json()
    options = ["--k", "3", "--outlet", "global research", "--since", "2017-11", "--json"]
    printed = _cli_json("search", "Tu-22M3 bombers", "--index", str(sample_index_dir), *options)
    assert _without_timings(served) == _without_timings(printed)
    assert 0 < len(served["results"]) <= 3
    assert all(
        "global research" in (r["outlet"] or r["original_source"] or "").lower()
        for r in served["results"]
    )


def test_search_with_a_filter_matching_nothing_is_empty_with_a_note(api: httpx.Client) -> None:
    response = api.post("/search", json={"query": "al-Tanf", "outlet": "No Such Outlet"})
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert "No Such Outlet" in response.headers["X-RAG-Note"]


def test_dateline_is_a_filter_and_a_field_of_every_label(wire_assistant: Any) -> None:
    from news_rag.rag.server.serving import ServerThread

    with ServerThread(wire_assistant) as url, httpx.Client(base_url=url, timeout=120) as client:
        body = {"query": "Bank of England money market", "dateline": "houston"}
        results = client.post("/search", json=body).json()["results"]
        assert results
        assert {r["dateline"] for r in results} == {"HOUSTON"}
        question = "By how much did Texaco raise the posted price of crude oil?"
        answer = client.post("/ask", json={"question": question, "dateline": "HOUSTON"}).json()
        assert answer["citations"]
        assert {c["dateline"] for c in answer["citations"]} == {"HOUSTON"}
        listed = client.get("/articles", params={"dateline": "london"}).json()["articles"]
        assert [a["dateline"] for a in listed] == ["LONDON"]
        long = client.post("/search", json={"query": "oil", "dateline": "x" * 201})
        assert long.status_code == 422


@pytest.mark.parametrize(
    ("path", "body", "needle"),
    [
        ("/ask", {}, "question"),
        ("/ask", {"question": ""}, "question"),
        ("/ask", {"question": "x" * 1001}, "question"),
        ("/ask", {"question": "al-Tanf?", "k": 0}, "k"),
        ("/ask", {"question": "al-Tanf?", "k": MAX_K + 1}, "k"),
        ("/ask", {"question": "al-Tanf?", "mode": "magic"}, "mode"),
        ("/ask", {"question": "al-Tanf?", "since": "2018-13-01"}, "not a date"),
        ("/ask", {"question": "al-Tanf?", "since": "2019", "until": "2018"}, "after"),
        ("/ask", {"question": "al-Tanf?", "colour": "red"}, "colour"),
        ("/search", {"query": "al-Tanf", "k": "many"}, "k"),
        ("/search", ["not", "an", "object"], "object"),
    ],
)
def test_bad_input_is_a_422_with_a_message(
    api: httpx.Client, path: str, body: Any, needle: str
) -> None:
    response = api.post(path, json=body)
    assert response.status_code == 422
    assert needle.lower() in response.json()["detail"].lower()


def test_malformed_and_oversized_bodies_are_refused(api: httpx.Client) -> None:
    broken = api.post("/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert broken.status_code == 422
    huge = api.post("/ask", json={"question": "x" * 100_000})
    assert huge.status_code == 413


def test_conversation_follow_up(api: httpx.Client) -> None:
    created = api.post("/conversations")
    assert created.status_code == 201
    key = created.json()["id"]
    first = api.post(f"/conversations/{key}/ask", json={"question": QUESTION}).json()
    follow = api.post(f"/conversations/{key}/ask", json={"question": "Who reported that?"}).json()
    assert follow["kind"] == "followup-attribution"
    assert first["citations"][0]["claimant"] in follow["answer"]
    assert api.delete(f"/conversations/{key}").status_code == 204
    missing = api.post(f"/conversations/{key}/ask", json={"question": QUESTION})
    assert missing.status_code == 404


def test_articles_list_and_one_article_with_a_span(api: httpx.Client) -> None:
    rows = api.get("/articles").json()["articles"]
    ids = [row["id"] for row in rows]
    assert len(ids) == 5 and ids == sorted(ids)
    dated = api.get("/articles", params={"since": "2018-01-01"}).json()["articles"]
    assert dated and all(row["published"] >= "2018-01-01" for row in dated)
    assert api.get("/articles", params={"since": "yesterday"}).status_code == 422

    answer = api.post("/ask", json={"question": QUESTION}).json()
    citation = answer["citations"][0]
    params = {"start": citation["char_start"], "end": citation["char_end"]}
    article = api.get(f"/articles/{citation['article_id']}", params=params).json()
    assert article["span"]["text"] == citation["quote"]
    assert article["text"][citation["char_start"] : citation["char_end"]] == citation["quote"]
    assert "cleaned text" in article["offsets"]
    assert api.get("/articles/nope").status_code == 404
    too_far = {"start": 0, "end": len(article["text"]) + 1}
    assert api.get(f"/articles/{article['id']}", params=too_far).status_code == 422


def test_bearer_token(guarded_api: httpx.Client) -> None:
    assert guarded_api.get("/health").status_code == 200
    assert guarded_api.post("/search", json={"query": "al-Tanf"}).status_code == 401
    wrong = guarded_api.get("/articles", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    right = guarded_api.get("/articles", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200


def test_openapi_docs_list_the_endpoints(api: httpx.Client) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/ask", "/search", "/conversations", "/conversations/{conversation_id}/ask",
                 "/articles", "/articles/{article_id}", "/health"):  # fmt: skip
        assert path in paths
    assert api.get("/docs").status_code == 200


def test_concurrent_requests_get_the_serial_answers(api: httpx.Client) -> None:
    questions = [QUESTION, "When was al-Bukamal liberated?", "Which Russian bombers struck ISIS?"]
    serial = {q: _without_timings(api.post("/ask", json={"question": q}).json()) for q in questions}

    def ask(question: str) -> tuple[str, int, dict[str, Any]]:
        response = api.post("/ask", json={"question": question})
        return question, response.status_code, _without_timings(response.json())

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(ask, questions * 4))
    assert all(status == 200 for _, status, _ in results)
    assert all(body == serial[question] for question, _, body in results)


def test_non_loopback_bind_needs_a_token_or_insecure() -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--token" in result.output and "--insecure" in result.output


def test_a_generation_published_under_load_is_served_without_errors(
    sample_index_copy: Path, real_embedder: Any, tmp_path: Path
) -> None:
    """`rag index` publishes a new generation while clients query; no request fails, and
    the new article is served without a restart."""
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.server.serving import ServerThread

    new_file = tmp_path / "new" / "quokka.txt"
    new_file.parent.mkdir()
    new_file.write_text(NEW_ARTICLE, encoding="utf-8")
    assistant = Assistant.open(sample_index_copy, embedder=real_embedder)
    assistant.load()
    failures: list[str] = []
    served = 0
    stop = threading.Event()

    def load(client: httpx.Client) -> None:
        nonlocal served
        while not stop.is_set():
            for path, body in (("/search", {"query": "al-Tanf"}), ("/ask", {"question": QUESTION})):
                response = client.post(path, json=body)
                if response.status_code != 200:
                    failures.append(f"{path}: {response.status_code} {response.text[:200]}")
                served += 1

    with ServerThread(assistant) as url, httpx.Client(base_url=url, timeout=120) as client:
        before = client.get("/health").json()["generation"]
        workers = [threading.Thread(target=load, args=(client,)) for _ in range(3)]
        for worker in workers:
            worker.start()
        try:
            indexed = subprocess.run(
                [sys.executable, "-m", "news_rag", "index", str(new_file.parent), "--index",
                 str(sample_index_copy), "--json"],
                capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
            generation = before
            deadline = time.monotonic() + 60
            while generation == before and time.monotonic() < deadline:
                generation = client.get("/health").json()["generation"]
                time.sleep(0.2)
        finally:
            stop.set()
            for worker in workers:
                worker.join(120)
        assert indexed.returncode == 0, indexed.stderr
        assert json.loads(indexed.stdout)["generation"] not in (None, before)
        assert failures == []
        assert served > 0
        assert generation != before, "the server still serves the old generation"
        hits = client.post("/search", json={"query": "quokka census Rottnest", "k": 3}).json()
        assert any("quokka" in r["text"].lower() for r in hits["results"])


def test_http_benchmark_runs_and_stops_by_itself(sample_index_dir: Path) -> None:
    from news_rag.eval.benchmarks.http import run_http_load

    result = run_http_load(sample_index_dir, clients=2, duration_s=2)
    assert result.errors == 0
    assert [e.endpoint for e in result.endpoints] == ["/search", "/ask"]
    assert all(e.requests > 0 and e.p99_ms >= e.p50_ms > 0 for e in result.endpoints)
    assert result.generation_before == result.generation_after
    assert "| /ask |" in result.summary()


@pytest.mark.parametrize("args", [["--clients", "0"], ["--clients", "65"], ["--duration", "601"]])
def test_http_benchmark_bounds(args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["benchmark", "http", *args])
    assert result.exit_code == 2
