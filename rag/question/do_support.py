"""The main verb of a "do" question that the small model reads as a noun.

In "How many tonnes of sugar did the Philippine sugar industry export?" spaCy's small model
often makes "did" the sentence's main verb and "export" a noun ("industry export", its
object): with a long subject before it, a question-final verb that can be a noun
("produce", "process", "total", "report", "increase") reads as the end of a noun phrase.
Every reader of the question then misses what it asks about: no predicate, no verb for the
answer to hang from. `repair` gives such a question its verb back by rearranging the parse:
the last word becomes the main verb, "did" its auxiliary, the noun phrase before it its
subject and the question phrase its object. Only when the last word is a verb the
lemmatizer's own English verb list knows, and "do" is not itself the asked verb ("What did
the company do?"). Likewise a participle before the subject that the model took for the
main verb ("Which firm will departing NASD president Gordon Macklin join as chairman?":
"departing" the root) becomes the subject's modifier, and the verb after it the main one;
a root after "did" tagged an adjective ("did the bridge first open") or after "will" a noun
("will the food scheme end", its subject a compound) is a verb, and a
question in the perfect whose "has" the model took for its main verb ("How many seats has
the LDP lost?": "lost" its clause) gets the participle as its verb.
"""

from __future__ import annotations

from typing import Any

from news_rag.rag.question import words

_DO_FORMS = frozenset({"do", "does", "did"})
# Auxiliaries a question's verb follows ("did", "will"): the model's root in a misread "do"
# question, the participle's child in a misread participle.
_AUXILIARIES = _DO_FORMS | frozenset({"will", "would", "can", "could", "should", "may", "might"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
# Tags of a last word misread in a noun's place: a noun, or a verb the parse hangs as one
# ("produce", a VERB, the object of "at"). An adverb or adjective is read as asked: "How long
# did the debate last?" keeps no verb, as "How long did the strike last?" is parsed.
_READ_AS_NOUN = _NOUN_POS | {"VERB"}
_PARTICIPLES = frozenset({"VBG", "VBN"})
_HAVE_FORMS = frozenset({"has", "have", "had"})
# A participle's tags: the model tags one that is also a past tense ("lost") either way.
_PAST_FORMS = frozenset({"VBN", "VBD"})
# Roles of the question phrase that become the verb's object ("How many tonnes ... did X
# export?"); others ("When", "How") keep theirs.
_OBJECT_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "npadvmod"})


def _lemmas(nlp: Any, parts_of_speech: tuple[str, ...]) -> frozenset[str]:
    """The lemmas of `parts_of_speech` in the pipeline's lemmatizer tables (empty without
    them)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(w for pos in parts_of_speech for w in table.get(pos, ()))


def verb_bases(nlp: Any) -> frozenset[str]:
    """The base forms of English verbs in the pipeline's lemmatizer tables (empty without
    them)."""
    return _lemmas(nlp, ("verb",))


def english_lemmas(nlp: Any) -> frozenset[str]:
    """Every lemma of the pipeline's lemmatizer tables (nouns, verbs, adjectives, adverbs):
    a word outside them is no English word ("veltrastat"). Empty without the tables."""
    return _lemmas(nlp, ("noun", "verb", "adj", "adv"))


def single_root(doc: Any) -> Any | None:
    """The parse's root, when it has one only (a question the model split into two
    sentences has two); None otherwise."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    return roots[0] if len(roots) == 1 else None


def misread(doc: Any, verbs: frozenset[str]) -> tuple[Any, Any] | None:
    """The (auxiliary, last word) pair of a question whose main verb the model took to be
    the auxiliary ("did", "will"), with a last word (before a time ending the question:
    "rise today") that is a verb it took for a noun; None otherwise. A last word the model
    does make the main verb, with its subject read into its noun phrase ("did the group's
    net profit fall": "profit fall") is left as read: rearranged, "How much revenue did
    SkyBridge report?" reads SkyBridge as a speaker and loses its answer (measured on the
    probe sets, 2026-12-06)."""
    words = _before_trailing_time([t for t in doc if not t.is_punct])
    if len(words) < 3:
        return None
    verb = words[-1]
    if verb.pos_ not in _READ_AS_NOUN or verb.lower_ in _DO_FORMS or verb.lower_ not in verbs:
        return None  # "last" read as an adverb ("How long did the debate last?") stays one
    root = single_root(doc)
    if root is None or root.lower_ not in _AUXILIARIES or root.i >= verb.i - 1:
        return None
    return (root, verb) if verb.head.i != verb.i else None


