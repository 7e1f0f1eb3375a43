"""Finding, reading and decoding article files; every bad input becomes a Skipped reason."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_rag.index.load.loaders import MAX_ARTICLE_BYTES, discover, format_size, load_file
from news_rag.index.types import RawArticle, Skipped

SAMPLE = Path(__file__).resolve().parents[1] / "index" / "sample"
BODY = "The army said on Monday that it had taken the town after three days of fighting."


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_discover_sample_folder_is_sorted_and_complete() -> None:
    found, skipped = discover([SAMPLE])
    assert skipped == []
    assert [path.name for path in found] == sorted(path.name for path in SAMPLE.glob("*.txt"))
    assert len(found) == 5


def test_discover_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    found, skipped = discover([missing])
    assert found == []
    assert skipped == [Skipped(str(missing), "no such file or directory")]


def test_discover_folder_without_articles(tmp_path: Path) -> None:
    _write(tmp_path / "notes.pdf", "x")
    _write(tmp_path / ".hidden.txt", BODY)
    found, skipped = discover([tmp_path])
    assert found == []
    assert len(skipped) == 1
    assert skipped[0].path == str(tmp_path)
    assert "no article files" in skipped[0].reason


def test_discover_recursive_ignores_hidden_and_unsupported(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", BODY)
    _write(tmp_path / "a" / "c.md", BODY)
    _write(tmp_path / "a" / "d.jsonl", json.dumps({"text": BODY}))
    _write(tmp_path / "a" / "image.png", "x")
    _write(tmp_path / ".git" / "e.txt", BODY)
    _write(tmp_path / "a" / ".f.txt", BODY)
    found, skipped = discover([tmp_path])
    assert skipped == []
    relative = [path.relative_to(tmp_path).as_posix() for path in found]
    assert relative == ["a/c.md", "a/d.jsonl", "b.txt"]
    again, _ = discover([tmp_path])
    assert again == found  # deterministic


def test_discover_explicit_unsupported_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "report.pdf", "x")
    found, skipped = discover([path])
    assert found == []
    assert skipped[0].path == str(path)
    assert "unsupported file type '.pdf'" in skipped[0].reason


def test_discover_same_file_twice_is_listed_once(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", BODY)
    found, skipped = discover([path, tmp_path])
    assert found == [path]
    assert skipped == []


def test_discover_size_cap(tmp_path: Path) -> None:
    small = _write(tmp_path / "small.txt", BODY)
    big = _write(tmp_path / "big.txt", BODY * 40)
    found, skipped = discover([tmp_path], max_article_bytes=2048)
    assert found == [small]
    assert skipped == [
        Skipped(
            str(big),
            f"article is {format_size(big.stat().st_size)}, over the 2 KB limit per article; "
            "raise it with `rag index --max-article-mb N` (max_article_bytes in the API)",
        )
    ]
    assert format_size(MAX_ARTICLE_BYTES) == "512 KB"
    assert format_size(int(1.5 * 1024 * 1024)) == "1.5 MB"


def test_discover_symlink_outside_folder_not_followed(tmp_path: Path) -> None:
    outside = _write(tmp_path / "outside" / "secret.txt", BODY)
    root = tmp_path / "corpus"
    inside = _write(root / "a.txt", BODY)
    (root / "link.txt").symlink_to(outside)
    (root / "linkdir").symlink_to(outside.parent, target_is_directory=True)
    (root / "inner.txt").symlink_to(inside)
    found, skipped = discover([root])
    assert found == [inside]  # the inner link points at a file already listed
    reasons = {Path(item.path).name: item.reason for item in skipped}
    expected = f"symlink points outside {root.resolve()}; not followed"
    assert reasons == {"link.txt": expected, "linkdir": expected}


def test_load_sample_file() -> None:
    path = SAMPLE / "000_47c02b85d0691610.txt"
    articles, skipped = load_file(path)
    assert skipped == []
    assert len(articles) == 1
    article = articles[0]
    assert article.key == "000_47c02b85d0691610"
    assert article.source_path == str(path)
    assert article.format == "txt"
    assert "mortar positions of" in article.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n  ", "file contains only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary or undecodable file, not text"),
        (bytes(range(256)) * 4, "binary or undecodable file, not text"),
        (bytes(range(1, 32)) * 20, "binary or undecodable file, not text"),
        (b"%PDF-1.4\n" + bytes(range(128, 256)) * 8, "binary or undecodable file, not text"),
    ],
)
def test_load_bad_text_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert load_file(path) == ([], [Skipped(str(path), reason)])


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),  # Python writes a BOM for "utf-16"
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
    ],
)
def test_load_decodes_text(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Le café était fermé – “l’armée” a dit naïvement: «non».\n\n" + BODY
    path = tmp_path / "enc.txt"
    path.write_bytes(prefix + text.encode(encoding))
    articles, skipped = load_file(path)
    assert skipped == []
    assert articles[0].text == text


def test_load_short_cp1252_text(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("café – “x”".encode("cp1252"))
    articles, _ = load_file(path)
    assert articles[0].text == "café – “x”"


def test_load_html_with_metadata(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "page.html",
        """<html><head><title>Army Takes Town | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-03-04T10:00:00Z">
