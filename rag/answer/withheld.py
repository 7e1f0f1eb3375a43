"""A story saying the asked-for value was withheld: "Terms were not disclosed", "but did not
disclose the selling price", "gave no figure" (`SentenceAnalysis.withheld`, found at index
time). Contrary evidence for a question asking for that value: the answer is a refusal that
says so, not a neighbouring figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.rag.answer.alignment import names_word
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.short_answer import asks_for_span, find_span, named_in_question
from news_rag.rag.question.intent import Intent

# An article's stored sentence analysis, by article id (`IndexReader.sentence_analysis`).
Story = Callable[[str], Sequence[SentenceAnalysis]]
# Labels of the participants a withheld sentence may name only if the question does.
PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def withheld(intent: Intent, chosen: Sequence[Evidence], story: Story | None) -> str | None:
    """The words saying the asked-for value was withheld ("declined to estimate", "terms were
    not disclosed", "an undisclosed share"; `SentenceAnalysis.withheld`) when the question
    asks for a value or a name and no chosen sentence gives one: the story says it is not
    known, so any figure near it answers another question. Read in the chosen sentences,
    then in the best one's article's analysis (`story`, read only then: "The sale price was
    not disclosed." after the lead that tells of the sale)."""
    if not chosen or not asks_for_span(intent) or intent.asks_claimant:
        return None
    if any(find_span(ev, intent) is not None for ev in chosen):
        return _withheld_by_name(intent, chosen[0], story)
    said = next((ev.info.withheld for ev in chosen if ev.info and ev.info.withheld), None)
    if said is not None or story is None:
        return said
    return next((row.withheld for row in story(chosen[0].article.id) if row.withheld), None)


def _withheld_by_name(intent: Intent, best: Evidence, story: Story | None) -> str | None:
    """The words saying the asked-for thing, named by the question's noun, was withheld, in
    the best sentence's article ("but did not disclose the selling price" for "At what
    price did Jacobs sell his Gillette stake?"): the figures the chosen sentences give
    there are of other things (the bid he sold after, 47 dlrs a share). The noun must be
    what was withheld (`withheld_noun`), and the sentence must name no participant the
    question does not: another's withheld share is not the question's."""
    target = intent.target
    if not target or story is None:
        return None
    text = best.article.text
    for row in story(best.article.id):
        if not row.withheld or not withheld_noun(text[row.start : row.end], row.withheld, target):
            continue
        question = intent.question
        others = [
            e for e in row.entities
            if e.label in PARTICIPANT_LABELS and not named_in_question(e.text, question)
        ]  # fmt: skip
        if not others:  # not "Norsk Hydro has also applied for an undisclosed share"
            return row.withheld
    return None


# Words after the withholding ones within which the thing withheld is named ("did not
# disclose the selling price"), and words that lead elsewhere before it ("made no mention
# of how the deficit would be covered": the covering, not the deficit). Set by hand.
WITHHELD_OBJECT_WORDS = 3
_ELSEWHERE = frozenset({"of", "for", "on", "about", "how", "whether", "why", "when", "what"})


def withheld_noun(sentence: str, withheld: str, noun: str) -> bool:
    """Whether `noun` is what the sentence's withholding words withhold: in them or among
    the next `WITHHELD_OBJECT_WORDS` words, none of which leads elsewhere."""
    at = sentence.find(withheld)
    if at < 0:
        return False
    after = sentence[at + len(withheld) :].split()[:WITHHELD_OBJECT_WORDS]
    cut = next((n for n, w in enumerate(after) if w.casefold() in _ELSEWHERE), len(after))
    return names_word(" ".join([withheld, *after[:cut]]), noun)
