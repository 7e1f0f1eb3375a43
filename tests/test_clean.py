"""Cleaning keeps every body sentence and drops boilerplate, markup and template lines."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_rag.index.clean.article import (
    clean_article,
    find_repeated_lines,
    normalize_line,
    rejoin_paragraphs,
)
from news_rag.index.load.loaders import load_file
from news_rag.index.types import Article, RawArticle, Skipped

SAMPLE = Path(__file__).resolve().parents[1] / "index" / "sample"

BOILERPLATE_PHRASES = [
    "Disclaimer",
    "sole responsibility of the author",
    "contains copyrighted material",
    "For media inquiries",
    "publications@globalresearch.ca",
    "Comment on Global Research Articles",
    "Become a Member of Global Research",
    "If you're able",
    "If you’re able",
    "PayPal",
    "patreon",
    "southfront.org/donate",
    "Note to readers",
    "share buttons",
    "Featured image",
    "Image result for",
    "The original source of this article",
    "Copyright",
    "©",
    "Articles by",
    "About the author",
    "lives in Chicago",
    "Progressive Radio",
    "VISIT MY NEW WEB SITE",
    "stephenlendman.org",
    "Home – Stephen Lendman",
    "Home - Stephen Lendman",
    "lendmanstephen@sbcglobal.net",
    "Contact at",
    "My newest book",
    "claritypress.com",
    "[email",
    "protected]",
    "Global Research,",
    "Region:",
    "Theme:",
    "In-depth Report:",
    "By South Front",
    "By Stephen Lendman",
    "South Front 24 November 2017",
    "War Agenda",
    "](#)",
    "<u>",
    "</u>",
    "<a ",
    "**",
    "##",
]

BODY_SENTENCES = {
    "000_47c02b85d0691610": [
        "On November 23, the Syrian Arab Army (SAA), the Tiger Forces and their allies continued "
        "their operation against ISIS on the western bank of the Euphrates.",
        "The strike hit ISIS' manpower, vehicles and strong points near Al-Katia.",
        "Pro-government sources claim that the SAA has recently deployed reinforcements to the "
        "area.",
        "According to pro-HTS sources, 15 SAA soldiers were killed during the clashes near the "
        "hill.",
        "They also destroyed 3 vehicles and several mortar positions of ISIS.",
        "Another part has joined the migration flow, which is heading through Turkey to the "
        "European Union.",
    ],
    "001_8c7b6652919dcb47": [
        "On November 22, ISIS advanced on positions of the US-backed Syrian Democratic Forces "
        "(SDF) around the al-Tanak oil field in the province of Deir Ezzor.",
        "On the same day, Russian Foreign Ministry Spokeswoman Maria Zakharova pointed out that "
        "the US is still training militants in the al-Tanf area.",
        '"Under the excuse of fighting against the ISIS and in order to contain Iran, a big US '
        "military base was set up there – in a strategically important area adjacent to the "
        "borders of Syria, Iraq and Jordan, which is close to the highway connecting Baghdad and "
        "Damascus. And there, according to numerous witness accounts, militant training is "
        'underway," she stated during a press briefing.',
        "are now involved in a wide range of criminal activities, including weapons trafficking. "
        "The government is not going to tolerate this.",
        "The video shows the underreported side of the ongoing conflict.",
    ],
    "002_8625dc86a6e1d16d": [
        "ISIS claimed that its members had been able to hit two SAA battle tanks with anti-tank "
        "guided missiles near the Palmyra silos.",
        "In the province of Aleppo, government forces, led by the SAA’s Tiger Forces, have "
        "liberated Jarah Kabir",
        "Deir Ezzor and Raqqah remain the only cities, which US-backed forces can capture under a "
        "pretext of combating terrorists.",
        "At the same time, Syrian government forces also increased operations in the "
        "southeastern Syria desert",
        "In this light, the US-backed militant advance “against ISIS” along the Syrian-Iraqi "
        "border is just a tool to achieve some geopolitical goals in the Middle East.",
    ],
    "003_c20bc0d91e597606": [
        "Earlier, the Hezbollah-linked TV channel Al Mayadeen claimed that Soleimani was a "
        "commander of the entire al-Bukamal operation.",
        "Pro-HTS sources claimed that militants destroyed a BMP-1 vehicle and a battle tank of "
        "the SAA during the clashes.",
        "Israel responded to the SAA operations with two shelling incidents from its battle "
        "tanks. The first took place on November 18.",
        "Tel Aviv is upset that the Syrian government is restoring control over the areas "
        "previously seized by militants.",
    ],
    "004_348da576ec3a46c1": [
        "At peak strength, ISIS controlled up to 70% of Syrian territory, according to Russian "
        "Defense Minister Sergey Shoigu.",
        "ISIS pockets remaining in western province areas..",
        "On Tuesday, chief of Russia's General Staff Gen. Valery Gerasimov said over the past two "
        'years, "(m)ore than 1,000 inhabited communities have been liberated',
        '"There was no shortage of ammunition and material, which were constantly replenished '
        'from abroad," he stressed.',
        "Russia's reconciliation center saying:\n\n\"During (a) video conference",
        "Washington ignored it, continuing to block deliveries, Syrians suffering and dying from "
        "war, related violence, untreated diseases and extreme deprivation.",
    ],
}


@pytest.fixture(scope="module")
def cleaned() -> dict[str, Article]:
    raws = [raw for path in sorted(SAMPLE.glob("*.txt")) for raw in load_file(path)[0]]
    repeated = find_repeated_lines([raw.text for raw in raws])
    result = {}
    for raw in raws:
        article = clean_article(raw, article_id=raw.key, repeated_lines=repeated)
        assert isinstance(article, Article)
        result[raw.key] = article
    return result


@pytest.mark.parametrize("article_id", sorted(BODY_SENTENCES))
def test_no_boilerplate_left(cleaned: dict[str, Article], article_id: str) -> None:
    text = cleaned[article_id].text
    left = [phrase for phrase in BOILERPLATE_PHRASES if phrase.lower() in text.lower()]
    assert left == []


@pytest.mark.parametrize("article_id", sorted(BODY_SENTENCES))
def test_body_sentences_kept_verbatim(cleaned: dict[str, Article], article_id: str) -> None:
    text = cleaned[article_id].text
    missing = [sentence for sentence in BODY_SENTENCES[article_id] if sentence not in text]
    assert missing == []


@pytest.mark.parametrize("article_id", sorted(BODY_SENTENCES))
def test_every_body_paragraph_of_the_file_survives(
    cleaned: dict[str, Article], article_id: str
) -> None:
    """Each long sentence-ending paragraph of the file appears in the text, markup aside."""
    source = (SAMPLE / f"{article_id}.txt").read_text(encoding="utf-8")
    text = cleaned[article_id].text
    checked = 0
    for raw_paragraph in source.split("\n\n"):
        paragraph = raw_paragraph.strip().replace("**", "")
        is_furniture = any(phrase.lower() in paragraph.lower() for phrase in BOILERPLATE_PHRASES)
        is_sentence = paragraph.endswith((".", '"', ":"))
        if len(paragraph) > 60 and is_sentence and not is_furniture:
            assert paragraph in text
            checked += 1
    assert checked >= 8


def test_shape_of_cleaned_text(cleaned: dict[str, Article]) -> None:
    for article in cleaned.values():
        assert article.text == article.text.strip()
        assert "\n\n\n" not in article.text
        assert "  " not in article.text
        assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()
        paragraphs = article.text.split("\n\n")
        assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs)
    assert cleaned["000_47c02b85d0691610"].text.startswith("On November 23, the Syrian Arab")
    assert cleaned["002_8625dc86a6e1d16d"].text.startswith("The Syrian Arab Army (SAA)")
    assert cleaned["004_348da576ec3a46c1"].text.startswith("At peak strength")


def test_inline_remnants_are_stripped_keeping_text() -> None:
    text = (
        "Report: Talks Resume\n\n"
        "Talks resumed, [the ministry](https://example.com/x) said, with <u>Russia</u> and "
        '**Turkey** present. <a href="https://example.com">Read more</a> here.\n\n'
        "## A Subheading\n\n"
        "Officials said the *next* round starts soon."
    )
    article = clean_article(RawArticle("x.md", "x", text, "md"), article_id="x")
    assert isinstance(article, Article)
    assert article.text == (
        "Talks resumed, the ministry said, with Russia and Turkey present. Read more here.\n\n"
        "A Subheading\n\n"
        "Officials said the next round starts soon."
    )


def test_rejoin_rules() -> None:
    assert rejoin_paragraphs(["positions of", "ISIS."]) == ["positions of ISIS."]
    assert rejoin_paragraphs(["The", "first took place."]) == ["The first took place."]
    assert rejoin_paragraphs(["including weapons", "trafficking. Then."]) == [
        "including weapons trafficking. Then."
    ]
    assert rejoin_paragraphs(["he said over the years,", '"(m)ore than."']) == [
        'he said over the years, "(m)ore than."'
    ]
    kept_apart = ["The army advanced.", "Rebels fled.", "saying:", '"Quote."', "Background", "Next"]
    assert rejoin_paragraphs(kept_apart) == kept_apart
    assert rejoin_paragraphs(['the so-called "moderate"', "rebels left."]) == [
        'the so-called "moderate" rebels left.'
    ]
    assert rejoin_paragraphs(['"We won."', "al-Bukamal fell."]) == ['"We won."', "al-Bukamal fell."]
    assert rejoin_paragraphs(['He said "no"', "Then he left."]) == ['He said "no"', "Then he left."]


def test_author_bio_block_removed_but_following_text_kept() -> None:
    text = (
        "A long article sentence ends here.\n\nAbout the author:\n\n"
        "Jane lives in Paris and writes books.\n\nAnother real paragraph."
    )
    article = clean_article(RawArticle("b.txt", "b", text, "txt"), article_id="b")
    assert isinstance(article, Article)
    assert article.text == "A long article sentence ends here.\n\nAnother real paragraph."
    same_block = text.replace("About the author:\n\n", "About the author:\n")
    article = clean_article(RawArticle("b.txt", "b", same_block, "txt"), article_id="b")
    assert isinstance(article, Article)
    assert article.text == "A long article sentence ends here.\n\nAnother real paragraph."


def test_nothing_left_is_skipped() -> None:
    text = "Featured image is from Example.\n\nArticles by: Someone\n\n*\n\n[email protected]"
    result = clean_article(RawArticle("e.txt", "e", text, "txt"), article_id="e")
    assert result == Skipped("e.txt", "no article text left after removing boilerplate")
    record = RawArticle("r.jsonl", "r-L3", text, "jsonl", line=3)
    result = clean_article(record, article_id="r")
    assert result == Skipped("r.jsonl:3", "no article text left after removing boilerplate")


def _other_outlet_corpus() -> list[str]:
    bodies = [
        "Troops crossed the river on Tuesday, officials said.",
        "The ceasefire collapsed after two days of talks.",
        "Protesters gathered outside the ministry in the capital.",
        "Aid convoys reached the northern town for the first time.",
        "The parliament voted to extend the mission by a year.",
    ]
    return [
        f"Daily Planet Wire - Edition {index + 12}\n\n{body}\n\n"
        "Sign up for the Daily Planet briefing and never miss a story\n\n"
        f"© 20{index + 10} Daily Planet Media Group. All rights reserved."
        for index, body in enumerate(bodies)
    ]


def test_find_repeated_lines_on_another_outlet_template() -> None:
    texts = _other_outlet_corpus()
    repeated = find_repeated_lines(texts)
    assert (
        normalize_line("Sign up for the Daily Planet briefing and never miss a story") in repeated
    )
    assert normalize_line("Daily Planet Wire - Edition 99") in repeated  # digits normalized
    assert normalize_line("© 2031 Daily Planet Media Group. All rights reserved.") in repeated
    assert not any("troops crossed" in line for line in repeated)
    raw = RawArticle("d.txt", "d", texts[0], "txt")
    article = clean_article(raw, article_id="d", repeated_lines=repeated)
    assert isinstance(article, Article)
    assert article.text == "Troops crossed the river on Tuesday, officials said."
    assert article.title is None  # the template's top line is no title


def test_find_repeated_lines_thresholds() -> None:
    texts = _other_outlet_corpus()
    assert find_repeated_lines(texts[:2]) == frozenset()  # fewer than min_docs texts
    assert find_repeated_lines(texts[:2], min_docs=2) != frozenset()
    mixed = texts[:2] + [f"Unrelated story number {n}.\n\nIt rained." for n in range(6)]
    # the template is in 2 of 8 texts: under half, so it is not a site template
    assert not any("daily planet" in line for line in find_repeated_lines(mixed, min_docs=2))


def test_copies_of_one_article_are_not_emptied() -> None:
    text = (
        "Troops crossed the river on Tuesday after a week of heavy shelling, officials said.\n\n"
        "Officials confirmed the crossing and said that three villages were now under control.\n\n"
        "Residents who fled last month said they would not return until the fighting ends.\n\n"
        "The ministry did not say how many soldiers had been wounded in the operation."
    )
    assert find_repeated_lines([text, text, text, text]) == frozenset()
    near = [f"{text}\n\nUpdated at {hour}:00 local time." for hour in (9, 10, 11)]
    repeated = find_repeated_lines(near)
    assert not any("troops crossed" in line for line in repeated)
    article = clean_article(
        RawArticle("n.txt", "n", near[0], "txt"), article_id="n", repeated_lines=repeated
    )
    assert isinstance(article, Article)
    assert article.text.startswith("Troops crossed the river on Tuesday")
    assert "The ministry did not say" in article.text


def test_text_without_blank_lines_has_one_paragraph_per_line() -> None:
    text = "First paragraph ends.\nSecond paragraph is split in\nthe middle.\nThird."
    article = clean_article(RawArticle("j.jsonl", "j", text, "jsonl"), article_id="j")
    assert isinstance(article, Article)
    assert article.text == (
        "First paragraph ends.\n\nSecond paragraph is split in the middle.\n\nThird."
    )


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab .,:*#[]()<>/\n\t-“”\"'©0Aé")) | st.characters(),
        max_size=400,
    )
)
def test_clean_article_never_raises(text: str) -> None:
    result = clean_article(RawArticle("f.txt", "f", text, "txt"), article_id="f")
    if isinstance(result, Article):
        assert result.text == result.text.strip() and result.text
        assert "\n\n\n" not in result.text
    else:
        assert result.reason == "no article text left after removing boilerplate"


@pytest.mark.parametrize("article_id", sorted(BODY_SENTENCES))
def test_windows_line_endings_and_bom_clean_the_same(
    cleaned: dict[str, Article], article_id: str, tmp_path: Path
) -> None:
    source = (SAMPLE / f"{article_id}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"{article_id}.txt"
    path.write_bytes(b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode("utf-8"))
    raws, _ = load_file(path)
    article = clean_article(raws[0], article_id=article_id)
    assert isinstance(article, Article)
    assert article.text == cleaned[article_id].text
    assert article.title == cleaned[article_id].title
