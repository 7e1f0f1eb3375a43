"""The committed regression question file is valid and grounded in the sample articles."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from news_rag.eval.questions import (
    DEFAULT_QUESTIONS_PATH,
    MIN_PER_TYPE,
    SAMPLE_ARTICLE_METADATA,
    SAMPLE_ARTICLES_DIR,
    QuestionFileError,
    load_questions,
    strip_markup,
    validate_questions,
)
from news_rag.eval.records import QUESTION_TYPES, Question
from news_rag.index.errors import RagError

QUESTIONS = load_questions()
RAW = {p.stem: p.read_text(encoding="utf-8") for p in SAMPLE_ARTICLES_DIR.glob("*.txt")}


def test_question_file_validates() -> None:
    assert validate_questions(QUESTIONS) == []


def test_every_line_has_the_schema() -> None:
    keys = {"id", "type", "question", "answers", "articles", "evidence", "claimant", "follows"}
    lines = DEFAULT_QUESTIONS_PATH.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(QUESTIONS)
    for line in lines:
        record = json.loads(line)
        assert keys <= set(record) <= keys | {"notes"}
        assert record["type"] in QUESTION_TYPES


def test_counts_per_type_and_total() -> None:
    counts = Counter(str(q.type) for q in QUESTIONS)
    for qtype, minimum in MIN_PER_TYPE.items():
        assert counts[qtype] >= minimum, qtype
    assert len(QUESTIONS) >= 64
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)


def test_followups_come_in_pairs_pointing_back() -> None:
    order = {q.id: i for i, q in enumerate(QUESTIONS)}
    followers = [q for q in QUESTIONS if q.follows]
    assert len(followers) >= 4
    for q in followers:
        first = order[str(q.follows)]
        assert q.type == "followup"
        assert first < order[q.id]
        assert QUESTIONS[first].type == "followup"
        assert QUESTIONS[first].follows is None


def test_evidence_is_verbatim_in_gold_article_files() -> None:
    for q in QUESTIONS:
        for article in q.articles:
            assert article in RAW, (q.id, article)
        for sentence in q.evidence:
            assert any(
                sentence in RAW[a] or sentence in strip_markup(RAW[a]) for a in q.articles
            ), (q.id, sentence)


def test_answerable_non_metadata_questions_have_evidence_in_every_gold_article() -> None:
    for q in QUESTIONS:
        if q.type in ("metadata", "unanswerable"):
            continue
        assert q.evidence, q.id
        for article in q.articles:
            text = strip_markup(RAW[article])
            assert any(sentence in text for sentence in q.evidence), (q.id, article)


def test_conflict_questions_document_both_sides() -> None:
    conflicts = [q for q in QUESTIONS if q.type == "conflict"]
    assert len(conflicts) >= 3
    for q in conflicts:
        assert len(q.articles) >= 2 and len(q.answers) >= 2
        assert q.notes and "both sides" in q.notes
        joined = " ".join(q.evidence).casefold()
        for side in q.answers:
            assert side.casefold() in joined, (q.id, side)


def test_required_questions_from_the_brief() -> None:
    by_text = {q.question: q for q in QUESTIONS}
    tanf = by_text["Who said the US is training militants at al-Tanf?"]
    assert tanf.type == "attribution"
    assert "Zakharova" in tanf.answers
    assert tanf.claimant == "Maria Zakharova (Russian Foreign Ministry)"
    dates = [q for q in QUESTIONS if q.type == "metadata" and "2017-11-21" in q.answers]
    assert dates and "November 21, 2017" in dates[0].answers
    lendman = [q for q in QUESTIONS if q.type == "metadata" and "Stephen Lendman" in q.answers]
    assert lendman and lendman[0].articles == ("004_348da576ec3a46c1",)


def test_metadata_answers_agree_with_sample_metadata() -> None:
    for q in QUESTIONS:
        if q.type != "metadata":
            continue
        (article,) = q.articles
        real = SAMPLE_ARTICLE_METADATA[article]
        values = {str(v) for v in real.values() if v}
        assert values & set(q.answers), q.id


def test_metadata_table_covers_the_sample() -> None:
    assert set(SAMPLE_ARTICLE_METADATA) == set(RAW)


def test_validator_catches_problems(tmp_path: Path) -> None:
    good = QUESTIONS[0]
    bad = [
        good,
        Question(good.id, "factoid", "dup", ("x",), good.articles, ("not in the article",)),
        Question("z1", "followup", "What about that?", ("x",), good.articles, (), follows="q999"),
        Question("z2", "unanswerable", "Who?", ("x",), (), ()),
        Question("z3", "factoid", "Where?", ("x",), ("999_missing",), ()),
    ]
    problems = "\n".join(validate_questions(bad))
    assert "duplicate id" in problems
    assert "not verbatim" in problems
    assert "q999" in problems
    assert "z2: unanswerable" in problems
    assert "unknown article '999_missing'" in problems
    assert "type conflict: 0 questions" in problems


def test_loader_reports_bad_lines_as_one_line_errors(tmp_path: Path) -> None:
    broken = tmp_path / "q.jsonl"
    broken.write_text('{"id": "q1"}\n', encoding="utf-8")
    with pytest.raises(QuestionFileError, match=r"q\.jsonl:1: missing field 'type'"):
        load_questions(broken)
    broken.write_text("not json\n", encoding="utf-8")
    with pytest.raises(RagError, match="not valid JSON"):
        load_questions(broken)
    with pytest.raises(QuestionFileError, match="cannot read"):
        load_questions(tmp_path / "absent.jsonl")
