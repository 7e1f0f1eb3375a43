"""Source stage: the phrase that names a cue's source, and the claimant name made from it.

"Russian Foreign Ministry Spokeswoman Maria Zakharova" -> "Maria Zakharova (Russian Foreign
Ministry Spokeswoman)"; "Pro-government sources" -> "pro-government sources"; "the
ISIS-linked news agency Amaq" -> "Amaq (ISIS-linked news agency)" when Amaq is an entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from news_rag.index.analysis import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

# A source phrase longer than this is a clause, not a name; the head's noun phrase is used.
# Chosen from news bylines: the longest real claimant phrases in the sample and Reuters
# ("the chief of Russia's General Staff Valery Gerasimov") have about 10 tokens.
MAX_SOURCE_TOKENS = 12
_DROPPED_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis", "punct_edge"})
_EDGE_POS = frozenset({"PUNCT", "CCONJ", "DET", "SPACE"})
_NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case"})
# What a source or mention may be referred to as: PERSON (he/she, "the spokeswoman"), ORG
# (it/they, "the company"), PLACE (a country or city: "it"), GROUP (a nationality: "they").
PERSON, ORG, PLACE, GROUP, OTHER = "PERSON", "ORG", "PLACE", "GROUP", "OTHER"
ENTITY_CATEGORY = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "NORP": GROUP}
# A speaker named by at most this many proper nouns and no entity is taken for a person: a
# first and last name with a middle name or initial.
_UNTAGGED_NAME_TOKENS = 3
_LOWERCASE_POS = frozenset({"ADJ", "DET", "ADV", "NUM"})


@dataclass(frozen=True)
class Source:
    name: str  # the claimant as shown
    start: int  # the phrase's character offsets in the sentence Doc
    end: int
    category: str  # PERSON, ORG or OTHER: what a pronoun or description may refer to
    head: Token
    partisan: bool  # "pro-government sources", "anti-Assad activists"


def _collect(token: Token, out: list[Token], dropped: frozenset[str]) -> None:
    out.append(token)
    for child in token.children:
        if child.dep_ not in dropped:
            _collect(child, out, dropped)


def phrase_tokens(head: Token, *, appositive: bool = True) -> list[Token]:
    """The source phrase headed by `head`, without relative clauses or edge punctuation
    (and without its appositive unless `appositive`)."""
    collected: list[Token] = []
    _collect(head, collected, _DROPPED_DEPS if appositive else _DROPPED_DEPS | {"appos"})
    doc = head.doc
    core = [t for t in collected if t.pos_ != "PUNCT"] or collected  # commas around appos
    tokens = list(doc[min(t.i for t in core) : max(t.i for t in core) + 1])
    if len(tokens) > MAX_SOURCE_TOKENS:
        left = head
        while left.i > 0 and doc[left.i - 1].dep_ in _NOUN_PHRASE_DEPS:
            left = doc[left.i - 1]
        tokens = list(doc[left.i : head.i + 1])
    if not appositive:  # "Bell Petroleum Inc, currently in Chapter 11," -> up to the comma
        commas = [t.i for t in tokens if t.text == "," and t.head.i == head.i and t.i > head.i]
        if commas:
            tokens = [t for t in tokens if t.i < commas[0]]
    while len(tokens) > 1 and tokens[0].pos_ in _EDGE_POS:
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].pos_ in _EDGE_POS or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    return tokens


def _root(tokens: list[Token]) -> Token:
    """The phrase's own head: the token whose head lies outside the phrase."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])


def _person_tokens(tokens: list[Token]) -> list[Token]:
    """The PERSON entity that heads the phrase, titles in front dropped ([] if none does:
    "pro-Kiev Telegram channels" is about channels, whatever NER says of "Telegram")."""
    root = _root(tokens)
    if root.ent_type_ != "PERSON":
        return []
    last = root
    name = [t for t in tokens if t.ent_type_ == "PERSON" and _same_entity(t, last)]
    roles = lexicon.words(lexicon.PERSON_ROLES)
    while len(name) > 1 and name[0].lower_ in roles:
        name = name[1:]
    return name


def _same_entity(token: Token, other: Token) -> bool:
    doc = token.doc
    return any(e.start <= token.i < e.end and e.start <= other.i < e.end for e in doc.ents)


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return " ".join(doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])].split())


def is_partisan(tokens: list[Token]) -> bool:
    prefixes = lexicon.words(lexicon.PARTISAN_PREFIXES)
    for i, token in enumerate(tokens):
        lowered = token.lower_
        if lowered in prefixes and i + 1 < len(tokens) and tokens[i + 1].text == "-":
            return True
        if "-" in lowered and lowered.split("-", 1)[0] in prefixes:
            return True
    return False


