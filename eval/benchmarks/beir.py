"""Load a dataset in BEIR's format: `corpus.jsonl`, `queries.jsonl`, `qrels/<split>.tsv`.

Every problem is a `BenchmarkDataError` whose message names the file (and line).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news_rag.index.errors import InputError

CORPUS_FILE = "corpus.jsonl"
QUERIES_FILE = "queries.jsonl"


class BenchmarkDataError(InputError):
    """A benchmark dataset file is missing or malformed."""


@dataclass(frozen=True)
class BeirDocument:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class BeirDataset:
    name: str
    root: Path
    corpus_path: Path
    queries: dict[str, str]  # every query of the split that has a relevant document
    qrels: dict[str, dict[str, int]]  # query id -> corpus id -> graded relevance
    corpus_size: int

    @property
    def query_ids(self) -> list[str]:
        return sorted(self.queries)


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BenchmarkDataError(f"{path}: missing; a BEIR dataset needs this file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BenchmarkDataError(f"{path}: cannot read ({exc})") from exc
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BenchmarkDataError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
        if not isinstance(value, dict):
            raise BenchmarkDataError(f"{path}:{number}: not a JSON object")
        yield number, value


def _record_id(value: dict[str, Any], path: Path, number: int) -> str:
    raw = value.get("_id", value.get("id"))
    if raw is None or not str(raw).strip():
        raise BenchmarkDataError(f"{path}:{number}: no '_id' field")
    return str(raw).strip()


def read_corpus(path: Path) -> list[BeirDocument]:
    """The documents of `corpus.jsonl` ({"_id", "title", "text"}), in file order."""
    documents: list[BeirDocument] = []
    seen: set[str] = set()
    for number, value in _json_lines(path):
        doc_id = _record_id(value, path, number)
        if doc_id in seen:
            raise BenchmarkDataError(f"{path}:{number}: duplicate _id {doc_id!r}")
        seen.add(doc_id)
        text = value.get("text")
        if not isinstance(text, str):
            raise BenchmarkDataError(f"{path}:{number}: no 'text' string")
        documents.append(BeirDocument(doc_id, str(value.get("title") or ""), text))
    if not documents:
        raise BenchmarkDataError(f"{path}: no documents")
    return documents


def read_queries(path: Path) -> dict[str, str]:
    queries: dict[str, str] = {}
    for number, value in _json_lines(path):
        text = value.get("text")
        if not isinstance(text, str) or not text.strip():
            raise BenchmarkDataError(f"{path}:{number}: no 'text' string")
        queries[_record_id(value, path, number)] = text.strip()
    return queries


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """`query-id <TAB> corpus-id <TAB> score` lines (a header line is allowed)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise BenchmarkDataError(
            f"{path}: missing; relevance judgements go in qrels/<split>.tsv"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BenchmarkDataError(f"{path}: cannot read ({exc})") from exc
    qrels: dict[str, dict[str, int]] = {}
    for number, line in enumerate(lines, 1):
        parts = line.strip().split("\t") if "\t" in line else line.split()
        if not parts or not line.strip():
            continue
        if number == 1 and parts[0] == "query-id":
            continue
        if len(parts) != 3:
            raise BenchmarkDataError(
                f"{path}:{number}: expected 'query-id<TAB>corpus-id<TAB>score', got {line!r}"
            )
        try:
            score = int(float(parts[2]))
        except ValueError as exc:
            raise BenchmarkDataError(
                f"{path}:{number}: score {parts[2]!r} is not a number"
            ) from exc
        qrels.setdefault(parts[0], {})[parts[1]] = score
    if not qrels:
        raise BenchmarkDataError(f"{path}: no relevance judgements")
    return qrels


def load_beir(path: str | Path, split: str = "test") -> BeirDataset:
    """Read and cross-check a BEIR dataset folder."""
    root = Path(path).expanduser()
    if not root.is_dir():
        raise BenchmarkDataError(
            f"{root}: not a folder; give a BEIR dataset folder "
            f"({CORPUS_FILE}, {QUERIES_FILE}, qrels/{split}.tsv)"
        )
    corpus_path = root / CORPUS_FILE
    qrels_path = root / "qrels" / f"{split}.tsv"
    queries_path = root / QUERIES_FILE
    qrels = read_qrels(qrels_path)
    queries = read_queries(queries_path)
    corpus_ids = {doc.id for doc in read_corpus(corpus_path)}
    missing_queries = sorted(set(qrels) - set(queries))
    if missing_queries:
        raise BenchmarkDataError(
            f"{qrels_path}: {len(missing_queries)} query id(s) not in {queries_path} "
            f"(e.g. {missing_queries[0]!r})"
        )
    missing_docs = sorted({d for rels in qrels.values() for d in rels} - corpus_ids)
    if missing_docs:
        raise BenchmarkDataError(
            f"{qrels_path}: {len(missing_docs)} corpus id(s) not in {corpus_path} "
            f"(e.g. {missing_docs[0]!r})"
        )
    judged = {q: rels for q, rels in qrels.items() if any(score > 0 for score in rels.values())}
    if not judged:
        raise BenchmarkDataError(f"{qrels_path}: no query has a relevant document (score > 0)")
    return BeirDataset(
        name=root.resolve().name,
        root=root,
        corpus_path=corpus_path,
        queries={q: queries[q] for q in judged},
        qrels=judged,
        corpus_size=len(corpus_ids),
    )
