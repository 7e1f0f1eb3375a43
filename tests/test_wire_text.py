"""Wire copy (Reuters-21578): hard-wrapped lines rejoined, sign-off removed, dateline kept
as a field, company marks made plain. The articles in tests/data/reuters_wire.jsonl are
copied unchanged from /work/shared/corpora/reuters21578.jsonl.gz."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_rag.index.clean.article import clean_article
from news_rag.index.clean.metadata import map_fields
from news_rag.index.clean.wire import dateline_place, plain_company_marks, take_dateline
from news_rag.index.load.loaders import load_file
from news_rag.index.pipeline import run_index
from news_rag.index.sentences import split_sentences
from news_rag.index.types import Article, RawArticle

from tests.fakes import FakeEmbedder

WIRE = Path(__file__).parent / "data" / "reuters_wire.jsonl"
RECORDS = {r["id"]: r for r in map(json.loads, WIRE.read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def cleaned() -> dict[str, Article]:
    raws, skipped = load_file(WIRE)
    assert skipped == []
    articles = {raw.key: clean_article(raw, article_id=raw.key) for raw in raws}
    assert all(isinstance(a, Article) for a in articles.values())
    return articles  # type: ignore[return-value]


def _sentences(article: Article) -> list[str]:
    return [article.text[s:e] for s, e in split_sentences(article.text)]


def _clean_text(text: str, kind: str = "txt") -> Article:
    article = clean_article(RawArticle(f"a.{kind}", "a", text, kind), article_id="a")
    assert isinstance(article, Article)
    return article


def test_wrapped_line_going_on_with_a_capital_is_rejoined(cleaned: dict[str, Article]) -> None:
    assert (
        "Philippine sugar production in the 1987/88 crop year ending August has been set at "
        "1.6 mln tonnes, up from a provisional 1.3 mln tonnes this year, Sugar Regulatory "
        "Administration (SRA) chairman Arsenio Yulo said." in _sentences(cleaned["reuters-10306"])
    )
    assert (
        "Millipore Corp said it agreed to pay a 192,500 dlrs penalty to the U.S. Environmental "
        "Protection Agency and the State of New Hampshire for discharging"
        in cleaned["reuters-10578"].text
    )
    assert "Illinois Environmental Protection Agency to build" in cleaned["reuters-4214"].text


def test_a_dash_inside_a_wrapped_sentence_is_not_a_list_item() -> None:
    text = (
        "    Finance director Niall Fitzgerald added that while gearing\n"
        "- debt to equity plus debt - rose to about 60 pct at end 1986\n"
        "from 35 pct last year.\n"
        "    The items were:\n- One thing\n- Two things\n"
        "    Under a heading\n- Three things\n"
    )
    article = _clean_text(text)
    sentences = [article.text[s:e] for s, e in split_sentences(article.text)]
    assert sentences[0] == (
        "Finance director Niall Fitzgerald added that while gearing - debt to equity plus"
        " debt - rose to about 60 pct at end 1986 from 35 pct last year."
    )
    assert "The items were:\n- One thing\n- Two things" in article.text
    assert "Under a heading\n- Three things" in article.text


def test_indented_lines_start_paragraphs(cleaned: dict[str, Article]) -> None:
    for key in ("reuters-10306", "reuters-4622", "reuters-3"):
        source = RECORDS[key]["text"]
        indented = [line for line in source.splitlines()[1:] if line.startswith("    ")]
        paragraphs = cleaned[key].text.split("\n\n")
        assert len(paragraphs) == len(indented) + 1
        assert paragraphs[1] == " ".join(
            source.split("\n    ")[1].split()
        )  # the second paragraph, unwrapped
    assert all("\n" not in p for p in cleaned["reuters-10306"].text.split("\n\n"))


def test_sign_off_is_removed(cleaned: dict[str, Article]) -> None:
    assert RECORDS["reuters-4622"]["text"].endswith(" REUTER")
    assert cleaned["reuters-4622"].text.endswith("and the Seattle Post-Intelligencer.")
    assert cleaned["reuters-10306"].text.endswith('to follow suit during the next season."')
    body = RECORDS["reuters-3"]["text"]
    for sign_off in ("\nREUTER&#3;", "\n Reuter\n&#3;", "\n\nREUTER"):
        assert _clean_text(body + sign_off).text == _clean_text(body).text
    assert _clean_text("He met Paul Reuter.\n\nThey spoke.\nReuter").text.startswith(
        "He met Paul Reuter."
    )


def test_dateline_field_becomes_the_place(cleaned: dict[str, Article]) -> None:
    assert cleaned["reuters-10306"].dateline == "MANILA"
    assert cleaned["reuters-4622"].dateline == "HOUSTON"
    assert cleaned["reuters-4214"].dateline == "LITTLE ROCK"
    assert map_fields({"places": ["usa", "canada"]})["dateline"] == "usa"
    assert map_fields({"dateline": "omaha, april 7 -", "places": ["usa"]})["dateline"] == "omaha"


def test_dateline_at_the_start_of_the_body_is_taken_out() -> None:
    record = RECORDS["reuters-4622"]
    wire = f"{record['dateline']} {record['text']}"  # the story as it went out on the wire
    article = _clean_text(wire)
    assert article.dateline == "HOUSTON"
    assert article.text.startswith("The Hearst Corp is buying the Houston Chronicle from")
    assert "REUTER" not in article.text
    assert article.to_dict()["dateline"] == "HOUSTON"


@pytest.mark.parametrize(
    ("line", "place", "rest"),
    [
        ("HOUSTON, Feb 26 - Shell Oil said", "HOUSTON", "Shell Oil said"),
        ("LONDON (Reuters) - Shares fell", "LONDON", "Shares fell"),
        ("SAN MATEO, Calif., March 2 - Sun said", "SAN MATEO", "Sun said"),
        ("NATO - the alliance said", None, "NATO - the alliance said"),
        ("ISIS (Daesh) - a terrorist group", None, "ISIS (Daesh) - a terrorist group"),
        ("MOSCOW (Sputnik) - “We won,” he said", "MOSCOW", "“We won,” he said"),
        ("Officials said on Feb 3 - no", None, "Officials said on Feb 3 - no"),
    ],
)
def test_take_dateline(line: str, place: str | None, rest: str) -> None:
    assert take_dateline(line) == (place, rest)


def test_dateline_place_of_fields() -> None:
    assert dateline_place("SALVADOR, Feb 26 -") == "SALVADOR"
    assert dateline_place("TAUPO, New Zealand, March 23 -") == "TAUPO"
    assert dateline_place("MAR8  --     --") is None
    assert dateline_place("Houston") == "Houston"


def test_hard_wrapped_text_without_indentation_is_rejoined() -> None:
    flat = "\n".join(line.strip() for line in RECORDS["reuters-10578"]["text"].splitlines())
    article = _clean_text(flat)
    assert "U.S. Environmental Protection Agency and the State" in article.text
    assert "Jaffrey, N.H. plant to navigable waters" in article.text


def test_dateline_is_stored_and_listed(tmp_path: Path) -> None:
    from news_rag.index.store.reader import IndexReader

    from news_rag.cli import cli

    index_dir = tmp_path / "idx"
    run_index([WIRE], index_dir, embedder=FakeEmbedder())
    reader = IndexReader.open(index_dir)
    assert reader.articles()["reuters-10578"].dateline == "BOSTON"
    result = CliRunner().invoke(cli, ["articles", "--index", str(index_dir), "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.output)["articles"]}
    assert rows["reuters-4622"]["dateline"] == "HOUSTON"


# --- company marks ------------------------------------------------------------------------
def test_company_marks_become_plain_names_in_the_cleaned_text(cleaned: dict[str, Article]) -> None:
    hearst = cleaned["reuters-4622"]
    assert "<" not in hearst.text and ">" not in hearst.text
    assert _sentences(hearst)[0] == (
        "The Hearst Corp is buying the Houston Chronicle from Houston Endowment Inc"
        " for 400 mln dlrs."
    )
    # a mark hard-wrapped over two lines ("<Toronto\nSun Publishing Corp>")
    assert "the Houston Post, owned by the Toronto Sun Publishing Corp, with" in hearst.text
    assert cleaned["reuters-10578"].title == "Millipore (Mili) To Pay Civil Penalty"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("The <Hearst Corp> is buying", "The Hearst Corp is buying"),
        ("Mobil Corp <MOB.N> said", "Mobil Corp (MOB.N) said"),
        ("Sun Microsystems Inc's <SUNW> workstation", "Sun Microsystems Inc's (SUNW) workstation"),
        ("Royal Dutch/Shell Group <RD> <SC> paid", "Royal Dutch/Shell Group (RD) (SC) paid"),
        ("Saab-Scania AB <SABS ST> agreed", "Saab-Scania AB (SABS ST) agreed"),
        ("Britain's <Rolls-Royce Ltd>.", "Britain's Rolls-Royce Ltd."),
        ("Britain's <Lucas> said", "Britain's Lucas said"),
        ("<Mitsubishi Corp>, <Oki> and <Sharp Corp>", "Mitsubishi Corp, Oki and Sharp Corp"),
        ("Digital Equipment Corp, <DEC> already", "Digital Equipment Corp, DEC already"),
        ("led by <Kidder, Peabody and Co Inc> and", "led by Kidder, Peabody and Co Inc and"),
        ("<Chemical Bank of New <York>, and", "Chemical Bank of New York, and"),
        ("National Intergroup<NII> said", "National Intergroup (NII) said"),
        # not company marks: kept as they are
        ("write to <news@example.org>", "write to <news@example.org>"),
        ('<a href="x">', '<a href="x">'),
        ("if a < b and C > d", "if a < b and C > d"),
        ("the <lowercase words> here", "the <lowercase words> here"),
    ],
)
def test_plain_company_marks(text: str, plain: str) -> None:
    assert plain_company_marks(text) == plain


def test_headline_marks_are_read_whatever_their_case() -> None:
    assert plain_company_marks("Standard Oil <Srd> To Form Unit", headline=True) == (
        "Standard Oil (Srd) To Form Unit"
    )
    assert (
        plain_company_marks("<Cinram Ltd> 4Th Qtr Net", headline=True) == "Cinram Ltd 4Th Qtr Net"
    )
    assert plain_company_marks("Use <br> tags", headline=True) == "Use <br> tags"


def test_stored_offsets_are_exact_against_the_plain_text(tmp_path: Path) -> None:
    from news_rag.index.store.reader import IndexReader

    run_index([WIRE], tmp_path / "idx", embedder=FakeEmbedder())
    reader = IndexReader.open(tmp_path / "idx")
    article = reader.article("reuters-4622")
    assert article.text.startswith("The Hearst Corp is buying")
    spans = reader.sentence_spans("reuters-4622")
    assert article.text[spans[0][1] : spans[0][2]].startswith("The Hearst Corp is buying")
    for chunk_id in range(reader.chunk_count()):
        chunk = reader.chunk(chunk_id)
        text = reader.article(chunk.article_id).text
        assert text[chunk.char_start : chunk.char_end] == chunk.text
        assert "<" not in chunk.text
    entities = [e for s in reader.sentence_analysis("reuters-4622") for e in s.entities]
    assert entities and all(article.text[e.start : e.end] == e.text for e in entities)
    assert any("Toronto Sun Publishing Corp" in e.text for e in entities), entities
