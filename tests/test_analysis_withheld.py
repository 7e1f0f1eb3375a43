"""Sentences that say a value was withheld (index/analysis/withheld.py), read from the real
spaCy parse and stored with the sentence's analysis."""

from __future__ import annotations

import pytest
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis


def _sentence(text: str) -> SentenceAnalysis:
    [record] = Analyser().analyse([ArticleInput("a1", text, ((0, len(text)),), "1987-03-12")])[0]
    return record


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("Terms of the deal were not disclosed.", "were not disclosed"),
        ("The company did not disclose the price it paid.", "did not disclose"),
        ("He declined to estimate how much would be sought.", "declined to estimate"),
        ("Officials refused to give a figure for the losses.", "refused to give"),
        ("A spokesman would not say how many workers would go.", "would not say"),
        ("It applied for an undisclosed share in the licence.", "undisclosed"),
        ("The shares were sold to an unnamed buyer.", "unnamed"),
        ("He gave no actual outturn for spending in 1986/87.", "gave no actual outturn"),
        ("The minister made no mention of how the deficit would be covered.", "no mention"),
        # a phrasal verb of telling (`data/telling_phrasal_verbs.txt`), negated
        ("The company does not break out operating earnings by unit.", "does not break"),
        ("The group did not spell out the terms of the sale.", "did not spell"),
        # commenting withholds what it comments on
        ("The bank declined to comment on the size of the second tranche.", "declined to comment"),
    ],
)
def test_a_withheld_value_is_found_with_its_words(sentence: str, said: str) -> None:
    record = _sentence(sentence)
    assert record.withheld == said
    assert SentenceAnalysis.from_dict(record.to_dict()).withheld == said


@pytest.mark.parametrize(
    "sentence",
    [
        "The company said it earned 5 mln dlrs in the quarter.",
        "The company declined to comment.",  # withholds a comment, not a value
        "A spokesman said the company had no comment.",  # the same
        "He said there was no reason to worry.",
        '"We will not give up control of the technology," Vogt said.',  # a phrasal verb
        "The board will not break up the group this year.",  # one that tells nothing
        "Analysts did not expect the merger to close before June.",  # not a verb of telling
    ],
)
def test_a_sentence_giving_or_not_withholding_a_value_is_not_withheld(sentence: str) -> None:
    assert _sentence(sentence).withheld is None
