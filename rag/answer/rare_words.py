"""The question's rare words: the names of things NER does not tag.

A drug, a product or a ship is often written in lowercase or missed by the small model
("Who led the veltrastat trial?"). Such a word is no English word (none of the spaCy
lemmatizer's tables) and is rare in a large corpus: it appears in at most `RARE_CHUNKS` of
its chunks (by the BM25 index's document frequency of its stem). An
article naming it is about the question's thing; one that does not, beside one that does,
is off-topic (`expansion.coverage`), as an article naming fewer of the question's names is.
In a small corpus (under `MIN_CHUNKS` chunks) every word is rare: none is taken.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from news_rag.index.store.lexical import tokenize_query
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.names import name_words
from news_rag.rag.question.intent import Intent

# At most this many chunks hold a rare word's stem. Set by hand: a coined name ("veltrastat")
# is in the one or two chunks of its story; "trial" is in 8 of 2,777 chunks of the probe
# corpus, "lead" in 105.
RARE_CHUNKS = 2
# A corpus with fewer chunks says nothing of rarity (the sample's 500 chunks hold most
# words once or twice).
MIN_CHUNKS = 1000
# A rare word has at least this many letters: shorter ones are codes and abbreviations,
# which `coverage` reads as names already.
MIN_LETTERS = 5


def rare_words(intent: Intent, reader: IndexReader, names: tuple[str, ...]) -> tuple[str, ...]:
    """The question's lowercase content words that are no English word (not in the spaCy
    lemmatizer's tables: "veltrastat", not "rescued" nor "fault", which a corpus of wire
    stories may also hold in two chunks only), are rare in the corpus and are no word of
    its `names`."""
    if reader.chunk_count() < MIN_CHUNKS:
        return ()
    from news_rag.rag.question.nlp import english_words

    known = english_words()
    named = {w for name in names for w in name_words(name)}
    out = []
    for word in dict.fromkeys(intent.focus):
        if not word.islower() or not word.isalpha() or len(word) < MIN_LETTERS:
            continue
        if word in known or word in named:
            continue
        if 0 < _chunks_with(reader, word) <= RARE_CHUNKS:
            out.append(word)
    return tuple(out)


def _chunks_with(reader: IndexReader, word: str) -> int:
    """How many chunks hold the word's stem (0 when none, or it is a stop word)."""
    stems = tokenize_query(word)
    if len(stems) != 1:
        return 0
    known = _frequencies.setdefault(reader, {})
    if stems[0] not in known:
        retriever = reader.bm25()
        token = retriever.vocab_dict.get(stems[0])
        indptr = retriever.scores["indptr"]
        known[stems[0]] = 0 if token is None else int(indptr[token + 1] - indptr[token])
    return known[stems[0]]


# Each open index's document frequencies asked so far, by stem (gone with the reader).
_frequencies: WeakKeyDictionary[IndexReader, dict[str, int]] = WeakKeyDictionary()
