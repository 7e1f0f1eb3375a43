"""One article's analysis from its parsed sentences: the stages in reading order.

Pass 1 goes through the sentences in order: entities, the sentence's own cue and source
(pronouns and descriptions resolved against the mentions so far), hedge and event date.
Pass 2 gives a mostly quoted sentence with no cue of its own the speaker of its quotation.
Anything still without a claimant falls back to the article's author or outlet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from news_rag.index.analysis import lexicon
from news_rag.index.analysis.amounts import (
    amount_span,
    amount_start,
    bare_number,
    orphan_amounts,
    orphan_counts,
    range_end,
    scores,
)
from news_rag.index.analysis.causes import causes
from news_rag.index.analysis.claims import Claim, add_entities, own_claim
from news_rag.index.analysis.coreference import Mention, Tracker
from news_rag.index.analysis.dates import DateResolver, untagged_months, whole_year
from news_rag.index.analysis.described import (
    DESCRIPTION,
    PRONOUN,
    PRONOUNS,
    description_tokens,
    resolved,
)
from news_rag.index.analysis.heads import heads, past_honorifics, role
from news_rag.index.analysis.hedge import find_hedge
from news_rag.index.analysis.quotes import (
    QuoteRegion,
    main_region,
    quote_mask,
    quote_regions,
    quoted_share,
)
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.analysis.speakers import quotation_speakers
from news_rag.index.analysis.story_names import (
    Untagged,
    is_proper,
    untagged_spans,
    with_story_names,
)
from news_rag.index.analysis.withheld import withheld
from news_rag.index.language.entities import Entity
from news_rag.index.language.wordlists import ORGANISATION_WORDS, words

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "DATE", "TIME",
     "CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
)  # fmt: skip
# A sentence is quoted speech when at least this share of its characters is inside
# quotation marks: half, so that a quote with a short tag ('"...," she said.') counts and a
# sentence quoting a phrase ('He called it "a crime".') does not.
QUOTED_SHARE = 0.5
_VERB_POS = frozenset({"VERB", "AUX"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})  # "wo" is spaCy's "won't"


def _clause_verb(token: Any) -> Any:
    """The verb of the clause holding `token` (the root when no verb is above it)."""
    while token.pos_ not in _VERB_POS and token.head.i != token.i:
        token = token.head
    return token


def _future(token: Any) -> bool:
    """Whether the clause holding `token` is in the future tense ("will close on Tuesday")."""
    verb = _clause_verb(token)
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children)


@dataclass
class _Draft:
    start: int
    end: int
    claim: Claim | None
    hedge: str | None
    share: float
    entities: tuple[Entity, ...]
    event_date: str | None
    periods: tuple[tuple[str, str], ...]
    withheld: str | None
    described: tuple[Entity, ...]


def _date_of_saying(span: Any) -> bool:
    """A date of the saying, not of what was said: "Tuesday" in "the rate fell in
    February, the agency said on Tuesday" hangs from the speech verb, itself or through a
    preposition. A date of a noun the verb reports is what was said: "1986" in "The company
    today reported a 1986 loss of 1,544,000 dlrs" is the loss's year; so is a year ("Last
    year Pacific Gas reported earnings of ...": `dates.whole_year`)."""
    verb = _clause_verb(span.root)
    speech = lexicon.words(lexicon.SPEECH_VERBS) | lexicon.words(lexicon.WEAK_SPEECH_VERBS)
    if verb.pos_ not in _VERB_POS or verb.lemma_.lower() not in speech or whole_year(span):
        return False
    head = span.root.head
    return head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i)


# Labels the small model gives a person's name after a title ("Chief executive Karen Holt":
# ORG); such a name with a person's role as its title is a PERSON.
MISTAKEN_FOR_NAMES = frozenset({"ORG", "GPE", "NORP", "FAC", "PRODUCT"})


def _titled_person(entity: Any) -> bool:
    """Whether a name the model tagged another kind has a person's role before it as its
    title ("Chief executive Karen Holt", "Spokesman Mr. John Smith")."""
    titles = [c for c in entity.root.children if c.dep_ == "compound" and c.i < entity.start]
    roles = lexicon.words(lexicon.PERSON_ROLES)
    return any(t.lemma_.lower() in roles for t in past_honorifics(titles))


def _described_organisation(entity: Any) -> bool:
    """Whether a name the model tagged a person is described as an organisation by the first
    noun in apposition to it ("Construtora Meridiano, a private engineering group"; not "jose
    palomino, president of the holding firm, the national development council"), by the
    noun right before it ("the research firm Canalys"; not "World Bank Vice-President David
    Knox") or by the noun it is in apposition to ("A second company, the transport contractor
    Dunley Haulage, ...")."""
    children = list(entity.root.children)
    described = [c for c in children if c.dep_ == "appos"][:1]
    described += [c for c in children if c.dep_ == "compound" and c.i == entity.start - 1]
    token = entity.root  # "A second company, the towing contractor Dunley Haulage,"
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head
        described.append(token)
    nouns = lexicon.words(lexicon.ORG_NOUNS)
    return any(c.lemma_.lower() in nouns for c in described)


