"""What a count counts: "How many civilians were killed in the battle?" is not answered by
"28 terrorists were killed", though both are counts hanging from "killed".

A question counting things ("how many <noun>") names what it counts (`Intent.target`); a
count in a sentence is given with the noun it counts (`short_answer`: "28 terrorists").
They agree when the nouns are the same word, when the question counts a kind of thing any
of which answers ("people": `GENERIC_COUNT_NOUNS`), or when the model embeds the two nouns
as near-synonyms ("workers" and "employees", "troops" and "soldiers"). A count of another
thing, when no sentence of the answer counts the asked-for one, is contrary evidence: the
answer refuses, saying what the articles count instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from news_rag.index.language.entities import Entity
from news_rag.index.language.units import is_scale, unit_of
from news_rag.index.language.wordlists import data_list, words
from news_rag.rag.answer.amount_units import (
    COUNT_LABELS,
    COUNTED_NOUN_LETTERS,
    GENERIC_COUNT_NOUNS,
)
from news_rag.rag.answer.counted_phrase import counted_end
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.measured_thing import other_thing_measured
from news_rag.rag.answer.names import WORD_SIMILARITY
from news_rag.rag.answer.question_names import in_question
from news_rag.rag.question.intent import Intent

# Cosine similarity of the bundled MiniLM's embeddings of what the question counts (with its
# modifiers) and what a sentence counts, at or above which they are the same thing. Set by
# hand between the pairs it must tell apart (2026-12-05, all-MiniLM-L6-v2): the same
# "workers"/"employees" 0.85, "cars"/"vehicles" 0.88, "soldiers"/"troops" 0.89,
# "vessels"/"ships" 0.62, "ISIS fighters"/"terrorists" 0.64, "ISIS fighters"/"ISIS members"
# 0.79; others "civilians"/"terrorists" 0.55, "PMU fighters"/"suicide bombers" 0.41, "US
# troops"/"ISIS members" 0.41, "crew members"/"icebreaker" 0.19. Missed: names one side
# gives another's fighters ("fighters"/"militants" 0.53, "rebels"/"jihadists" 0.43) are
# refused, saying what is counted instead. Hypernyms score low ("people"/"civilians" 0.52):
# hence the list.
SAME_THING_SIMILARITY = 0.6

CONTAINER_NOUNS = data_list("news_rag.rag.answer", "container_nouns.txt")

Similarity = Callable[[str, str], float]
BARE = ""  # a count that says nothing of what it counts
ELSEWHERE = "-"  # a count whose noun is a pronoun or a unit


def counts_things(intent: Intent) -> bool:
    """A "how many <noun>" question counting things (`Intent.counts_things`), not in a unit
    ("how many tonnes") and not asking for money or a share."""
    if not intent.counts_things or intent.target is None or unit_of(intent.target):
        return False
    return not {"MONEY", "PERCENT"} & set(intent.expected_types)


def _nouns(entity: Entity, ev: Evidence, intent: Intent) -> str:
    """What one count counts: the words after its number ("suicide bombers" in "two suicide
    bombers"), `BARE` when nothing it counts is said ("1,400 from former Soviet republics",
    "28 were killed": it may count the asked-for thing), `ELSEWHERE` when a pronoun stands for
    it ("30 others") or it is a unit ("95,000 tonnes")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    text = ev.article.text
    inside = entity.text.split()
    digits = [n for n, w in enumerate(inside) if any(c.isdigit() for c in w)]
    tail = inside[digits[-1] + 1 :] if digits else []  # "6,500 jobs" tagged whole
    end = counted_end(entity, text, intent) if entity.label == "CARDINAL" else entity.end
    tail += text[entity.end : min(end, ev.cand.end)].split()  # "28" reaching "terrorists"
    said = [w for w in tail if not is_scale(w)]
    if not said:
        return BARE
    if all(w.casefold() in STOP_WORDS for w in said):
        return ELSEWHERE  # "30 others", "more"
    if not all(w.isalpha() and w.casefold() not in STOP_WORDS for w in said):
        return BARE  # "28 were killed": the count reached its verb
    if unit_of(said[-1]) is not None or said[-1].casefold().removesuffix("s") in words(
        CONTAINER_NOUNS
    ):
        return ELSEWHERE  # "95,000 tonnes", "one million units (of the Fold)"
    return " ".join(said)


