"""The Reuters-21578 corpus of the `reuters-dev2` question set, and how it was drawn.

Reproduce the committed file from the shared corpus with:

    python -m news_rag.eval.reuters_dev2 ../shared/corpora/reuters21578.jsonl.gz \
        eval/corpora/reuters-dev2.jsonl.gz

The draw is deterministic and disjoint from the 1,000-article subset of `reuters-dev` /
`reuters-test` (`eval/corpora/reuters-1000.jsonl.gz`): the articles that pass the same
filter as that subset (`reuters_subset.has_real_body`: 150-450 words and at least five
sentence ends, so tables of figures are left out) and whose id is not in the committed
subset are shuffled with `SEED`, and the first `SIZE` are taken. Records are written with
their original fields, in corpus order, into a gzip file without a time stamp (the same
input gives the same bytes).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from news_rag.eval.reuters_subset import has_real_body, read_jsonl_gz, write_jsonl_gz

SIZE = 150
SEED = 19043  # not reuters_subset.SEED (21578): a different shuffle of what is left
EXCLUDED_SUBSET = Path(__file__).resolve().parent / "corpora" / "reuters-1000.jsonl.gz"


def select(
    records: Sequence[dict[str, Any]],
    excluded: Iterable[str],
    size: int = SIZE,
    seed: int = SEED,
) -> list[dict[str, Any]]:
    """`size` eligible articles whose id is not in `excluded`, in corpus order."""
    skip = {str(i) for i in excluded}
    eligible = [str(r["id"]) for r in records if str(r["id"]) not in skip and has_real_body(r)]
    if len(eligible) < size:
        raise ValueError(f"only {len(eligible)} articles qualify, need {size}")
    random.Random(seed).shuffle(eligible)
    chosen = set(eligible[:size])
    return [r for r in records if str(r["id"]) in chosen]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m news_rag.eval.reuters_dev2 CORPUS.jsonl.gz OUT.jsonl.gz")
        return 2
    source, target = Path(args[0]), Path(args[1])
    try:
        excluded = [str(r["id"]) for r in read_jsonl_gz(EXCLUDED_SUBSET)]
        drawn = select(read_jsonl_gz(source), excluded)
    except (OSError, ValueError, KeyError) as exc:
        print(f"Error: {source}: {exc}", file=sys.stderr)
        return 1
    write_jsonl_gz(target, drawn)
    print(f"{len(drawn)} articles written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
