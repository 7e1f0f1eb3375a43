"""Issue 20, item 6: a bounded fuzz of the loaders and the cleaner (hypothesis).

Every supported format is fed arbitrary bytes and structure-shaped garbage (JSON values,
HTML fragments); loading and cleaning must return articles or `Skipped` records, never
raise. CI runs a fixed small budget; `make fuzz` runs RAG_FUZZ_EXAMPLES (default 20000)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from news_rag.index.clean.article import clean_article
from news_rag.index.load.loaders import SUPPORTED_SUFFIXES, load_file
from news_rag.index.types import Article

EXAMPLES = int(os.environ.get("RAG_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
records = st.dictionaries(
    st.sampled_from(["text", "body", "title", "authors", "published", "url", "id", "themes"]),
    json_values,
    max_size=6,
)
PIECES = [
    *("<p>", "</p>", "<script>", "<div class='x'>", "<meta name='author' content='A'>"),
    *("&amp;", "&#0;", "\x1b[31m", "\ud7ff", "<title>", "<!--", "]]>", "\r\n", "text. "),
]
html = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _load_and_clean(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(data)
        found, skipped = load_file(path)
        for n, raw in enumerate(found):
            result = clean_article(raw, article_id=f"a{n}")
            if isinstance(result, Article):
                assert isinstance(result.text, str) and result.text.strip()
        assert all(s.reason for s in skipped)


@FUZZ
@given(suffix=st.sampled_from([s for s in SUPPORTED_SUFFIXES if not s.endswith(".gz")]),
       data=st.binary(max_size=2000))  # fmt: skip
def test_any_bytes_in_any_format_load_or_skip(suffix: str, data: bytes) -> None:
    _load_and_clean(suffix, data)


@FUZZ
@given(rows=st.lists(records | json_values, max_size=5))
def test_json_lines_of_any_shape_load_or_skip(rows: list[object]) -> None:
    lines = "\n".join(json.dumps(r) for r in rows).encode("utf-8", "surrogatepass")
    _load_and_clean(".jsonl", lines)
    _load_and_clean(".json", json.dumps(rows).encode("utf-8", "surrogatepass"))


@FUZZ
@given(page=html, text=st.text(max_size=300))
def test_html_and_text_fragments_load_or_skip(page: str, text: str) -> None:
    _load_and_clean(".html", (page + text).encode("utf-8", "surrogatepass"))
    _load_and_clean(".txt", (text + page).encode("utf-8", "surrogatepass"))
