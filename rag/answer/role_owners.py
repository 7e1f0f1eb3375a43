"""Refusal on a role held for another owner: "Who is Kingsbridge's coach?" when the best
sentence names "Harbourside coach Maria Lopez" and no retrieved sentence names anyone in
the role whose title could be Kingsbridge's. The title's other owner is contrary evidence
(`titles.other_owner`), the way another company's figure is for an amount: "The indexed
articles don't say who Kingsbridge's coach is, only Harbourside's".

A story naming only other posts of the role ("Finance Minister George Saitoti" for "Who
is Kenya's defence minister?", the story never saying "defence") does not say who holds
the asked one either (`other_posts_only`).

Only an organisation the analysis names (an ORG) is such an owner: a nationality or a
country may be the question's under another spelling ("Spanish Foreign Minister X" may
well be Spain's), and a title's own capitalised words ("Prime Minister") own nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.language.entities import Entity
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.coverage import argument_forms, names_covered
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.name_acronyms import abbreviates
from news_rag.rag.answer.names import name_words
from news_rag.rag.answer.other_roles import titled_other_role
from news_rag.rag.answer.place_owners import country_for_organisation, other_country
from news_rag.rag.answer.role_qualifiers import (
    DATELINE,
    QUALIFIER_LETTERS,
    asked_qualifier,
    asked_qualifiers,
    titled_otherwise,
)
from news_rag.rag.answer.short_answer import find_span
from news_rag.rag.answer.titles import (
    asks_role,
    named_pronoun_owners,
    other_owner,
    title_fit,
    titled_as_asked,
)
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.slots import MODIFIER_ROLES

# Labels of an owner whose name is the question's owner's or another's: an organisation, not
# a country or a nationality that may be the question's under another spelling ("Spanish").
OWNER_LABELS = frozenset({"ORG"})


def owned_elsewhere(
    chosen: Sequence[Evidence],
    pool: Sequence[Evidence],
    intent: Intent,
    corpus: CorpusTables | None = None,
) -> str:
    """The refusal's reason when the first chosen sentence's person holds the asked role for
    another owner and no sentence of the pool, in a story naming the question's owner,
    names anyone in the role otherwise, or "". An owner written as the question's one's
    short form is the same ("CME Chairman Jack Sandner" for the Chicago Mercantile
    Exchange's; "IBC President" for the Brazilian Coffee Institute's, the corpus's own
    acronym: `_short_form`)."""
    if not chosen or not asks_role(intent):
        return ""
    first = chosen[0]
    span = find_span(first, intent)
    if span is None or first.info is None:
        return ""
    described = named_pronoun_owners(first.info)
    # the span, or where it is no person ("Japanese" in "Japanese trade representative Tsomu
    # Hata" for South Korea's) the sentence's people, titled for another owner
    people = [span.entity]
    if span.entity.label != "PERSON":
        people += [e for e in first.info.entities if e.label == "PERSON"]
    text, start = first.article.text, first.cand.start
    other = next(
        (title for e in people if (title := other_owner(e, intent, text, start, described))),
        "",
    )
    # the other owner an organisation the analysis names: "Harbourside" (an ORG), not a
    # title's own words ("Prime Minister") nor a country or nationality that may be the
    # question's ("Spanish"), only one that is not (`place_owners.other_country`)
    bodies = [e.text for e in first.info.entities if e.label in OWNER_LABELS]
    body = next((b for b in bodies if any(word in b for word in other.split())), None)
    owner = _asked_owner(intent)
    if not other or not owner or _short_form(other, owner, corpus):
        return ""
    entities = first.info.entities
    if body is None and not (
        other_country(other, owner, intent, entities)
        or country_for_organisation(other, owner, intent, entities)
    ):
        return ""  # "Spanish" may be the question's Spain; "Belgian" is not France
    if body is not None and other in body:  # the owner as the analysis names it
        other = body.removeprefix("the ")  # "Goldman Sachs (Japan) Corp" for "Corp"
        other = DATELINE.split(other)[-1]  # NER's "WASHINGTON - Federal Reserve Board"
    for ev in pool:  # someone in the role in a story naming the owner: "Their coach, X"
        found = find_span(ev, intent)
        if found is not None and owner in ev.article.text and _in_role(found.entity, ev, intent):
            return ""
    return _owned_reason(owner, other, body is None, intent)


def _short_form(one: str, other: str, corpus: CorpusTables | None) -> bool:
    """Whether either name is the other's acronym, by its initials (`abbreviates`) or as the
    corpus defines it (`CorpusTables.acronyms`: "The Brazilian Coffee Institute, IBC,")."""
    if abbreviates(one, other):
        return True
    if corpus is None:
        return False
    bare = [name.removeprefix("the ").casefold() for name in (one, other)]
    for short, long in ((one, bare[1]), (other, bare[0])):
        longs = corpus.acronyms.get(short.replace(".", ""), ())
        if any(form.removeprefix("the ").casefold() == long for form in longs):
            return True
    return False


def _owned_reason(owner: str, other: str, place: bool, intent: Intent) -> str:
    """ "who Kingsbridge's coach is, only Harbourside's"; for another country (`place`),
    "who France's research minister is, only who the Belgian research minister is"."""
    role = " ".join([*asked_qualifiers(intent), intent.target or ""])
    if place:
        return f"who {_possessive(owner)} {role} is, only who the {other} {role} is"
    return f"who {_possessive(owner)} {role} is, only {_possessive(other)}"


# An organisation named in at least this many words is known absent from a story that does
# not name it under any of its forms ("the National Bank of Dubai"); a one-word name may be
# a short form of a longer one the story uses.
FULL_OWNER_WORDS = 2


def absent_owner(chosen: Sequence[Evidence], intent: Intent, corpus: CorpusTables) -> str:
    """The refusal's reason when the organisation whose role the question asks who holds,
    named in full, is never named by the first chosen sentence's story (under none of its
    forms): the person it titles holds some other owner's role ("Who is the chairman of the
    National Bank of Dubai?" over "Sheikh Suroor ..., Chairman of Abu Dhabi Commercial
    Bank"); or ""."""
    if not chosen or not asks_role(intent) or not _asked_owner(intent):
        return ""
    for arg in intent.slots.arguments:
        if arg.label not in OWNER_LABELS or len(name_words(arg.text)) < FULL_OWNER_WORDS:
            continue
        forms = [argument_forms(arg.text, arg.label, corpus)]
        if not names_covered(chosen[0].article, forms):
            return f"who the {intent.target} of {arg.text} is"
    return ""


