"""Split cleaned article text into token-bounded chunks with exact character offsets.

Chunks are sized in the embedding model's own word-piece tokens so that no chunk is
longer than the model's window (text past the window would be silently truncated and
never embedded). Boundaries follow paragraphs, then sentences, then words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from news_rag.index.types import Article, Chunk

SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


@dataclass(frozen=True)
class ChunkerConfig:
    chunk_tokens: int = 200
    overlap_tokens: int = 32
    window_tokens: int = 254  # model window (256) minus [CLS] and [SEP]

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = asdict(self)
        data["splitter"] = "langchain_text_splitters.RecursiveCharacterTextSplitter"
        data["separators"] = SEPARATORS
        return data


class Chunker:
    """Token-aware recursive splitter that keeps `char_start`/`char_end` into the text."""

    def __init__(self, count_tokens: Callable[[str], int], config: ChunkerConfig) -> None:
        if config.chunk_tokens > config.window_tokens:
            raise ValueError("chunk_tokens must fit in the model window")
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self.config = config
        self._count = count_tokens
        self._splitter = RecursiveCharacterTextSplitter(
            separators=SEPARATORS,
            keep_separator="end",
            chunk_size=config.chunk_tokens,
            chunk_overlap=config.overlap_tokens,
            length_function=count_tokens,
            strip_whitespace=True,
        )

    def split(self, article: Article) -> list[Chunk]:
        text = article.text
        chunks: list[Chunk] = []
        cursor = 0
        for piece in self._splitter.split_text(text):
            start = text.find(piece, cursor)
            if start < 0:  # defensive: the splitter only strips whitespace, so this is a bug
                raise RuntimeError(f"chunk of {article.id} not found in its text")
            for sub_start, sub_end in self._fit_window(text, start, start + len(piece)):
                chunks.append(
                    Chunk(
                        article_id=article.id,
                        ordinal=len(chunks),
                        text=text[sub_start:sub_end],
                        char_start=sub_start,
                        char_end=sub_end,
                        token_count=self._count(text[sub_start:sub_end]),
                    )
                )
            cursor = start + 1
        return chunks

    def _fit_window(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Halve a span at a space until every part fits the model window (rarely needed)."""
        if self._count(text[start:end]) <= self.config.window_tokens:
            return [(start, end)]
        middle = text.rfind(" ", start, (start + end) // 2 + 1)
        if middle <= start:
            middle = (start + end) // 2
        left_end = middle
        right_start = middle
        while right_start < end and text[right_start].isspace():
            right_start += 1
        return self._fit_window(text, start, left_end) + self._fit_window(text, right_start, end)
