"""Sentence spans: verbatim, trimmed, complete, and not fooled by abbreviations."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_rag.index import sentences
from news_rag.index.sentences import split_sentences

SAMPLE = Path(__file__).resolve().parents[1] / "index" / "sample"
SAMPLE_FILES = sorted(SAMPLE.glob("*.txt"))


def _non_space(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def _texts(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, start, end)]


def test_sample_exists() -> None:
    assert len(SAMPLE_FILES) == 5


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_spans_are_trimmed_ordered_and_cover_every_character(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert spans
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert "\n\n" not in sentence
        previous_end = end
    assert "".join(_non_space(text[s:e]) for s, e in spans) == _non_space(text)


def test_spans_are_absolute_and_limited_to_the_range() -> None:
    text = "Intro here. First sentence. Second one.\n\nThird paragraph."
    start = text.index("First")
    end = text.index("Third") + len("Third")
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["First sentence.", "Second one.", "Third"]


def test_empty_and_blank_text_give_no_spans() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\n  \t ") == []
    assert split_sentences("Some text.", 4, 4) == []


def test_paragraph_break_always_ends_a_sentence() -> None:
    assert _texts("A heading without a stop\n\nThe body starts here.") == [
        "A heading without a stop",
        "The body starts here.",
    ]


def test_title_abbreviation_wrapped_in_markup_does_not_split() -> None:
    text = (
        "Liberating Syria is being won.\n\n"
        "On Tuesday, chief of Russia's General Staff **Gen. Valery Gerasimov** said over the "
        "past two years,"
    )
    assert _texts(text)[1].startswith("On Tuesday, chief of Russia's General Staff **Gen. Valery")


def test_common_abbreviations_do_not_split() -> None:
    text = "Gen. Valery Gerasimov met U.S. officials. The U.S. Army said nothing."
    assert _texts(text) == [
        "Gen. Valery Gerasimov met U.S. officials.",
        "The U.S. Army said nothing.",
    ]


def test_double_full_stop_leaves_no_punctuation_only_sentence() -> None:
    text = "ISIS pockets remaining in western province areas.. Thousands remain."
    sentences = _texts(text)
    assert sentences[0].endswith("areas..")
    assert all(any(ch.isalnum() for ch in s) for s in sentences)


def test_quotation_that_continues_is_not_split() -> None:
    text = 'She said: "We won. They lost. It is over." Then she left.'
    assert _texts(text) == ['She said: "We won. They lost. It is over."', "Then she left."]


def test_quotation_closed_at_paragraph_start_does_not_swallow_the_paragraph() -> None:
    text = 'He said "A.\n\nB" ok. Then more. The end.'
    assert _texts(text)[-2:] == ["Then more.", "The end."]


def test_sample_sentences_split_where_expected() -> None:
    text = (SAMPLE / "001_8c7b6652919dcb47.txt").read_text(encoding="utf-8")
    sentences = _texts(text)
    assert (
        "Syrian and Russian officials have repeatedly accused the US of creating a safe haven "
        "for ISIS in al-Tanf." in sentences
    )
    zakharova = next(s for s in sentences if s.startswith('"Under the excuse'))
    assert zakharova.endswith("she stated during a press briefing.")


_ALPHABET = st.sampled_from(
    [*"abcXYZ  .!?,;:\"“”'()\n\t-", "Gen.", "U.S.", "Mr.", "\n\n", "...", "e.g.", " 12.5 "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_concatenated_spans_preserve_every_non_space_character(text: str) -> None:
    spans = split_sentences(text)
    assert "".join(_non_space(text[s:e]) for s, e in spans) == _non_space(text)
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()
        assert end > start


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.integers(0, 200), st.integers(0, 200))
def test_any_range_is_covered_exactly(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    spans = split_sentences(text, start, end)
    assert all(start <= s < e <= end for s, e in spans)
    assert "".join(_non_space(text[s:e]) for s, e in spans) == _non_space(text[start:end])


def _long_line(size: int) -> str:
    base = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in SAMPLE_FILES)
    return (base * (size // len(base) + 1))[:size]


def _counting_pysbd(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the length of every text handed to pysbd (the real one still runs)."""
    import pysbd

    calls: list[int] = []
    original = pysbd.Segmenter.segment

    def counting(self: object, text: str) -> object:
        calls.append(len(text))
        return original(self, text)

    monkeypatch.setattr(pysbd.Segmenter, "segment", counting)
    sentences._paragraph_sentences.cache_clear()
    return calls


def test_a_2mb_single_line_is_split_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_pysbd(monkeypatch)
    text = _long_line(2_000_000)
    spans = split_sentences(text)
    # pysbd is superlinear in its input: bounded pieces that add up to the text keep it linear
    assert sum(calls) <= len(text)
    assert max(calls) <= sentences.PYSBD_WINDOW_CHARS
    assert all(end - start <= sentences.LONGEST_SENTENCE_CHARS for start, end in spans)
    assert "".join(_non_space(text[s:e]) for s, e in spans) == _non_space(text)
    sentences._paragraph_sentences.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "x" * 50_000,  # no whitespace at all: cut at the window size
        '"' + "We won. They lost. " * 3_000,  # a quotation that never closes
        "word " * 10_000,  # no sentence end
    ],
    ids=["no-space", "open-quote", "no-stop"],
)
def test_pathological_paragraphs_stay_bounded(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    calls = _counting_pysbd(monkeypatch)
    spans = split_sentences(text)
    assert sum(calls) <= len(text) and max(calls) <= sentences.PYSBD_WINDOW_CHARS
    assert all(end - start <= sentences.LONGEST_SENTENCE_CHARS for start, end in spans)
    assert "".join(_non_space(text[s:e]) for s, e in spans) == _non_space(text)


def test_windows_do_not_change_normal_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [path.read_text(encoding="utf-8") for path in SAMPLE_FILES]
    windowed = [split_sentences(text) for text in texts]
    monkeypatch.setattr(sentences, "PYSBD_WINDOW_CHARS", 10**9)
    monkeypatch.setattr(sentences, "LONGEST_SENTENCE_CHARS", 10**9)
    sentences._paragraph_sentences.cache_clear()
    assert [split_sentences(text) for text in texts] == windowed
    sentences._paragraph_sentences.cache_clear()


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab .!?"”\n')), max_size=400), st.integers(4, 40))
def test_window_bounds_partition_the_paragraph(text: str, size: int) -> None:
    bounds = sentences.window_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(0 < end - start <= size for start, end in bounds[:-1])


def test_the_write_path_does_not_import_the_read_path() -> None:
    import ast

    index_dir = Path(__file__).resolve().parents[1] / "index"
    offenders = []
    for path in sorted(index_dir.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = [node.module or ""]
            else:
                continue
            if any(t == "news_rag.rag" or t.startswith("news_rag.rag.") for t in targets):
                offenders.append(path.name)
    assert offenders == []