_TIME_LABELS = frozenset({"DATE", "TIME"})


def _before_trailing_time(words: list[Any]) -> list[Any]:
    """The words before a time ending the question, and the preposition before it ("did
    Gencorp's stock rise today", "did sales rise in 1986"): the verb misread ends them."""
    kept = list(words)
    while len(kept) > 1 and kept[-1].ent_type_ in _TIME_LABELS:
        kept.pop()
    if len(kept) < len(words) and kept and kept[-1].pos_ == "ADP":
        kept.pop()
    return kept


def participle_read_as_verb(doc: Any) -> tuple[Any, Any, Any, Any] | None:
    """(auxiliary, participle, verb, subject) of a question whose main verb the model took
    to be a participle before the subject ("Which firm will departing NASD president Gordon
    Macklin join?": "departing" the root, "join" its clause or object, with a subject of its
    own); None otherwise."""
    root = single_root(doc)
    if root is None or root.tag_ not in _PARTICIPLES:
        return None
    aux = [c for c in root.children if c.lower_ in _AUXILIARIES and c.i == root.i - 1]
    for verb in root.rights:  # its clause ("ccomp") or object ("dobj"): what has a subject
        subjects = [c for c in verb.lefts if c.dep_ == "nsubj" and c.i > root.i]
        if aux and subjects:
            return aux[0], root, verb, subjects[0]
    return None


def adjective_read_as_verb(doc: Any, verbs: frozenset[str]) -> Any | None:
    """The root of a question the model parsed right but tagged an adjective, though "do"
    is its auxiliary: no adjective takes "did" ("When did the Harwick bridge first open?":
    "open" an ADJ); None otherwise. Only a word the lemmatizer knows as a verb (`verbs`);
    an adverb stays one ("How long did the debate last?")."""
    root = single_root(doc)
    if root is None or root.pos_ != "ADJ" or root.lower_ not in verbs:
        return None
    does = any(c.dep_ == "aux" and c.lower_ in _DO_FORMS and c.i < root.i for c in root.children)
    return root if does else None


def noun_read_as_verb(doc: Any, verbs: frozenset[str]) -> Any | None:
    """The root of a question the model tagged a noun though "do" or "will" is its
    auxiliary, with its subject read as the noun's modifier ("When will the food scheme
    end?": "scheme end", a compound); None otherwise. Only a word the lemmatizer knows as a
    verb (`verbs`), and no verb of saying: its subject would become a claimant ("How much
    revenue did SkyBridge report?" loses its answer so, `misread`)."""
    root = single_root(doc)
    if root is None or root.pos_ != "NOUN" or root.lower_ not in verbs:
        return None
    if root.lower_ in words.speech_verbs():
        return None
    return root if _helped(root) else None


def _helped(root: Any) -> bool:
    """Whether "do", "will" or another auxiliary before the root hangs from it."""
    return any(c.dep_ == "aux" and c.lower_ in _AUXILIARIES and c.i < root.i for c in root.children)


def _restore_noun_verb(doc: Any, verbs: frozenset[str]) -> bool:
    root = noun_read_as_verb(doc, verbs)
    if root is None:
        return False
    modifiers = [c for c in root.lefts if c.dep_ == "compound"]
    if modifiers:  # "the food scheme": the subject, the words before it its own
        subject = modifiers[-1]
        subject.dep_ = "nsubj"
        for t in modifiers[:-1]:
            t.head = subject
    root.pos_, root.tag_, root.lemma_ = "VERB", "VB", root.lower_
    return True


