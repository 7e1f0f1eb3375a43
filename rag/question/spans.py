"""Noun phrases of a parsed question as character spans of its text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

# Parts of a subtree that are not part of the name: clauses hanging off it.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "prep"})
# Tokens dropped from either end: "the Fed" -> "Fed", "Lendman 's" -> "Lendman".
_EDGE_POS = frozenset({"DET", "PUNCT", "CCONJ", "PART", "ADP"})


def _collect(token: Token, out: list[Token]) -> None:
    out.append(token)
    for child in token.children:
        if child.dep_ not in _CLAUSE_DEPS or child.lower_ == "of":  # "Bank of Japan"
            _collect(child, out)


def phrase(token: Token) -> tuple[str, int, int]:
    """The noun phrase headed by `token`: its text and character span, without clauses,
    prepositional phrases other than "of", and leading articles."""
    collected: list[Token] = []
    _collect(token, collected)
    doc = token.doc
    tokens = list(doc[min(t.i for t in collected) : max(t.i for t in collected) + 1])
    while len(tokens) > 1 and tokens[0].pos_ in _EDGE_POS:
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].pos_ in _EDGE_POS or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return doc.text[start:end], start, end


def entity_label(token: Token) -> str | None:
    """The entity label of the entity holding `token`, if any."""
    return token.ent_type_ or None


# Tokens that continue a noun phrase read left to right ("the Syrian Defense Ministry",
# "Moscow's top general"); used where the parse misattaches a phrase after a fixed
# expression ("according to ...", "which ...").
_RUN_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})
HYPHENS = frozenset({"-", "‐"})


def noun_run(doc: Any, start: int) -> list[Token]:
    """The noun phrase that starts at token `start`, read left to right without the parse."""
    run: list[Token] = []
    for token in doc[start:]:
        joined = token.text in HYPHENS and run and not run[-1].whitespace_
        possessive = token.tag_ == "POS" and run
        of_name = (
            token.lower_ == "of" and run and token.i + 1 < len(doc)
            and doc[token.i + 1].pos_ in {"PROPN", "NOUN"}
        )  # fmt: skip
        if token.pos_ in _RUN_POS or joined or possessive or of_name:
            run.append(token)
        else:
            break
    while run and run[-1].pos_ not in {"NOUN", "PROPN", "NUM"}:
        run.pop()
    return run


def run_head(run: list[Token]) -> Token | None:
    """The noun that types a run: its last noun before any "of" ("chief" in "Moscow's chief
    of staff", "Bank" in "Bank of Japan"); the name shown is the whole run."""
    nouns = []
    for token in run:
        if token.lower_ == "of":
            break
        if token.pos_ in {"NOUN", "PROPN"}:
            nouns.append(token)
    return nouns[-1] if nouns else None


def run_text(run: list[Token]) -> tuple[str, int, int]:
    tokens = list(run)
    while len(tokens) > 1 and tokens[0].pos_ == "DET":
        tokens = tokens[1:]
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return doc.text[start:end], start, end