# Labels the small model gives a place in "the Oslo-based company" besides GPE.
MISTAKEN_FOR_PLACES = frozenset({"ORG", "PERSON", "NORP"})


def _based_in(entity: Any) -> bool:
    """Whether a name is where something is based ("the Oslo-based company"): a place."""
    doc, end = entity.doc, entity.end
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "based"


def _organisation_name(entity: Any) -> bool:
    """Whether a name the model tagged a person ends in a word naming a kind of organisation
    ("Perwira Habib Bank", "Heublein Inc", "Montedison SpA"): no person's name does."""
    last = entity[-1].text.rstrip(".").casefold()
    return last in words(ORGANISATION_WORDS)


# Entities a number-dash-number inside is part of, not a score: "May 28-29", "9-10 pct".
TIMES_AND_UNITS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})


def _without_scores(ents: list[Any], tallies: list[tuple[int, int]]) -> list[Any]:
    """The entities with the match scores (`amounts.scores`) taken out: one inside a score is
    dropped ("1" of "1-1"), one running into it ends before it ("Port Linden 2-1", a FAC,
    is "Port Linden")."""
    from spacy.tokens import Span

    out = []
    for e in ents:
        inside = [a for a, b in tallies if a < e.end and e.start < b]
        if not inside:
            out.append(e)
        elif e.start < inside[0]:
            out.append(Span(e.doc, e.start, inside[0], label=e.label_))
    return out


def _entities(doc: Any, text: str, base: int) -> tuple[Entity, ...]:
    """The sentence's entities, their text sliced from the article (line breaks kept), an
    amount with its scale and unit (`amounts.py`), and its causes (`causes.py`)."""
    named = []
    taken = 0  # the token an amount's unit ends at: an entity inside it is the unit's word
    ents = [e for e in doc.ents if e.label_ in ENTITY_LABELS]
    tallies = [
        (a, b) for a, b in scores(doc)
        if not any(e.label_ in TIMES_AND_UNITS and a < e.end and e.start < b for e in ents)
    ]  # fmt: skip  # "May 28-29" stays a date
    ents = _without_scores(ents, tallies)
    for n, e in enumerate(ents):
        if e.start < taken:
            continue
        label, end = amount_span(e)
        if label is None:
            continue
        end = _without_joiner(doc, e.start, end)  # "400 mln and", as NER tagged it
        if label in MISTAKEN_FOR_NAMES and _titled_person(e):
            label = "PERSON"  # "Chief executive Karen Holt", tagged an ORG
        elif label == "PERSON" and (_described_organisation(e) or _organisation_name(e)):
            label = "ORG"  # "Construtora Meridiano, a private engineering group"
        elif label in MISTAKEN_FOR_PLACES and _based_in(e):
            label = "GPE"  # "the Oslo-based company", "Oslo" tagged an ORG
        hung = heads(doc[e.start : end], titled=label == "PERSON")  # a range: its first amount
        joined = range_end(e, label, end, ents[n + 1] if n + 1 < len(ents) else None)
        if joined is not None:  # "600 mln to 620 mln": one answer
            label, end = joined
        taken = end
        span = doc[amount_start(e, label) : end]
        start, stop = base + span.start_char, base + span.end_char
        named.append(Entity(text[start:stop], label, start, stop, hung, role(span.root)))
    covered = {i for e in doc.ents for i in range(e.start, e.end)}
    found = orphan_amounts(doc, covered) + [("CARDINAL", a, b) for a, b in tallies]
    covered |= {i for _label, a, b in found for i in range(a, b)}
    found += orphan_counts(doc, covered)  # "about 900 employees", untagged
    for label, first, end in found:  # what NER left untagged ("2-1")
        span = doc[first:end]
        start, stop = base + span.start_char, base + span.end_char
        orphan = Entity(text[start:stop], label, start, stop, heads(span), role(span.root))
        named.append(orphan)
    named.sort(key=lambda entity: entity.start)
    return tuple(named) + causes(doc, text, base)


# Parts of speech that join a phrase to the next and end none: "programs of 400 mln and 300
# mln guilders", where NER tagged "400 mln and" as one quantity.
_JOINERS = frozenset({"CCONJ", "ADP"})


def _without_joiner(doc: Any, start: int, end: int) -> int:
    """The end of an entity's tokens `start`..`end` without a conjunction or preposition
    closing it."""
    while end - start > 1 and doc[end - 1].pos_ in _JOINERS:
        end -= 1
    return end


def analyse_parsed(article: ArticleInput, docs: Iterable[Any]) -> list[SentenceAnalysis]:
    """The analysis of each sentence of `article`, from one parsed Doc per sentence (read
    once, in order: a stream holds no more Docs than spaCy's batch), with the names the
    story tags elsewhere (`story_names`)."""
    records, untagged = analyse_sentences(article, docs)
    return resolved(with_story_names(records, untagged, article.text))


