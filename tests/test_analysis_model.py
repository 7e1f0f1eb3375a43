"""The spaCy model behind the analysis is verified by hash before it is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_rag.index.analysis.model import model_dir, recorded_hashes, verify_model
from news_rag.index.errors import ModelError


def test_model_files_are_verified() -> None:
    verify_model(model_dir())  # the installed package matches the recorded hashes
    recorded = recorded_hashes()
    assert {"config.cfg", "ner/cfg", "parser/cfg", "tagger/cfg", "tok2vec/cfg"} <= set(recorded)
    name = next(iter(recorded))
    tampered = {**recorded, name: "0" * 64}
    with pytest.raises(ModelError) as error:
        verify_model(model_dir(), tampered)
    message = str(error.value)
    assert "\n" not in message and name in message and "reinstall" in message


def test_missing_model_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        verify_model(tmp_path)