def _verb_after_subject(doc: Any) -> bool:
    """When the verb in its base form follows a root read after "will" or "do" with a noun
    before it, and hangs from it ("How much will Pan Am's management salary freeze save a
    year?": "freeze" the root, a noun or a verb, "salary" its compound, "save" its object),
    the root ends the subject and the verb is the question's: the parse is rearranged so
    (the auxiliary and the question word hang from the verb)."""
    root = single_root(doc)
    if root is None or root.i + 1 >= len(doc):
        return False
    after = doc[root.i + 1]
    if after.head.i != root.i or after.tag_ != "VB":
        return False
    if not _helped(root) or not any(c.dep_ == "compound" for c in root.lefts):
        return False
    moved = [c for c in root.children if c.i < root.i and c.dep_ in {"aux", "advmod"}]
    after.head, after.dep_ = after, "ROOT"
    root.head, root.dep_ = after, "nsubj"
    for child in moved:
        child.head = after
    return True


def _restore_modifier_verb(doc: Any, verbs: frozenset[str]) -> bool:
    """When "did" is the root and a word after its subject hangs from it as an adjective or
    an adverb though the lemmatizer knows it as a verb ("At what price did Gencorp's stock
    close today?": "close" an ADJ), that word is the main verb: the parse is rearranged so.
    Not a question's last word ("How long did the debate last?" keeps "last" as read)."""
    root = single_root(doc)
    if root is None or root.lower_ not in _DO_FORMS:
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i > root.i]
    words = [t for t in doc if not t.is_punct]
    verb = next(
        (
            c for c in root.children
            if subjects and c.i > subjects[0].i and c.dep_ in {"advmod", "acomp"}
            and c.pos_ in {"ADJ", "ADV"} and c.lower_ in verbs and c.i != words[-1].i
        ),
        None,
    )  # fmt: skip
    if verb is None:
        return False
    for child in [c for c in root.children if c.i != verb.i]:
        child.head = verb
    verb.head, verb.dep_, verb.pos_, verb.tag_ = verb, "ROOT", "VERB", "VB"
    verb.lemma_ = verb.lower_
    root.head, root.dep_, root.pos_ = verb, "aux", "AUX"
    return True


def _restore_adjective_verb(doc: Any, verbs: frozenset[str]) -> bool:
    root = adjective_read_as_verb(doc, verbs)
    if root is None:
        return False
    root.pos_, root.tag_, root.lemma_ = "VERB", "VB", root.lower_
    return True


def _restore_main_verb(doc: Any) -> bool:
    found = participle_read_as_verb(doc)
    if found is None:
        return False
    aux, participle, verb, subject = found
    children = [c for c in participle.children if c.i not in (aux.i, verb.i)]
    verb.head, verb.dep_ = verb, "ROOT"
    aux.head, aux.dep_ = verb, "aux"
    participle.head, participle.dep_, participle.pos_ = subject, "amod", "ADJ"
    for child in children:
        child.head = verb
        if child.i < aux.i and child.dep_ in _OBJECT_ROLES:
            child.dep_ = "dobj"
    return True


def perfect_read_as_verb(doc: Any) -> tuple[Any, Any] | None:
    """(auxiliary, participle) of a question in the perfect whose "has" the model took for
    its main verb, the participle after its subject for a clause of it ("How many seats has
    the LDP lost?": "has" the root, "lost" its `ccomp`); None otherwise."""
    root = single_root(doc)
    if root is None or root.lower_ not in _HAVE_FORMS:
        return None
    for verb in root.rights:
        subjects = [c for c in verb.lefts if c.dep_ in {"nsubj", "nsubjpass"}]
        if verb.dep_ == "ccomp" and verb.tag_ in _PAST_FORMS and subjects:
            return root, verb
    return None


def _restore_perfect(doc: Any) -> bool:
    found = perfect_read_as_verb(doc)
    if found is None:
        return False
    aux, verb = found
    for t in doc:  # what hung from "has" (the question phrase, the final "?"): the verb
        if t.i in (aux.i, verb.i) or t.head.i != aux.i:
            continue
        t.head = verb
        if t.i < aux.i and t.dep_ in _OBJECT_ROLES:
            t.dep_ = "dobj"
    verb.head, verb.dep_ = verb, "ROOT"
    aux.head, aux.dep_, aux.pos_ = verb, "aux", "AUX"
    return True


