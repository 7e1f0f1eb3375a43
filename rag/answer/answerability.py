"""Answerability as one calibrated score: does the chosen evidence answer the question?

The evidence features (`Features`: type match, slot agreement and contradiction, period,
unit and part agreement, name coverage, relevance, the margin to the next article) go into
a logistic regression whose coefficients ship as `data/answerability.json`, fitted on the
dev sets by `python -m news_rag.eval.train_answerability` (the command is in the file). Its
probability that the question is NOT answered by the evidence is compared to the file's
threshold, set so that at most 1% of the answerable dev questions are refused. Some
contrary evidence refuses whatever the model says (`judge`): the story says the value was
withheld (`withheld`), no chosen sentence holds the asked-for person, date or amount
(`no_asked_value`), a place an untyped question names that no chosen article names
(`absent_places`), a relation the sentences never name (`names_no_relation`), a count of
another thing (`counted`), or another participant in the question's clause or modifying its
noun (`contradicted`), a company telling its own figure (`speaker_owners`), or every value
listed beside another party (`listed_others`). `recording()` collects the features of every
question answered inside it (the training command reads them through it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from news_rag.rag.answer import logistic
from news_rag.rag.answer.absent_places import (
    PLACE_NAME_LABELS,
    absent_place,
    names_owner,
    own_place_name,
)
from news_rag.rag.answer.alignment import (
    Contradiction,
    name_contradictions,
    own_keys,
    part_contradiction,
    unit_contradiction,
)
from news_rag.rag.answer.amount_units import COUNTED_NOUN_LETTERS
from news_rag.rag.answer.asked_rates import other_rate
from news_rag.rag.answer.asked_thing import saying_asked_thing
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.counted import Similarity, other_count
from news_rag.rag.answer.coverage import argument_forms, names_covered, names_in, word_keys
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.listed_others import with_lists
from news_rag.rag.answer.logistic import FeatureRow
from news_rag.rag.answer.model_codes import other_model, other_term
from news_rag.rag.answer.names import name_words
from news_rag.rag.answer.other_actor import act_done_by_another
from news_rag.rag.answer.owners import owner_contradictions
from news_rag.rag.answer.periods import outside_period, periods_and_rivals, with_story_parts
from news_rag.rag.answer.short_answer import asks_for_span, find_span
from news_rag.rag.answer.speaker_owners import with_speakers
from news_rag.rag.answer.swaps import swap_contradiction
from news_rag.rag.answer.withheld import Story, withheld
from news_rag.rag.question.intent import QUANTITY, WHEN, WHO, Intent
from news_rag.rag.question.slots import Argument, part_name

MODEL_FILE = "answerability.json"
# Answer types of "What is the <relation> of X?" whose sentence must say the relation
# (`names_no_relation`): names, not amounts ("What is the population of X?" is answered by
# "X has five million people").
RELATION_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# A name the question gives that no article names is known absent only when it is a full
# name of a company or a person ("the Liberal Party") or a place's own name of at least four
# letters ("Mosul"): a nationality, an acronym or a one-word company ("US" in "US-backed",
# "BP" for "British Petroleum", "jihadist") is often written another way. Measured with `rag
# eval` (2026-12-05): with every name, three false refusals on the sample and reuters-dev2;
# with these, none, and two refusals more (Mosul, Europe).
FULL_NAME_LABELS = frozenset({"ORG", "PERSON"})
FULL_NAME_WORDS = 2
# Kinds of question whose answer NER finds reliably (a person or organisation, a date, an
# amount): when no chosen sentence holds one, the evidence does not answer
# (`no_asked_value`). Measured with `rag eval` on the sample, reuters-dev and reuters-dev2
# (2026-12-05): no answer lost with these three; with every kind, four sample answers
# ("Which Russian aircraft ...?": NER does not tag "Tu-22M3").
VALUE_KINDS = frozenset({WHO, WHEN, QUANTITY})


@dataclass(frozen=True)
class Features(FeatureRow):
    """The evidence for one answer, each in [0, 1] except the relevances."""

    relevance: float  # the best chosen sentence's relevance
    margin: float  # its article's best relevance minus the next article's
    typed: float  # share of chosen sentences holding the asked-for type (1: none asked)
    anchored: float  # an asked-for value hangs from the question's noun or verb
    coverage: float  # share of the question's names its article names (1: no names)
    sentence_names: float  # share of the question's names the best typed sentence names
    name_rival: float  # share of typed sentences naming another entity for a missing name
    name_rival_role: float  # the same, the rival in the answer value's role
    unit: float  # share of typed sentences giving the amount only in another unit
    period: float  # share of typed sentences about other dates only
    part: float  # share of typed sentences about another part of the year


@dataclass(frozen=True)
class Judgement:
    features: Features
    score: float  # the model's probability that the evidence does not answer
    refuse: bool
    reason: str | None  # the contradiction to name in the refusal, if any


_RECORDS: ContextVar[list[tuple[str, Features]] | None] = ContextVar("_RECORDS", default=None)


@contextmanager
def recording() -> Iterator[list[tuple[str, Features]]]:
    """Collect (question, features) of every question judged inside the block."""
    rows: list[tuple[str, Features]] = []
    token = _RECORDS.set(rows)
    try:
        yield rows
    finally:
        _RECORDS.reset(token)


def model() -> dict[str, Any] | None:
    """The fitted model (`data/answerability.json`), or None when none is shipped or it was
    fitted on other features (`logistic.load`)."""
    return logistic.load(MODEL_FILE, Features.names())


def probability(features: Features, fitted: dict[str, Any]) -> float:
    """The model's probability that the evidence does not answer the question."""
    return logistic.probability(features.vector(), fitted)


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _margin(pool: Sequence[Evidence]) -> float:
    best: dict[str, float] = {}
    for ev in pool:
        best[ev.article.id] = max(best.get(ev.article.id, -1.0), ev.relevance)
    if not pool:
        return 0.0
    top = best.pop(pool[0].article.id)
    return top - max(best.values(), default=0.0)


