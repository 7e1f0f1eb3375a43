"""A descriptive claimant carries the organisation the article names (issue 22, item 4):
"a spokeswoman for the company" -> "spokeswoman for NBC", with the real spaCy model."""

from __future__ import annotations

import pytest
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.sentences import split_sentences

ARTICLE = (
    "NBC said on Tuesday it would cut 200 jobs at its news division. "
    "A spokeswoman for the company said the cuts would be made by June. "
    "Company spokesman John Smith said the network had no other plans. "
    "The company's chairman said the outlook was poor. "
    "Union spokesman Bob White said the cuts were unfair."
)


@pytest.fixture(scope="module")
def claimants() -> dict[str, str | None]:
    records = _analyse(ARTICLE)
    return {ARTICLE[r.start : r.end].partition(" said")[0]: r.claimant for r in records}


def _analyse(text: str) -> list[SentenceAnalysis]:
    article = ArticleInput("a1", text, tuple(split_sentences(text)), None, "Writer", "Wire")
    return Analyser(n_process=1).analyse([article])[0]


def test_a_spokeswoman_for_the_company_names_the_company(claimants: dict[str, str | None]) -> None:
    assert claimants["A spokeswoman for the company"] == "spokeswoman for NBC"


def test_a_named_spokesman_carries_the_company_in_his_role(
    claimants: dict[str, str | None],
) -> None:
    assert claimants["Company spokesman John Smith"] == "John Smith (NBC spokesman)"


def test_the_companys_chairman(claimants: dict[str, str | None]) -> None:
    assert claimants["The company's chairman"] == "NBC's chairman"


def test_another_organisation_noun_needs_a_name_that_holds_it(
    claimants: dict[str, str | None],
) -> None:
    """ "union" is not NBC; with no union named, the description stays as written."""
    assert claimants["Union spokesman Bob White"] == "Bob White (Union spokesman)"
    text = (
        "The Canadian Auto Workers' Union rejected the offer on Monday. "
        "Union spokesman Bob White said the vote was clear."
    )
    assert _analyse(text)[1].claimant == "Bob White (Canadian Auto Workers' Union spokesman)"


def test_the_subject_of_the_sentence_is_preferred_to_an_analysts_firm() -> None:
    text = (
        "Merrill Lynch analyst Jane Doe said Acme Corp would lose money this year. "
        "A company spokesman said sales were firm."
    )
    records = _analyse(text)
    assert records[0].claimant == "Jane Doe (Merrill Lynch analyst)"
    assert records[1].claimant == "Acme Corp spokesman"


def test_an_indefinite_company_and_an_article_with_no_organisation_stay_as_written() -> None:
    indefinite = "NBC cut jobs. A spokesman for an oil company said prices would rise."
    assert _analyse(indefinite)[1].claimant == "spokesman for an oil company"
    plural = "NBC cut jobs. Spokesmen for the firms said talks would go on."
    assert _analyse(plural)[1].claimant == "Spokesmen for the firms"
    modified = "NBC cut jobs. Central bank officials said rates would rise."
    assert _analyse(modified)[1].claimant == "central bank officials"
    nameless = "Jobs were cut in the city. A company spokesman said more cuts would follow."
    assert _analyse(nameless)[1].claimant == "company spokesman"