def analyse_sentences(
    article: ArticleInput, docs: Iterable[Any]
) -> tuple[list[SentenceAnalysis], list[list[Untagged]]]:
    """`analyse_parsed` but the story's names: each sentence's record, and its runs of
    proper nouns no entity covers (for `story_names.with_story_names`)."""
    text = article.text
    regions = quote_regions(text)
    mask = quote_mask(len(text), regions)
    tracker = Tracker()
    dates = DateResolver(article.published)
    drafts: list[_Draft] = []
    untagged: list[list[Untagged]] = []  # names NER missed, named by the story elsewhere?
    for ordinal, ((start, end), doc) in enumerate(zip(article.spans, docs, strict=True)):

        def quoted(token: Any, base: int = start) -> bool:
            return bool(mask[base + token.idx])

        add_entities(doc, start, ordinal, tracker)
        claim = own_claim(doc, text, start, ordinal, tracker, quoted)
        if claim is not None and not claim.unnamed:
            tracker.add(Mention(claim.name, claim.category, *claim.span or (start, start),
                                ordinal, True))  # fmt: skip
        hedge = find_hedge(
            doc,
            quoted,
            partisan_claimant=claim.name if claim and claim.partisan else None,
            unnamed_cue=claim.cue if claim and claim.unnamed else None,
        )
        date_ents = [e for e in doc.ents if e.label_ == "DATE" and not bare_number(e)]
        date_tokens = [(list(e), _future(e.root)) for e in date_ents]
        content_dates = [d for d, e in zip(date_tokens, date_ents, strict=True)
                         if not _date_of_saying(e)]  # fmt: skip
        content_dates += [([t], _future(t)) for t in untagged_months(doc)]  # "May spec shorts"
        drafts.append(
            _Draft(start, end, claim, hedge, quoted_share(text, mask, start, end),
                   _entities(doc, text, start), dates.resolve(date_tokens),
                   dates.periods(content_dates), withheld(doc), _descriptions(doc, text, start))
        )  # fmt: skip
        untagged.append([_untagged(span, text, start) for span in untagged_spans(doc)])
    _give_quotes_their_speakers(text, drafts, regions)
    return [_record(article, ordinal, draft) for ordinal, draft in enumerate(drafts)], untagged


def _descriptions(doc: Any, text: str, base: int) -> tuple[Entity, ...]:
    """The sentence's bare descriptions of an organisation ("The airline carried ...") and
    its "it" and "its", as `DESCRIPTION` entities holding the noun's lemma (or
    `described.PRONOUN`), with their heads and role, for `described.resolved` to name once
    the story is read."""
    found = []
    for token in description_tokens(doc):
        dets = [c.i for c in token.children if c.dep_ == "det"]
        span = doc[min(dets, default=token.i) : token.i + 1]
        start, end = base + span.start_char, base + span.end_char
        text = PRONOUN if token.lower_ in PRONOUNS else token.lemma_.lower()
        found.append(Entity(text, DESCRIPTION, start, end, heads(span), role(token)))
    return tuple(found)


def _untagged(span: Any, text: str, base: int) -> Untagged:
    """A run of proper nouns no entity covers, with its heads and role (`story_names`)."""
    start, end = base + span.start_char, base + span.end_char
    return Untagged(text[start:end], start, end, heads(span), role(span.root), is_proper(span))


def _give_quotes_their_speakers(
    text: str, drafts: list[_Draft], regions: list[QuoteRegion]
) -> None:
    spans = [(d.start, d.end) for d in drafts]
    speakers = quotation_speakers(text, regions, spans, [d.claim for d in drafts])
    for draft in drafts:
        if draft.claim is not None or draft.share < QUOTED_SHARE:
            continue
        region = main_region(regions, draft.start, draft.end)
        speaker = speakers.get(region) if region is not None else None
        if isinstance(speaker, Claim):
            draft.claim = replace(speaker, cue_span=None)
            if speaker.partisan and draft.hedge is None:
                draft.hedge = speaker.name


def _record(article: ArticleInput, ordinal: int, draft: _Draft) -> SentenceAnalysis:
    claim = draft.claim
    return SentenceAnalysis(
        ordinal=ordinal,
        start=draft.start,
        end=draft.end,
        claimant=claim.name if claim else article.fallback_claimant,
        claimant_span=claim.span if claim else None,
        claimant_explicit=claim is not None,
        cue=claim.cue if claim else None,
        cue_span=claim.cue_span if claim else None,
        hedge=draft.hedge,
        quoted=draft.share >= QUOTED_SHARE,
        entities=draft.entities,
        event_date=draft.event_date,
        periods=draft.periods,
        withheld=draft.withheld,
        described=draft.described,
    )