def _contradictions(
    typed: Sequence[Evidence], intent: Intent, corpus: CorpusTables
) -> list[list[Contradiction]]:
    forms = [argument_forms(a.text, a.label, corpus) for a in intent.slots.arguments]
    out: list[list[Contradiction]] = []
    for ev in typed:
        if ev.info is None:
            out.append([])
            continue
        found = name_contradictions(ev.info, ev.quote, intent, forms)
        other = (unit_contradiction(ev.info, intent), part_contradiction(ev.info, intent))
        out.append(found + [c for c in other if c is not None])
    return out


def _with_roles(
    found: Sequence[Sequence[Contradiction]],
    typed: Sequence[Evidence],
    intent: Intent,
    corpus: CorpusTables,
) -> list[list[Contradiction]]:
    """`found` with each typed sentence's `owners.owner_contradictions` (another
    participant owns every value asked for) and `swaps.swap_contradiction` (the question's
    participants the other way round). They decide a refusal and are no feature of the
    fitted model, which was fitted without them."""
    if len(found) != len(typed):
        return [list(cs) for cs in found]
    forms = [argument_forms(a.text, a.label, corpus) for a in intent.slots.arguments]
    out = []
    for cs, ev in zip(found, typed, strict=True):
        if ev.info is None:
            out.append(list(cs))
            continue
        swap = swap_contradiction(ev.info, intent, forms)  # first: the truer reason
        more = [*([swap] if swap else []), *owner_contradictions(ev.info, intent, forms)]
        out.append([*cs, *more])
    return out


def features(
    intent: Intent, chosen: Sequence[Evidence], pool: Sequence[Evidence], corpus: CorpusTables
) -> tuple[Features, list[list[Contradiction]]]:
    """The features of an answer made of `chosen` (from `pool`), and each typed sentence's
    contradictions."""
    typed = [e for e in chosen if e.adds] if intent.expected_types else list(chosen)
    found = _contradictions(typed, intent, corpus)
    forms = [argument_forms(a.text, a.label, corpus) for a in intent.slots.arguments]
    best = (typed or list(chosen))[0]
    keys = word_keys(best.quote)
    in_sentence = [any(names_in(f, keys) for f in group) for group in forms]
    covered = names_covered(best.article, forms) / len(forms) if forms else 1.0
    feats = Features(
        relevance=max(e.relevance for e in chosen),
        margin=_margin(pool),
        typed=len(typed) / len(chosen) if intent.expected_types else 1.0,
        anchored=float(any(e.lift > 0 for e in chosen)),
        coverage=covered,
        sentence_names=_share(in_sentence) if forms else 1.0,
        name_rival=_share([any(c.kind == "name" for c in cs) for cs in found]),
        name_rival_role=_share([any(c.kind == "name" and c.same_role for c in cs) for cs in found]),
        unit=_share([any(c.kind == "unit" for c in cs) for cs in found]),
        period=_share([outside_period(e.info, intent) for e in typed]),
        part=_share([any(c.kind == "part" for c in cs) for cs in found]),
    )
    return feats, found


