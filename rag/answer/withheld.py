"""A story saying the asked-for value was withheld: "Terms were not disclosed", "but did not
disclose the selling price", "gave no figure" (`SentenceAnalysis.withheld`, found at index
time). Contrary evidence for a question asking for that value: the answer is a refusal that
says so, not a neighbouring figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.names import name_words
from news_rag.rag.answer.qualifiers import names_word, other_qualifier
from news_rag.rag.answer.question_names import named_in_question
from news_rag.rag.answer.short_answer import FROM_VERB, anchoring, asks_for_span, find_span
from news_rag.rag.question.intent import QUANTITY, WHEN, Intent

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
    holder = next((ev for ev in chosen if find_span(ev, intent) is not None), None)
    if holder is not None and intent.kind == WHEN:  # "He did not say when ... stabilize"
        return _withheld_when(intent, holder, story)
    if holder is not None:
        if not intent.target:  # no asked noun: a withheld sum of the question's participants
            return _withheld_for_participants(intent, holder, story)
        return _withheld_by_name(intent, chosen[0], story)
    said = next(
        (
            ev.info.withheld for ev in chosen
            if ev.info and ev.info.withheld
            and not _other_thing_withheld(ev.quote, ev.info.withheld, intent)
        ),
        None,
    )  # fmt: skip
    if said is not None or story is None:
        return said
    text = chosen[0].article.text
    return next(
        (
            row.withheld for row in story(chosen[0].article.id)
            if row.withheld
            and not _other_thing_withheld(text[row.start : row.end], row.withheld, intent)
        ),
        None,
    )  # fmt: skip


def _withheld_by_name(intent: Intent, best: Evidence, story: Story | None) -> str | None:
    """The words saying the asked-for thing, named by the question's noun, was withheld, in
    the best sentence's article ("but did not disclose the selling price" for "At what
    price did Jacobs sell his Gillette stake?"): the figures the chosen sentences give
    there are of other things (the bid he sold after, 47 dlrs a share). The noun must be
    what was withheld (`withheld_noun`), not under another qualifier ("does not break out
    operating earnings by unit" withholds no net earnings), and the sentence must name no
    participant the question does not: another's withheld share is not the question's."""
    target = intent.target
    if not target or story is None:
        return None
    text = best.article.text
    for row in story(best.article.id):
        sentence = text[row.start : row.end]
        if not row.withheld or not withheld_noun(sentence, row.withheld, target):
            continue
        if other_qualifier(sentence, intent) or other_qualifier(
            withheld_object(sentence, row.withheld), intent
        ):  # "declined to comment on the size of the second tranche": not the first's
            continue
        question = intent.question
        others = [
            e for e in row.entities
            if e.label in PARTICIPANT_LABELS and not named_in_question(e.text, question)
            and not _withholder(e, row.withheld)
        ]  # fmt: skip
        if not others:  # not "Norsk Hydro has also applied for an undisclosed share"
            return row.withheld
    return None


def _withheld_when(intent: Intent, best: Evidence, story: Story | None) -> str | None:
    """For "when" questions: the words saying when was not told, in the best sentence's
    article ("He did not say when he thought the market would stabilize" for "When does
    Somoza think the Mexican market will stabilize?"): the withholding words followed by
    "when" and the question's verb (lemmas, by the question's parser)."""
    from news_rag.rag.question.nlp import parse_text

    verb = intent.slots.predicate
    if story is None or verb is None:
        return None
    text = best.article.text
    for row in story(best.article.id):
        if not row.withheld:
            continue
        sentence = text[row.start : row.end]
        at = sentence.find(row.withheld)
        if at < 0:
            continue
        after = sentence[at + len(row.withheld) :].split()
        if _first(after) != "when":
            continue
        if verb in {t.lemma_.lower() for t in parse_text(" ".join(after[1:]))}:
            return row.withheld
    return None


def _withholder(entity: Entity, withheld: str) -> bool:
    """Whether the name is who withholds ("Concepcion" in "Concepcion declined to say how
    many ..."): the subject of one of the withholding words (its head, a lemma, begins
    every inflection of the word: "declin" in "declined")."""
    head = entity.heads[0] if entity.heads else ""
    stem = head[:-1] if head.endswith("e") else head
    return (
        entity.role == "nsubj"
        and bool(stem)
        and any(w.casefold().startswith(stem) for w in withheld.split())
    )


def _withheld_for_participants(intent: Intent, best: Evidence, story: Story | None) -> str | None:
    """For a question asking for an amount of what its participants did, not of a thing
    ("How much did John Middleton pay for the four tobacco brands?"): the words saying the
    value was withheld in a sentence of the best one's article naming every participant
    the question names ("sold four of its smoking tobacco brands to John Middleton Inc for
    undisclosed terms"), when the best sentence's value does not hang from the question's
    verb (the seller's "total sales which amounted to 4.7 billion dlrs"). `best`: the
    first chosen sentence holding an answer span."""
    if intent.kind != QUANTITY or story is None:  # sums: "declined to estimate" is no head
        return None
    names = [a.text for a in intent.slots.arguments if name_words(a.text)]
    span = find_span(best, intent)
    if not names or span is None or anchoring(span.entity, intent, best.article.text) >= FROM_VERB:
        return None
    text = best.article.text
    for row in story(best.article.id):
        sentence = text[row.start : row.end]
        words = set(name_words(sentence))
        if not row.withheld or not all(set(name_words(n)) <= words for n in names):
            continue
        if not _other_thing_withheld(sentence, row.withheld, intent):
            return row.withheld
    return None


# Nouns naming a deal's value, withheld for any question asking it ("did not disclose the
# price", "the terms were not disclosed").
_VALUE_NOUNS = frozenset({
    "terms", "term", "price", "prices", "amount", "value", "cost", "sum", "figure", "figures",
    "details", "size", "financial", "consideration",
})  # fmt: skip


def _other_thing_withheld(sentence: str, withheld: str, intent: Intent) -> bool:
    """Whether the withholding words withhold something the question does not ask: an
    object naming no word of the question and no value of a deal ("had not estimated its
    total market share" for "How much does Lloyds have in outstanding mortgage loans?")."""
    said = set(name_words(withheld_object(sentence, withheld))) - _OBJECT_FILLERS
    asked = set(name_words(intent.question))
    return bool(said) and not said & (asked | _VALUE_NOUNS)


# Words of a withheld object that name nothing: "its total market share".
_OBJECT_FILLERS = frozenset({"its", "their", "his", "her", "any", "total", "exact"})


# Words after the withholding ones within which the thing withheld is named ("did not
# disclose the selling price"), and words that lead elsewhere before it ("made no mention
# of how the deficit would be covered": the covering, not the deficit). Set by hand.
WITHHELD_OBJECT_WORDS = 3
_ELSEWHERE = frozenset({"of", "for", "on", "about", "how", "whether", "why", "when", "what"})


# "comment on X" withholds X; a noun of how much ("the size of X") withholds X's.
_COMMENT = "comment"
_ON = frozenset({"on", "about"})
_MEASURES = frozenset({"size", "amount", "value", "number", "cost", "price", "level"})


def _first(words: list[str]) -> str:
    return words[0].casefold() if words else ""


def withheld_noun(sentence: str, withheld: str, noun: str) -> bool:
    """Whether `noun` is what the sentence's withholding words withhold: in them or among
    the next `WITHHELD_OBJECT_WORDS` words, none of which leads elsewhere."""
    if sentence.find(withheld) < 0:
        return False
    return names_word(" ".join([withheld, withheld_object(sentence, withheld)]), noun)


def withheld_object(sentence: str, withheld: str) -> str:
    """The words naming what the withholding words withhold: up to the next
    `WITHHELD_OBJECT_WORDS` words after them, none leading elsewhere ("the second tranche"
    in "declined to comment on the size of the second tranche"); "" where none."""
    at = sentence.find(withheld)
    if at < 0:
        return ""
    after = sentence[at + len(withheld) :].split()
    if [w.casefold() for w in after[:1]] == ["how"] and after[1:2] in (["many"], ["much"]):
        after = after[2:]  # "declined to say how many car assemblers": the count withheld
    if withheld.rsplit(maxsplit=1)[-1].casefold().startswith(_COMMENT) and _first(after) in _ON:
        after = after[1:]  # "declined to comment on the size ...": what is commented on
    measure = next((n for n, w in enumerate(after[:2]) if w.casefold() in _MEASURES), None)
    if measure is not None and _first(after[measure + 1 :]) == "of":
        after = after[measure + 2 :]  # "the size of the second tranche": the tranche's
    after = after[:WITHHELD_OBJECT_WORDS]
    cut = next((n for n, w in enumerate(after) if w.casefold() in _ELSEWHERE), len(after))
    kept = after[:cut]
    # a clause break ends it: "did not disclose reasons, a Petrobras official said"
    end = next((n + 1 for n, w in enumerate(kept) if w.endswith((",", ";", ":"))), len(kept))
    return " ".join(kept[:end]).rstrip(",;:")
