"""LangChain's side of `rag benchmark index`, run as its own process (its own peak RSS):

    python -m news_rag.eval.benchmarks.index_peer DOCUMENTS.jsonl --out RESULT.json

DOCUMENTS.jsonl holds the cleaned article texts our pipeline indexed ({"id", "text"} per
line). The pipeline is the one most LangChain users write (issue 10):
`RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=100)`, then
`FAISS.from_documents` with `HuggingFaceEmbeddings` over the same bundled, hash-checked
all-MiniLM-L6-v2 (a local path, never downloaded), at LangChain's defaults otherwise. The
chunks are added in batches (`from_documents`, then `add_documents`) only to report
progress; the work is the same. Timed from the first LangChain import to the last vector
in FAISS. Then, untimed, the tokens of every chunk are counted: sentence-transformers cuts
each chunk to `max_seq_length` (256 word pieces with [CLS]/[SEP]) without a word.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from news_rag.eval.benchmarks.index_bench import (
    SPECIAL_TOKENS,
    ProgressCallback,
    SideResult,
    count_tokens,
    peak_rss_mb,
    run_side,
)
from news_rag.index.errors import InputError

# The splitter settings issue 10 compares against (characters, not tokens).
CHUNK_SIZE = 1000
CHUNK_OVERLAP = 100


def read_documents(path: Path) -> list[tuple[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        documents = [(str(r["id"]), str(r["text"])) for r in map(json.loads, filter(None, lines))]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a JSON Lines file of {{id, text}} ({exc})") from exc
    if not documents:
        raise InputError(f"{path}: no documents to index")
    return documents


def max_seq_length(embeddings: Any, default: int) -> int:
    """The window sentence-transformers cuts every text to (its own setting)."""
    client = getattr(embeddings, "_client", None)
    value = getattr(client, "max_seq_length", None)
    return int(value) if isinstance(value, int) and value > 0 else default


def measure_langchain(
    documents: list[tuple[str, str]], progress: ProgressCallback | None = None
) -> SideResult:
    from news_rag.eval.benchmarks.peers import EMBED_BATCH, _require, langchain_embeddings
    from news_rag.index.encoders.minilm import MODEL_MAX_TOKENS

    # quiet, not slower: no weight-loading bar between our progress lines
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    started = time.perf_counter()
    splitters = _require("langchain_text_splitters")
    vectorstores = _require("langchain_community.vectorstores")
    documents_module = _require("langchain_core.documents")
    embeddings = langchain_embeddings()
    splitter = splitters.RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP
    )
    chunks = splitter.split_documents(
        [
            documents_module.Document(page_content=text, metadata={"id": doc_id})
            for doc_id, text in documents
        ]
    )
    store: Any = None
    for start in range(0, len(chunks), EMBED_BATCH):
        batch = chunks[start : start + EMBED_BATCH]
        if store is None:
            store = vectorstores.FAISS.from_documents(batch, embeddings)
        else:
            store.add_documents(batch)
        if progress:
            progress("LangChain embedding", min(start + EMBED_BATCH, len(chunks)), len(chunks))
    wall_s = time.perf_counter() - started
    peak = peak_rss_mb()
    vectors = int(store.index.ntotal) if store is not None else 0
    window = max_seq_length(embeddings, MODEL_MAX_TOKENS) - SPECIAL_TOKENS
    tokens = count_tokens((c.page_content for c in chunks), window)
    return SideResult(
        pipeline=f"LangChain (RecursiveCharacterTextSplitter({CHUNK_SIZE}, {CHUNK_OVERLAP}) "
        "+ FAISS.from_documents)",
        encoder="sentence-transformers fp32",
        articles=len(documents),
        chunks=len(chunks),
        texts_embedded=vectors,
        tokens_embedded=tokens.embedded,
        chunk_tokens=tokens.total,
        chunk_tokens_embedded=tokens.embedded,
        wall_s=wall_s,
        peak_rss_mb=peak,
        extra={
            "chunk_size": CHUNK_SIZE,
            "chunk_overlap": CHUNK_OVERLAP,
            "window_tokens": window,
            "truncated_chunks": tokens.truncated,
        },
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m news_rag.eval.benchmarks.index_peer")
    parser.add_argument("documents", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    return run_side(
        lambda progress: measure_langchain(read_documents(args.documents), progress), args.out
    )


if __name__ == "__main__":
    sys.exit(main())
