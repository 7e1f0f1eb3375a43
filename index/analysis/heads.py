"""What a phrase hangs from in the parse: the nouns and verbs above it (`heads`: what an
amount is of, the title a name is given) and its dependency (`role`). Stored with every
entity at index time; the question's arguments are read the same way (`rag.question.slots`).
"""

from __future__ import annotations

from typing import Any

from news_rag.index.language.wordlists import CHANGE_VERBS, LEVEL_VERBS, words

# How many nouns or verbs above an entity are kept as its heads: enough for the unit a number
# counts ("pct", "dlrs": spaCy's CARDINAL leaves it out), the noun it measures and the verb
# of its clause ("pct", "interest", "carry"); a fourth is mostly the speech verb.
HEAD_DEPTH = 3
_HEAD_POS = frozenset({"NOUN", "VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})  # an apposition or a title: "Interior Minister"
# An honorific is an abbreviation this short with its full stop ("Dr.", "Mrs.", "Prof.").
HONORIFIC_MAX_CHARS = 5


def heads(span: Any, titled: bool = False) -> tuple[str, ...]:
    """The lemmas of the first `HEAD_DEPTH` nouns or verbs above the span's root in the
    parse: what an amount or a date is of ("pct", "interest", "carry" for "5.5" in
    "carrying interest of 5.5 pct"); through a copula, its subject ("exports" for "exports
    were 3.85 billion marks"); first, a name's apposition ("president" for "Bruce
    Wilkinson, president of the company, said") or what a number counts a part of ("seat"
    for "62" in "won 62 of the 150 seats"); with `titled` (a person), last, the title
    before it ("minister" for "Interior Minister Omar Said", "officer" for "chief
    financial officer Amy Tran")."""
    found = [c.lemma_.lower() for c in span.root.children
             if c.dep_ == "appos" and c.pos_ in NOUN_POS and not _bracketed(c)][:1]  # fmt: skip
    if span.root.like_num and not found:  # "62 of the 150 seats": a count of seats
        found = [o.lemma_.lower() for p in span.root.children if p.dep_ == "prep"
                 and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"
                 and o.pos_ == "NOUN"][:1]  # fmt: skip
    token = span.root
    while token.head.i != token.i and len(found) < HEAD_DEPTH:
        token = token.head
        if token.pos_ in _HEAD_POS:
            found.append(token.lemma_.lower())
        elif token.lemma_ == "be":  # "exports were 3.85 billion marks": what the number is
            found.extend(c.lemma_.lower() for c in token.children
                         if c.dep_ == "nsubj" and c.pos_ in _HEAD_POS)  # fmt: skip
        if _states_amount(token) and len(found) < HEAD_DEPTH:
            # "Revenue rose 14 percent to $4.1 billion", "Sales reached ...": what they are of
            found.extend(c.lemma_.lower() for c in token.children
                         if c.dep_ == "nsubj" and c.pos_ == "NOUN")  # fmt: skip
    if not titled:
        return tuple(found)
    titles = [c for c in span.root.children
              if c.dep_ == "compound" and c.i < span.start and c.pos_ in NOUN_POS]  # fmt: skip
    titles = [t for t in past_honorifics(titles) if not _honorific(t)]
    title = _title(titles[-1]) if titles else None
    for role in (title, _complement_role(span.root)):
        if role is not None and role not in found:
            found.append(role)  # last: what the name hangs from comes first
    return tuple(found)


def _bracketed(token: Any) -> bool:
    """Whether a token stands in brackets: a ticker or a short name after a name ("Pacific
    Telesis Group (PAC.N) ... holds", "International Digital Communications Inc (IDC)"),
    which the parser hangs from the name as its apposition; no title ("president")."""
    doc = token.doc
    return (
        token.i > 0
        and doc[token.i - 1].text == "("
        and (token.i + 1 < len(doc) and doc[token.i + 1].text == ")")
    )


# Verbs whose complement is what their subject is ("will remain president", "was named
# chairman", "became chief executive"). Lemmas. Not "be": "Soleimani was a commander of the
# entire operation" then outranked the sentence saying he was filmed, for "Which commander
# was caught on camera?" (the sample's q056 lost its proving quote).
_ROLE_VERBS = frozenset({"remain", "become", "stay", "name", "appoint", "elect"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_COMPLEMENTS = frozenset({"attr", "oprd"})


def _complement_role(root: Any) -> str | None:
    """The noun a person is said to be by a verb whose subject the person is, or by a verb
    joined to it with no subject of its own: "president" for "Don Manning will cede his post
    as chief executive but will remain president"; None where there is none."""
    if root.dep_ not in _SUBJECTS:
        return None
    verb = root.head
    joined = [c for c in verb.children if c.dep_ == "conj"
              and not any(g.dep_ in _SUBJECTS for g in c.children)]  # fmt: skip
    for v in (verb, *joined):
        if v.lemma_.lower() not in _ROLE_VERBS:
            continue
        nouns = [c for c in v.children if c.dep_ in _COMPLEMENTS and c.pos_ in NOUN_POS]
        if nouns:
            return _title(nouns[0])
    return None


def _states_amount(token: Any) -> bool:
    """A verb of change, or of a level outside a relative clause ("IBM, whose stock hit a
    52-week low of ...": the low is what IBM's clause is about, not the stock's)."""
    lemma = token.lemma_.lower()
    return lemma in words(CHANGE_VERBS) or (lemma in words(LEVEL_VERBS) and token.dep_ != "relcl")


def _honorific(token: Any) -> bool:
    """ "Dr.", "Mr.", "Prof.": a short abbreviation before a name, no title of a role."""
    return token.text.endswith(".") and len(token.text) <= HONORIFIC_MAX_CHARS


def past_honorifics(titles: list[Any]) -> list[Any]:
    """The titles with an honorific's own title words in its place: "author" for "Lead
    author Dr. Tomas Lindqvist", "spokesman" for "Spokesman Mr. John Smith" (the parse hangs
    them from the honorific)."""
    out: list[Any] = []
    for t in titles:
        if _honorific(t):
            out.extend(c for c in t.children if c.dep_ == "compound" and c.pos_ in NOUN_POS)
        out.append(t)
    return sorted(out, key=lambda t: t.i)


def role(token: Any) -> str:
    """A phrase's dependency by its root `token`, with the preposition of an object of one:
    "nsubj", "dobj", "poss", "pobj:for" ("for 400 mln dlrs")."""
    if token.dep_ == "pobj":
        return f"pobj:{token.head.lemma_.lower()}"
    return str(token.dep_)


def _title(token: Any) -> str:
    """A title's lemma with the words a hyphen joins to it: "vice-president", never
    "president", for "World Bank Vice-President David Knox"."""
    word, i, doc = token.lemma_.lower(), token.i, token.doc
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_:
        word, i = f"{doc[i - 2].lower_}-{word}", i - 2
    return str(word)
