"""Records of the article analysis: what crosses from the analyser to the store and `rag/`.

`ArticleInput` is one article to analyse (text, sentence spans, and the metadata the analysis
depends on); `SentenceAnalysis` is the result for one sentence. All offsets are character
offsets into the article's cleaned text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from news_rag.index.language.entities import Entity

# Bump when the analysis code changes its output for the same input, so that stored rows are
# redone. (A changed word list or model changes the input hash by itself.)
# 4-6: entity heads; 7-8: CAUSE entities; 9-10: periods; 11-14: amounts; 15-16: withheld
# values; 17: no MONEY or PERCENT without a number; 18: a range of days is its first day;
# 19: no entity inside an amount's unit ("37.5 cts", "cts" an ORG); 20: a MONEY or PERCENT
# without its unit word takes the one after it ("81.25 billion" then "stg"); 21: a range of
# amounts is one ("600 mln to 620 mln dlrs"); 22: hanging where its first amount does;
# 23-25: a person's title is its last head ("Interior Minister Omar Said": "minister");
# 26: what a number counts a part of is its first head ("62 of the 150 seats": "seat");
# 27: a currency sign NER left out is part of the amount ("$34"); 28: TIME and PRODUCT entities
# 29: each entity's role in the parse ("nsubj", "pobj:for": who does what to whom)
# 30: a person's title read past an honorific ("Lead author Dr. Tomas Lindqvist": "author")
# 31: a name with a person's role as its title is a PERSON ("Chief executive Karen Holt",
# tagged an ORG); a change verb's subject is a head of its amounts ("Revenue rose to ...")
# 32: an amount NER left untagged, with its scale and unit, is one ("at least 85 million
# dollars", where the small model tags "at least"; "Shr 40 cts")
# 34: a name tagged a person with an organisation noun first in apposition is an ORG
# ("Construtora Meridiano, a private engineering group")
# 35: and one with an organisation noun before it ("the research firm Canalys")
# 36: a person's age NER calls a DATE is a CARDINAL ("Marcus Webb, 58,"; "aged 24 and 31");
# the organisation noun of 35 is the word right before the name (35 read none)
# 37: a match score or tally is a CARDINAL ("beating Port Linden 2-1", "voted 93-0"), and
# no name runs into it ("Port Linden 2-1" a FAC)
# 38: a value told as none is withheld ("gave no actual outturn", "made no mention of")
# 39: a spaced ellipsis (". . .") is closed up before the parse: spaced, it ended a sentence
# inside a quote, and the words after it became who said it
# 40: a count NER left untagged is a CARDINAL ("about 900 employees": the small model tags
# none of it)
# 41: a run of proper nouns NER left untagged is a name when the story tags the same words
# as one elsewhere, or a person's last name ("Tessary, based in Austin, ...";
# "Mensah, 24, scored"): `story_names`; and a short number in apposition to a proper noun
# NER tagged nothing in is an age ("Mensah, 24,")
# 42: a name NER tagged a person that ends in an organisation word is an ORG ("Perwira Habib
# Bank", "Heublein Inc"); a company's name without its legal form is the company where the
# story names it with one ("Veltrix" tagged a place, or untagged, beside "Veltrix Inc");
# an amount's currency may follow its country ("32 U.S. Dlrs")
# 43: a bare description of an organisation ("The airline carried ...") is read as the
# story's organisation it stands for, over the story's corrected names (`described.py`)
# 44: "it" as a subject and "its" as a possessor stand for the organisation named nearest
# before them (`described.py`)
# 45: a short number in apposition to a proper noun is an age whatever NER tags the noun
# ("Okoye, 52,", "Okoye" a GPE); a one-word name tagged a place or a thing that is the
# surname of a person the story names is that person (`story_names.as_person`)
# 46: a company's first word alone is the company ("Skyline" of "Skyline Air":
# `story_names.first_name`); "the airline" is never a body its name says is no business
# ("The Cabin Crew Union": `described._public_body`); "the companies said" is no one
# company's claim (`claims._named_claim`)
# 47: a name tagged a person in apposition to an organisation's noun is the organisation
# ("A second company, the transport contractor Dunley Haulage,":
# `article._described_organisation`); a name before "-based" is a place ("the Oslo-based
# company": `article._based_in`)
# 48: a date of a noun a speech verb reports is what was said, not the saying's date ("The
# company today reported a 1986 loss": `article._date_of_saying`)
# 49: a year written into a word ("end-1986", "mid-1987") is a period of the sentence
# (`language.dates.hyphened_year`)
# 50: a closing "..., the president of X, Name, said." the parser left without a subject has
# the name before it as its speaker (`cue._speaker_before`); a negated phrasal verb of
# telling withholds ("does not break out earnings by unit": `withheld`)
# 51: a month's name NER left untagged is a period of the sentence ("May spec shorts
# totaled 13.6 pct": `dates.untagged_months`)
# 52: a short form between commas defines an acronym, its letters in any order ("The
# Brazilian Coffee Institute, IBC,": `name_forms.learn`)
# 53: a year a speech verb's date names is the period of what it reports ("Last year Pacific
# Gas reported earnings of ...": `dates.whole_year`), not the day of the saying
# 54: a claimant's name without the dateline opening its paragraph ("NEW YORK - Magma Copper
# Co": `source.claimant_name`)
# 55: "it" and "its" after a speaker NER left untagged ("Magma Copper Co ... said it is
# lowering its price") are the speaker's (`described._speaker`)
# 56: an amount under a verb of its level has the verb's subject among its heads ("Sales
# ... reached 23.8 billion dlrs": `language/data/level_verbs.txt`)
# 57: a person's heads end with the role a verb says the person is ("will remain president",
# "was named chairman": `heads._complement_role`)
# 58: more currencies are units of money (`language/data/units.tsv`: "five billion ecus",
# "44.6 mln intis")
# 59: no role from "be" ("Soleimani was a commander of the operation" is no title)
# 60: a ticker or short name in brackets is no apposition among a name's heads ("Pacific
# Telesis Group (PAC.N) ... holds": `heads._bracketed`); no entity ends with a conjunction
# or a preposition ("400 mln and": `article._without_joiner`)
# 61: "declined to comment on the size of the second tranche" withholds it
# (`withheld._comments_on`)
# 62: a person's name in full the model missed, whose surname the story tags alone, is the
# person ("Alain Vidal Naquet": `story_names._named_in_full`)
# 63: "declined to comment" withholds only what it comments on
# 64: a speaker's surname tagged an organisation, where no longer organisation name of the
# story has it, is the story's person ("Groussman said": `story_names.as_person`)
ANALYSIS_VERSION = 64

Span = tuple[int, int]


def _span(value: Any) -> Span | None:
    return None if value is None else (int(value[0]), int(value[1]))


@dataclass(frozen=True)
class SentenceAnalysis:
    """What the article says in one sentence, and on whose word."""

    ordinal: int  # position of the sentence in the article (0-based)
    start: int
    end: int
    claimant: str | None  # who asserts it, e.g. "Maria Zakharova (Russian Foreign Ministry ...)"
    claimant_span: Span | None  # where the claimant is named (may be an earlier sentence)
    claimant_explicit: bool  # False: fallback to the article's author or outlet
    cue: str | None  # the words that attribute it: "said", "according to", "reportedly", ...
    cue_span: Span | None  # where the cue is, when it is in this sentence
    hedge: str | None  # why the claim is unverified: "reportedly", "pro-government sources"
    quoted: bool  # the sentence is mostly quoted speech
    entities: tuple[Entity, ...]
    event_date: str | None  # ISO date (YYYY-MM-DD) of what the sentence reports, if resolved
    # The calendar periods its dates name, each (first day, last day) as ISO dates: a day, a
    # month or a year ("in February" in a March 1987 story: 1987-02-01..1987-02-28)
    periods: tuple[tuple[str, str], ...] = ()
    # The words saying a value or name was withheld ("were not disclosed", "declined to
    # estimate", "undisclosed"; `withheld.py`), or None
    withheld: str | None = None
    # The organisations its bare descriptions stand for ("The airline carried ..." in a story
    # about Northwind Air): ORG entities with the organisation's name and the description's
    # offsets, heads and role (`described.py`); whose figure it gives, never a name it shows
    described: tuple[Entity, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["periods"] = [list(p) for p in self.periods]
        data["claimant_span"] = list(self.claimant_span) if self.claimant_span else None
        data["cue_span"] = list(self.cue_span) if self.cue_span else None
        data["entities"] = [e.to_record() for e in self.entities]
        data["described"] = [e.to_record() for e in self.described]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceAnalysis:
        return cls(
            ordinal=int(data["ordinal"]),
            start=int(data["start"]),
            end=int(data["end"]),
            claimant=data.get("claimant"),
            claimant_span=_span(data.get("claimant_span")),
            claimant_explicit=bool(data["claimant_explicit"]),
            cue=data.get("cue"),
            cue_span=_span(data.get("cue_span")),
            hedge=data.get("hedge"),
            quoted=bool(data.get("quoted", False)),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            event_date=data.get("event_date"),
            periods=tuple((str(p[0]), str(p[1])) for p in data.get("periods", ())),
            withheld=data.get("withheld"),
            described=tuple(Entity.from_dict(e) for e in data.get("described", ())),
        )


@dataclass(frozen=True)
class ArticleInput:
    """One article to analyse. `spans` are its sentences, in order, as (start, end) offsets."""

    article_id: str
    text: str
    spans: tuple[Span, ...]
    published: str | None = None  # ISO date
    author: str | None = None
    outlet: str | None = None

    @property
    def fallback_claimant(self) -> str | None:
        """Who asserts a sentence that names no one: the author, else the outlet."""
        return self.author or self.outlet

    def input_hash(self) -> str:
        """sha256 of everything the analysis depends on (the article, the analysis version,
        the model and the word lists): equal hash, equal analysis."""
        from news_rag.index.analysis.lexicon import digest
        from news_rag.index.analysis.model import MODEL_NAME

        payload = json.dumps(
            [ANALYSIS_VERSION, MODEL_NAME, digest(), self.text, [list(s) for s in self.spans],
             self.published, self.author, self.outlet],
            ensure_ascii=False,
        )  # fmt: skip
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()
