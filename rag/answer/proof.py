"""One quote that proves the answer; more only when they add something.

Of the chosen sentences (best first, `select`), the answer quotes the first one (with the
neighbours that complete it: "The first took place on November 18.") and adds a second
quote only when it gives the same answer span on another claimant's or outlet's word, or
another answer in the same words on another source's word (a disagreement that `conflicts`
does not group: no shared names tie the two to one event). Sentences scoring within
`quote_margin` of the first are quoted too, but only those the proof ranker gives at least
`extra_quote_ratio` of the first's probability of proving the answer (for a question
asking for an answer span); and, when the first holds the answer span, at least
`extra_quote_probability`, unless they give another value of the answer's kind from another
article (`other_answer`); one of the first's own story (its other figures answer
neighbouring questions) at least `own_story_quote_ratio` of the first's probability; and
none at all (but those) when the ranker gives the first at
least `sure_proof`; and only those whose answer is as well anchored in the question's words
as the first's, or more relevant (`answers_as_well`). When the first names the question's
period ("in the year ended May 31 1986"), only those that name it too stay: the others
give other periods' figures; when the first's person is titled with the role a "who"
question asks ("Finance Minister Wang Bingqian"), only persons so titled stand beside it
(`_titled`); a follow-up's come only from the articles the conversation cited (`within`).
A different value of one event is a disagreement, which `conflicts` finds on evidence and
adds itself.
"What did X say?" shows X's best `claims_shown` statements, those the proof ranker finds
likeliest to answer first; "What did X say about Y?" shows one beside the first only when it
is about Y (`on_topic`). The chosen sentences left out
are kept, in order, for the answer's `more_citations` (on request: `rag ask --all`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from news_rag.index.types import Article
from news_rag.rag.answer.conflicts import WORDING_OVERLAP, different_sources, wording_overlap
from news_rag.rag.answer.coverage import ARTICLE_KEYS_CACHED
from news_rag.rag.answer.evidence import Evidence, fallback_claimant
from news_rag.rag.answer.name_acronyms import acronyms
from news_rag.rag.answer.names import name_words
from news_rag.rag.answer.periods import names_period
from news_rag.rag.answer.qualifiers import names_word
from news_rag.rag.answer.question_names import normal
from news_rag.rag.answer.short_answer import Span, asks_for_span, find_span
from news_rag.rag.answer.span_preference import span_level
from news_rag.rag.answer.span_ties import titled_as_role
from news_rag.rag.answer.titles import asks_role
from news_rag.rag.question.intent import CLAIMS, Intent
from news_rag.rag.settings import AnswerSettings


@dataclass(frozen=True)
class Proof:
    shown: list[Evidence]  # quoted in the answer, in order
    more: list[Evidence]  # chosen but left out: shown on request


def _value(ev: Evidence, intent: Intent) -> str | None:
    span = find_span(ev, intent)
    return None if span is None else normal(span.text)


def _voice(ev: Evidence) -> tuple[str, str]:
    return ev.claimant(fallback_claimant(ev.article)), ev.article.outlet or ""


def corroborates(first: Evidence, other: Evidence, intent: Intent) -> bool:
    """Whether `other` gives the same answer as `first` on another claimant's or outlet's
    word (another source, not the same voice again)."""
    value = _value(first, intent)
    if value is None or _value(other, intent) != value:
        return False
    return different_sources(first, other) and _voice(first) != _voice(other)


def disagrees(first: Evidence, other: Evidence, intent: Intent) -> bool:
    """Whether `other` gives another answer to the same words on another source's word:
    "According to the fire service, 14 people were rescued ..." and "According to local
    volunteers, up to 40 people were rescued ..." (worded alike but for the values, as
    `conflicts` requires of two numbers)."""
    value, theirs = _value(first, intent), _value(other, intent)
    if value is None or theirs is None or theirs == value:
        return False
    if not different_sources(first, other):
        return False
    return wording_overlap(first, other) >= WORDING_OVERLAP


def other_answer(first: Evidence, answered: Span, other: Evidence, intent: Intent) -> bool:
    """Whether `other` gives another value of the same kind as `answered` (the answer span
    of `first`), in another article about the same thing: a possible disagreement
    ("liberated on Wednesday" against "On November 19 ... restored control"), shown
    whatever its wording."""
    if other.article.id == first.article.id:
        return False
    theirs = find_span(other, intent)
    if theirs is None or answered.entity.label != theirs.entity.label:
        return False
    if not about_same(first, other, intent):
        return False
    return normal(answered.text) != normal(theirs.text)


def about_same(first: Evidence, other: Evidence, intent: Intent) -> bool:
    """Whether `other` is about what `first` answers: its story names each of the question's
    own words (no name, no asked noun, no main verb) that the first sentence names ("the
    train" for "Which company operated the train?", never in the story of "The plant ...
    will be operated by du Pont"), and names one of the question's companies or people at
    all (never "Seizer ... of River Oaks" for "Who is Centel's chairman?"; a place goes by
    other names: "Tehran" for Iran's, "Europe" for the European Union's). A sentence of the
    first's own story always is."""
    if other.article.id == first.article.id:
        return True
    names = [set(name_words(e.text)) for e in intent.topic_entities if e.label in _PARTIES]
    if names and not any(said <= _words_of(other.article) for said in names if said):
        return False
    topic = [
        term for term in intent.focus
        if term.islower() and term not in (intent.target, intent.slots.predicate)
        and names_word(first.quote, term)
    ]  # fmt: skip
    return all(names_word(other.article.text, term) for term in topic)


# The labels of the question's names an article must name for its sentence to be about the
# same thing: the parties to it, whose names an article writes out.
_PARTIES = frozenset({"ORG", "PERSON"})


@lru_cache(maxsize=ARTICLE_KEYS_CACHED)
def _words_of(article: Article) -> frozenset[str]:
    """The words of an article's title and text, as `names.name_words` reads them: whole
    words, not the five-letter stems coverage keys ("Centel" is no "center"). Its own
    cache, by article, as coverage's keys have: not name_words' cache of short texts."""
    return frozenset(name_words.__wrapped__(f"{article.title or ''}\n{article.text}"))


def answers_as_well(
    first: Evidence, answered: Span, first_level: int, other: Evidence, intent: Intent
) -> bool:
    """Whether `other`, quoted for scoring close to `first` (whose answer span is
    `answered`, at `first_level`), may stand beside it: its answer hangs from the question's
    words at least as `first`'s does (`select.span_level`), it is another article's value of
    the same kind (`other_answer`), or retrieval finds it more relevant than `first` (a
    sentence the small model's NER tags nothing in: "clashes continued between the SAA and
    Ahrar al-Sham in the Armored Vehicle Base"). Not a neighbouring question's answer: "a
    strategically important area adjacent to the borders of Syria, Iraq and Jordan" beside
    "a large-scale security operation in the Barzeh area" for "In which area of Damascus
    ...?". A more relevant
    sentence is kept whatever its value: when the first answers a neighbouring question
    ("won the men's final" for the women's), it is often the one that answers. Measured
    (eval/RESULTS.md, session 19): keeping it only when the analysis found no value in it
    raised reuters-dev's citation precision by 0.019 but lost three probe answers, and
    three reuters-test answers (seen after)."""
    if span_level(other, intent) >= first_level:
        return True
    return other_answer(first, answered, other, intent) or other.relevance > first.relevance


def on_topic(statement: Evidence, intent: Intent) -> bool:
    """Whether one of X's statements is about what "What did X say about Y?" asks: it names
    a word of the question that is neither X's name nor the verb of saying ("gearing" for
    "What did Niall Fitzgerald say about the group's gearing?", not "the U.S. Household
    products business had turned in a planned loss"), or the acronym of a name it asks about
    ("ADB" for "the Asian Development Bank"). A question naming nothing beyond X
    ("What did X say?") asks about anything X said."""
    speaker = {w.casefold() for w in (intent.claimant.text if intent.claimant else "").split()}
    topic = [
        term.casefold() for term in intent.focus
        if term.casefold() not in speaker and term != intent.slots.predicate
    ]  # fmt: skip
    if not topic:
        return True
    written = set(statement.quote.replace(".", "").split())
    short = {  # "ADB" for "the Asian Development Bank"
        a for arg in intent.slots.arguments
        if not speaker.issuperset(w.casefold() for w in arg.text.split())
        for a in acronyms(arg.text)
    }  # fmt: skip
    return any(names_word(statement.quote, term) for term in topic) or bool(short & written)


def _supported(
    tied: Sequence[Evidence],
    holder: Evidence,
    answered: Span | None,
    likely: Callable[[Evidence], float],
    intent: Intent,
    settings: AnswerSettings,
) -> list[Evidence]:
    """Of the sentences quoted for their score beside `holder` (whose answer span is
    `answered`), those the proof ranker supports enough (see `prove`); of the first's own
    story, `own_story_quote_ratio` of its probability, but beside the statements of a
    claimant the question names (the next sentence of "How did X describe Y?" goes on)."""
    out = list(tied)
    if answered is not None and likely(holder) >= settings.sure_proof:
        out = [ev for ev in out if other_answer(holder, answered, ev, intent)]
    if answered is not None:
        least = max(settings.extra_quote_probability, settings.extra_quote_ratio * likely(holder))
        out = [
            ev for ev in out if likely(ev) >= least or other_answer(holder, answered, ev, intent)
        ]
    elif asks_for_span(intent):
        least = settings.extra_quote_ratio * likely(holder)
        out = [ev for ev in out if likely(ev) >= least]
    if answered is not None or intent.claimant is None:
        out = _other_stories_or_likely(out, holder, likely, settings.own_story_quote_ratio)
    return out


def _other_stories_or_likely(
    tied: Sequence[Evidence],
    holder: Evidence,
    likely: Callable[[Evidence], float],
    ratio: float,
) -> list[Evidence]:
    """Of the sentences quoted for their score beside `holder`, those of other stories and
    those of its own the proof ranker gives at least `ratio` of its probability: the story's
    other figures answer neighbouring questions (`own_story_quote_ratio`)."""
    least = ratio * likely(holder)
    return [ev for ev in tied if ev.article.id != holder.article.id or likely(ev) >= least]


def _titled(ev: Evidence, span: Span | None, intent: Intent) -> bool:
    """For "Who is X's <role>?": whether the sentence's answer is a person titled with the
    asked role. Beside one who is ("Finance Minister Wang Bingqian"), a person titled
    otherwise ("Vice Premier Yao Yilin, a former Commerce Minister") answers no question
    asked."""
    return asks_role(intent) and titled_as_role(span, ev, intent)


def _unit(chosen: Sequence[Evidence]) -> list[Evidence]:
    """The leading sentences quoted together as one answer (at least the first)."""
    unit = [chosen[0]]
    for ev in chosen[1:]:
        if not (ev.unit and chosen[0].unit):
            break
        unit.append(ev)
    return unit


def prove(
    chosen: Sequence[Evidence],
    intent: Intent,
    settings: AnswerSettings,
    likely: Callable[[Evidence], float] | None = None,
    another: Callable[[Evidence], bool] | None = None,
    within: Collection[str] = (),
) -> Proof:
    """The quotes to show and the ones to keep for on request. `likely`: each sentence's
    probability of proving the answer (`proof_ranker`); a sentence quoted only for scoring
    close to the first needs at least `settings.extra_quote_ratio` of the first's
    probability and, when the first holds the answer span, at least
    `settings.extra_quote_probability`, and must not be about another participant than the
    question's (`another`)."""
    if not chosen:
        return Proof([], [])
    if intent.kind == CLAIMS:
        said = list(chosen)
        count = settings.claims_shown
        if likely is not None:  # X's statements likeliest to answer first (stable)
            said.sort(key=lambda ev: -likely(ev))
            least = settings.claims_extra_ratio * likely(said[0])
            count = 1 + sum(1 for ev in said[1:count] if likely(ev) >= least)
        shown = [said[0], *(ev for ev in said[1:count] if on_topic(ev, intent))]
        return Proof(shown, [ev for ev in said[1:] if ev not in shown])
    unit = _unit(chosen)
    rest = list(chosen[len(unit) :])
    holder = next((ev for ev in unit if find_span(ev, intent) is not None), unit[0])
    second = next(
        (
            ev for ev in rest
            if (corroborates(holder, ev, intent) or disagrees(holder, ev, intent))
            and about_same(holder, ev, intent)
        ),
        None,
    )  # fmt: skip
    floor = unit[0].score - settings.quote_margin
    tied = [ev for ev in rest if ev is not second and ev.score >= floor]
    answered = find_span(holder, intent)
    if likely is not None:
        tied = _supported(tied, holder, answered, likely, intent, settings)
    if another is not None and answered is not None:  # a close score about something else
        tied = [ev for ev in tied if not another(ev)]
    tied = [ev for ev in tied if about_same(holder, ev, intent)]  # not "the plant" for a train
    if answered is not None:  # "a strategically important area ... Iraq" for "which area"
        level = span_level(holder, intent)  # once, not for each sentence beside it
        tied = [ev for ev in tied if answers_as_well(holder, answered, level, ev, intent)]
    if answered is not None and _titled(holder, answered, intent):  # "Finance Minister X":
        tied = [ev for ev in tied if _titled(ev, find_span(ev, intent), intent)]  # not others
    if answered is not None and names_period(holder.info, intent):  # the asked period's value
        tied = [ev for ev in tied if names_period(ev.info, intent)]
    if within:  # a follow-up goes on in the conversation's articles
        tied = [ev for ev in tied if ev.article.id in within]
    shown = [*unit, *([second] if second is not None else []), *tied]
    return Proof(shown, [ev for ev in rest if ev is not second and ev not in tied])
