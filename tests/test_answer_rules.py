"""Fast unit tests for the answer rules: question analysis, vocabulary, conflicts, fusion."""

from __future__ import annotations

import pytest

from news_rag.index.types import Article
from news_rag.rag.candidates import counts_target
from news_rag.rag.conflicts import conflict_pairs, disagree, question_focus
from news_rag.rag.questions import metadata_field, proper_terms, quantity_target
from news_rag.rag.retrieve import fuse
from news_rag.rag.settings import RetrievalSettings, Settings, SettingsError
from news_rag.rag.vocabulary import Vocabulary


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("Who wrote the article about al-Tanf?", "author"),
        ("When was the Albukamal article published?", "published"),
        ("Which outlet published the report on Deir Ezzor?", "outlet"),
        ("Where was the Deir Ezzor report originally published?", "original_source"),
        ("Who said the US trains militants at al-Tanf?", None),
    ],
)
def test_metadata_field(question: str, field: str | None) -> None:
    assert metadata_field(question) == field


@pytest.mark.parametrize(
    ("question", "target"),
    [
        ("How many ISIS members fled al-Bukamal through the Euphrates?", "members"),
        ("How many US troops are stationed at al-Tanf?", "troops"),
        ("How many of them were natives of Russia?", None),
        ("Who fled al-Bukamal?", None),
    ],
)
def test_quantity_target(question: str, target: str | None) -> None:
    assert quantity_target(question) == target


def test_counts_target_needs_a_number_next_to_the_noun() -> None:
    assert counts_target("about 150 ISIS members had fled al-Bukamal", "members")
    assert counts_target("two suicide bombers attacked PMU fighters", "bombers")
    assert not counts_target("two suicide bombers attacked a gathering of PMU fighters", "fighters")
    assert not counts_target("Tu-22M3 strategic bombers struck ISIS", "bombers")


def test_vocabulary_knows_text_metadata_acronyms_and_aliases() -> None:
    vocab = Vocabulary(
        [
            Article(
                id="a",
                text="The Islamic Revolutionary Guard Corps of Iran and Russia met.",
                source_path="a.txt",
                content_hash="h",
                authors=("Jo Doe",),
            )
        ]
    )
    assert vocab.knows("IRGC") and vocab.knows("Doe") and vocab.knows("Russia's")
    assert vocab.knows("Tehran") and vocab.knows("Moscow") and vocab.knows("2018")
    assert not vocab.knows("Trump") and not vocab.knows("Mosul")
    assert proper_terms("What did Donald Trump say in 2017 about Iran?") == [
        "Donald", "Trump", "2017", "Iran",
    ]  # fmt: skip


def test_conflicts_follow_the_question_focus() -> None:
    a = "On Wednesday, forces liberated Albukamal."
    b = "On November 19, the army restored control over al-Bukamal."
    assert question_focus("When was al-Bukamal liberated?") == "date"
    assert question_focus("How many fighters fled?") == "number"
    assert question_focus("On November 19, what happened?") is None
    assert disagree(a, b, similarity=0.56, threshold=0.55, focus="date")
    assert not disagree(a, b, similarity=0.56, threshold=0.55, focus=None)
    assert disagree(a, b, similarity=0.8, threshold=0.55, focus=None)
    same = "On Wednesday, the army restored control over al-Bukamal."
    assert not disagree(a, same, similarity=0.9, threshold=0.55, focus="date")
    sims = [[1.0, 0.6], [0.6, 1.0]]
    assert conflict_pairs([a, b], ["x", "y"], sims, 0.55, "date") == [(0, 1)]
    assert conflict_pairs([a, b], ["x", "x"], sims, 0.55, "date") == []  # same article


def test_rrf_fusion_matches_hand_computation() -> None:
    settings = RetrievalSettings(rrf_k=60)
    fused = fuse([(1, 0.9), (2, 0.8)], [(2, 7.0), (3, 5.0)], settings)
    scores = {item.chunk_id: item.score for item in fused}
    assert scores[2] == pytest.approx(1 / 62 + 1 / 61)
    assert scores[1] == pytest.approx(1 / 61) and scores[3] == pytest.approx(1 / 62)
    assert [item.chunk_id for item in fused] == [2, 1, 3]
    assert fused[0].dense == 0.8 and fused[0].bm25 == 7.0


def test_settings_reject_unknown_keys_and_bad_values() -> None:
    with pytest.raises(SettingsError, match="unknown retrieval setting"):
        Settings.from_dict({"retrieval": {"mdoe": "bm25"}})
    with pytest.raises(SettingsError, match="unknown mode"):
        Settings.from_dict({"retrieval": {"mode": "magic"}})
    with pytest.raises(SettingsError, match="out of range"):
        Settings.from_dict({"answer": {"max_sentences": 0}})
    assert Settings.preset("fast").retrieval.mode == "bm25"
