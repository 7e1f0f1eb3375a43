"""Syndicated copies fold into one passage; a copy whose figures differ (a correction, an
updated toll) stays its own passage (real FAISS index, fake embedder)."""

from __future__ import annotations

from pathlib import Path

from news_rag.index.pipeline import run_index
from news_rag.rag.assistant import Assistant
from news_rag.rag.passages import same_figures
from news_rag.rag.settings import Settings

from tests.fakes import FakeEmbedder

BODY = (
    "Acme Laboratories posted total revenues for 1986 of 4,255,731 dlrs, and net income of "
    "258,125 dlrs, or {eps} cts per share, the company said on Tuesday. Sales of its graphics "
    "boards rose on demand from computer makers, and the company expects higher sales in 1987."
)


def _article(title: str, outlet: str, eps: str, tail: str = "") -> str:
    body = BODY.format(eps=eps) + tail
    return f"Title: {title}\nOutlet: {outlet}\nDate: 1987-03-25\n\n{body}\n"


def test_same_figures() -> None:
    text = BODY.format(eps="14")
    assert same_figures(text, BODY.format(eps="14") + " More text.")
    assert not same_figures(text, BODY.format(eps="1.4"))


def test_a_copy_with_other_figures_is_not_folded(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(_article("Acme posts profit", "Wire A", "14"), "utf-8")
    (corpus / "b.txt").write_text(
        _article("Acme posts profit", "Wire B", "14", " Shares rose."), "utf-8"
    )
    (corpus / "c.txt").write_text(
        _article("Acme posts profit (corrected)", "Wire C", "1.4"), "utf-8"
    )
    embedder = FakeEmbedder()
    run_index([corpus], tmp_path / "index", embedder=embedder)
    passages = Assistant(tmp_path / "index", Settings(), embedder).search(
        "Acme Laboratories net income per share"
    )
    texts = [p.text for p in passages]
    assert sum("or 14 cts" in t for t in texts) == 1  # the two copies: one passage
    assert sum("or 1.4 cts" in t for t in texts) == 1  # the correction: its own
    folded = next(p for p in passages if "or 14 cts" in p.text)
    assert len(folded.also_in) == 1
