"""A passive question's subject is what is done to, not who does it.

spaCy's small model often gives an unknown name after "was" the role of an active subject:
in "How much was Dunley Haulage fined?" and "When was Payvia founded?" it marks "was" as the
passive auxiliary (`auxpass`) yet "Haulage" and "Payvia" as `nsubj`; in "How long was
Darren Pike sentenced to?" it makes "was" the root and "sentenced" its clause, with "Pike"
the clause's `nsubj`. Read as doers, such names are on the wrong side of the act
(`rag.answer.swaps`: "Darren Pike was sentenced to nine years" then reads as the other way
round) and own what others did (`rag.answer.owners`). `repair_passive` sets the parse right
in place: the participle is the main verb, "was" its passive auxiliary, and the subject of
a verb with a passive auxiliary is a passive subject (`nsubjpass`), as the model marks
known names ("When was RX-7 approved by the WHO?").
"""

from __future__ import annotations

from typing import Any

from news_rag.rag.question.do_support import single_root

# Dependencies the model gives a participle it hangs below "was" ("How long was Darren Pike
# sentenced to?": a clause, `ccomp`).
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "dep", "advcl", "conj"})
# The dependencies of a form of "be" before a participle ("is" in "How much is Kestrel Bank
# valued at?": the model's `aux` there, `auxpass` elsewhere).
_AUX_DEPS = frozenset({"aux", "auxpass"})


def participle_below_be(doc: Any) -> tuple[Any, Any, Any] | None:
    """("was", participle, subject) of a question whose root is a form of "be" before its
    subject, with a participle after that subject hung below "be" as a clause ("How long was
    Darren Pike sentenced to?") or below the subject as its modifier ("How much is Coinwise
    Ltd valued at?"); None otherwise."""
    root = single_root(doc)
    if root is None or root.lemma_ != "be":
        return None
    own = [c for c in root.children if c.dep_ == "nsubj" and c.i > root.i]
    for verb in doc[root.i + 1 :]:
        if verb.tag_ != "VBN":
            continue
        if verb.head.i == root.i and verb.dep_ in _CLAUSE_DEPS:
            inner = [c for c in verb.children if c.dep_ == "nsubj" and root.i < c.i < verb.i]
            if inner:
                return root, verb, inner[0]
        if own and verb.dep_ == "acl" and verb.head.i == own[0].i:
            return root, verb, own[0]
    return None


def repair_passive(doc: Any) -> bool:
    """Set a passive question's parse right in place (see the module); whether anything
    changed."""
    changed = False
    found = participle_below_be(doc)
    if found is not None:
        be, verb, subject = found
        verb.head, verb.dep_ = verb, "ROOT"
        for child in [c for c in be.children if c.i != verb.i]:
            child.head = verb  # "long" of "How long": what the question asks, of the verb
            if child.dep_ == "acomp":
                child.dep_ = "advmod"
        be.head, be.dep_ = verb, "auxpass"
        subject.head = verb
        changed = True
    for verb in doc:  # "be" and a past participle ("is" an `aux` of "valued"), or a passive
        be = [c for c in verb.children if c.dep_ in _AUX_DEPS and c.lemma_ == "be"]
        if not be or (verb.tag_ != "VBN" and not any(c.dep_ == "auxpass" for c in be)):
            continue  # auxiliary ("was" of "fined", read as a past tense)
        for child in verb.children:
            if child.dep_ == "nsubj":
                child.dep_, changed = "nsubjpass", True
            elif child.i == be[-1].i and child.dep_ != "auxpass":
                child.dep_, changed = "auxpass", True
    return changed
