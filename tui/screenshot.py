"""Export an SVG screenshot of the chat answering a question (the README picture).

    python -m tui.screenshot docs/screenshot.svg [--index DIR] [--question TEXT]...

Runs the app headless on the given index (default: the usual index location) with a
throw-away sessions database, asks the question and saves what the screen shows.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from news_rag.tui.app import ChatApp
from news_rag.tui.widgets.chat_input import ChatInput

DEFAULT_QUESTION = "Who said the US is training militants at al-Tanf?"


async def capture(app: ChatApp, questions: list[str], target: Path, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        while not app.chat.ready:
            await app.workers.wait_for_complete()
            await pilot.pause()
            if not app.chat.ready and not app.workers:
                raise SystemExit(f"the index did not load: {app.chat.not_ready_reason}")
        box = app.chat.query_one(ChatInput)
        box.cursor_blink = False
        for question in questions:
            box.value = question
            await pilot.press("enter")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
        target.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=target.name, path=str(target.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument(
        "--question", action="append", help="ask this (repeat for several; default: one)"
    )
    parser.add_argument("--size", default="120x36", help="COLUMNSxROWS")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as scratch:
        app = ChatApp(index_dir=args.index, sessions_path=Path(scratch) / "sessions.sqlite")
        questions = args.question or [DEFAULT_QUESTION]
        asyncio.run(capture(app, questions, args.output, (columns, rows)))
    print(args.output)


if __name__ == "__main__":
    main()
