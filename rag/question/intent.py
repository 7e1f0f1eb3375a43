"""What the question parse returns: `Intent` and its parts. Frozen dataclasses with `to_dict()`.

All spans are character offsets into the question text (`question[start:end] == text`),
except a claimant resolved from an earlier turn, whose text is the earlier name and whose
span is that of the pronoun standing for it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from news_rag.index.language.entities import Entity
from news_rag.rag.question.slots import Slots

if TYPE_CHECKING:
    from news_rag.rag.types import Filters

FACTOID, QUANTITY, WHEN, WHO, CLAIMS, METADATA = (
    "factoid", "quantity", "when", "who", "claims", "metadata",
)  # fmt: skip
KINDS = (FACTOID, QUANTITY, WHEN, WHO, CLAIMS, METADATA)  # the kinds of answer
FOLLOW_UP = "follow-up"  # `Intent.to_dict()["kind"]` of a follow-up
METADATA_FIELDS = ("author", "published", "outlet", "original_source")


@dataclass(frozen=True)
class Claimant:
    """Who the question asks about as the source of a claim ("What did Russia say?")."""

    text: str  # "Russia", "the Russian Foreign Ministry"; a resolved pronoun's antecedent
    start: int
    end: int
    label: str | None = None  # entity label of the name, when NER gives one
    resolved_from: str | None = None  # the pronoun it stands for ("she"), if resolved

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class QuestionFilters:
    """Restrictions the question implies. The first four are `rag.types.Filters` fields.

    `since`/`until` are the period the question names ("in 2018"); `source` is a name the
    question attributes the answer to ("according to Reuters"): an outlet or a claimant,
    which the parse cannot tell apart, so it is a hint and not a search filter.
    """

    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    outlet: str | None = None
    author: str | None = None
    source: str | None = None
    # A month, and a day, named without a year ("in September": 9; "on June 3": 6 and 3):
    # no search filter, only a period the answer's sentences may contradict ("orders
    # placed in August").
    month: int | None = None
    day: int | None = None

    def is_empty(self) -> bool:
        return not any(asdict(self).values())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_filters(self) -> Filters:
        """The search filters (`source` is a hint, not a filter, and is left out)."""
        from news_rag.rag.types import Filters

        return Filters(outlet=self.outlet, author=self.author, since=self.since, until=self.until)

    def updated(self, other: QuestionFilters) -> QuestionFilters:
        """These filters with every field that `other` sets replaced by its value."""
        changes = {k: v for k, v in asdict(other).items() if v is not None}
        return replace(self, **changes)


@dataclass(frozen=True)
class Reference:
    """A word that points outside the question: a pronoun with no antecedent in it, an
    elliptical fragment, a continuation ("And ..."), or an anaphoric date ("the next day")."""

    text: str
    start: int
    end: int
    reason: str  # "pronoun", "demonstrative", "ellipsis", "continuation", "anaphoric"
    refers_to: str  # PERSON, THING, GROUP, PLACE or ANY (the previous turn's topic)
    resolved: str | None = None  # the earlier name it stands for, when one was found

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Intent:
    """One parsed question: what it asks for, about whom, within which limits."""

    question: str
    question_word: str | None  # "who", "how", ...; None for "Is ...?" and "What about X?"
    kind: str  # the kind of answer it asks for: one of KINDS
    expected_types: tuple[str, ...]  # entity labels an answer should hold, most likely first
    claimant: Claimant | None  # the named claimant it asks about, if any
    asks_claimant: bool  # the answer is who claims something ("Who said ...?")
    focus: tuple[str, ...]  # content lemmas, in question order
    entities: tuple[Entity, ...]
    filters: QuestionFilters = field(default_factory=QuestionFilters)
    target: str | None = None  # the asked-for thing: "people" in "How many people died?"
    counts_things: bool = False  # "how many <things>": a count, never money or a share
    # "What is the capital of Peru?": it asks what a relation names; the answer must say it
    asks_relation: bool = False
    anchors: tuple[str, ...] = ()  # lemmas an answer hangs from: the target and the main verb
    metadata_field: str | None = None  # one of METADATA_FIELDS for metadata questions
    title: str | None = None  # a quoted article title in the question
    references: tuple[Reference, ...] = ()
    is_follow_up: bool = False  # it needs the previous turn (a reference points at it)
    context: tuple[str, ...] = ()  # terms a follow-up carries from the previous turn
    context_entities: tuple[Entity, ...] = ()  # the named entities among those terms
    query: str = ""  # the retrieval query: the question plus its context
    answer_entities: tuple[Entity, ...] = ()  # set after answering (`with_answer`)
    slots: Slots = field(default_factory=lambda: Slots(None))  # predicate and arguments

    @property
    def about_previous_answer(self) -> bool:
        """ "Who said that?": asks who made the previous answer's claims, nothing else."""
        return self.is_follow_up and self.asks_claimant and not self.focus

    @property
    def topic(self) -> tuple[str, ...]:
        """What the next turn may carry over: the names resolved here and the focus, plus the
        carried context when this turn adds no content of its own ("When did she say it?")
        or repeats the previous question with a part replaced ("And in 2019?"). So a topic
        never grows by more than one turn's content."""
        resolved = [r.resolved for r in self.references if r.resolved]
        inherited = self.context if self._inherits else ()
        return tuple(dict.fromkeys([*resolved, *self.focus, *inherited]))

    @property
    def topic_entities(self) -> tuple[Entity, ...]:
        """The named entities of `topic`."""
        inherited = self.context_entities if self._inherits else ()
        return tuple(dict.fromkeys([*self.entities, *inherited]))

    @property
    def _inherits(self) -> bool:
        elliptical = any(r.reason == "ellipsis" for r in self.references)
        return elliptical or not self.focus

    def with_answer(self, entities: tuple[Entity, ...]) -> Intent:
        """This intent with the entities of its answer (its claimants, the names it quotes),
        so that a follow-up's "she" or "it" can resolve to them."""
        return replace(self, answer_entities=tuple(entities))

    def to_dict(self) -> dict[str, Any]:
        """The intent as JSON; "kind" says "follow-up" for a follow-up and "answer_kind" is
        the kind of answer (the keys it always had)."""
        return {
            "question": self.question,
            "question_word": self.question_word,
            "kind": FOLLOW_UP if self.is_follow_up else self.kind,
            "answer_kind": self.kind,
            "expected_types": list(self.expected_types),
            "claimant": self.claimant.to_dict() if self.claimant else None,
            "asks_claimant": self.asks_claimant,
            "focus": list(self.focus),
            "entities": [e.to_dict() for e in self.entities],
            "filters": self.filters.to_dict(),
            "target": self.target,
            "metadata_field": self.metadata_field,
            "title": self.title,
            "references": [r.to_dict() for r in self.references],
            "context": list(self.context),
            "context_entities": [e.to_dict() for e in self.context_entities],
            "query": self.query,
            "answer_entities": [e.to_dict() for e in self.answer_entities],
        }
