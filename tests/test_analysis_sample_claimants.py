"""Who asserts each attributed sentence of the bundled sample, as `rag index` stored it
(index/analysis with the real spaCy model), read back through the index reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_rag.index.store.reader import IndexReader

ARTICLE_000 = "000_47c02b85d0691610"
ARTICLE_001 = "001_8c7b6652919dcb47"
ARTICLE_002 = "002_8625dc86a6e1d16d"
ARTICLE_003 = "003_c20bc0d91e597606"
ARTICLE_004 = "004_348da576ec3a46c1"
GERASIMOV = "Valery Gerasimov"
ZAKHAROVA = "Maria Zakharova"

# (article, sentence opening, claimant's name: the stored claimant up to its role)
SAMPLE_CLAIMANTS = [
    (ARTICLE_000, "According to pro-HTS sources, 15 SAA", "pro-HTS sources"),
    (ARTICLE_000, "Pro-government sources claim that the SAA", "pro-government sources"),
    (ARTICLE_000, "Meanwhile, reports appeared in the mainstream", "unnamed reports"),
    (ARTICLE_000, "Now, it is reportedly seeking", "unnamed reports"),
    (ARTICLE_000, "According to the PMU media wing", "PMU media wing"),
    (ARTICLE_000, "According to the ISIS-linked news agency Amaq", "Amaq"),
    (ARTICLE_001, "According to reports, the ISIS advance", "unnamed reports"),
    (ARTICLE_001, "According to pro-Kurdish sources", "pro-Kurdish sources"),
    (ARTICLE_001, "On the same day, Russian Foreign Ministry Spokeswoman", ZAKHAROVA),
    (ARTICLE_001, '"Under the excuse of fighting', ZAKHAROVA),
    (ARTICLE_001, "Syrian and Russian officials have repeatedly", "Syrian and Russian officials"),
    (ARTICLE_001, "Pro-Syria experts say", "pro-Syria experts"),
    (ARTICLE_001, "According to reports, security forces", "unnamed reports"),
    (ARTICLE_001, "On the same time, reports appeared", "unnamed reports"),
    (ARTICLE_001, "Local sources say that", "local sources"),
    (ARTICLE_002, "ISIS claimed that its members", "ISIS"),
    (ARTICLE_002, "Meanwhile, reports appeared that the Desert Hawks", "unnamed reports"),
    (ARTICLE_002, "According to the Syrian Defense Ministry", "Syrian Defense Ministry"),
    (ARTICLE_002, "According to Iraqi sources and some experts", "Iraqi sources and some experts"),
    (ARTICLE_003, "Earlier, the Hezbollah-linked TV channel", "Al Mayadeen"),
    (ARTICLE_003, "According to the Hezbollah media wing", "Hezbollah media wing in Syria"),
    (ARTICLE_003, "Some of them reportedly surrendered", "unnamed reports"),
    (ARTICLE_003, "Pro-government sources claimed that the SDF", "pro-government sources"),
    (ARTICLE_003, "Pro-HTS sources claimed that militants", "pro-HTS sources"),
    (ARTICLE_004, "Days earlier, Russia's Defense Ministry said", "Russia's Defense Ministry"),
    (ARTICLE_004, "On Tuesday, chief of Russia's General Staff", GERASIMOV),
    (ARTICLE_004, '"(m)ore than 1,000 inhabited communities', GERASIMOV),
    (ARTICLE_004, '"There was no shortage of ammunition', GERASIMOV),
    (ARTICLE_004, '"Their commanders were trained', GERASIMOV),
    (ARTICLE_004, "Separately, US forces illegally", "Russia's reconciliation center"),
    (ARTICLE_004, '"During (a) video conference', "Russia's reconciliation center"),
    (ARTICLE_004, '"The parties also discussed', "Russia's reconciliation center"),
]


@pytest.fixture(scope="module")
def sample_reader(sample_index_dir: Path) -> IndexReader:
    return IndexReader.open(sample_index_dir)


@pytest.mark.parametrize(("article_id", "opening", "name"), SAMPLE_CLAIMANTS)
def test_sample_claimants(
    sample_reader: IndexReader, article_id: str, opening: str, name: str
) -> None:
    text = sample_reader.articles()[article_id].text
    start = text.find(opening)
    assert start >= 0, opening
    rows = sample_reader.sentence_analysis(article_id)
    row = next(r for r in rows if r.start <= start < r.end)
    assert (row.claimant or "").split(" (")[0] == name
    assert row.claimant_explicit


def test_plain_narrative_names_no_claimant_of_its_own(sample_reader: IndexReader) -> None:
    for article in sample_reader.articles().values():
        start = article.text.find("On November 23, the Syrian Arab Army")
        if start >= 0:
            rows = sample_reader.sentence_analysis(article.id)
            row = next(r for r in rows if r.start <= start < r.end)
            assert not row.claimant_explicit
            return
    pytest.fail("the sentence is in no sample article")
