"""The chunks and sentence spans of a generation's articles, reused from the previous
generation for an article whose text is unchanged."""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.chunk import Chunker, ChunkerConfig
from news_rag.index.encoders.minilm import Embedder
from news_rag.index.hashing import text_hash
from news_rag.index.sentences import split_sentences
from news_rag.index.store.database import SentenceSpan
from news_rag.index.store.previous import PreviousIndex
from news_rag.index.types import Article, Chunk

# Sentence splitting (pysbd, ~3.7 ms a Reuters story) goes to worker processes from this many
# articles to split; below it the fork costs more than it saves (400 stories: 1.5 s alone).
SPLIT_PARALLEL_MIN = 200
SPLIT_SHARE = 64  # articles per worker task


def chunk_all(
    articles: Sequence[Article],
    previous: PreviousIndex,
    embedder: Embedder,
    config: ChunkerConfig,
    rebuild: bool,
) -> list[Chunk]:
    reuse = not rebuild and previous.chunker == config.to_dict()
    chunker: Chunker | None = None
    chunks: list[Chunk] = []
    for article in articles:
        old = previous.articles.get(article.id)
        if reuse and old is not None and old.text == article.text:
            chunks.extend(previous.chunks_of(article.id))
            continue
        if chunker is None:
            chunker = Chunker(embedder.count_tokens, config)
        chunks.extend(chunker.split(article))
    return chunks


def sentences_all(articles: Sequence[Article], previous: PreviousIndex) -> list[SentenceSpan]:
    """Sentence spans of every article (reused from the previous generation when unchanged;
    the others split over every core, `SPLIT_SHARE` articles a task)."""
    from news_rag.index.forkmap import available_cores, fork_map, fork_safe

    reused: dict[str, list[SentenceSpan]] = {}
    for article in articles:
        old = previous.articles.get(article.id)
        if old and old.text == article.text:
            reused[article.id] = previous.sentences_of(article.id)
    todo = [a for a in articles if not reused.get(a.id)]
    cores = available_cores() if len(todo) >= SPLIT_PARALLEL_MIN and fork_safe() else 1
    split = fork_map(split_sentences, [a.text for a in todo], processes=cores,
                     chunksize=SPLIT_SHARE)  # fmt: skip
    fresh = {a.id: offsets for a, offsets in zip(todo, split, strict=True)}
    spans: list[SentenceSpan] = []
    for article in articles:
        if reused.get(article.id):
            spans.extend(reused[article.id])
            continue
        for start, end in fresh[article.id]:
            spans.append(SentenceSpan(article.id, start, end, text_hash(article.text[start:end])))
    return spans
