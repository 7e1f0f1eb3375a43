"""Whose figure a sentence gives when its speaker is the only participant it has.

"The company had admitted releasing about 8,000 litres of solvent" names no company: the
analysis read its speaker, "the company", as Pellham Chemicals, named in the sentence
before (`SentenceAnalysis.claimant_span`, in another sentence); "About 2,300 jobs will be
cut ..., according to a company statement" is Greystone's statement ("company statement"
read as the Greystone Retail Group's); "Manville said there are currently 9,500 property
damage claims filed" names its speaker itself. A company telling its own figures, with no other
owner in the sentence, owns them: for "How much solvent did Dunley Haulage release?" or "How
many jobs will Pennfield Stores cut?", the sentence gives another company's figure. That is
contrary evidence (`alignment.Contradiction`, decisive), as another owner named in the
sentence is (`owners.owner_contradiction`).
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.rag.answer.alignment import Contradiction, answer_values
from news_rag.rag.answer.coverage import names_in, word_keys
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.names import name_words
from news_rag.rag.answer.owners import (
    AMOUNT_TYPES,
    OWNER_ROLES,
    claimant_surname,
    name_cut_before,
    owners,
)
from news_rag.rag.answer.withheld import Story
from news_rag.rag.question.intent import QUANTITY, Intent
from news_rag.rag.question.slots import Argument

# The labels a question's participant may have for a company's figure: an organisation, a
# company the small model tagged a person or a place, or a name no story tags ("").
COMPANY_LABELS = frozenset({"ORG", "PERSON", "GPE", ""})


def speaker_contradiction(
    ev: Evidence, intent: Intent, forms: Sequence[Sequence[str]], story: Story
) -> Contradiction | None:
    """The contradiction when the sentence's values of the asked-for kind have no owner in
    it, its speaker is an organisation the analysis resolved from a description or a
    pronoun (`resolved_speaker`) or names itself (`named_speaker`), and a company the
    question names as the one doing or owning the asked thing is not it and is not named in
    the sentence."""
    info = ev.info
    if info is None or intent.kind != QUANTITY:
        return None
    keys = word_keys(ev.quote)
    asked = [
        (arg, group) for arg, group in zip(intent.slots.arguments, forms, strict=False)
        if arg.role in OWNER_ROLES and arg.label in COMPANY_LABELS and name_words(arg.text)
        and not _place_before_noun(arg) and not any(names_in(form, keys) for form in group)
    ]  # fmt: skip
    if not asked:
        return None
    values = [v for v in answer_values(info, intent) if v.label in AMOUNT_TYPES]
    if not values or any(owners(v, info) for v in values):
        return None
    named = named_speaker(info)
    speaker = resolved_speaker(ev, info, story) or named
    if speaker is None or _asked_company(speaker, speaker == named, asked, forms):
        return None
    arg = asked[0][0]
    return Contradiction("name", speaker, arg.text, same_role=True, owner=True)


def _place_before_noun(arg: Argument) -> bool:
    """A place written before the asked thing's noun ("U.S." in "U.S. refinery crude runs"):
    where the figure is of, which an agency reporting it ("..., it said": the Energy
    Information Administration) does not contradict."""
    return arg.label == "GPE" and arg.role == "compound"


def _asked_company(
    speaker: str,
    named: bool,
    asked: Sequence[tuple[Argument, Sequence[str]]],
    forms: Sequence[Sequence[str]],
) -> bool:
    """Whether the speaker is the question's own company under one of its forms; one the
    sentence names itself also by a shorter name ("Southwest said" for Southwest Realty)
    or as another of the question's names ("Bally said" for Bally's sale of Six Flags)."""
    keys = word_keys(speaker)
    if any(names_in(form, keys) for _arg, group in asked for form in group):
        return True
    return named and any(names_in(speaker, word_keys(form)) for group in forms for form in group)


def resolved_speaker(ev: Evidence, info: SentenceAnalysis, story: Story) -> str | None:
    """The organisation the sentence's speaker stands for when the sentence calls it by a
    description or a pronoun only: the claimant the analysis resolved, named in another
    sentence ("The company had admitted ...") or in words of its own that are no name
    ("according to a company statement"), when the story names it as an organisation."""
    span = info.claimant_span
    if not info.claimant_explicit or span is None or info.cue_span is None or not info.claimant:
        return None
    text = ev.article.text
    said = text[span[0] : span[1]]
    inside = info.start <= span[0] and span[1] <= info.end
    if inside and any(w[:1].isupper() for w in said.split()):
        return None  # the sentence names its speaker itself
    words = set(said.casefold().split()) if inside else set()  # "company statement"
    name = " ".join(w for w in info.claimant.split() if w.casefold() not in words).strip()
    if not name:
        return None
    organisations = {
        e.text for row in story(ev.article.id) for e in (*row.entities, *row.described)
        if e.label == "ORG"
    }  # fmt: skip
    return name if name in organisations else None


def named_speaker(info: SentenceAnalysis) -> str | None:
    """The organisation the sentence names as its speaker ("Manville said there are
    currently 9,500 property damage claims filed"), or None."""
    span = info.claimant_span
    if not info.claimant_explicit or span is None or info.cue_span is None:
        return None
    inside = [e for e in info.entities if span[0] <= e.start and e.end <= span[1]]
    if len(inside) != 1 or inside[0].label != "ORG" or claimant_surname(inside[0], info):
        return None  # "Angus said": Michael Angus, whom the small model took for a company
    if name_cut_before(inside[0], info.entities) is not None:
        return None  # "Highveld Steel and Vanadium Corp Ltd said": a name cut in two
    return inside[0].text


def with_speakers(
    found: Sequence[Sequence[Contradiction]],
    typed: Sequence[Evidence],
    intent: Intent,
    forms: Sequence[Sequence[str]],
    story: Story,
) -> list[list[Contradiction]]:
    """`found` (each typed sentence's contradictions, in order) with the speaker's
    (`speaker_contradiction`) where a sentence has no other name contradiction."""
    out = [list(cs) for cs in found]
    if len(found) != len(typed) or intent.kind != QUANTITY:
        return out
    for cs, ev in zip(out, typed, strict=True):
        if not any(c.kind == "name" for c in cs):
            extra = speaker_contradiction(ev, intent, forms, story)
            cs.extend([extra] if extra is not None else [])
    return out