<link rel="canonical" href="https://example.com/army-takes-town">
</head><body><nav>Home | World | Sport</nav><article><h1>Army Takes Town</h1>
<p>The army said on Monday that it had taken the town after three days of fighting.</p>
<p>Residents reported heavy shelling overnight and said many families had fled.</p>
</article></body></html>""",
    )
    articles, skipped = load_file(path)
    assert skipped == []
    article = articles[0]
    assert article.format == "html"
    assert article.key == "page"
    assert article.fields == {
        "title": "Army Takes Town",
        "authors": ["Jane Doe"],
        "published": "2019-03-04",
        "outlet": "Example News",
        "url": "https://example.com/army-takes-town",
    }
    assert BODY in article.text
    assert "Residents reported heavy shelling overnight" in article.text
    assert "Home | World" not in article.text


def test_load_malformed_html_keeps_text(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "broken.htm",
        "<html><body><p>Broken <b>markup that never closes <div><p>Second para with words",
    )
    articles, skipped = load_file(path)
    assert skipped == []
    assert "Broken markup that never closes" in articles[0].text
    assert "Second para with words" in articles[0].text


def test_load_html_without_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.html", "<html><head><script>var x = 1;</script></head></html>")
    articles, skipped = load_file(path)
    assert articles == []
    assert skipped == [Skipped(str(path), "no readable article text in this HTML")]


def test_load_jsonl_broken_line_keeps_the_rest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r1", "title": "T1", "text": BODY, "authors": ["A B", "C D"]}),
        "{broken",
        "",
        json.dumps({"body": "Body three.", "source": {"name": "Reuters"}, "tags": "x, y"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text"}),
    ]
    path = _write(tmp_path / "recs.jsonl", "\n".join(lines))
    articles, skipped = load_file(path)
    assert [(a.key, a.line, a.text) for a in articles] == [
        ("r1", 1, BODY),
        ("recs-L4", 4, "Body three."),
    ]
    assert articles[0].fields == {"title": "T1", "authors": ["A B", "C D"]}
    assert articles[1].fields == {"outlet": "Reuters", "themes": ["x", "y"]}
    assert [item.path for item in skipped] == [f"{path}:2", f"{path}:5", f"{path}:6"]
    assert skipped[0].reason.startswith("invalid JSON on line 2: ")
    assert skipped[1].reason == "line 5 is not a JSON object"
    assert skipped[2].reason == "line 6 has no text (text, body or content field)"


@pytest.mark.parametrize(
    ("document", "keys"),
    [
        ({"_id": 7, "content": BODY}, ["7"]),
        ([{"text": BODY}, {"body": BODY, "id": "x"}], ["many-1", "x"]),
        (
            {"status": "ok", "articles": [{"content": BODY, "publishedAt": "2020-01-02"}]},
            ["many-1"],
        ),
    ],
)
def test_load_json_object_or_list(tmp_path: Path, document: object, keys: list[str]) -> None:
    path = _write(tmp_path / "many.json", json.dumps(document))
    articles, skipped = load_file(path)
    assert skipped == []
    assert [article.key for article in articles] == keys
    assert all(article.format == "json" and article.text == BODY for article in articles)


def test_load_json_with_json_lines_content(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "lines.json",
        json.dumps({"text": BODY, "date": "November 25, 2017"}) + "\n" + json.dumps({"text": "B."}),
    )
    articles, skipped = load_file(path)
    assert skipped == []
    assert [(a.key, a.fields) for a in articles] == [
        ("lines-L1", {"published": "2017-11-25"}),
        ("lines-L2", {}),
    ]


def test_load_invalid_json_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.json", '{"text": ')
    articles, skipped = load_file(path)
    assert articles == []
    assert skipped[0].path == str(path)
    assert skipped[0].reason.startswith("invalid JSON on line 1")


def test_load_markdown_format(tmp_path: Path) -> None:
    path = _write(tmp_path / "note.markdown", "# Title\n\n" + BODY)
    articles, _ = load_file(path)
    assert articles == [RawArticle(str(path), "note", "# Title\n\n" + BODY, "md")]


def test_load_jsonl_lone_surrogate_escape_is_replaced(tmp_path: Path) -> None:
    path = _write(tmp_path / "s.jsonl", '{"text": "Bad \\ud800 char.", "title": "T\\udc00"}\n')
    articles, skipped = load_file(path)
    assert skipped == []
    assert articles[0].text.encode("utf-8")
    assert "\ufffd" in articles[0].text
    assert str(articles[0].fields["title"]).encode("utf-8")


@settings(max_examples=60, deadline=None)
@given(
    content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json"]),
)
def test_load_file_never_raises(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(content)
        articles, skipped = load_file(path)
    assert all(isinstance(item, Skipped) and item.reason for item in skipped)
    for article in articles:
        assert article.text.strip()
        article.text.encode("utf-8")  # storable: no lone surrogates


def test_load_jsonl_control_only_text_is_no_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.jsonl", '{"text": "\\u0001\\u0002 "}\n')
    articles, skipped = load_file(path)
    assert articles == []
    assert skipped == [Skipped(f"{path}:1", "line 1 has no text (text, body or content field)")]
