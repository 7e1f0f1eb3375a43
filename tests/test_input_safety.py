"""Bad input never costs good input: per-article size limit, stray control bytes, .gz files,
symlinks, ids and a missing HTML extractor each skip only what is bad, in one line."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_rag.index.load.loaders import MAX_ARTICLE_BYTES, discover, load_file
from news_rag.index.pipeline import run_index
from news_rag.index.report import IndexReport
from news_rag.index.types import Skipped

from tests.fakes import FakeEmbedder

BODY = "Officials said the talks would resume next week in Geneva. " * 8


def _record(number: int, text: str = BODY) -> dict[str, object]:
    return {"id": f"r{number}", "title": f"Story {number}", "text": text}


def _jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _load_all(paths: list[Path], **options: int) -> tuple[list[str], list[Skipped]]:
    found, skipped = discover(paths, **options)
    keys: list[str] = []
    for path in found:
        articles, problems = load_file(path, **options)
        keys.extend(a.key for a in articles)
        skipped.extend(problems)
    return keys, skipped


# --- the size limit is per article, and a setting ------------------------------------------


def test_limit_applies_to_each_record_not_to_the_file(tmp_path: Path) -> None:
    records = [_record(n) for n in range(30)] + [_record(99, BODY * 20)]
    path = _jsonl(tmp_path / "many.jsonl", records)
    limit = 2048
    assert path.stat().st_size > 5 * limit
    keys, skipped = _load_all([path], max_article_bytes=limit)
    assert keys == [f"r{n}" for n in range(30)]
    assert [s.path for s in skipped] == [f"{path}:31"]
    assert "--max-article-mb" in skipped[0].reason
    assert "\n" not in skipped[0].reason


def test_too_large_text_file_names_the_option(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text(BODY, encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(BODY * 40, encoding="utf-8")
    keys, skipped = _load_all([tmp_path], max_article_bytes=4096)
    assert keys == ["small"]
    assert [s.path for s in skipped] == [str(big)]
    assert "limit per article" in skipped[0].reason
    assert "--max-article-mb" in skipped[0].reason


def test_jsonl_is_read_a_line_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge_line = json.dumps(_record(2, "x " * 50_000))
    text = json.dumps(_record(1)) + "\n" + huge_line + "\n" + json.dumps(_record(3)) + "\n"
    path = tmp_path / "stream.jsonl"
    path.write_text(text, encoding="utf-8")

    def whole_file(*_: object, **__: object) -> object:
        raise AssertionError("the whole file was read at once")

    monkeypatch.setattr(Path, "read_bytes", whole_file)
    monkeypatch.setattr(Path, "read_text", whole_file)
    articles, skipped = load_file(path, max_article_bytes=10_000)
    assert [a.key for a in articles] == ["r1", "r3"]
    assert [s.path for s in skipped] == [f"{path}:2"]
    assert "--max-article-mb" in skipped[0].reason


def test_run_index_and_cli_pass_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _jsonl(tmp_path / "c.jsonl", [_record(1), _record(2, BODY * 20)])
    report = run_index([path], tmp_path / "idx", embedder=FakeEmbedder(), max_article_bytes=2048)
    assert report.added == ["r1"]
    assert [s.path for s in report.skipped] == [f"{path}:2"]

    from news_rag.index import pipeline

    from news_rag.cli import cli

    seen: dict[str, object] = {}

    def fake_run_index(*args: object, **kwargs: object) -> IndexReport:
        seen.update(kwargs)
        return IndexReport(index_dir=str(tmp_path / "idx"))

    monkeypatch.setattr(pipeline, "run_index", fake_run_index)
    result = CliRunner().invoke(cli, ["index", str(path), "--max-article-mb", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert seen["max_article_bytes"] == 3 * 1024 * 1024
    CliRunner().invoke(cli, ["index", str(path), "--json"])
    assert seen["max_article_bytes"] == MAX_ARTICLE_BYTES


# --- stray control bytes are removed; only mostly non-text is binary -------------------


def test_one_nul_byte_loses_nothing(tmp_path: Path) -> None:
    records = [_record(n) for n in range(1001)]
    records[500]["text"] = "Before\x00after the stray byte. " + BODY
    path = tmp_path / "big.jsonl"
    lines = [json.dumps(r) for r in records]
    lines[500] = lines[500].replace("\\u0000", "\x00")  # a raw NUL byte, not an escape
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    assert b"\x00" in path.read_bytes()
    articles, skipped = load_file(path)
    assert len(articles) == 1001 and skipped == []
    assert articles[500].text.startswith("Beforeafter the stray byte.")


def test_control_characters_are_removed_from_text_files(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"Talks resumed\x00 on Monday.\x1b[0m The minister\x07 said so.\n")
    articles, skipped = load_file(path)
    assert skipped == []
    assert articles[0].text == "Talks resumed on Monday.[0m The minister said so.\n"
    image = tmp_path / "image.txt"  # mostly non-text is still binary
    image.write_bytes(bytes(range(256)) * 8)
    assert load_file(image) == ([], [Skipped(str(image), "binary or undecodable file, not text")])


def test_jsonl_decides_per_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps(_record(1)).encode()
    garbage = bytes(b for b in range(1, 32) if b not in b"\n\r") * 10 + b"\xff\xfe"
    path.write_bytes(good + b"\n" + garbage + b"\n" + json.dumps(_record(3)).encode() + b"\n")
    articles, skipped = load_file(path)
    assert [a.key for a in articles] == ["r1", "r3"]
    assert skipped == [Skipped(f"{path}:2", "line 2 is binary or undecodable, not text")]


def test_jsonl_legacy_encodings_decode_per_line(tmp_path: Path) -> None:
    german = "Der Präsident sagte, dass die Gespräche in Genf fortgesetzt würden."
    russian = "Президент сказал, что переговоры продолжатся в Женеве на следующей неделе."
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(
        json.dumps({"id": "de", "text": german}, ensure_ascii=False).encode("cp1252")
        + b"\n"
        + json.dumps({"id": "ru", "text": russian}, ensure_ascii=False).encode("cp1251")
        + b"\n"
    )
    articles, skipped = load_file(path)
    assert skipped == []
    assert [a.text for a in articles] == [german, russian]


# --- .gz files -----------------------------------------------------------------------------


def _gz(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


def test_gz_files_are_found_in_folders_and_read(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = "".join(json.dumps(_record(n)) + "\n" for n in range(3)).encode()
    _gz(folder / "wire.jsonl.gz", lines)
    _gz(folder / "one.json.gz", json.dumps([_record(7)]).encode())
    _gz(folder / "story.txt.gz", BODY.encode())
    keys, skipped = _load_all([folder])
    assert skipped == []
    assert sorted(keys) == ["r0", "r1", "r2", "r7", "story"]


def test_gz_file_given_directly(tmp_path: Path) -> None:
    path = _gz(tmp_path / "wire.jsonl.gz", (json.dumps(_record(1)) + "\n").encode())
    keys, skipped = _load_all([path])
    assert keys == ["r1"] and skipped == []


def test_corrupt_gz_gives_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(b"this is not gzip data at all")
    lines = "".join(json.dumps(_record(n)) + "\n" for n in range(200)).encode()
    data = gzip.compress(lines)
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(data[: len(data) // 2])
    text = tmp_path / "bad.txt.gz"
    text.write_bytes(b"\x1f\x8b garbage")
    keys, skipped = _load_all([tmp_path])
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {"bad.jsonl.gz", "cut.jsonl.gz", "bad.txt.gz"}
    assert all("gzip" in r and "\n" not in r for r in reasons.values())
    assert 0 < len(keys) < 200  # what came before the damage is kept


# --- symlinks ----------------------------------------------------------------------------


def test_symlink_given_directly_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    links = []
    for number, target in enumerate([secret, Path("/etc/passwd"), secret.parent]):
        link = tmp_path / f"notes{number}.txt"
        link.symlink_to(target)
        links.append(link)
    found, skipped = discover(links)
    assert found == []
    assert [s.path for s in skipped] == [str(link) for link in links]
    assert all("symlink" in s.reason and "not followed" in s.reason for s in skipped)


# --- ids -----------------------------------------------------------------------------------


def test_ids_never_start_or_end_in_whitespace(tmp_path: Path) -> None:
    (tmp_path / " report .txt").write_text(BODY, encoding="utf-8")
    _jsonl(
        tmp_path / "ids.jsonl",
        [
            {"id": " padded\t\n", "text": BODY},
            {"id": "   ", "text": BODY},
            {"id": "two\nlines", "text": BODY},
        ],
    )
    keys, skipped = _load_all([tmp_path])
    assert skipped == []
    assert sorted(keys) == ["ids-L2", "padded", "report", "two lines"]


# --- the HTML extractor may be missing -----------------------------------------------------


def test_missing_html_extractor_skips_only_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` fails
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    (tmp_path / "story.txt").write_text(BODY, encoding="utf-8")
    articles, skipped = load_file(page)
    assert articles == [] and len(skipped) == 1
    assert "lxml_html_clean" in skipped[0].reason and "\n" not in skipped[0].reason
    report = run_index([tmp_path], tmp_path / "idx", embedder=FakeEmbedder())
    assert report.added == ["story"]
    assert [s.path for s in report.skipped] == [str(page)]
