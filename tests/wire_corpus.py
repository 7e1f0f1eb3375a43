"""A tiny wire corpus: three Reuters-style JSONL stories, each with a different dateline.

The place comes three ways, as in real feeds: a JSONL `dateline` field, a JSONL `places`
list, and a dateline opening the body text (which the write path takes out of the body).
"""

from __future__ import annotations

import json
from pathlib import Path

STORIES = [
    {
        "id": "wire-houston",
        "title": "Texaco raises crude oil postings",
        "source": "Reuters",
        "date": "1987-02-26",
        "dateline": "HOUSTON, Feb 26 -",
        "text": (
            "Texaco Inc said it raised the posted price of West Texas Intermediate crude oil "
            "by 50 cts a barrel to 17.50 dlrs, effective today.\n"
            "The company said the increase follows similar moves by other refiners in the "
            "Gulf Coast region. Refinery demand for crude oil has risen this month, "
            "traders said.\nREUTER"
        ),
    },
    {
        "id": "wire-bahia",
        "title": "Bahia cocoa review",
        "source": "Reuters",
        "date": "1987-02-26",
        "places": ["brazil"],
        "text": (
            "Showers continued throughout the week in the Bahia cocoa zone, alleviating the "
            "drought and improving prospects for the coming temporao harvest, Comissaria "
            "Smith said in its weekly review.\n"
            "Arrivals of cocoa for the week were 155,221 bags of 60 kilos, the review said."
        ),
    },
    {
        "id": "wire-london",
        "title": "Bank of England provides money market help",
        "source": "Reuters",
        "date": "1987-03-02",
        "text": (
            "LONDON, March 2 - The Bank of England said it provided the money market with "
            "215 mln stg of assistance in the morning session.\n"
            "The central bank bought bills outright at an interest rate of 10-7/8 pct, "
            "dealers said. The market shortage was forecast at 450 mln stg.\nREUTER"
        ),
    },
]

# The place each story's dateline should give, by article title.
PLACES = {
    "Texaco raises crude oil postings": "HOUSTON",
    "Bahia cocoa review": "brazil",
    "Bank of England provides money market help": "LONDON",
}


def write_wire_corpus(folder: Path) -> Path:
    """The stories as one JSONL file in `folder`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(story) for story in STORIES]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
