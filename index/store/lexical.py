"""BM25 over chunk texts with the bm25s library, saved as plain .npy/.json files."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from news_rag.index.store.diskwrite import writing

BM25_CONFIG: dict[str, Any] = {
    "library": "bm25s",
    "method": "lucene",
    "k1": 1.2,
    "b": 0.75,
    "stopwords": "en",
    "stemmer": "english",
}

_stemmer_lock = threading.Lock()
_tokenize_lock = threading.Lock()
_stemmer: Any = None


def _get_stemmer() -> Any:
    global _stemmer  # noqa: PLW0603 - PyStemmer objects are cached per process
    with _stemmer_lock:
        if _stemmer is None:
            import Stemmer

            _stemmer = Stemmer.Stemmer(BM25_CONFIG["stemmer"])
        return _stemmer


def tokenize(texts: Sequence[str]) -> Any:
    """Tokenize for BM25 the same way at index and query time, the vocabulary numbered in
    sorted order (`sorted_vocabulary`)."""
    import bm25s

    stemmer = _get_stemmer()
    with _tokenize_lock:  # PyStemmer objects are not safe to share between threads
        tokenized = bm25s.tokenize(
            list(texts), stopwords=BM25_CONFIG["stopwords"], stemmer=stemmer, show_progress=False
        )
    return sorted_vocabulary(tokenized)


def sorted_vocabulary(tokenized: Any) -> Any:
    """`tokenized` with its stems numbered in sorted order. bm25s numbers them in the order
    of a Python set, which string hashing changes from process to process, so two builds of
    the same texts wrote different (equivalent) BM25 files; now they write the same bytes."""
    from bm25s.tokenization import Tokenized

    vocab = {token: new for new, token in enumerate(sorted(tokenized.vocab))}
    renumber = {tokenized.vocab[token]: new for token, new in vocab.items()}
    ids = [[renumber[i] for i in doc] for doc in tokenized.ids]
    return Tokenized(ids=ids, vocab=vocab)


def build_bm25(texts: Sequence[str]) -> Any:
    import bm25s

    retriever = bm25s.BM25(method=BM25_CONFIG["method"], k1=BM25_CONFIG["k1"], b=BM25_CONFIG["b"])
    if texts:
        retriever.index(tokenize(texts), show_progress=False)
    return retriever


def save_bm25(retriever: Any, directory: Path) -> None:
    with writing(directory):
        directory.mkdir(parents=True, exist_ok=True)
        retriever.save(str(directory), allow_pickle=False, show_progress=False)


def load_bm25(directory: Path, *, mmap: bool = False) -> Any:
    """Load a saved index; with `mmap` its arrays stay readable after the files are unlinked."""
    import bm25s

    return bm25s.BM25.load(str(directory), allow_pickle=False, mmap=mmap)


def tokenize_query(query: str) -> list[str]:
    """Query tokens as strings (stemmed, stopwords removed), for `BM25.get_scores`."""
    return list(tokenize_remembered([query])[0])


# Texts whose tokens `tokenize_remembered` keeps: a warm process re-reads the same corpus
# sentences question after question (~50 per question), each tokenized once. Set by hand:
# 20,000 sentences of ~30 tokens are a few MB; the memo is emptied when full.
TOKEN_MEMO_TEXTS = 20_000
_token_memo: dict[str, list[str]] = {}
_memo_lock = threading.Lock()


def tokenize_remembered(texts: Sequence[str]) -> list[list[str]]:
    """`tokenize_many`, each text tokenized once per process (the tokens are a pure function
    of the text): the ones not seen before in one call. Callers must not change the lists."""
    with _memo_lock:
        missing = list(dict.fromkeys(t for t in texts if t not in _token_memo))
        if missing:
            if len(_token_memo) + len(missing) > TOKEN_MEMO_TEXTS:
                _token_memo.clear()
            _token_memo.update(zip(missing, tokenize_many(missing), strict=True))
        return [_token_memo[t] for t in texts]


def tokenize_many(texts: Sequence[str]) -> list[list[str]]:
    """`tokenize_query` of each text, in one call (bm25s sets up its work per call: one
    call for the ~50 candidate sentences of a question instead of one each)."""
    import bm25s

    if not texts:
        return []
    stemmer = _get_stemmer()
    with _tokenize_lock:
        tokens = bm25s.tokenize(
            list(texts),
            stopwords=BM25_CONFIG["stopwords"],
            stemmer=stemmer,
            return_ids=False,
            show_progress=False,
        )
    return [list(t) for t in tokens]


def top_positive(scores: Any, k: int) -> list[tuple[int, float]]:
    """The k best (id, score) with score > 0, best first, ties by lower id.

    The same list as a stable sort of every positive score, in time linear in their
    number: at 1M chunks a common query term scores most of them, and the full sort took
    longer than the search itself."""
    import numpy as np

    positive = np.flatnonzero(scores > 0)
    if positive.size > k:
        values = scores[positive]
        kth = np.partition(values, positive.size - k)[positive.size - k]
        above = positive[values > kth]
        tied = positive[values == kth][: k - above.size]
        positive = np.concatenate([above, tied])
    top = positive[np.argsort(-scores[positive], kind="stable")][:k]
    return [(int(i), float(scores[i])) for i in top]


def lexical_search(
    index: Any, tokens: Sequence[str], k: int, allowed: Sequence[int] | None, chunk_count: int
) -> list[tuple[int, float]]:
    """Top-k (chunk id, BM25 score) of a bm25s index, or of any index with a
    `search(tokens, k, allowed)` (the FTS5 index `rag benchmark lexical` measures:
    eval/benchmarks/lexical_fts.py).

    `allowed` restricts the ranking to those chunk ids (a weight mask for bm25s)."""
    import numpy as np

    if hasattr(index, "search"):  # the FTS5 index ranks on disk
        return list(index.search(tokens, k, allowed))
    known = [t for t in tokens if t in index.vocab_dict]
    if not known:
        return []
    mask = None
    if allowed is not None:
        mask = np.zeros(chunk_count, dtype=np.float32)
        mask[np.asarray(allowed, dtype=np.int64)] = 1.0
    return top_positive(index.get_scores(known, weight_mask=mask), k)
