"""Whether two `rag eval --report` files hold the same answers, question by question.

    python -m news_rag.eval.same_answers BEFORE.json AFTER.json [--json]

Every per-question field is compared (answer text, abstention, each citation's article,
offsets, quote and claimant, the passages retrieved, every score) except the timings, which
differ between runs. Exit status 0 when they are identical, 1 when any question differs (each
difference is listed), 2 when a file cannot be read. Used to show that a change of code
layout changed no behaviour.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

TIMING_FIELDS = frozenset({"latency_ms"})


def _rows(path: Path) -> dict[str, dict[str, Any]]:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SystemExit(f"Error: cannot read the eval report {path}: {exc}") from None
    if not isinstance(report, dict) or not isinstance(report.get("rows"), list):
        raise SystemExit(f"Error: {path} has no per-question rows; write it with rag eval --report")
    return {
        str(row["id"]): {k: v for k, v in row.items() if k not in TIMING_FIELDS}
        for row in report["rows"]
    }


def differences(before: Path, after: Path) -> list[dict[str, Any]]:
    """One entry per question whose fields differ (or that only one report holds)."""
    old, new = _rows(before), _rows(after)
    out: list[dict[str, Any]] = []
    for qid in sorted(old.keys() | new.keys()):
        a, b = old.get(qid), new.get(qid)
        if a is None or b is None:
            out.append({"id": qid, "only_in": str(before if b is None else after)})
            continue
        fields = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        if fields:
            out.append({"id": qid, "fields": {k: [a.get(k), b.get(k)] for k in fields}})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--json", action="store_true", help="print the differences as JSON")
    args = parser.parse_args(argv)
    diffs = differences(args.before, args.after)
    questions = len(_rows(args.before))
    if args.json:
        print(json.dumps({"questions": questions, "differences": diffs}, ensure_ascii=False))
    elif diffs:
        for diff in diffs:
            print(f"{diff['id']}: {', '.join(diff.get('fields') or ['missing'])}")
    else:
        print(f"identical: {questions} questions, every field but the timings")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
