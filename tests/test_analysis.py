"""Article analysis (index/analysis) with the real spaCy model: claimants, hedges, entities,
event dates and the sentence_analysis store (the model hash check: test_analysis_model.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.paths import sample_dir
from news_rag.index.sentences import split_sentences

DATA = Path(__file__).parent / "data" / "analysis_reuters.jsonl"


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def analyse(
    analyser: Analyser,
    text: str,
    *,
    published: str | None = None,
    author: str | None = "Jane Writer",
    outlet: str | None = "Daily Wire Service",
    spans: Sequence[tuple[int, int]] | None = None,
) -> list[SentenceAnalysis]:
    spans = spans if spans is not None else split_sentences(text)
    article = ArticleInput("a1", text, tuple(spans), published, author, outlet)
    return analyser.analyse([article])[0]


def sentence_with(text: str, records: list[SentenceAnalysis], words: str) -> SentenceAnalysis:
    found = [r for r in records if words in text[r.start : r.end]]
    assert found, f"no sentence holds {words!r}"
    return found[0]


def span_text(text: str, span: tuple[int, int] | None) -> str:
    assert span is not None
    return text[span[0] : span[1]]


# --------------------------------------------------------------------------- claimants


def test_according_to_names_the_claimant(analyser: Analyser) -> None:
    text = "According to the Syrian Defense Ministry, 28 terrorists were killed in the clashes."
    [record] = analyse(analyser, text)
    assert record.claimant == "Syrian Defense Ministry"
    assert record.claimant_explicit
    assert span_text(text, record.claimant_span) == "Syrian Defense Ministry"
    assert record.cue is not None and record.cue.lower() == "according to"
    assert record.hedge is None


def test_subject_of_said_and_told_reporters(analyser: Analyser) -> None:
    text = (
        "Finance Minister Karl Berger said the budget would be balanced next year. "
        "The central bank told reporters that interest rates would stay unchanged."
    )
    first, second = analyse(analyser, text)
    assert first.claimant is not None and first.claimant.startswith("Karl Berger")
    assert "Finance Minister" in first.claimant  # the role is kept, after the name
    assert second.claimant == "central bank"
    assert second.cue == "told"


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("Lavrov was quoted by Interfax as saying that talks would resume.", "Lavrov"),
        ("Talks will resume in May, the foreign ministry said in a statement.", "foreign ministry"),
        ("Oil prices rose, citing industry analysts.", "industry analysts"),
        ("Reports appeared that the bridge had collapsed.", "unnamed reports"),
        ("Local sources say that the bridge had collapsed.", "local sources"),
        ("According to a statement from the Interior Ministry, 12 died.", "Interior Ministry"),
        (
            "Meanwhile, pro-Kiev Telegram channels alleged that the strikes came from the east.",
            "pro-Kiev Telegram channels",
        ),
        # the parse hangs the speaker as an apposition of the claim's last noun: the name
        # before the closing ", said" speaks (`cue._speaker_before`)
        (
            "Ending the crisis requires open markets but a return of protectionism is the "
            "biggest risk, the chairman of the Valdoran Bankers Association, Petra Holm, said.",
            "Petra Holm",
        ),
        ("Kessler also urged Ruritania to abolish its capital controls.", "Kessler"),
    ],
)
def test_claimant_shapes(analyser: Analyser, sentence: str, claimant: str) -> None:
    [record] = analyse(analyser, sentence)
    assert record.claimant == claimant
    assert record.claimant_explicit


@pytest.mark.parametrize(
    "sentence",
    [
        "Shultz refused to comment on the report.",  # a refusal is no claim
        "The company did not say how many units would be offered.",  # negated
        "A reading above 50 pct indicates that the economy is expanding.",  # no speaker
        "The company cited its earnings outlook as the reason for the dividend.",
    ],
)
def test_no_claimant_without_an_attribution(analyser: Analyser, sentence: str) -> None:
    [record] = analyse(analyser, sentence)
    assert record.claimant_explicit is False
    assert record.claimant == "Jane Writer"


def test_a_named_report_is_not_unnamed(analyser: Analyser) -> None:
    text = (
        "The embassy report says coffee stocks will rise. "
        "Exports fell 15 pct, according to the central bank's latest report."
    )
    embassy, bank = analyse(analyser, text, spans=_sentence_spans(text))
    assert embassy.claimant == "embassy report"
    assert bank.claimant == "central bank"


def test_inverted_said_after_a_quotation(analyser: Analyser) -> None:
    text = '"We will not back down," said Prime Minister Anna Lindqvist.'
    [record] = analyse(analyser, text)
    assert record.claimant is not None and record.claimant.startswith("Anna Lindqvist")
    assert span_text(text, record.claimant_span) == "Prime Minister Anna Lindqvist"


def test_quotation_spoken_over_two_sentences(analyser: Analyser) -> None:
    text = (
        "The negotiations ended without a deal on Friday.\n\n"
        '"The talks failed. We will try again next month," Robert Okafor said.'
    )
    starts = [0, text.index('"The'), text.index("We will")]
    spans = [(0, starts[1] - 2), (starts[1], starts[2] - 1), (starts[2], len(text))]
    records = analyse(analyser, text, spans=spans)
    first_quote = sentence_with(text, records, "The talks failed.")
    assert first_quote.quoted
    assert first_quote.claimant == "Robert Okafor"
    assert first_quote.claimant_explicit
    assert first_quote.cue_span is None  # the cue is in the next sentence
    assert records[0].claimant_explicit is False


def test_quotation_continued_after_its_tag(analyser: Analyser) -> None:
    text = (
        '"We are not there yet," Fed Chair Jerome Powell told reporters. '
        '"But we are getting closer."\n\n'
        "Markets rose after the announcement."
    )
    second, third = text.index('"But'), text.index("Markets")
    spans = [(0, second - 1), (second, third - 2), (third, len(text))]
    tagged, continued, plain = analyse(analyser, text, spans=spans)
    assert tagged.claimant == "Jerome Powell (Fed Chair)"
    assert continued.quoted and continued.claimant == tagged.claimant
    assert plain.claimant_explicit is False


def test_passive_reported_by_names_the_agent(analyser: Analyser) -> None:
    text = "The attack was reported by the ISIS-linked news agency Amaq."
    [record] = analyse(analyser, text)
    assert record.claimant is not None and record.claimant.startswith("Amaq")
    assert span_text(text, record.claimant_span).endswith("Amaq")


def test_pronoun_and_description_resolved_across_sentences(analyser: Analyser) -> None:
    text = (
        "Russian Foreign Ministry Spokeswoman Maria Zakharova spoke in Moscow on Monday. "
        "The talks in Geneva had stalled for weeks.\n\n"
        '"Washington is not interested in peace," she added.\n\n'
        "The ministry said it would send a delegation."
    )
    records = analyse(analyser, text)
    added = sentence_with(text, records, "she added")
    assert added.claimant is not None and added.claimant.startswith("Maria Zakharova")
    assert span_text(text, added.claimant_span).endswith("Maria Zakharova")
    ministry = sentence_with(text, records, "The ministry said")
    assert ministry.claimant is not None and "Foreign Ministry" in ministry.claimant


def test_appositive_becomes_the_role_and_short_names_expand(analyser: Analyser) -> None:
    text = (
        "Irwin Federman, chief executive officer of Monolithic Memories Inc, said sales rose. "
        "Churchill, a privately held firm that processes mail, said the deal was signed. "
        "The Bank of England said it offered no help. "
        "The Bank also said rates would stay unchanged. "
        "Federman said prices would rise."
    )
    records = analyse(analyser, text, spans=_sentence_spans(text))
    assert (
        records[0].claimant == "Irwin Federman (chief executive officer of Monolithic Memories Inc)"
    )
    assert records[1].claimant == "Churchill"
    assert records[3].claimant == "Bank of England"
    assert records[4].claimant is not None and records[4].claimant.startswith("Irwin Federman")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans at ". " (the test texts have no abbreviations)."""
    spans, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end == -1 else end + 1
        spans.append((start, end))
        start = end + 1
    return spans


