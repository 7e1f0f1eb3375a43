"""Metadata of the bundled sample articles, date parsing, and format field mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_rag.index.clean.article import clean_article, find_repeated_lines
from news_rag.index.clean.metadata import map_fields, parse_date, split_names
from news_rag.index.load.loaders import load_file
from news_rag.index.types import Article, RawArticle

SAMPLE = Path(__file__).resolve().parents[1] / "index" / "sample"
TERROR_AND_WAR = ("Terrorism", "US NATO War Agenda")
MIDEAST = "Middle East & North Africa"

EXPECTED: dict[str, dict[str, object]] = {
    "000_47c02b85d0691610": {
        "title": "Video: ISIS Defeated? US Forces Remain “Illegally” in Syria to Oppose Iran",
        "authors": ("South Front",),
        "outlet": "Global Research",
        "published": "2017-11-25",
        "original_source": "South Front",
        "original_published": "2017-11-24",
        "region": MIDEAST,
        "themes": TERROR_AND_WAR,
        "reports": ("IRAQ REPORT", "SYRIA"),
        "url": None,
    },
    "001_8c7b6652919dcb47": {
        "title": "Video, Syria War: US-backed Forces Clashing with ISIS in Deir Ezzor Province",
        "authors": ("South Front",),
        "outlet": "Global Research",
        "published": "2018-11-24",
        "original_source": "South Front",
        "original_published": "2018-11-23",
        "region": MIDEAST,
        "themes": ("Militarization and WMD", "US NATO War Agenda"),
        "reports": ("SYRIA",),
        "url": None,
    },
    "002_8625dc86a6e1d16d": {
        "title": "Video: The Collapse of ISIS, Competition for Syrian-Iraqi Border",
        "authors": ("South Front",),
        "outlet": None,
        "published": None,
        "original_source": None,
        "original_published": None,
        "region": None,
        "themes": (),
        "reports": (),
        "url": None,
    },
    "003_c20bc0d91e597606": {
        "title": "Video: Syrian Government Troops Liberated Al-Bukamal from ISIS",
        "authors": ("South Front",),
        "outlet": "Global Research",
        "published": "2017-11-21",
        "original_source": "South Front",
        "original_published": "2017-11-20",
        "region": MIDEAST,
        "themes": TERROR_AND_WAR,
        "reports": ("SYRIA",),
        "url": None,
    },
    "004_348da576ec3a46c1": {
        "title": "Last Major ISIS Stronghold in Syria Liberated",
        "authors": ("Stephen Lendman",),
        "outlet": "Global Research",
        "published": "2017-11-09",
        "original_source": None,
        "original_published": None,
        "region": MIDEAST,
        "themes": TERROR_AND_WAR,
        "reports": ("SYRIA",),
        "url": None,
    },
}


def _load_samples() -> list[RawArticle]:
    raws: list[RawArticle] = []
    for path in sorted(SAMPLE.glob("*.txt")):
        articles, skipped = load_file(path)
        assert skipped == []
        raws.extend(articles)
    return raws


@pytest.fixture(scope="module")
def samples() -> dict[str, Article]:
    raws = _load_samples()
    repeated = find_repeated_lines([raw.text for raw in raws])
    cleaned = {}
    for raw in raws:
        article = clean_article(raw, article_id=raw.key, repeated_lines=repeated)
        assert isinstance(article, Article)
        cleaned[article.id] = article
    return cleaned


def test_all_five_samples_are_bundled(samples: dict[str, Article]) -> None:
    assert sorted(samples) == sorted(EXPECTED)


@pytest.mark.parametrize("article_id", sorted(EXPECTED))
def test_sample_metadata(samples: dict[str, Article], article_id: str) -> None:
    article = samples[article_id]
    for name, expected in EXPECTED[article_id].items():
        assert getattr(article, name) == expected, name


@pytest.mark.parametrize("article_id", sorted(EXPECTED))
def test_metadata_does_not_depend_on_the_template_filter(article_id: str) -> None:
    raw = next(raw for raw in _load_samples() if raw.key == article_id)
    article = clean_article(raw, article_id=article_id)
    assert isinstance(article, Article)
    for name, expected in EXPECTED[article_id].items():
        assert getattr(article, name) == expected, name


def test_author_property_and_format(samples: dict[str, Article]) -> None:
    article = samples["004_348da576ec3a46c1"]
    assert article.author == "Stephen Lendman"
    assert article.format == "txt"
    assert article.source_path.endswith("004_348da576ec3a46c1.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 25, 2017", "2017-11-25"),
        ("November 09, 2017", "2017-11-09"),
        ("24 November 2017", "2017-11-24"),
        ("Nov. 3, 2019", "2019-11-03"),
        ("3rd March 2020", "2020-03-03"),
        ("Monday, March 2, 2020", "2020-03-02"),
        ("2017-11-25", "2017-11-25"),
        ("2017-11-25T14:03:00Z", "2017-11-25"),
        ("2017-11-25T14:03:00+02:00", "2017-11-25"),
        ("2017/11/25", "2017-11-25"),
        ("Sat, 25 Nov 2017 10:00:00 GMT", "2017-11-25"),
        (1511568000, "2017-11-25"),
        (1511568000000, "2017-11-25"),
    ],
)
def test_parse_date_formats(text: object, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "yesterday", "November 32, 2017", "Smarch 3, 2017", "2017-13-01", None, True, 12]
)
def test_parse_date_rejects_non_dates(text: object) -> None:
    assert parse_date(text) is None


def test_split_names() -> None:
    assert split_names("By Stephen Lendman") == ("Stephen Lendman",)
    assert split_names("Jane Doe and John Roe") == ("Jane Doe", "John Roe")
    assert split_names("Jane Doe; John Roe") == ("Jane Doe", "John Roe")


def test_map_fields_variants() -> None:
    fields = map_fields(
        {
            "title": " A  Title ",
            "author": "Jane Doe",
            "publish_date": "March 2, 2020",
            "link": "https://example.com/a",
            "publisher": {"name": "Example News"},
            "region": "Europe",
            "topics": ["War", "Diplomacy"],
        }
    )
    assert fields == {
        "title": "A Title",
        "authors": ["Jane Doe"],
        "published": "2020-03-02",
        "url": "https://example.com/a",
        "outlet": "Example News",
        "region": "Europe",
        "themes": ["War", "Diplomacy"],
    }
    assert map_fields({"authors": ["A B", {"name": "C D"}], "tags": "x, y"}) == {
        "authors": ["A B", "C D"],
        "themes": ["x", "y"],
    }
    assert map_fields({"date": "not a date", "source": ""}) == {}


def test_generic_text_title_and_byline() -> None:
    raw = RawArticle(
        "plain.txt",
        "plain",
        "Rebels Retreat From Hill\n\nBy Jane Doe\n\nRebels retreated on Sunday, the army said.\n",
        "txt",
    )
    article = clean_article(raw, article_id="plain")
    assert isinstance(article, Article)
    assert article.title == "Rebels Retreat From Hill"
    assert article.authors == ("Jane Doe",)
    assert article.outlet is None and article.published is None
    assert article.text == "Rebels retreated on Sunday, the army said."


def test_first_line_sentence_is_not_a_title() -> None:
    raw = RawArticle("p.txt", "p", "The army advanced on Sunday.\n\nIt met no resistance.", "txt")
    article = clean_article(raw, article_id="p")
    assert isinstance(article, Article)
    assert article.title is None
    assert article.text.startswith("The army advanced on Sunday.")


def test_format_fields_win_and_known_title_is_not_body() -> None:
    raw = RawArticle(
        "r.jsonl",
        "r1",
        "Army Takes Town\n\nThe army took the town.",
        "jsonl",
        fields={"title": "Army Takes Town", "outlet": "Example News", "published": "2019-03-04"},
        line=1,
    )
    article = clean_article(raw, article_id="r1")
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.published) == (
        "Army Takes Town",
        "Example News",
        "2019-03-04",
    )
    assert article.text == "The army took the town."
    assert article.format == "jsonl"


def test_header_block_without_blank_lines_and_labels() -> None:
    text = (
        "Rebels Retreat From Hill\n"
        "By Jane Doe and John Roe\n"
        "Published: 3 March 2020\n"
        "Tags: War, Diplomacy\n"
        "URL: https://example.com/rebels\n"
        "Rebels retreated on Sunday, the army said.\n\n"
        "Second paragraph."
    )
    article = clean_article(RawArticle("h.txt", "h", text, "txt"), article_id="h")
    assert isinstance(article, Article)
    assert article.title == "Rebels Retreat From Hill"
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.published == "2020-03-03"
    assert article.themes == ("War", "Diplomacy")
    assert article.url == "https://example.com/rebels"
    assert article.text == "Rebels retreated on Sunday, the army said.\n\nSecond paragraph."


def test_wrapped_first_paragraph_is_not_a_title() -> None:
    text = "The army said on Monday that it\nhad taken the town.\n\nMore text."
    article = clean_article(RawArticle("w.txt", "w", text, "txt"), article_id="w")
    assert isinstance(article, Article)
    assert article.title is None
    assert article.text == "The army said on Monday that it had taken the town.\n\nMore text."


def test_original_source_needs_a_known_outlet() -> None:
    text = "Some Title\n\nBody sentence here.\n\nThe original source of this article is Foo News"
    article = clean_article(RawArticle("o.txt", "o", text, "txt"), article_id="o")
    assert isinstance(article, Article)
    assert (article.outlet, article.original_source, article.original_published) == (
        None,
        None,
        None,
    )
    reposted = "Some Title\n\nDaily Wire, 2 May 2021\n\n" + text.split("\n\n", 1)[1]
    article = clean_article(RawArticle("o.txt", "o", reposted, "txt"), article_id="o")
    assert isinstance(article, Article)
    assert (article.outlet, article.published, article.original_source) == (
        "Daily Wire",
        "2021-05-02",
        "Foo News",
    )
    assert article.text == "Body sentence here."


def test_single_title_like_line_is_text_not_title() -> None:
    raw = RawArticle("s.html", "s", "Broken markup that never closes Second para", "html")
    article = clean_article(raw, article_id="s")
    assert isinstance(article, Article)
    assert article.title is None
    assert article.text == "Broken markup that never closes Second para"


def test_url_of_this_article_footer() -> None:
    text = (
        "Some Title\n\nBody sentence here.\n\nUrl of this article:\n"
        "https://www.globalresearch.ca/some-title/123\n\nClick the share button above to email."
    )
    article = clean_article(RawArticle("u.txt", "u", text, "txt"), article_id="u")
    assert isinstance(article, Article)
    assert article.url == "https://www.globalresearch.ca/some-title/123"
    assert article.text == "Body sentence here."
