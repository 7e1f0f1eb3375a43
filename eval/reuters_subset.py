"""The committed Reuters-21578 subset of the Reuters question sets, and how it was drawn.

Reproduce the committed file from the shared corpus with:

    python -m news_rag.eval.reuters_subset ../shared/corpora/reuters21578.jsonl.gz \
        eval/corpora/reuters-1000.jsonl.gz

The selection is deterministic: the articles with a real body (`MIN_WORDS`..`MAX_WORDS`
words and at least `MIN_SENTENCES` sentence ends, so tables of figures are left out) are
shuffled with `SEED`, and the first of them are taken, after the `REQUIRED` articles, until
there are `SIZE` in all. `REQUIRED` holds stories that the corpus reports twice with
different figures or names (a story and its correction): the conflict questions are written
from them, and they are kept even when shorter than `MIN_WORDS`. Adding a required article
drops only the last shuffled one, so questions written from the others stay valid.
Records are written with their original fields, in corpus order, into a gzip file whose
header carries no time stamp (the same input gives the same bytes).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

SIZE = 1000
SEED = 21578
# "A few hundred words": long enough to hold several facts and a quote, short enough to keep
# the committed file under 1 MB (1,000 articles of 150-450 words gzip to about 0.65 MB).
MIN_WORDS = 150
MAX_WORDS = 450
# Earnings tables ("Shr 20 cts vs 15 cts") have almost no sentence ends; prose has many.
MIN_SENTENCES = 5
REQUIRED: tuple[str, ...] = (
    "reuters-1159",  # Lifetime / Nippon Lace: which company Koba buys into ...
    "reuters-1209",  # ... and the correction
    "reuters-3790",  # Rexnord sells its railway unit to Banner Industries ...
    "reuters-3910",  # ... corrected to Oak Industries
    "reuters-8156",  # EC "imposed" a vegetable oil levy ...
    "reuters-8596",  # ... corrected to "proposed"
    "reuters-8896",  # ATT: a 600-member training team ...
    "reuters-9043",  # ... corrected to 500
    "reuters-9330",  # Tseng: 14 cts a share ...
    "reuters-9390",  # ... corrected to 1.4 cts
    "reuters-9915",  # Mobil: 46,000 barrels a year ...
    "reuters-10038",  # ... corrected to a day
    "reuters-16211",  # Crazy Eddie: rights expire "April Nine" ...
    "reuters-16409",  # ... corrected to April 9, 1997
    "reuters-16483",  # Goodyear: year-ago loss of 64 cents a share ...
    "reuters-16597",  # ... corrected to 59 cents
)
_SENTENCE_END = re.compile(r"[a-z0-9)\"]\.\s")


def has_real_body(record: dict[str, Any]) -> bool:
    """A prose article of a few hundred words (not a table of figures)."""
    text = str(record.get("text") or "")
    words = len(text.split())
    return MIN_WORDS <= words <= MAX_WORDS and len(_SENTENCE_END.findall(text)) >= MIN_SENTENCES


def select(
    records: Sequence[dict[str, Any]],
    size: int = SIZE,
    seed: int = SEED,
    required: Iterable[str] = REQUIRED,
) -> list[dict[str, Any]]:
    """The subset, in corpus order: the required ids, then shuffled eligible articles."""
    by_id = {str(r["id"]): r for r in records}
    wanted = list(dict.fromkeys(required))
    missing = [i for i in wanted if i not in by_id]
    if missing:
        raise ValueError(f"required articles not in the corpus: {', '.join(missing)}")
    chosen = set(wanted)
    eligible = [str(r["id"]) for r in records if has_real_body(r)]
    random.Random(seed).shuffle(eligible)
    for article_id in eligible:
        if len(chosen) >= size:
            break
        chosen.add(article_id)
    if len(chosen) < size:
        raise ValueError(f"only {len(chosen)} articles qualify, need {size}")
    return [r for r in records if str(r["id"]) in chosen]


def read_jsonl_gz(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def write_jsonl_gz(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Atomic, byte-reproducible write (gzip header without file name or time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        for record in records:
            gz.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    tmp.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m news_rag.eval.reuters_subset CORPUS.jsonl.gz OUT.jsonl.gz")
        return 2
    source, target = Path(args[0]), Path(args[1])
    try:
        subset = select(read_jsonl_gz(source))
    except (OSError, ValueError) as exc:
        print(f"Error: {source}: {exc}", file=sys.stderr)
        return 1
    write_jsonl_gz(target, subset)
    print(f"{len(subset)} articles written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
