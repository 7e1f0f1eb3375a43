"""Index-time cost of the analysis: articles per second on a JSONL corpus.

    python -m news_rag.index.analysis.benchmark ../shared/corpora/reuters21578.jsonl.gz --n 300
    python -m news_rag.index.analysis.benchmark CORPUS --n 1000 --processes 1   # one process

Prints the numbers (and `--json`); asserts nothing. Sentence spans come from
`news_rag.index.sentences.split_sentences`, timed separately.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any

from news_rag.index.analysis.analyse import DEFAULT_BATCH_SIZE, Analyser
from news_rag.index.analysis.model import load_pipeline
from news_rag.index.analysis.parallel import processes_for
from news_rag.index.analysis.records import ArticleInput


def _records(path: Path, count: int) -> list[dict[str, Any]]:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    out: list[dict[str, Any]] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("text"):
                out.append(record)
            if len(out) >= count:
                break
    return out


def run(path: Path, count: int, n_process: int | None, batch_size: int) -> dict[str, Any]:
    from news_rag.index.sentences import split_sentences

    records = _records(path, count)
    started = time.perf_counter()
    load_pipeline()
    loaded = time.perf_counter()
    articles = [
        ArticleInput(
            str(r.get("id", i)), r["text"], tuple(split_sentences(r["text"])),
            r.get("published"), r.get("author"), r.get("outlet"),
        )
        for i, r in enumerate(records)
    ]  # fmt: skip
    split = time.perf_counter()
    results = Analyser(n_process=n_process, batch_size=batch_size).analyse(articles)
    done = time.perf_counter()
    sentences = sum(len(r) for r in results)
    return {
        "articles": len(articles),
        "sentences": sentences,
        "n_process": n_process or processes_for(sentences),
        "batch_size": batch_size,
        "model_load_s": round(loaded - started, 2),
        "split_s": round(split - loaded, 2),
        "analyse_s": round(done - split, 2),
        "articles_per_s": round(len(articles) / (done - split), 1),
        "sentences_per_s": round(sentences / (done - split), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSONL (or .jsonl.gz) with a text field")
    parser.add_argument("--n", type=int, default=300, help="articles to analyse")
    parser.add_argument(
        "--processes", type=int, default=None, help="worker processes (default: as rag index)"
    )
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"Error: {args.corpus}: no such file; give a JSONL corpus", file=sys.stderr)
        return 2
    result = run(args.corpus, args.n, args.processes, args.batch_size)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>16}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
