"""Named eval sets: the Reuters question files and corpus, `rag eval --set`, and the
false-conflict / false-abstention rates (fast: hand-made records and a fake assistant)."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from news_rag.eval import reuters_subset
from news_rag.eval.metrics import false_abstention, false_conflict, says_conflict
from news_rag.eval.questions import (
    REUTERS_MIN_PER_TYPE,
    REUTERS_MIN_TOTAL,
    check_split,
    load_questions,
    validate_questions,
)
from news_rag.eval.runner import run_questions
from news_rag.eval.sets import (
    EVAL_SETS,
    REUTERS_CORPUS,
    cached_index_dir,
    get_set,
    label_metadata,
    read_corpus,
    unpacked_corpus,
)
from news_rag.index.errors import InputError

from news_rag.cli import cli
from tests.eval_records import EVIDENCE, citation, question

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl.gz"
DEV = load_questions(EVAL_SETS["reuters-dev"].questions)
TEST = load_questions(EVAL_SETS["reuters-test"].questions)
RECORDS = read_corpus(REUTERS_CORPUS)
TEXTS = {str(r["id"]): str(r["text"]) for r in RECORDS}

# ------------------------------------------------------------------ the Reuters question files


def test_reuters_sets_validate_against_the_committed_corpus() -> None:
    for questions in (DEV, TEST):
        assert validate_questions(questions, None, {}, 0, TEXTS, check_answers=True) == []
    both = [*DEV, *TEST]
    assert validate_questions(both, None, REUTERS_MIN_PER_TYPE, REUTERS_MIN_TOTAL, TEXTS) == []


def test_the_general_news_set_validates_against_its_corpus() -> None:
    general = get_set("general-dev")
    assert general.corpus is not None
    texts = {str(r["id"]): str(r["text"]) for r in read_corpus(general.corpus)}
    questions = load_questions(general.questions)
    assert validate_questions(questions, None, {}, 0, texts, check_answers=True) == []
    assert sum(q.type == "unanswerable" for q in questions) >= len(questions) // 5


def test_split_is_by_article_and_keeps_followups_together() -> None:
    assert check_split(DEV, TEST) == []
    for questions in (DEV, TEST):
        pairs = [q for q in questions if q.follows]
        assert pairs, "each split has follow-up pairs"
    assert sum(1 for q in [*DEV, *TEST] if q.follows) >= 10
    share = len(DEV) / (len(DEV) + len(TEST))
    assert 0.4 <= share <= 0.6


def test_reuters_questions_cover_every_kind() -> None:
    kinds = Counter(q.kind for q in [*DEV, *TEST])
    for kind in ("factoid", "quantity", "when", "who", "what_said", "unanswerable"):
        assert kinds[kind] >= 5, kind
    for q in [*DEV, *TEST]:
        if q.type == "conflict":
            assert len(set(q.articles)) >= 2 and q.notes


def test_check_split_reports_shared_articles_ids_and_split_pairs() -> None:
    a = question(id="a1", articles=["X"])
    b = question(id="b1", articles=["X"])
    follower = question(id="b2", type="followup", follows="a1", articles=["Y"])
    problems = "\n".join(check_split([a], [b, follower, question(id="a1", articles=["Z"])]))
    assert "article X is in two sets" in problems
    assert "a1: id in two sets" in problems
    assert "b2: follows a1, which is in another set" in problems


def test_answer_check_catches_an_alias_missing_from_the_gold_article() -> None:
    bad = question(id="x1", type="factoid", answers=["Zanzibar"], articles=["A"], evidence=[])
    problems = validate_questions([bad], None, {}, 0, {"A": "Some text."}, check_answers=True)
    assert problems == ["x1: answer 'Zanzibar' is not in a gold article"]


# ------------------------------------------------------------------ the committed corpus


def test_committed_corpus_is_small_and_keeps_the_original_fields() -> None:
    assert REUTERS_CORPUS.stat().st_size < 1024 * 1024
    assert len(RECORDS) == reuters_subset.SIZE
    assert len(TEXTS) == reuters_subset.SIZE
    keys = {"id", "title", "text", "author", "published", "outlet", "dateline", "topics", "places"}
    assert all(set(r) == keys for r in RECORDS)
    assert set(reuters_subset.REQUIRED) <= set(TEXTS)
    gold = {a for q in [*DEV, *TEST] for a in q.articles}
    assert gold <= set(TEXTS)


def test_selection_is_seeded_and_keeps_required_articles() -> None:
    body = "A company said this. " * 10 + "word " * 160
    records: list[dict[str, Any]] = [{"id": f"r{i}", "text": body} for i in range(30)]
    records.append({"id": "short", "text": "Too short."})
    first = reuters_subset.select(records, size=10, seed=7, required=["short"])
    again = reuters_subset.select(records, size=10, seed=7, required=["short"])
    other = reuters_subset.select(records, size=10, seed=8, required=["short"])
    assert first == again and len(first) == 10
    assert first != other
    assert "short" in {r["id"] for r in first}
    order = [r["id"] for r in records]
    assert [r["id"] for r in first] == sorted((r["id"] for r in first), key=order.index)
    assert not reuters_subset.has_real_body({"text": "Shr 20 cts vs 15 cts " * 40})
    with pytest.raises(ValueError, match="not in the corpus"):
        reuters_subset.select(records, size=10, required=["nope"])
    with pytest.raises(ValueError, match="qualify"):
        reuters_subset.select(records, size=100, required=[])


def test_written_subset_is_byte_reproducible(tmp_path: Path) -> None:
    records = RECORDS[:20]
    one, two = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    reuters_subset.write_jsonl_gz(one, records)
    reuters_subset.write_jsonl_gz(two, records)
    assert one.read_bytes() == two.read_bytes()
    assert reuters_subset.read_jsonl_gz(one) == records


@pytest.mark.skipif(not SHARED_CORPUS.is_file(), reason="shared Reuters corpus not present")
def test_committed_subset_is_what_the_script_draws() -> None:
    drawn = reuters_subset.select(reuters_subset.read_jsonl_gz(SHARED_CORPUS))
    assert drawn == RECORDS


# ------------------------------------------------------------------ set selection


def test_sets_and_their_cache_folders(tmp_path: Path) -> None:
    assert set(EVAL_SETS) == {
        "sample", "reuters-dev", "reuters-test", "reuters-dev2", "general-dev"
    }  # fmt: skip
    assert get_set("reuters-dev2").corpus != get_set("reuters-dev").corpus  # unseen stories
    assert get_set("sample").corpus is None and get_set("sample").baseline is not None
    dev, test = get_set("reuters-dev"), get_set("reuters-test")
    assert cached_index_dir(dev, tmp_path) == cached_index_dir(test, tmp_path)
    assert cached_index_dir(dev, tmp_path) != cached_index_dir(get_set("sample"), tmp_path)
    assert cached_index_dir(get_set("sample"), tmp_path).name == "eval-sample-index"
    with pytest.raises(InputError, match="unknown question set 'nope'"):
        get_set("nope")


def test_corpus_is_unpacked_once_to_a_fixed_path(tmp_path: Path) -> None:
    dev = get_set("reuters-dev")
    path = unpacked_corpus(dev, tmp_path)
    assert path is not None and path.suffix == ".jsonl"
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(RECORDS)
    stamp = path.stat().st_mtime_ns
    assert unpacked_corpus(get_set("reuters-test"), tmp_path) == path
    assert path.stat().st_mtime_ns == stamp  # unchanged content is not rewritten
    assert unpacked_corpus(get_set("sample"), tmp_path) is None


def test_unreadable_corpus_is_a_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(InputError, match=r"broken\.jsonl\.gz: cannot read the eval corpus"):
        read_corpus(broken)
    fine = tmp_path / "fine.jsonl.gz"
    fine.write_bytes(gzip.compress(b'{"id": "a", "text": "t"}\n'))
    assert read_corpus(fine) == [{"id": "a", "text": "t"}]


def test_label_metadata_comes_from_the_corpus() -> None:
    labels = label_metadata(get_set("reuters-test"))
    assert len(labels) == len(RECORDS)
    first = RECORDS[0]
    assert labels[str(first["id"])] == {
        "outlet": "Reuters",
        "author": first["author"],
        "published": first["published"],
    }
    assert "000_47c02b85d0691610" in label_metadata(get_set("sample"))


# ------------------------------------------------------------------ the new rates


def test_false_conflict_counts_only_non_conflict_questions() -> None:
    disagree = {"answer": "The sources disagree: one says 14 cts [1], the other 1.4 cts [2]."}
    plain = {"answer": "Net income was 258,125 dlrs [1]."}
    assert says_conflict(disagree) and not says_conflict(plain)
    assert says_conflict({"answer": "the  sources DISAGREE on it"})
    assert false_conflict(disagree, question(type="factoid")) is True
    assert false_conflict(plain, question(type="factoid")) is False
    assert false_conflict(disagree, question(type="conflict")) is None
    unanswerable = question(type="unanswerable", answers=[], articles=[], evidence=[])
    assert false_conflict(disagree, unanswerable) is True


def test_false_abstention_counts_only_answerable_questions() -> None:
    refused = {"answer": "The indexed articles don't say.", "abstained": True}
    answered = {"answer": "x", "abstained": False}
    assert false_abstention(refused, question()) is True
    assert false_abstention(answered, question()) is False
    unanswerable = question(type="unanswerable", answers=[], articles=[], evidence=[])
    assert false_abstention(refused, unanswerable) is None


class _Answer:
    def __init__(self, text: str, abstained: bool) -> None:
        self.data = {
            "answer": text,
            "abstained": abstained,
            "citations": [] if abstained else [citation("A", EVIDENCE, "pro-HTS sources")],
        }

    def to_dict(self) -> dict[str, Any]:
        return self.data


class _Assistant:
    """Says "disagree" to questions with "disagree" in them and refuses "refuse" ones."""

    def ask(self, text: str) -> _Answer:
        if "refuse" in text:
            return _Answer("The indexed articles don't say.", True)
        prefix = "The sources disagree: " if "disagree" in text else ""
        return _Answer(f"{prefix}{EVIDENCE} [1]", False)

    def search(self, query: str, k: int = 10) -> list[Any]:
        return []

    def conversation(self) -> _Assistant:
        return self


def test_runner_reports_the_rates_overall_and_by_kind() -> None:
    unanswerable = question(
        id="e", type="unanswerable", question="refuse!", answers=[], articles=[], evidence=[]
    )
    questions = [
        question(id="a", kind="who"),
        question(id="b", kind="who", question="disagree?"),
        question(id="c", kind="quantity", question="refuse?"),
        question(id="d", type="conflict", question="disagree?", answers=["pro-HTS", "15"]),
        replace(unanswerable, claimant=None, kind="unanswerable"),
    ]
    report = run_questions(_Assistant(), questions, metadata={})
    overall = report["summary"]["overall"]
    # non-conflict questions a, b, c, e: only b says "disagree"
    assert overall["false_conflict_rate"]["mean"] == pytest.approx(1 / 4)
    assert overall["false_conflict_rate"]["n"] == 4
    # answerable a, b, c, d: only c was refused
    assert overall["false_abstention_rate"]["mean"] == pytest.approx(1 / 4)
    assert report["summary"]["by_kind"]["who"]["false_conflict_rate"]["mean"] == 0.5
    assert report["summary"]["by_kind"]["quantity"]["false_abstention_rate"]["mean"] == 1.0
    assert {row["id"]: row["kind"] for row in report["rows"]}["e"] == "unanswerable"


# ------------------------------------------------------------------ rag eval --set


@pytest.fixture
def fake_eval(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """`rag eval` with the index step and the Assistant replaced by fakes."""
    from news_rag.eval import sets
    from news_rag.rag import assistant

    seen: dict[str, Any] = {}

    def prepare_index(eval_set: Any, index_dir: Any, progress: Any = None) -> tuple[Path, float]:
        seen["set"] = eval_set.name
        seen["index_dir"] = index_dir
        return tmp_path / "index", 1.5

    class _Opened(_Assistant):
        def load(self) -> None:
            return None

    monkeypatch.setattr(sets, "prepare_index", prepare_index)
    monkeypatch.setattr(assistant.Assistant, "open", classmethod(lambda cls, *a, **k: _Opened()))
    return seen


def test_eval_set_runs_the_named_set_without_the_sample_gate(
    fake_eval: dict[str, Any], tmp_path: Path
) -> None:
    report_path = tmp_path / "r.json"
    result = CliRunner().invoke(
        cli, ["eval", "--set", "reuters-dev", "--json", "--report", str(report_path)]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert fake_eval["set"] == "reuters-dev" and fake_eval["index_dir"] is None
    assert summary["set"] == "reuters-dev"
    assert summary["questions_file"].endswith("reuters-dev.jsonl")
    assert summary["summary"]["n"] == len(DEV)
    assert summary["gate"]["baseline"] is None and summary["gate"]["checks"] == []
    assert summary["index_seconds"] == 1.5
    for name in ("answer_correct", "citation_precision", "claimant_correct"):
        assert name in summary["summary"]["overall"] and name in summary["headline"]
    assert "abstention_recall" in summary["headline"]
    assert summary["headline"]["false_conflict_rate"] == 0.0
    assert 0.0 <= summary["headline"]["false_abstention_rate"] <= 1.0
    assert len(json.loads(report_path.read_text())["rows"]) == len(DEV)


def test_eval_table_shows_the_rates(fake_eval: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["eval", "--set", "reuters-test"])
    assert result.exit_code == 0, result.output
    assert "false_conflict_rate" in result.output
    assert "false_abstention_rate" in result.output
    assert "By kind" in result.output
    assert "No baseline for this set" in result.output and "PASS" not in result.output
    assert fake_eval["set"] == "reuters-test"


def test_default_set_is_the_sample_with_its_baseline(fake_eval: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["eval", "--json"])
    summary = json.loads(result.output)
    assert fake_eval["set"] == "sample" and summary["set"] == "sample"
    assert summary["gate"]["baseline"].endswith("sample.json")


def test_unknown_set_is_refused() -> None:
    result = CliRunner().invoke(cli, ["eval", "--set", "nope"])
    assert result.exit_code == 2
    assert "nope" in result.output


# ------------------------------------------------------------------ rag eval --settings / --engine


@pytest.fixture
def opened_with(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """`rag eval` with fakes that record the settings the Assistant was opened with."""
    from news_rag.eval import sets
    from news_rag.rag import assistant

    seen: dict[str, Any] = {}

    class _Opened(_Assistant):
        def load(self) -> None:
            return None

    def open_(cls: Any, index_dir: Any, settings: Any = None, **_: Any) -> _Opened:
        seen["settings"] = settings
        return _Opened()

    monkeypatch.setattr(sets, "prepare_index", lambda *a, **k: (tmp_path / "index", None))
    monkeypatch.setattr(assistant.Assistant, "open", classmethod(open_))
    return seen


def test_eval_runs_with_a_settings_file_and_records_it(
    opened_with: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"answer": {"relevance_threshold": 0.4}}))
    result = CliRunner().invoke(
        cli, ["eval", "--set", "reuters-dev", "--settings", str(path), "--json"]
    )
    assert result.exit_code == 0, result.output
    used = opened_with["settings"]
    assert used.answer.relevance_threshold == 0.4
    assert json.loads(result.output)["settings"]["answer"]["relevance_threshold"] == 0.4


def test_eval_engine_option_names_the_one_engine_and_keeps_the_settings_file(
    opened_with: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"answer": {"max_sentences": 2}}))
    args = ["eval", "--set", "reuters-dev", "--json", "--settings", str(path)]
    result = CliRunner().invoke(cli, [*args, "--engine", "analysis"])
    assert result.exit_code == 0, result.output
    assert opened_with["settings"].answer.max_sentences == 2
    assert "engine" not in json.loads(result.output)["settings"]["answer"]
    removed = CliRunner().invoke(cli, [*args, "--engine", "legacy"])
    assert removed.exit_code == 2 and "'legacy' is not 'analysis'" in removed.output


def test_eval_refuses_a_bad_settings_file_or_engine(
    opened_with: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"answer": {"nope": 1}}))
    result = CliRunner().invoke(cli, ["eval", "--settings", str(path)])
    assert result.exit_code != 0 and "nope" in result.output
    assert "Traceback" not in result.output and "settings" not in opened_with
    result = CliRunner().invoke(cli, ["eval", "--engine", "regex"])
    assert result.exit_code == 2 and "regex" in result.output
