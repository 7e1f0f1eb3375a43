"""A figure given before its story names the question's participant is not that
participant's.

"The bridge, which opened in 1961, carries about 24,000 vehicles a day. A second crossing
at Elmford, 12 miles downstream, will close for maintenance in September." does not say how
many vehicles the Elmford crossing carries: "the bridge" refers back to the story's own
bridge (its title's Harwick bridge), and news copy names a participant before it writes of
it as "the bridge", "the company" or "it", not after. So when every sentence of the answer
holding a value names none of the question's participants, and comes before its story (title
and text) first names one of them, that sentence is about something else: contrary evidence,
as another company's name would be. A participant the story never names is no such case
(the story may call it otherwise), nor one its title names, nor a lead sentence's figure:
the lead introduces ("A wildfire ... has forced about 12,000 residents to evacuate") what
the story names next ("The blaze, known as the Cedar Fire, ...").
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.rag.answer.amount_units import counts_other_thing
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.coverage import argument_forms, names_in, word_keys
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.names import name_words
from news_rag.rag.answer.short_answer import find_span
from news_rag.rag.question.intent import Intent

# Where a name found in an article's title stands: before every sentence of its text.
IN_TITLE = -1
# The ordinal of a story's lead sentence, which may introduce what it names only after.
LEAD = 0


def _first_named(ev: Evidence, forms: Sequence[str]) -> int | None:
    """Where the sentence's story first names one of `forms` (`IN_TITLE` in its title), or
    None when it never does."""
    title = word_keys(ev.article.title or "")
    if any(names_in(form, title) for form in forms):
        return IN_TITLE
    text = ev.article.text
    found = [text.find(written) for written in _written(forms)]
    return min((at for at in found if at >= 0), default=None)


def _written(forms: Sequence[str]) -> list[str]:
    """The forms as a story writes them, without a leading article ("Elmford crossing")."""
    return [form.removeprefix("the ").removeprefix("The ").strip() for form in forms if form]


def _holds_answer(ev: Evidence, intent: Intent) -> bool:
    """Whether the sentence holds an answer span that is no count of another thing ("two
    other bidders, Coastway Trains and ..." for "How many new trains ...?")."""
    span = find_span(ev, intent)
    return span is not None and not counts_other_thing(span.entity, intent, ev.article.text)


def named_later(intent: Intent, chosen: Sequence[Evidence], corpus: CorpusTables) -> str | None:
    """The refusal's reason when every chosen sentence holding an answer span names none of
    the question's participants and precedes its story's first naming of one of them
    ("this for the Elmford crossing, which its story names only after the figure it
    gives"); or None."""
    names = [a for a in intent.slots.arguments if name_words(a.text)]
    if not chosen or not names:
        return None
    forms = [(a.text, argument_forms(a.text, a.label, corpus)) for a in names]
    later: list[str] = []
    for ev in chosen:  # in order: the first usually holds the answer and names its owner
        if not _holds_answer(ev, intent):
            continue
        keys = word_keys(ev.quote)
        if any(names_in(form, keys) for _text, group in forms for form in group):
            return None  # the sentence names a participant: it may be about it
        if ev.ordinal == LEAD:
            return None  # "A wildfire ... has burned 46,000 acres", then "the Cedar Fire"
        first = [(text, _first_named(ev, group)) for text, group in forms]
        after = [text for text, at in first if at is not None and at >= ev.cand.end]
        if not after:
            return None
        later = later or after
    if not later:
        return None
    return f"this for {later[0]}, which its story names only after the figure it gives"
