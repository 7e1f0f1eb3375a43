"""The named-entity record both paths use: an entity of an article sentence (the analysis)
or of a question (the question parse, and the answers it refers back to)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# The spaCy labels of an amount: a sum, a share, a count or a measure (NER tells them apart
# unreliably in news copy: "10 pct" may be a CARDINAL).
AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
# The spaCy labels of a name: a participant (a person, an organisation, a place, a people, a
# product or an event), not a value.
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "PRODUCT"})


@dataclass(frozen=True)
class Entity:
    """A named entity: `text == source_text[start:end]` (the article's cleaned text, or the
    question's), or start == end == -1 when it is not in that text (a question's entity
    carried from an earlier turn or taken from an answer)."""

    text: str
    label: str  # spaCy label (PERSON, ORG, NORP, GPE, DATE, CARDINAL, MONEY, ...) or CAUSE
    start: int = -1
    end: int = -1
    # Lemmas of the nouns and verbs the entity hangs from, nearest first: "interest", "carry"
    # for "5.5 pct" in "the loan, carrying interest of 5.5 pct" (what the number is of). Only
    # the analysis finds them; a question's entities have none.
    heads: tuple[str, ...] = ()
    # Its dependency in the parse ("nsubj", "dobj", "poss", "pobj:for", ...), as a question's
    # argument's (`rag.question.slots.Argument.role`): who does what to whom. Only the
    # analysis finds it.
    role: str = ""

    def to_dict(self) -> dict[str, Any]:
        """As JSON; `heads` and `role` only when there are some (see `to_record` for the
        stored form)."""
        data = asdict(self)
        del data["heads"], data["role"]
        if self.heads:
            data["heads"] = list(self.heads)
        if self.role:
            data["role"] = self.role
        return data

    def to_record(self) -> dict[str, Any]:
        """As the analysis stores it: `heads` always (empty or not), `role` when found."""
        return {**self.to_dict(), "heads": list(self.heads)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        heads = tuple(str(h) for h in data.get("heads", ()))
        text, label, role = str(data["text"]), str(data["label"]), str(data.get("role", ""))
        return cls(text, label, int(data["start"]), int(data["end"]), heads, role)