def category(tokens: list[Token], head: Token) -> str:
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return PERSON
    if head.lemma_.lower() in lexicon.words(lexicon.PERSON_ROLES):
        return PERSON
    if head.lemma_.lower() in lexicon.words(lexicon.ORG_NOUNS):
        return ORG
    for label in ("ORG", "GPE", "NORP"):  # "Russian Foreign Ministry" is an ORG, not a GROUP
        if any(t.ent_type_ == label for t in tokens):
            return ENTITY_CATEGORY[label]
    if len(tokens) <= _UNTAGGED_NAME_TOKENS and all(t.pos_ == "PROPN" for t in tokens):
        return PERSON  # a speaker's bare name that NER missed ("Ongpin said")
    return OTHER


def _named_after_description(tokens: list[Token]) -> str | None:
    """ "ISIS-linked news agency Amaq" -> "Amaq (ISIS-linked news agency)": a proper name
    after a description that has a common noun."""
    split = len(tokens)
    while split > 0 and tokens[split - 1].pos_ == "PROPN":
        split -= 1
    description = tokens[:split]
    if split == len(tokens) or not any(t.pos_ == "NOUN" for t in description):
        return None
    if description[-1].pos_ in {"ADP", "PART", "PUNCT", "DET"} or description[-1].tag_ == "POS":
        return None  # "head of Rosneft", "Russia's Gazprom": not a description
    return f"{_text(tokens[split:])} ({_text(description)})"


def _after_dateline(tokens: list[Token]) -> list[Token]:
    """The tokens after a wire dateline opening them ("NEW YORK - Magma Copper Co": a place
    in capitals and a dash), else all of them."""
    for at, token in enumerate(tokens[:-1]):
        spaced = at > 0 and bool(tokens[at - 1].whitespace_) and bool(token.whitespace_)
        if token.text in _DATELINE_DASHES and spaced:  # " - ", not "M/A-Com"
            before = tokens[:at]
            if before and all(t.text.isupper() or t.is_punct for t in before):
                return tokens[at + 1 :]
            break
    return tokens


# The dash after a dateline's place ("WASHINGTON - ", "NEW YORK -- ").
_DATELINE_DASHES = frozenset({"-", "--"})


def claimant_name(tokens: list[Token]) -> str:
    """The claimant as shown: a person's name first with the rest as their role; never with
    the dateline opening its paragraph (`_after_dateline`)."""
    tokens = _after_dateline(tokens)
    name = _person_tokens(tokens)
    if name:
        left = [t for t in tokens if t.i < name[0].i]
        role = _role_text(left or [t for t in tokens if t.i > name[-1].i])
        return f"{_text(name)} ({role})" if role else _text(name)
    named = _named_after_description(tokens)
    if named:
        return named
    text = _text(tokens)
    first = tokens[0]
    # Only a descriptor word is lowercased ("Local sources", "Pro-Syria experts", "Most
    # analysts"); a capitalised noun may be a name the tagger missed ("Asbestec said").
    descriptor = first.pos_ in _LOWERCASE_POS and not first.ent_type_
    partisan = first.lower_.split("-")[0] in lexicon.words(lexicon.PARTISAN_PREFIXES)
    if (descriptor or partisan) and not first.text.isupper():
        text = text[:1].lower() + text[1:]
    return text


def _role_text(role: list[Token]) -> str:
    """A person's role as shown: without a trailing title ("... General Staff Gen." ->
    "... General Staff") and without function words at its edges."""
    roles = lexicon.words(lexicon.PERSON_ROLES)
    while len(role) > 1 and role[-1].text.endswith(".") and role[-1].lower_ in roles:
        role = role[:-1]
    while role and (role[0].pos_ in _EDGE_POS or role[0].tag_ == "POS"):
        role = role[1:]
    while role and (role[-1].pos_ in _EDGE_POS or role[-1].tag_ == "POS"):
        role = role[:-1]
    return _text(role) if role else ""


def _name_with_appositive(head: Token) -> str:
    """ "Irwin Federman, chief executive of X," -> "Irwin Federman (chief executive of X)";
    "Churchill, a privately held firm that ..." -> "Churchill"."""
    main = phrase_tokens(head, appositive=False)
    appositives = [c for c in head.children if c.dep_ == "appos"]
    if not appositives:
        return claimant_name(main)
    extra = phrase_tokens(appositives[0])
    if _person_tokens(main) and not _person_tokens(extra):
        return f"{claimant_name(main).split(' (')[0]} ({_role_text(extra)})"
    if _person_tokens(extra) and not _person_tokens(main):
        return f"{claimant_name(extra).split(' (')[0]} ({_role_text(main)})"
    if head.pos_ == "NOUN" and all(t.pos_ == "PROPN" for t in extra):
        return f"{_text(extra)} ({_text(main)})"  # "news agency Amaq" -> "Amaq (news agency)"
    return claimant_name(main)


def make_source(head: Token) -> Source:
    tokens = phrase_tokens(head)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Source(
        name=_name_with_appositive(head),
        start=start,
        end=end,
        category=category(tokens, head),
        head=head,
        partisan=is_partisan(tokens),
    )