def other_posts_only(chosen: Sequence[Evidence], pool: Sequence[Evidence], intent: Intent) -> str:
    """The refusal's reason when the question asks who holds a role with a qualifier
    ("Who is Kenya's defence minister?"), the first chosen sentence's story never says that
    qualifier, and one of its sentences the pool holds titles someone with the role
    qualified otherwise ("Finance Minister George Saitoti": `titles.titled_otherwise`) or
    with another role ("Chairman A.W. Clausen" for a chief financial officer:
    `other_roles.titled_other_role`): the story names other posts only; or "". A person
    it names without a title is no answer either: nothing there says the post is his."""
    wanted = asked_qualifier(intent)
    if not chosen or wanted is None or not asks_role(intent):
        return ""
    story = chosen[0].article
    key = wanted[:QUALIFIER_LETTERS]
    if any(w.startswith(key) for w in name_words(story.text)):
        return ""
    for ev in (ev for ev in pool if ev.article.id == story.id):
        entities = ev.info.entities if ev.info is not None else ()
        start = ev.cand.start
        if any(
            titled_otherwise(e, intent, story.text, start, entities)
            or titled_other_role(e, intent, story.text)
            for e in entities
        ):
            role = " ".join([*asked_qualifiers(intent), intent.target or ""])
            return f"who the {role} is, only who holds other such posts"
    return ""


