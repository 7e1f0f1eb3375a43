"""Export an SVG screenshot of the chat (the README picture).

    python -m news_rag.tui.screenshot docs/screenshot.svg [--index DIR] [--question TEXT]...
        [--session TURNS.json] [--size 120x36] [--key f5]...

Runs the app headless on the given index (default: the usual index location) with a
throw-away sessions database and saves what the screen shows. `--session` seeds that
database with stored turns (a JSON list of {"question", "answer": Answer.to_dict()}), shown
as a reopened session; `--question` asks live; `--key` presses keys before the capture.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from pathlib import Path

from news_rag.tui.app import ChatApp
from news_rag.tui.widgets.chat_input import ChatInput

DEFAULT_QUESTION = "Who said the US is training militants at al-Tanf?"


async def capture(
    app: ChatApp, questions: list[str], keys: list[str], target: Path, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        for _ in range(600):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.chat.ready:
                break
            if not app.workers:
                raise SystemExit(f"the index did not load: {app.chat.not_ready_reason}")
        box = app.chat.query_one(ChatInput)
        box.cursor_blink = False
        for question in questions:
            box.value = question
            await pilot.press("enter")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        target.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=target.name, path=str(target.parent))


def seed(sessions: Path, turns_file: Path, index: Path | None) -> None:
    """Store the turns of `turns_file` as one session held on `index`."""
    from news_rag.rag import Assistant
    from news_rag.tui.index_summary import IndexSummary
    from news_rag.tui.session_store import SessionStore

    turns = json.loads(turns_file.read_text(encoding="utf-8"))
    identity = IndexSummary.of(Assistant.open(index)).identity
    store = SessionStore(sessions)
    session = store.create(turns[0]["question"], identity)
    for turn in turns:
        store.add_turn(session, turn["question"], turn["answer"], turn.get("options"))
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--question", action="append", help="ask this (repeat for several)")
    parser.add_argument("--session", type=Path, help="seed a session from this JSON file")
    parser.add_argument("--key", action="append", default=[], help="press this key first")
    parser.add_argument("--size", default="120x36", help="COLUMNSxROWS")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as scratch:
        sessions = Path(scratch) / "sessions.sqlite"
        if args.session:
            seed(sessions, args.session, args.index)
        app = ChatApp(index_dir=args.index, sessions_path=sessions)
        questions = args.question or ([] if args.session else [DEFAULT_QUESTION])
        asyncio.run(capture(app, questions, args.key, args.output, (columns, rows)))
    print(args.output)


if __name__ == "__main__":
    main()