def contradicted(found: Sequence[Sequence[Contradiction]]) -> bool:
    """Contrary evidence that refuses whatever the model says (issue 19, item 2): every
    sentence holding a value of the asked-for type names another participant where the
    question names one it lacks, and the best of them does so beside another of the
    question's names ("The Hearst Corp is buying the Houston Chronicle ... for 400 mln dlrs"
    for "How much did Hearst pay for the San Francisco Examiner?")."""
    if not found or not all(any(c.kind == "name" for c in cs) for cs in found):
        return False
    if any(c.decisive for c in found[0]):
        return True
    # the first sentence's rival does the asked thing in another sentence ("Bowater
    # Industries Plc (BWTR.L) 1986 pretax profits of 48.0 mln stg", its role unparsed, and
    # "Bowater's profits of 18.9 mln stg" for Redland's profits)
    first = [own_keys(c.found) for c in found[0] if c.kind == "name"]
    decisive = [own_keys(c.found) for cs in found[1:] for c in cs if c.decisive]
    return any(
        keys and other and (keys <= other or other <= keys)  # one name, in full or short
        for keys in first
        for other in decisive
    )


def holding_values(
    found: Sequence[Sequence[Contradiction]], typed: Sequence[Evidence], intent: Intent
) -> tuple[list[list[Contradiction]], list[Evidence]]:
    """The typed sentences that hold an answer span themselves, with their contradictions,
    when some do: a sentence typed only through the neighbours that complete it ("The
    utility produced 31 terawatt hours", its amount tagged a time, beside "Stenholm Energy
    reported a net profit of 2.4 billion crowns") gives no value the question could take,
    so it neither answers nor stands against the contrary evidence of those that do."""
    # nothing contrary: no decision reads them (and no span is read)
    if not any(found) or len(found) != len(typed) or not asks_for_span(intent):
        return [list(cs) for cs in found], list(typed)
    held = [(cs, ev) for cs, ev in zip(found, typed, strict=True) if find_span(ev, intent)]
    if not held:
        return [list(cs) for cs in found], list(typed)
    return [list(cs) for cs, _ev in held], [ev for _cs, ev in held]


def all_swapped(found: Sequence[Sequence[Contradiction]]) -> bool:
    """Every sentence holding a value of the asked-for type has the question's participants
    the other way round (`swaps`)."""
    return bool(found) and all(any(c.kind == "swap" for c in cs) for cs in found)


def unnamed_rivals(
    found: Sequence[Sequence[Contradiction]],
    intent: Intent,
    typed: Sequence[Evidence],
    corpus: CorpusTables,
) -> bool:
    """Every sentence holding a value of the asked-for type names another participant of
    the kind of one the question names, and none of their articles names that one at all
    ("How many seats did the Liberal Party win?" over a story giving the Unity Party's and
    Labour's seats only): the articles give the value for others."""
    if not intent.expected_types or not typed or len(found) != len(typed):
        return False
    if not all(any(c.kind == "name" for c in cs) for cs in found):
        return False
    articles = {ev.article.id: ev.article for ev in typed}.values()
    for arg in intent.slots.arguments:
        if not _full_name(arg):
            continue  # "BP", "US", "jihadist": written other ways than the question's
        forms = [argument_forms(arg.text, arg.label, corpus)]
        if any(names_covered(article, forms) for article in articles):
            continue
        if all(any(c.kind == "name" and c.asked == arg.text for c in cs) for cs in found):
            return True
    return False


def _full_name(arg: Argument) -> bool:
    """A company or person named in full ("the Liberal Party"), or a place's own name
    ("Italy"), not a one-word company nor an acronym ("BP", "US")."""
    words = name_words(arg.text)
    if arg.label in PLACE_NAME_LABELS:
        return len(words) >= 1 and own_place_name(arg)
    return arg.label in FULL_NAME_LABELS and len(words) >= FULL_NAME_WORDS


def names_no_relation(intent: Intent, typed: Sequence[Evidence]) -> bool:
    """ "What is the capital of Peru?" asks for what a relation (the capital) names
    (`Intent.asks_relation`): a sentence giving a place without the word for that relation
    ("Peru's attitude contrasts with that of Mexico") does not say it. Only for a question
    whose verb is "be" and whose answer is a name."""
    target = intent.target
    if not intent.asks_relation or intent.slots.predicate is not None or target is None:
        return False
    if not typed or not intent.expected_types:
        return False
    if intent.expected_types[0] not in RELATION_NAME_LABELS:
        return False
    key = target[:COUNTED_NOUN_LETTERS].casefold()
    return not any(w.startswith(key) for ev in typed for w in name_words(ev.quote))


def no_asked_value(intent: Intent, chosen: Sequence[Evidence]) -> bool:
    """A question asking who, when, how much or how many, none of whose chosen sentences
    (with the neighbours that complete them) holds such a value: the answer would say
    nothing asked ("Who is Brightwave's chief executive?" answered with its profit). Not for
    "which N?" (NER misses many of the things it asks for: aircraft, weapons) nor "Who said
    X?" (the claimant answers it)."""
    if intent.kind not in VALUE_KINDS or intent.asks_claimant or not asks_for_span(intent):
        return False
    return not any(find_span(ev, intent) is not None for ev in chosen)


