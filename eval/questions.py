"""Load and validate a regression question file (JSON Lines, one question a line)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from news_rag.eval.records import QUESTION_TYPES, Question
from news_rag.index.errors import InputError

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
DEFAULT_QUESTIONS_PATH = QUESTIONS_DIR / "sample.jsonl"
SAMPLE_ARTICLES_DIR = Path(__file__).resolve().parents[1] / "index" / "sample"

REQUIRED_FIELDS = (
    "id",
    "type",
    "question",
    "answers",
    "articles",
    "evidence",
    "claimant",
    "follows",
)
MIN_TOTAL = 60
# The Reuters sets together (dev + test), as issue 9 asks: at least 150 questions, 30
# unanswerable and 10 follow-up pairs; the other minimums keep every type represented.
REUTERS_MIN_TOTAL = 150
REUTERS_MIN_PER_TYPE: Mapping[str, int] = {
    "factoid": 40,
    "attribution": 20,
    "multi_article": 6,
    "conflict": 6,
    "followup": 20,
    "unanswerable": 30,
}
MIN_PER_TYPE: Mapping[str, int] = {
    "factoid": 12,
    "attribution": 10,
    "metadata": 6,
    "multi_article": 5,
    "conflict": 3,
    "paraphrase": 8,
    "followup": 8,
    "unanswerable": 10,
}

# The real labels of the bundled sample (what a citation's source label must show).
SAMPLE_ARTICLE_METADATA: Mapping[str, Mapping[str, str | None]] = {
    "000_47c02b85d0691610": {
        "outlet": "Global Research",
        "author": "South Front",
        "published": "2017-11-25",
        "original_source": "South Front",
        "original_published": "2017-11-24",
    },
    "001_8c7b6652919dcb47": {
        "outlet": "Global Research",
        "author": "South Front",
        "published": "2018-11-24",
        "original_source": "South Front",
        "original_published": "2018-11-23",
    },
    "002_8625dc86a6e1d16d": {
        "outlet": None,
        "author": "South Front",
        "published": None,
        "original_source": None,
        "original_published": None,
    },
    "003_c20bc0d91e597606": {
        "outlet": "Global Research",
        "author": "South Front",
        "published": "2017-11-21",
        "original_source": "South Front",
        "original_published": "2017-11-20",
    },
    "004_348da576ec3a46c1": {
        "outlet": "Global Research",
        "author": "Stephen Lendman",
        "published": "2017-11-09",
        "original_source": None,
        "original_published": None,
    },
}

_MD_LINK = re.compile(r"\[([^\]]*)\]\(#\)")
_MD_MARKS = re.compile(r"\*\*|</?u>")


class QuestionFileError(InputError):
    """The question file is missing or a line is not a valid question."""


def strip_markup(text: str) -> str:
    """Article file text without markdown remnants: `[x](#)` -> x, no `**`, no `<u>`."""
    return _MD_MARKS.sub("", _MD_LINK.sub(r"\1", text))


def _check_record(data: Any, where: str) -> list[str]:
    if not isinstance(data, dict):
        return [f"{where}: not a JSON object"]
    problems = [f"{where}: missing field {name!r}" for name in REQUIRED_FIELDS if name not in data]
    if problems:
        return problems
    if data["type"] not in QUESTION_TYPES:
        problems.append(f"{where}: unknown type {data['type']!r}")
    for name in ("id", "question"):
        if not isinstance(data[name], str) or not data[name].strip():
            problems.append(f"{where}: {name!r} must be a non-empty string")
    for name in ("answers", "articles", "evidence"):
        value = data[name]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            problems.append(f"{where}: {name!r} must be a list of non-empty strings")
    for name in ("claimant", "follows"):
        if data[name] is not None and not isinstance(data[name], str):
            problems.append(f"{where}: {name!r} must be a string or null")
    return problems


def load_questions(path: Path | str = DEFAULT_QUESTIONS_PATH) -> list[Question]:
    """Read a question file; raises QuestionFileError naming the first bad line."""
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QuestionFileError(f"cannot read question file {file}: {exc.strerror}") from exc
    questions = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{file.name}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QuestionFileError(f"{where}: not valid JSON ({exc.msg})") from exc
        problems = _check_record(data, where)
        if problems:
            raise QuestionFileError(problems[0])
        questions.append(Question.from_dict(data))
    return questions


def _article_texts(articles_dir: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(articles_dir.glob("*.txt"))}


def validate_questions(
    questions: Sequence[Question],
    articles_dir: Path | None = SAMPLE_ARTICLES_DIR,
    min_per_type: Mapping[str, int] = MIN_PER_TYPE,
    min_total: int = MIN_TOTAL,
    texts: Mapping[str, str] | None = None,
    check_answers: bool = False,
) -> list[str]:
    """Every problem with a question set, as readable lines (empty when valid).

    Checks unique ids, per-type and total minimums, follow-ups pointing to an
    earlier id, unanswerable questions without gold, answerable ones with
    answers and articles, and (when `articles_dir` or `texts`, article id -> text, is
    given) that every gold article exists and every evidence sentence occurs verbatim
    in one of the question's gold articles (raw text, raw text with markdown marks
    removed, or either with runs of whitespace made single spaces, for wire text with
    hard line breaks). With `check_answers`, every gold answer alias must also occur
    (as `contains_phrase` matches it) in one of the question's gold articles.
    """
    problems: list[str] = []
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            problems.append(f"{q.id}: duplicate id")
        if q.follows is not None and q.follows not in seen:
            problems.append(f"{q.id}: follows {q.follows!r}, which is not an earlier question")
        seen.add(q.id)
        problems.extend(_check_gold(q))
    counts = Counter(str(q.type) for q in questions)
    for qtype, minimum in min_per_type.items():
        if counts[qtype] < minimum:
            problems.append(f"type {qtype}: {counts[qtype]} questions, need {minimum}")
    if len(questions) < min_total:
        problems.append(f"{len(questions)} questions in all, need {min_total}")
    if texts is None and articles_dir is not None:
        texts = _article_texts(articles_dir)
    if texts is not None:
        problems.extend(_check_evidence(questions, texts))
        if check_answers:
            problems.extend(_check_answers(questions, texts))
    return problems


def _check_gold(q: Question) -> list[str]:
    problems: list[str] = []
    if q.type == "unanswerable":
        if q.answers or q.articles or q.evidence:
            problems.append(f"{q.id}: unanswerable questions carry no gold answers or articles")
    elif not q.answers or not q.articles:
        problems.append(f"{q.id}: answerable questions need answers and gold articles")
    if q.type == "multi_article" and len(set(q.articles)) < 2:
        problems.append(f"{q.id}: multi_article questions need two or more gold articles")
    if q.type == "conflict" and len(q.answers) < 2:
        problems.append(f"{q.id}: conflict questions need one answer per side (two or more)")
    return problems


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _check_answers(questions: Sequence[Question], texts: Mapping[str, str]) -> list[str]:
    from news_rag.eval.metrics import contains_phrase

    problems: list[str] = []
    for q in questions:
        gold = [texts[a] for a in q.articles if a in texts]
        for alias in q.answers:
            if not any(contains_phrase(text, alias) for text in gold):
                problems.append(f"{q.id}: answer {alias!r} is not in a gold article")
    return problems


def check_split(*question_sets: Sequence[Question]) -> list[str]:
    """Problems with a split of one question pool into sets: an id or a gold article in
    two sets, or a follow-up whose question is in another set."""
    problems: list[str] = []
    owner_of_article: dict[str, int] = {}
    owner_of_id: dict[str, int] = {}
    for number, questions in enumerate(question_sets):
        for q in questions:
            if owner_of_id.setdefault(q.id, number) != number:
                problems.append(f"{q.id}: id in two sets")
            for article in q.articles:
                if owner_of_article.setdefault(article, number) != number:
                    problems.append(f"{q.id}: article {article} is in two sets")
    for number, questions in enumerate(question_sets):
        for q in questions:
            if q.follows is not None and owner_of_id.get(q.follows) != number:
                problems.append(f"{q.id}: follows {q.follows}, which is in another set")
    return problems


def _check_evidence(questions: Sequence[Question], texts: Mapping[str, str]) -> list[str]:
    problems: list[str] = []
    stripped = {key: strip_markup(text) for key, text in texts.items()}
    for q in questions:
        missing = [a for a in q.articles if a not in texts]
        problems.extend(f"{q.id}: unknown article {a!r}" for a in missing)
        gold = [a for a in q.articles if a in texts]
        for sentence in q.evidence:
            flat = _squeeze(sentence)
            if not any(
                sentence in texts[a]
                or sentence in stripped[a]
                or flat in _squeeze(texts[a])
                or flat in _squeeze(stripped[a])
                for a in gold
            ):
                problems.append(
                    f"{q.id}: evidence not verbatim in a gold article: {sentence[:50]!r}"
                )
    return problems
