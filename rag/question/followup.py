"""Follow-ups: what a question's references stand for, and the query that carries them.

Only the previous turn is consulted, never the whole history:
- "she"/"he" -> the previous turn's claimant, else a person its answer or question named;
- "they"/"them" -> the counted thing of a "how many" question, else a group it named;
- "it" -> an organisation, place, product or event it named; "there" -> a place it named;
- "that", "this", "else", an ellipsis -> its topic as a whole (nothing more precise).
`resolved_query` is the question plus the names resolved and the previous turn's topic (its
focus and what it resolved itself); terms the question already holds are not repeated, and a
name the question substitutes ("What about Japan?" after a question about China, "And in
2019?" after one about 2018) drops the earlier name of that type.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from news_rag.index.language.entities import Entity
from news_rag.rag.question.intent import CLAIMS, Claimant, Intent, Reference
from news_rag.rag.question.references import ANY, GROUP, PERSON, PLACE, THING

_PUNCTUATION = "?!.,;:'\"()[]“”‘’"
_THING_LABELS = frozenset({"ORG", "GPE", "PRODUCT", "EVENT", "FAC", "LAW", "WORK_OF_ART", "LOC"})
_LABELS = {
    PERSON: frozenset({"PERSON"}),
    GROUP: frozenset({"ORG", "NORP", "GPE"}),
    THING: _THING_LABELS,
    PLACE: frozenset({"GPE", "LOC", "FAC"}),
}


def _claimant_fits(claimant: Claimant | None, refers_to: str) -> bool:
    if claimant is None:
        return False
    if claimant.label is None:  # a name NER did not type: trust the pronoun
        return refers_to in {PERSON, GROUP}
    return claimant.label in _LABELS.get(refers_to, frozenset())


def _first(entities: Iterable[Entity], labels: frozenset[str]) -> Entity | None:
    return next((e for e in entities if e.label in labels), None)


def antecedent(refers_to: str, previous: Intent) -> tuple[str, str | None] | None:
    """(name, entity label) that a pronoun of kind `refers_to` stands for in `previous`.

    The previous answer is what a follow-up most often points at ("Which company bought
    Whole Foods?" - "Where is it based?"), then the thing the previous question asked about
    ("how many fighters" - "them"); after a "What did X say?" question, X comes first.
    """
    if refers_to == ANY:
        return None
    claimant = previous.claimant
    fits = _claimant_fits(claimant, refers_to) and refers_to in {PERSON, GROUP}
    if fits and claimant is not None and previous.kind == CLAIMS:
        return claimant.text, claimant.label
    labels = _LABELS[refers_to]
    answered = _first(previous.answer_entities, labels)
    if answered is not None:
        return answered.text, answered.label
    if refers_to in {THING, GROUP} and previous.target:
        return previous.target, None
    if fits and claimant is not None:
        return claimant.text, claimant.label
    named = _first(previous.entities, labels)
    return (named.text, named.label) if named is not None else None


def resolve_references(
    references: Iterable[Reference], previous: Intent
) -> tuple[tuple[Reference, ...], dict[int, tuple[str, str | None]]]:
    """The references with `resolved` filled in, and {reference start: (name, label)}."""
    resolved: list[Reference] = []
    names: dict[int, tuple[str, str | None]] = {}
    for reference in references:
        found = antecedent(reference.refers_to, previous)
        if found is not None:
            names[reference.start] = found
        resolved.append(reference if found is None else replace(reference, resolved=found[0]))
    return tuple(resolved), names


def resolve_claimant(
    pronoun_span: tuple[str, int, int] | None, names: dict[int, tuple[str, str | None]]
) -> Claimant | None:
    """The claimant a pronoun subject ("What did she say?") stands for, if resolved."""
    if pronoun_span is None:
        return None
    text, start, end = pronoun_span
    found = names.get(start)
    if found is None:
        return None
    return Claimant(found[0], start, end, found[1], resolved_from=text)


def _in_entities(term: str, entities: Iterable[Entity]) -> bool:
    lowered = term.lower()
    return any(lowered == e.text.lower() or lowered in e.text.lower().split() for e in entities)


def carry(intent: Intent, previous: Intent | None) -> tuple[tuple[str, ...], tuple[Entity, ...]]:
    """What a follow-up adds to its query: the names it resolved and the previous turn's
    topic, less what the question already says or substitutes; and the entities among them."""
    if previous is None or not intent.is_follow_up:
        return (), ()
    earlier = previous.topic_entities
    substituted = {e.label for e in intent.entities}
    replaced = [e for e in earlier if e.label in substituted]
    candidates = [r.resolved for r in intent.references if r.resolved]
    candidates += [t for t in previous.topic if not _in_entities(t, replaced)]
    present = _words(intent.question)
    carried: list[str] = []
    for term in candidates:
        words = _words(term)
        if words and not words <= present:
            carried.append(term)
            present |= words
    kept = [e for e in earlier if e not in replaced and _words(e.text) & _words(" ".join(carried))]
    return tuple(carried), tuple(dict.fromkeys(kept))


def carried_terms(intent: Intent, previous: Intent | None) -> tuple[str, ...]:
    return carry(intent, previous)[0]


def resolved_query(intent: Intent, previous: Intent | None) -> str:
    """The retrieval query: the question, plus for a follow-up what it resolved and the
    previous turn's topic (only that turn's, however long the conversation)."""
    return " ".join([intent.question, *carried_terms(intent, previous)])


def _words(text: str) -> set[str]:
    return {w.strip(_PUNCTUATION) for w in text.lower().split()} - {""}