def test_fallback_to_author_then_outlet(analyser: Analyser) -> None:
    text = "The river burst its banks after three days of rain."
    [with_author] = analyse(analyser, text)
    assert with_author.claimant == "Jane Writer"
    assert with_author.claimant_explicit is False
    assert with_author.claimant_span is None
    [with_outlet] = analyse(analyser, text, author=None)
    assert with_outlet.claimant == "Daily Wire Service"
    assert with_outlet.claimant_explicit is False


# ------------------------------------------------------------------------------ hedges


@pytest.mark.parametrize(
    ("sentence", "hedge_word"),
    [
        ("Rebel fighters reportedly fled the town overnight.", "reportedly"),
        ("The commander allegedly ordered the strike.", "allegedly"),
        ("The group claimed that it shot down a drone.", "claimed"),
        ("Unconfirmed reports put the death toll at 40.", "Unconfirmed"),
        ("According to pro-government sources, some 15 militants were killed.", "pro-"),
    ],
)
def test_hedges(analyser: Analyser, sentence: str, hedge_word: str) -> None:
    [record] = analyse(analyser, sentence)
    assert record.hedge is not None and hedge_word in record.hedge


@pytest.mark.parametrize(
    "sentence",
    [
        "The company opened a new plant in Ohio on Monday.",
        "Insurance claims rose 4 pct in January.",  # "claims" the noun is no hedge
    ],
)
def test_plain_statement_has_no_hedge(analyser: Analyser, sentence: str) -> None:
    [record] = analyse(analyser, sentence)
    assert record.hedge is None


