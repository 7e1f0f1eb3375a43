"""The word lists both paths read through the one loader (`index.language.wordlists`): each
side's speech verbs are the shared list plus its own, and stay what they were."""

from __future__ import annotations

from news_rag.index.analysis import lexicon
from news_rag.index.language import wordlists
from news_rag.rag.question import words

SHARED_SPEECH = {
    "accuse", "acknowledge", "admit", "allege", "announce", "assert", "claim", "declare",
    "deny", "emphasise", "emphasize", "insist", "point out", "reiterate", "report", "say",
    "state", "stress", "tell", "testify", "tweet",
}  # fmt: skip
SHARED_WEAK = {
    "add", "believe", "estimate", "expect", "explain", "forecast", "maintain", "note",
    "predict", "suggest",
}  # fmt: skip


def test_the_shared_lists_are_read_by_both_sides() -> None:
    assert wordlists.words(wordlists.SPEECH_VERBS) == SHARED_SPEECH
    assert wordlists.words(wordlists.WEAK_SPEECH_VERBS) == SHARED_WEAK


def test_the_analysis_adds_the_speech_verbs_of_article_prose() -> None:
    assert lexicon.words(lexicon.SPEECH_VERBS) - SHARED_SPEECH == {
        "charge", "contend", "post", "write", "urge",
    }  # fmt: skip
    assert lexicon.words(lexicon.WEAK_SPEECH_VERBS) - SHARED_WEAK == {
        "argue", "caution", "comment", "complain", "concede", "conclude", "confirm",
        "indicate", "observe", "recall", "remark", "reply", "respond", "reveal", "warn",
    }  # fmt: skip


def test_the_question_parse_adds_the_speech_verbs_of_questions() -> None:
    assert words.words(words.SPEECH_VERBS) - SHARED_SPEECH == {
        "argue", "blame", "comment", "confirm", "criticise", "criticize", "demand", "pledge",
        "promise", "propose", "react", "recommend", "reply", "respond", "reveal", "threaten",
        "urge", "vow", "warn",
    }  # fmt: skip
    assert words.words(words.WEAK_SPEECH_VERBS) - SHARED_WEAK == {"describe", "think"}


def test_two_column_lists_keep_their_shapes() -> None:
    assert lexicon.pairs(lexicon.UNNAMED_SOURCES)  # key -> one value
    assert all(isinstance(v, str) for v in lexicon.pairs(lexicon.DATE_ANCHORS).values())
    assert all(isinstance(v, tuple) for v in words.table(words.WH_TYPES).values())


def test_the_analysis_digest_covers_the_shared_lists() -> None:
    assert lexicon.digest() != wordlists.digest(["news_rag.index.analysis"])