def untitled_role(chosen: Sequence[Evidence], pool: Sequence[Evidence], intent: Intent) -> str:
    """The refusal's reason when the question asks who holds a role, and only that ("Who is
    Cyclops' chairman?", "Who is Grossman's defence lawyer?": no verb but the copula), and
    no sentence of the chosen or the pool, in a story naming the question's owner of the
    role, says the role's word (and its qualifier: "air force commander" is not said by
    "Iran's navy commander"): a name there ("Cyacq said ...") answers who did something
    else; or "". Read loosely (the word anywhere: "its director, Anders Nyqvist," whatever
    NER made of the name; "Iran's navy commander warned ..." before "Commodore Mohammed
    Hoseyn Malekzadegan told ..."): a story that says the role at all is left to the
    answer. A question with its own verb ("Who resigned as president?", "the IMF official
    who resigned") asks who did it, which a sentence may say without a title."""
    if not chosen or not asks_role(intent) or intent.slots.predicate not in (None, intent.target):
        return ""
    owner, qualifiers = _asked_owner(intent), asked_qualifiers(intent)
    if _says_more(intent, owner, qualifiers):  # "... the IMF official who resigned?"
        return ""
    keys = [w[:QUALIFIER_LETTERS] for w in (intent.target, *qualifiers) if w]
    for ev in (*chosen, *pool):  # in a story naming the owner the question names
        if (owner and not names_covered(ev.article, [(owner,)])) or ev.info is None:
            continue
        said = name_words(ev.quote)
        if all(any(w.startswith(key) for w in said) for key in keys):
            return ""
    whose = _possessive(owner) if owner else "the"
    role = " ".join(w for w in (*qualifiers, intent.target) if w)
    return f"who {whose} {role} is"


def _says_more(intent: Intent, owner: str, qualifiers: Sequence[str]) -> bool:
    """Whether the question's words of substance (`Intent.focus`) hold more than the role,
    its qualifiers and its owner ("resign" in "What is the name of the IMF official who
    resigned?")."""
    known = {*name_words(owner), intent.target or "", *qualifiers}
    return any(not set(name_words(word)) <= known for word in intent.focus)


def _in_role(entity: Entity, ev: Evidence, intent: Intent) -> bool:
    """Whether a person is titled with the asked role and no other owner of it (`title_fit`
    is -1 for a title naming another owner), with the role's own word and no rank or other
    qualifier before it (`titled_as_asked`, `titled_otherwise`)."""
    described = named_pronoun_owners(ev.info)
    text, start = ev.article.text, ev.cand.start
    if title_fit(entity, intent, text, start, described) <= 0:
        return False
    # the role's own word, unranked: "senior vice-president of Chase" holds no presidency
    return titled_as_asked(entity, intent, text, start) and not titled_otherwise(
        entity, intent, text, start, ev.info.entities if ev.info is not None else ()
    )


# The roles of an owner after the role's noun: "president of X", "chief economist at X",
# "economist for X", "analyst with X".
OWNER_OBJECTS = frozenset({"pobj:of", "pobj:at", "pobj:for", "pobj:with"})


def _asked_owner(intent: Intent) -> str:
    """The question's owner of the asked role ("Kingsbridge" in "Who is Kingsbridge's
    coach?", "Port Linden" in "Who is the manager of Port Linden?", "the Greens" in "Who
    leads the Greens?"), or ""."""
    titled = _role_as_name(intent)
    for argument in intent.slots.arguments:
        # the role's noun, or none where the role is written as a name ("France's Research
        # Minister": the parse's heads stop at that name)
        head = argument.heads[:1] == (intent.target,) or (titled and not argument.heads)
        owns = head and (argument.role in MODIFIER_ROLES or argument.role in OWNER_OBJECTS)
        # "Who leads the Greens?": the role is the verb's agent, its object the owner
        led = argument.role == "dobj" and argument.heads[:1] == (intent.slots.predicate,)
        if owns or led:
            text = argument.text.removesuffix("'s").removesuffix("’s")
            return text.removeprefix("the ").strip()
    return ""


def _role_as_name(intent: Intent) -> bool:
    """Whether the question writes the asked role as a name of its own, untagged ("Research
    Minister" in "Who is France's Research Minister?")."""
    target = intent.target or ""
    return any(not a.label and target in name_words(a.text) for a in intent.slots.arguments)


def _possessive(name: str) -> str:
    """ "Kingsbridge's", "the Greens'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
