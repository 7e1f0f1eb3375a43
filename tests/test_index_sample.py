"""The bundled sample, indexed with the real model: metadata, cleaning, chunks, incremental."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from news_rag.index.paths import sample_dir
from news_rag.index.pipeline import run_index
from news_rag.index.store.reader import IndexReader

from news_rag.cli import cli
from tests.conftest import CountingEmbedder

EXPECTED = {
    "000_47c02b85d0691610": {
        "title": "Video: ISIS Defeated? US Forces Remain “Illegally” in Syria to Oppose Iran",
        "author": "South Front",
        "outlet": "Global Research",
        "published": "2017-11-25",
        "original_source": "South Front",
        "original_published": "2017-11-24",
        "region": "Middle East & North Africa",
        "themes": ["Terrorism", "US NATO War Agenda"],
    },
    "001_8c7b6652919dcb47": {
        "title": "Video, Syria War: US-backed Forces Clashing with ISIS in Deir Ezzor Province",
        "author": "South Front",
        "outlet": "Global Research",
        "published": "2018-11-24",
        "original_source": "South Front",
        "original_published": "2018-11-23",
        "region": "Middle East & North Africa",
        "themes": ["Militarization and WMD", "US NATO War Agenda"],
    },
    "002_8625dc86a6e1d16d": {
        "title": "Video: The Collapse of ISIS, Competition for Syrian-Iraqi Border",
        "author": "South Front",
        "outlet": None,
        "published": None,
        "original_source": None,
        "original_published": None,
        "region": None,
        "themes": [],
    },
    "003_c20bc0d91e597606": {
        "title": "Video: Syrian Government Troops Liberated Al-Bukamal from ISIS",
        "author": "South Front",
        "outlet": "Global Research",
        "published": "2017-11-21",
        "original_source": "South Front",
        "original_published": "2017-11-20",
        "region": "Middle East & North Africa",
        "themes": ["Terrorism", "US NATO War Agenda"],
    },
    "004_348da576ec3a46c1": {
        "title": "Last Major ISIS Stronghold in Syria Liberated",
        "author": "Stephen Lendman",
        "outlet": "Global Research",
        "published": "2017-11-09",
        "original_source": None,
        "original_published": None,
        "region": "Middle East & North Africa",
        "themes": ["Terrorism", "US NATO War Agenda"],
    },
}

BOILERPLATE = [
    "Disclaimer",
    "sole responsibility of the author",
    "contains copyrighted material",
    "For media inquiries",
    "Comment on Global Research",
    "Become a Member",
    "PayPal",
    "please support the project",
    "Featured image is from",
    "Image result for",
    "Note to readers",
    "The original source of this article",
    "Copyright ©",
    "Articles by:",
    "](#)",
    "<u>",
    "**",
    "[email protected]",
    "email protected",
    "VISIT MY NEW WEB SITE",
    "Contact at",
    "lendmanstephen@sbcglobal.net",
    "My newest book",
    "claritypress.com",
    "About the author",
    "Progressive Radio",
    "Region:",
    "Theme:",
    "In-depth Report:",
]


def cli_json(args: list[str]) -> Any:
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_articles_json_metadata_matches_the_article_text(sample_index_dir: Path) -> None:
    data = cli_json(["articles", "--index", str(sample_index_dir)])
    rows = {row["id"]: row for row in data["articles"]}
    assert set(rows) == set(EXPECTED)
    for article_id, expected in EXPECTED.items():
        row = rows[article_id]
        for key, value in expected.items():
            assert row[key] == value, (article_id, key)
        for key in ("url", "source_path", "chunks", "original_source", "region"):
            assert key in row
        assert row["chunks"] > 0
        assert Path(row["source_path"]).name == f"{article_id}.txt"
        raw = (sample_dir() / f"{article_id}.txt").read_text(encoding="utf-8")
        assert row["title"] in raw and row["author"] in raw  # nothing guessed


def _body_sentences(raw: str) -> list[str]:
    """Body paragraphs of a raw sample file, as the cleaner should keep them (rough cut)."""
    header_end = raw.find("In-depth Report:")
    start = raw.find("\n\n", header_end if header_end >= 0 else raw.strip().find("\n"))
    ends = ("If you", "VISIT MY NEW WEB SITE: <u>", "\n*\n", "Articles by:")
    end = min(i for i in (*(raw.find(e) for e in ends), len(raw)) if i > 0)
    body = re.sub(r"\*\*|<u>|</u>", "", raw[start:end])
    body = re.sub(r"\n\n(?=[a-z]|ISIS\.)", " ", body)  # the export's mid-sentence splits
    sentences = []
    for block in body.split("\n\n"):
        paragraph = " ".join(block.split())
        skip = ("VISIT", "stephenlendman", "(Home", "Contact at", "Image result")
        if paragraph.startswith(skip) or not any(c.isalpha() for c in paragraph):
            continue
        sentences += [s for s in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", paragraph) if s]
    return sentences


def test_chunks_have_no_boilerplate_and_keep_every_body_sentence(sample_index_dir: Path) -> None:
    reader = IndexReader.open(sample_index_dir)
    for article_id in EXPECTED:
        article = reader.article(article_id)
        chunks = [reader.chunk(i) for i in range(reader.chunk_count())]
        own = [c for c in chunks if c.article_id == article_id]
        joined = " ".join(" ".join(c.text.split()) for c in own)
        for phrase in BOILERPLATE:
            assert phrase not in joined, (article_id, phrase)
        raw = (sample_dir() / f"{article_id}.txt").read_text(encoding="utf-8")
        sentences = _body_sentences(raw)
        assert len(sentences) > 10
        for sentence in sentences:
            assert sentence in joined, (article_id, sentence)
        for chunk in own:
            assert article.text[chunk.char_start : chunk.char_end] == chunk.text
    joined_all = " ".join(reader.article(a).text for a in EXPECTED)
    assert "mortar positions of ISIS." in joined_all
    assert "The first took place on November 18." in joined_all


def test_no_chunk_exceeds_the_model_window(sample_index_dir: Path, real_embedder: Any) -> None:
    reader = IndexReader.open(sample_index_dir)
    tokenizer = real_embedder.tokenizer
    for chunk_id in range(reader.chunk_count()):
        text = reader.chunk(chunk_id).text
        assert len(tokenizer(text)["input_ids"]) <= real_embedder.max_tokens


def test_rerun_on_unchanged_sample_makes_no_embedding_calls(
    sample_index_copy: Path, real_embedder: Any
) -> None:
    counting = CountingEmbedder(real_embedder)
    # no path on an existing index re-reads nothing, so the sample folder is named
    report = run_index([sample_dir()], sample_index_copy, embedder=counting)
    assert counting.calls == 0 and counting.texts == 0
    assert report.embedded_chunks == 0 and len(report.unchanged) == 5


def test_index_info_and_json_contract(sample_index_dir: Path) -> None:
    info = cli_json(["info", "--index", str(sample_index_dir)])
    assert info["articles"] == 5 and info["chunks"] > 5
    assert info["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert info["bytes"] > 0 and info["updated_at"]


def test_index_cli_json_fields(tmp_path: Path, sample_articles_dir: Path) -> None:
    data = cli_json(["index", str(sample_articles_dir), "--index", str(tmp_path / "idx")])
    for key in ("added", "updated", "unchanged", "removed", "embedded_chunks", "skipped"):
        assert key in data
    assert len(data["added"]) == 5 and data["skipped"] == []


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_non_utf8_article_indexes_with_the_real_model(tmp_path: Path, encoding: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Café owners in Aleppo said the “ceasefire” held – mostly.\n\nA second paragraph."
    (folder / "cafe.txt").write_bytes(text.encode(encoding))
    report = run_index([folder], tmp_path / "idx")
    assert report.added == ["cafe"]
    assert "Café owners" in IndexReader.open(tmp_path / "idx").article("cafe").text