def about_another(intent: Intent, corpus: CorpusTables) -> Callable[[Evidence], bool]:
    """Whether a sentence names another participant where the question names one it lacks
    ("the Houston Chronicle" for "the San Francisco Examiner"): about something else."""
    forms = [argument_forms(a.text, a.label, corpus) for a in intent.slots.arguments]

    def another(ev: Evidence) -> bool:
        if ev.info is None:
            return False
        return any(c.decisive for c in name_contradictions(ev.info, ev.quote, intent, forms))

    return another


def other_part(found: Sequence[Sequence[Contradiction]]) -> bool:
    """Every sentence holding a value of the asked-for type dates it only in other parts of
    the year than the question asks for ("last year's second quarter" for the first)."""
    return bool(found) and all(any(c.kind == "part" for c in cs) for cs in found)


def contradiction_reason(found: Sequence[Sequence[Contradiction]]) -> str | None:
    """The refusal's reason when every typed sentence is contradicted: what they give
    instead ("this for the San Francisco Examiner, only for the Houston Chronicle")."""
    if not found or not all(found):
        return None
    parts = other_part(found)  # the reason for a refusal on dates is the date, not a name
    first = max(found[0], key=lambda c: (c.decisive, parts and c.kind == "part"))
    if first.kind == "name":
        return first.instead
    if first.kind == "swap":
        return f"this, only the other way round ({first.found} on the other side of it)"
    if first.kind == "unit":
        return f"this in {first.asked}, only in {first.found}"
    if first.kind == "part":
        return f"this for {part_name(first.asked)}, only for {part_name(first.found)}"
    return None


def judge(
    intent: Intent,
    chosen: Sequence[Evidence],
    pool: Sequence[Evidence],
    corpus: CorpusTables,
    similar: Similarity | None = None,
    story: Story | None = None,
) -> Judgement:
    """Whether to refuse the answer made of `chosen`: by the fitted model, or on contrary
    evidence (the value withheld, in the chosen sentences or the best one's article as
    `story` reads it: `withheld`; another participant in the clause: `contradicted`; a count
    of another thing: `counted.other_count`, with `similar` the embedder's similarity of two
    nouns)."""
    feats, found = features(intent, chosen, pool, corpus)
    rows = _RECORDS.get()
    if rows is not None:
        rows.append((intent.question, feats))
    fitted = model()
    score = 0.0 if fitted is None else probability(feats, fitted)
    refuse = fitted is not None and score >= float(fitted["threshold"])
    said = withheld(intent, chosen, story)
    if said is not None:
        return Judgement(feats, score, True, f"this; one says it was withheld (“{said}”)")
    typed = [e for e in chosen if e.adds]
    if no_asked_value(intent, chosen) or names_no_relation(intent, typed):
        return Judgement(feats, score, True, None)
    place = absent_place(intent, chosen, corpus)  # "... the war in Yemen?" over Syria's
    # a company or person never named: refused, by another's name where the chain finds it
    deferred, place = (place, None) if place and names_owner(place, intent) else (None, place)
    absent = f"anything about {place}" if place else other_model(intent.question, typed)
    absent = absent or other_term(intent.question, typed) or other_rate(intent.question, typed)
    if absent:  # "the 20-year bond", "a ten dlr a barrel import fee" too
        return Judgement(feats, score, True, absent)  # or "How much does MetSat-4 weigh?"
    counted = other_count(typed, intent, similar)
    if counted is not None:
        asked, instead = counted
        how = "how many" if intent.counts_things else "how much"  # "how much copper"
        return Judgement(feats, score, True, f"{how} {asked}, only {how} {instead}")
    unnamed = unnamed_rivals(found, intent, typed, corpus)
    found = _with_roles(found, typed, intent, corpus)  # after the model's features
    if story is not None:  # "The company had admitted releasing ...": Pellham's
        forms = [argument_forms(a.text, a.label, corpus) for a in intent.slots.arguments]
        found = with_speakers(found, typed, intent, forms, story)
    found = with_story_parts(found, typed, intent)  # the same, by the whole story
    found = with_lists(found, typed, intent, corpus)  # 32 pct for Labour: not the Greens'
    found, typed = saying_asked_thing(found, typed, intent)  # not "will pay 74 dollars"
    found, typed = holding_values(found, typed, intent)
    decided = contradicted(found) or other_part(found) or unnamed or all_swapped(found)
    reason = contradiction_reason(found)
    if not decided and act_done_by_another(found, typed, intent):
        decided, reason = True, contradiction_reason(found[:1])
    mixed = None if decided else periods_and_rivals(found, typed, intent)  # 1986, or the LDP
    absent = f"anything about {deferred}" if deferred else None
    refused = refuse or decided or bool(mixed) or bool(deferred)
    return Judgement(
        feats, score, refused, mixed or (reason if decided else None) or absent or reason
    )
