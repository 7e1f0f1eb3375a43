"""The warm process's memo of BM25 tokens (`lexical.tokenize_remembered`) gives what
tokenizing afresh gives, and stays bounded."""

from __future__ import annotations

import pytest


def test_remembered_tokens_are_the_fresh_ones() -> None:
    from news_rag.index.store.lexical import tokenize_many, tokenize_remembered

    texts = ["Pennzoil rejected two of Texaco's offers.", "The strikes were called off."]
    assert tokenize_remembered(texts) == tokenize_many(texts)
    assert tokenize_remembered([texts[1], texts[1]]) == [tokenize_many(texts[1:])[0]] * 2


def test_the_memo_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    from news_rag.index.store import lexical

    monkeypatch.setattr(lexical, "TOKEN_MEMO_TEXTS", 3)
    monkeypatch.setattr(lexical, "_token_memo", {})
    lexical.tokenize_remembered(["one text", "two texts", "three texts"])
    found = lexical.tokenize_remembered(["four texts", "five texts"])
    assert len(lexical._token_memo) == 2
    assert found == lexical.tokenize_many(["four texts", "five texts"])


def test_a_query_s_tokens_are_its_own_copy() -> None:
    from news_rag.index.store.lexical import tokenize_query

    first = tokenize_query("How much did Texaco offer?")
    first.append("changed")
    assert "changed" not in tokenize_query("How much did Texaco offer?")
