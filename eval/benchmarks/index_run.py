"""Our side of `rag benchmark index`, run as its own process (so its peak RSS is its own):

    python -m news_rag.eval.benchmarks.index_run ARTICLES --index DIR --documents OUT.jsonl \
        [--encoder VARIANT] --out RESULT.json

Indexes ARTICLES into the fresh index DIR with `run_index` (the pipeline `rag index` runs:
read, clean, dedupe, analyse, chunk, embed chunks and sentences, publish), timed from the
first import of the pipeline. Then, untimed: counts the tokens of every text it embedded,
writes the cleaned article texts it indexed to OUT.jsonl (LangChain's input), makes the
query encoder's one-time ONNX export (as `rag index` does, so the timed re-index does not),
and writes its `SideResult` to RESULT.json. Errors: one line on stderr, exit 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from news_rag.eval.benchmarks.index_bench import (
    SPECIAL_TOKENS,
    ProgressCallback,
    SideResult,
    count_tokens,
    peak_rss_mb,
    run_side,
)


def embedded_texts(index_dir: Path) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """The distinct texts our pipeline embedded (chunks; sentences that are no chunk's
    text) and (id, cleaned text) of every article, read back from the index it wrote."""
    from news_rag.index.store.reader import IndexReader

    reader = IndexReader.open(index_dir)
    try:
        articles = reader.articles()
        chunks = dict.fromkeys(reader.chunk(i).text for i in range(reader.chunk_count()))
        sentences: dict[str, None] = {}
        for article_id, article in sorted(articles.items()):
            for _, start, end in reader.sentence_spans(article_id):
                text = article.text[start:end]
                if text not in chunks:
                    sentences.setdefault(text)
        return list(chunks), list(sentences), [(k, articles[k].text) for k in sorted(articles)]
    finally:
        reader.close()


def composed_segments(index_dir: Path) -> list[str]:
    """The distinct segment texts a `--sentence-vectors composed` build ran through the
    model: every chunk cut at its sentence boundaries (`index.encoders.composed`)."""
    from news_rag.index.encoders.composed import chunk_segments
    from news_rag.index.store.previous import load_previous

    state = load_previous(index_dir, rebuild=False)
    pieces = chunk_segments(state.chunks, state.sentences)
    return list(dict.fromkeys(piece for chunk in pieces for piece in chunk))


def measure_ours(
    articles_path: Path,
    index_dir: Path,
    encoder: str | None,
    documents_out: Path,
    progress: ProgressCallback | None = None,
    sentence_mode: str | None = None,
) -> SideResult:
    """Index `articles_path` into `index_dir` and measure it (see the module docstring)."""
    # as `rag index` does: a torch encoder uses every core for bulk work
    os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    if encoder is not None and encoder.startswith("onnx-"):
        from news_rag.index.encoders.export import ensure_export

        ensure_export(encoder)  # one time per machine (the parent made it), not timed
    started = time.perf_counter()
    from news_rag.index.encoders import load_encoder
    from news_rag.index.pipeline import run_index

    embedder = load_encoder(encoder) if encoder is not None else None  # None: run_index's
    report = run_index(
        [articles_path], index_dir, embedder=embedder, progress=progress,
        sentence_mode=sentence_mode,
    )  # fmt: skip
    wall_s = time.perf_counter() - started
    peak = peak_rss_mb()

    from news_rag.index.encoders.minilm import MODEL_MAX_TOKENS
    from news_rag.index.encoders.modes import built_sentence_mode
    from news_rag.index.encoders.query import ensure_query_export, manifest_model

    mode = built_sentence_mode(manifest_model(index_dir))  # the one it was built with

    chunk_texts, sentence_texts, documents = embedded_texts(index_dir)
    window = MODEL_MAX_TOKENS - SPECIAL_TOKENS
    chunk_tokens = count_tokens(chunk_texts, window)
    sentence_tokens = count_tokens(sentence_texts, window)
    if mode == "composed":  # only the segments go through the model
        segment_tokens = count_tokens(composed_segments(index_dir), window).embedded
    article_tokens = count_tokens((text for _, text in documents), window).total
    with documents_out.open("w", encoding="utf-8") as sink:
        for article_id, text in documents:
            sink.write(json.dumps({"id": article_id, "text": text}, ensure_ascii=False) + "\n")
    ensure_query_export(index_dir)
    model = manifest_model(index_dir) or {}
    variant = str(model.get("variant") or encoder or "torch-fp32")
    return SideResult(
        pipeline=f"ours ({variant})",
        encoder=variant,
        articles=report.articles,
        chunks=report.chunks,
        texts_embedded=report.model_sequences,  # the sequences the model ran (packing.py)
        # pooled sentence vectors come from the chunks' pass: no tokens of their own
        tokens_embedded=segment_tokens
        if mode == "composed"
        else chunk_tokens.embedded + (0 if mode == "pooled" else sentence_tokens.embedded),
        chunk_tokens=chunk_tokens.total,
        chunk_tokens_embedded=chunk_tokens.embedded,
        wall_s=wall_s,
        peak_rss_mb=peak,
        extra={
            "embedded_chunks": report.embedded_chunks,
            "embedded_sentences": report.embedded_sentences,
            "pooled_sentences": report.pooled_sentences,
            "composed_chunks": report.composed_chunks,
            "texts_pooled": report.embedded_chunks + report.embedded_sentences,
            "sentence_vectors": mode,
            "texts_counted": len(chunk_texts) + len(sentence_texts),
            "article_tokens": article_tokens,
            "window_tokens": window,
            "truncated_chunks": chunk_tokens.truncated,
            "truncated_sentences": sentence_tokens.truncated,
            "skipped": len(report.skipped),
            "duplicates": len(report.duplicates),
        },
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m news_rag.eval.benchmarks.index_run")
    parser.add_argument("articles", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--documents", type=Path, required=True)
    parser.add_argument("--encoder", default=None)
    parser.add_argument("--sentence-vectors", dest="sentence_mode", default=None)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    return run_side(
        lambda progress: measure_ours(
            args.articles, args.index, args.encoder, args.documents, progress, args.sentence_mode
        ),
        args.out,
    )


if __name__ == "__main__":
    sys.exit(main())