def test_the_company_resolves_to_the_last_organisation(analyser: Analyser) -> None:
    text = (
        "Millipore Corp agreed to pay a penalty to the Environmental Protection Agency. "
        "The company said it would not appeal. "
        "It said the plant was safe."
    )
    records = analyse(analyser, text, spans=_sentence_spans(text))
    assert records[0].claimant_explicit is False
    assert records[1].claimant == "Millipore Corp"
    assert span_text(text, records[1].claimant_span) == "Millipore Corp"
    assert records[2].claimant == "Millipore Corp"


# ---------------------------------------------------------------------------- entities


def test_entity_types_and_offsets(analyser: Analyser) -> None:
    text = (
        "Maria Zakharova said on November 18, 2018 that Russian forces and the United "
        "Nations paid 5 million dollars, 70% of the cost, for 3 tonnes of food in Syria."
    )
    [record] = analyse(analyser, text)
    labels = {e.label for e in record.entities}
    assert {"PERSON", "NORP", "ORG", "DATE", "MONEY", "PERCENT", "GPE"} <= labels
    for entity in record.entities:
        assert text[entity.start : entity.end] == entity.text
    assert any(e.label == "PERSON" and e.text == "Maria Zakharova" for e in record.entities)


# ------------------------------------------------------------- real sample and Reuters


def sample_article(name: str) -> str:
    return (sample_dir() / f"{name}.txt").read_text(encoding="utf-8")


def test_sample_zakharova_pointed_out(analyser: Analyser) -> None:
    text = sample_article("001_8c7b6652919dcb47")
    records = analyse(analyser, text, published="2018-11-24", author="South Front")
    record = sentence_with(text, records, "Maria Zakharova pointed out")
    assert record.claimant is not None and record.claimant.startswith("Maria Zakharova")
    assert "Russian Foreign Ministry" in record.claimant
    assert record.claimant_explicit
    assert record.event_date == "2018-11-22"  # "On the same day" as the November 22 sentence
    quote = sentence_with(text, records, "Under the excuse of fighting")
    assert quote.quoted and quote.claimant == record.claimant


def test_sample_casualty_claims(analyser: Analyser) -> None:
    text = sample_article("002_8625dc86a6e1d16d")
    records = analyse(analyser, text, published="2017-11-20", author="South Front")
    ministry = sentence_with(text, records, "According to the Syrian Defense Ministry, 28")
    assert ministry.claimant == "Syrian Defense Ministry"
    assert any(e.label == "CARDINAL" and e.text == "28" for e in ministry.entities)
    partisan = sentence_with(text, records, "According to pro-government sources, some 15")
    assert partisan.claimant == "pro-government sources"
    assert partisan.hedge is not None and "pro-government sources" in partisan.hedge


def reuters(article_id: str) -> dict[str, str]:
    for line in DATA.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == article_id:
            return record
    raise AssertionError(article_id)


def test_reuters_sugar_chairman_and_his_pronouns(analyser: Analyser) -> None:
    article = reuters("reuters-10306")
    text = article["text"]
    first_end = text.index("Yulo said.") + len("Yulo said.")
    rest = [(s, e) for s, e in split_sentences(text) if s >= first_end]
    records = analyse(
        analyser, text, published=article["published"], author=None, outlet="Reuters",
        spans=[(0, first_end), *rest],
    )  # fmt: skip
    lead = records[0]
    assert lead.claimant is not None and lead.claimant.startswith("Arsenio Yulo")
    assert "Sugar" in lead.claimant and "Regulatory Administration" in lead.claimant
    pronoun = sentence_with(text, records, "He said at least 1.2 mln tonnes")
    assert pronoun.claimant == lead.claimant
    quote = sentence_with(text, records, "has been delaying")
    assert quote.claimant == lead.claimant and quote.quoted


def test_reuters_company_said_and_money(analyser: Analyser) -> None:
    article = reuters("reuters-10578")
    text = article["text"]
    # The first sentence runs over wire line breaks ("... pay a\n192,500 dlrs ...").
    first_end = text.index("permit.") + len("permit.")
    rest = [(s, e) for s, e in split_sentences(text) if s >= first_end]
    records = analyse(analyser, text, published=article["published"], author=None,
                      outlet="Reuters", spans=[(0, first_end), *rest])  # fmt: skip
    first = records[0]
    assert first.claimant == "Millipore Corp"
    assert any(e.label == "ORG" and "Environmental Protection" in e.text for e in first.entities)
    unattributed = sentence_with(text, records, "Millipore officials were not available")
    assert unattributed.claimant == "Reuters" and not unattributed.claimant_explicit


# ------------------------------------------------------------------------------ store


def test_a_spaced_ellipsis_inside_a_quote_keeps_its_speaker(analyser: Analyser) -> None:
    # the wire sets an ellipsis ". . ."; read as it is, its dots end a sentence inside the
    # quote and "Iran against ..." becomes who said it
    text = (
        '"I wish to report that our forces took defensive action in response to attacks by '
        '. . . Iran against United States vessels in the Gulf," Walters said.'
    )
    [record] = analyse(analyser, text, spans=[(0, len(text))])
    assert record.claimant == "Walters"
    assert span_text(text, record.claimant_span) == "Walters"