def counted_nouns(ev: Evidence, intent: Intent) -> list[str]:
    """What each count of the sentence counts (see `_nouns`), those the question names left
    out ("How many of the 500 workers ...")."""
    if ev.info is None:
        return []
    counts = [
        e for e in ev.info.entities
        if e.label in COUNT_LABELS and ev.cand.start <= e.start and e.end <= ev.cand.end
        and not in_question(e, intent)
    ]  # fmt: skip
    return [_nouns(e, ev, intent) for e in counts]


def _asked_noun(intent: Intent) -> str:
    """What the question counts as it writes it, with its modifiers: "ISIS fighters" in "How
    many ISIS fighters were killed?" (the lemma "fighter" is `Intent.target`)."""
    said = [w.strip("?,.;:!\"'") for w in intent.question.split()]
    key = (intent.target or "")[:COUNTED_NOUN_LETTERS].casefold()
    lowered = [w.casefold() for w in said]
    start = lowered.index("many") + 1 if "many" in lowered else 0
    for n in range(start, len(said)):
        if lowered[n].startswith(key):
            return " ".join(said[start : n + 1])
    return intent.target or ""


def _same(noun: str, asked: str, similar: Similarity) -> bool:
    """Whether a sentence's counted noun is the asked one: the same word, unless each has
    words before it and they share none ("suicide bombers" for "Tu-22M3 bombers"), or a
    near-synonym (`SAME_THING_SIMILARITY`)."""
    *before, last = noun.casefold().split()
    *asked_before, asked_last = asked.casefold().split()
    same_noun = last[:COUNTED_NOUN_LETTERS] == asked_last[:COUNTED_NOUN_LETTERS]
    shared = any(_spelt_alike(w, a) for w in before for a in asked_before)
    if same_noun and (not (before and asked_before) or shared):
        return True
    return similar(noun, asked) >= SAME_THING_SIMILARITY


def _spelt_alike(word: str, other: str) -> bool:
    """One word, or the same misspelt ("managment" in a story for "management"; rapidfuzz
    ratio at least `names.WORD_SIMILARITY`)."""
    from rapidfuzz.fuzz import ratio

    return word == other or ratio(word, other) >= WORD_SIMILARITY


def _counts_other(
    ev: Evidence, asked: str, intent: Intent, similar: Similarity
) -> tuple[bool, str | None]:
    """(whether a count of the sentence may count the asked-for thing, another thing it
    counts)."""
    nouns = counted_nouns(ev, intent)
    if BARE in nouns or _sizes_asked_thing(ev, intent):
        return True, None
    named = [n for n in nouns if n != ELSEWHERE]
    if any(_same(n, asked, similar) for n in named):
        return True, None
    return False, named[0] if named else None


def _sizes_asked_thing(ev: Evidence, intent: Intent) -> bool:
    """Whether a count of the sentence gives the size of the asked-for thing through what
    it counts ("claims a membership of 360,000 black workers" for "How many members does
    the union claim?"): the noun its counted noun hangs from, its second stored head, is the
    asked one."""
    key = (intent.target or "")[:COUNTED_NOUN_LETTERS].casefold()
    if ev.info is None or not key:
        return False
    return any(
        e.label in COUNT_LABELS and len(e.heads) > 1 and e.heads[1].startswith(key)
        and ev.cand.start <= e.start and e.end <= ev.cand.end
        for e in ev.info.entities
    )  # fmt: skip


def other_count(
    typed: Sequence[Evidence], intent: Intent, similar: Similarity | None
) -> tuple[str, str] | None:
    """(the asked-for noun, the one counted instead) when the best sentence holding a count
    counts only other things and no count of the answer's sentences may count the asked-for
    one; for "how much <thing>", the thing measured instead (`measured_thing`)."""
    if not counts_things(intent):
        return other_thing_measured(typed, intent)
    if similar is None or not typed:
        return None
    if (intent.target or "").casefold() in words(GENERIC_COUNT_NOUNS):
        return None
    asked = _asked_noun(intent)
    found = [_counts_other(ev, asked, intent, similar) for ev in typed]
    if any(maybe for maybe, _other in found):
        return None
    instead = found[0][1]
    return None if instead is None else (asked, instead)
