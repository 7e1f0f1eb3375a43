"""How many of the question's names an article names: a sentence from an article that never
mentions the company, person or place the question is about rarely answers it.

"How much did Unilever's pre-tax profits rise to in 1986?" retrieves, next to the Unilever
story, a story about another company's 1986 pre-tax profit that shares every other word.
Selection prefers the sentences of the articles that name as many of the question's names
as the best-covering retrieved article does (`AnswerSettings.off_topic_penalty`); it never
refuses on this (a name the corpus spells differently must not cost an answer).

A name is named by an article when every word of it is a word of the article (title and
text), a word of five letters or more matching on its first five ("Syrian" for "Syria",
as in `names`; a country's adjective for its name, "Thai" for "Thailand"), or when one of
the name's forms learned from the corpus is: its acronym's long form ("Environmental
Protection Agency" for "EPA") or another spelling ("Albukamal" for "al-Bukamal").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from news_rag.index.types import Article
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.evidence import VALUE_LABELS
from news_rag.rag.answer.names import COUNTRIES, STEM_LETTERS, WORD_SIMILARITY, name_words
from news_rag.rag.question.acronyms import name_expansions, spellings
from news_rag.rag.question.intent import Intent


def question_names(intent: Intent) -> tuple[str, ...]:
    """The participants the question names (people, organisations, places...), not values."""
    names = (e.text for e in intent.topic_entities if e.label not in VALUE_LABELS)
    return tuple(dict.fromkeys(names))


def _key(word: str) -> str:
    """A word cut to its first `STEM_LETTERS` letters, a country's adjective as its country
    ("thai" as "thail", the key of "thailand": `names.country_of`)."""
    word = COUNTRIES.get(word, word)  # `country_of`, inlined: read for every word
    return word[:STEM_LETTERS] if len(word) >= STEM_LETTERS else word


# Articles whose word keys are kept: a question reads 10-24 articles, so this covers the
# last few dozen questions while memory stays bounded (about 10 kB of keys an article).
ARTICLE_KEYS_CACHED = 1024


@lru_cache(maxsize=ARTICLE_KEYS_CACHED)
def _article_words(article: Article) -> frozenset[str]:
    """The words of the article's title and text as written (casefolded), read once for its
    keys (`_article_keys`) and its names written out (`names_word_for_word`)."""
    return frozenset(name_words(f"{article.title or ''}\n{article.text}"))


@lru_cache(maxsize=ARTICLE_KEYS_CACHED)
def _article_keys(article: Article) -> frozenset[str]:
    """The words of the article's title and text, each cut to its first `STEM_LETTERS`
    letters."""
    return frozenset(_key(w) for w in _article_words(article))


def writes_word_starting(article: Article, prefix: str) -> bool:
    """Whether a word of the article's title or text begins with `prefix` (lowercase, at most
    `STEM_LETTERS` letters), read in its cached word keys."""
    return any(key.startswith(prefix) for key in _article_keys(article))


def word_keys(text: str) -> frozenset[str]:
    """The words of a text, each cut to its first `STEM_LETTERS` letters."""
    return frozenset(_key(w) for w in name_words(text))


def names_in(form: str, keys: frozenset[str]) -> bool:
    """Whether every word of the name `form` is one of `keys` (see `word_keys`)."""
    words = name_words(form)
    return bool(words) and all(_key(w) in keys for w in words)


def name_forms(name: str, corpus: CorpusTables) -> tuple[str, ...]:
    """The name and the forms the corpus writes it in (with its acronyms' long forms,
    `acronyms.name_expansions`; other spellings)."""
    return (name, *name_expansions(name, corpus.acronyms), *spellings(name, corpus.spellings))


def argument_forms(text: str, label: str, corpus: CorpusTables) -> tuple[str, ...]:
    """A named argument's `name_forms`, and for a person named in full the surname news copy
    calls them by after the first mention ("Murakhovsky" for "Vsevolod Murakhovsky")."""
    forms = name_forms(text, corpus)
    words = text.split()
    if label == "PERSON" and len(words) > 1 and name_words(words[-1]):
        return (*forms, words[-1])
    return forms


def names_word_for_word(article: Article, form: str) -> bool:
    """Whether the article writes every word of the name `form` as it is, with a plural or
    possessive "s", or misspelt (`names.WORD_SIMILARITY`: "Genetech" for "Genentech");
    "Petrogal" is not named by "Petroquimica", as `names_covered`'s first letters would
    have it: for a company's or a person's own name."""
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import extractOne

    words = _article_words(article)

    def written(word: str) -> bool:
        if word in words or f"{word}s" in words or word.removesuffix("s") in words:
            return True
        return extractOne(word, words, scorer=ratio, score_cutoff=WORD_SIMILARITY) is not None

    return bool(name_words(form)) and all(written(w) for w in name_words(form))


def names_covered(article: Article, forms: Sequence[Sequence[str]]) -> int:
    """How many of the names (each given as its `name_forms`) the article names, in its
    title or text."""
    keys = _article_keys(article)
    return sum(any(names_in(form, keys) for form in name) for name in forms)
