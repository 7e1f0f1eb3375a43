"""Rank fusion and the settings' validation (no model, no index)."""

from __future__ import annotations

import pytest
from news_rag.rag.retrieve import fuse
from news_rag.rag.settings import RetrievalSettings, Settings, SettingsError


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


def test_removed_answer_settings_are_refused() -> None:
    with pytest.raises(SettingsError, match="unknown answer setting"):
        Settings.from_dict({"answer": {"engine": "legacy"}})
    with pytest.raises(SettingsError, match="unknown answer setting"):
        Settings.from_dict({"answer": {"abstain_threshold": 0.4}})