def name_read_as_verb(doc: Any, verbs: frozenset[str]) -> tuple[Any, list[Any], Any] | None:
    """(auxiliary, name, verb) of a question whose main verb the model took to be a word of
    the name after its auxiliary ("How many passengers did Harbour Jet carry?": "Harbour"
    the root, "carry" its clause; "How many stores will Greystone Retail close?": "Retail"
    the root, "close" its modifier), with the first word after the name a verb the
    lemmatizer knows (`verbs`); None otherwise."""
    root = single_root(doc)
    if root is None or root.pos_ != "PROPN":
        return None
    first = root.i
    while first > 0 and doc[first - 1].pos_ == "PROPN":
        first -= 1
    last = root.i
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
        last += 1
    if first == 0 or doc[first - 1].lower_ not in _AUXILIARIES or last + 1 >= len(doc):
        return None
    verb = doc[last + 1]
    if verb.is_punct or verb.lower_ not in verbs:
        return None
    return doc[first - 1], list(doc[first : last + 1]), verb


def _restore_verb_after_name(doc: Any, verbs: frozenset[str]) -> bool:
    found = name_read_as_verb(doc, verbs)
    if found is None:
        return False
    aux, name, verb = found
    in_name = {t.i for t in name}
    subject = name[-1]
    hung = in_name | {aux.i}
    for t in doc:  # what hung from the name or "did" (the question phrase, "in 2025"): the verb
        if t.i in (verb.i, aux.i) or t.i in in_name or t.head.i not in hung:
            continue
        t.head = verb
        if t.i < aux.i and t.dep_ in _OBJECT_ROLES:
            t.dep_ = "dobj"
    verb.head, verb.dep_, verb.pos_, verb.tag_ = verb, "ROOT", "VERB", "VB"
    verb.lemma_ = verb.lower_
    aux.head, aux.dep_, aux.pos_ = verb, "aux", "AUX"
    subject.head, subject.dep_ = verb, "nsubj"
    for t in name[:-1]:
        t.head, t.dep_ = subject, "compound"
    return True


def repair(doc: Any, verbs: frozenset[str]) -> bool:
    """Rearrange a misread question's parse in place (see the module); whether it was
    misread. `verbs`: base forms of English verbs (`verb_bases`)."""
    found = misread(doc, verbs)
    if found is None:
        return (
            _restore_main_verb(doc)
            or _restore_verb_after_name(doc, verbs)
            or _restore_adjective_verb(doc, verbs)
            or _restore_modifier_verb(doc, verbs)
            or _verb_after_subject(doc)
            or _restore_noun_verb(doc, verbs)
            or _restore_perfect(doc)
        )
    do, verb = found
    heads = {t.i: t.head.i for t in doc}
    between = range(do.i + 1, verb.i)
    own = [doc[i] for i in between if heads[i] == verb.i]
    subject = next((t for t in reversed(own) if t.pos_ in _NOUN_POS), None)
    old_head, old_dep = doc[heads[verb.i]], verb.dep_
    verb.head, verb.dep_, verb.pos_, verb.tag_ = verb, "ROOT", "VERB", "VB"
    verb.lemma_ = verb.lower_
    do.head, do.dep_, do.pos_ = verb, "aux", "AUX"
    has_subject = False
    if subject is not None:
        if old_head.i in between:  # "at Mobil's Beaumont refinery produce": in a phrase
            subject.head, subject.dep_ = old_head, old_dep
        else:
            subject.head, subject.dep_ = verb, "nsubj"
            has_subject = True
        for t in own:
            if t.i != subject.i:
                t.head = subject
    for t in doc:
        if t.i in (do.i, verb.i) or heads[t.i] != do.i:
            continue
        t.head = verb
        if t.i in between and not has_subject:
            t.dep_, has_subject = "nsubj", True
        elif t.i < do.i and t.dep_ in _OBJECT_ROLES:
            t.dep_ = "dobj"
    return True
