"""`rag benchmark index`: our indexing pipeline and LangChain's on the same articles, in one run.

1. The first N articles of the corpus are copied into a work folder (the first N lines of a
   .jsonl/.jsonl.gz file, or the first N article files of a folder).
2. Ours (`index_run`, a child process) runs `run_index` into a fresh index with the chosen
   encoder, then writes the cleaned article texts it indexed.
3. LangChain (`index_peer`, a child process) splits and embeds exactly those texts:
   `RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=100)` and
   `FAISS.from_documents` with `HuggingFaceEmbeddings` over the same bundled MiniLM.
4. `rag index` runs again (a child process, as a user runs it) over the same, unchanged
   articles and index: the re-index time.

Each pipeline runs in its own process, so its peak RSS is its own. `wall_s` is the pipeline
itself (imports and model load included, interpreter start not); `process_s` is the child
process as the parent saw it. Tokens are the model tokenizer's word pieces without
[CLS]/[SEP]. The encoder reads at most `max_seq_length - 2` of them per text and silently
drops the rest, so `share_embedded` is the share of the tokens of the texts a pipeline hands
to the model that the model actually reads. It is taken over the chunks, the units that
cover the article text (ours also embeds each sentence on its own, for quote matching; those
count in tokens/s, and how many were cut is in `extra`).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from news_rag.index.errors import InputError, RagError

ProgressCallback = Callable[[str, int, int], None]  # (stage, done, total)

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
SPECIAL_TOKENS = 2  # [CLS] and [SEP] take two places of the model window


@dataclass(frozen=True)
class SideResult:
    """One pipeline's numbers (a child process writes it as JSON, the parent reads it)."""

    pipeline: str
    encoder: str
    articles: int
    chunks: int
    texts_embedded: int
    tokens_embedded: int  # word pieces the model read, over every text it embedded
    chunk_tokens: int  # word pieces of the chunks (the units that cover the article text)
    chunk_tokens_embedded: int  # of those, the ones inside the model window
    wall_s: float
    peak_rss_mb: float
    process_s: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SideResult:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def to_dict(self) -> dict[str, Any]:
        wall = self.wall_s or float("nan")
        return {
            **asdict(self),
            "wall_s": round(self.wall_s, 2),
            "process_s": round(self.process_s, 2),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "texts_per_s": round(self.texts_embedded / wall, 1),
            "chunks_per_s": round(self.chunks / wall, 1),
            "tokens_per_s": round(self.tokens_embedded / wall, 1),
            "share_embedded": round(self.share_embedded, 4),
        }

    @property
    def share_embedded(self) -> float:
        """The share of the chunks' word pieces that the model read (the rest was cut)."""
        return self.chunk_tokens_embedded / self.chunk_tokens if self.chunk_tokens else 1.0


@dataclass(frozen=True)
class IndexBenchmarkReport:
    corpus: str
    articles_requested: int
    article_tokens: int  # word pieces of the cleaned article texts both pipelines got
    ours: SideResult
    langchain: SideResult
    rerun_s: float  # a second `rag index` over the same, unchanged articles
    rerun_embedded: int  # texts that second run embedded (0: nothing changed)
    cpu_count: int
    load_average: float  # 1-minute load average when the run began (a shared machine)

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "articles_requested": self.articles_requested,
            "articles": self.ours.articles,
            "article_tokens": self.article_tokens,
            "cpu_count": self.cpu_count,
            "load_average": round(self.load_average, 2),
            "ours": self.ours.to_dict(),
            "langchain": self.langchain.to_dict(),
            "wall_ratio_ours_to_langchain": round(self.ours.wall_s / self.langchain.wall_s, 3),
            "rerun_s": round(self.rerun_s, 2),
            "rerun_embedded": self.rerun_embedded,
        }

    def to_markdown(self) -> str:
        lines = [
            f"Indexing {self.ours.articles} articles of {self.corpus} "
            f"({self.article_tokens:,} tokens; {self.cpu_count} cores, "
            f"load {self.load_average:.2f} at start)",
            "",
            "| pipeline | wall s | texts | texts/s | chunks | chunks/s | tokens/s "
            "| share embedded | peak RSS MB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for side in (self.ours, self.langchain):
            row = side.to_dict()
            lines.append(
                f"| {side.pipeline} | {row['wall_s']:.1f} | {side.texts_embedded} "
                f"| {row['texts_per_s']} | {side.chunks} | {row['chunks_per_s']} "
                f"| {row['tokens_per_s']:.0f} | {side.share_embedded:.1%} | {row['peak_rss_mb']} |"
            )
        ratio = self.ours.wall_s / self.langchain.wall_s
        lines += [
            "",
            f"ours / LangChain wall time: {ratio:.2f}x",
            f"re-index, unchanged: {self.rerun_s:.2f} s ({self.rerun_embedded} texts embedded)",
        ]
        return "\n".join(lines)


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MiB.

    Linux: VmHWM of /proc/self/status, the peak of this program's own memory. Not
    `ru_maxrss`: Linux carries that across exec, so a child would report at least the RSS
    its parent had when it forked (a parent that made the ONNX export holds torch).
    """
    import resource

    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass(frozen=True)
class TokenCount:
    total: int  # word pieces of the texts
    embedded: int  # of those, the ones within the first `window_tokens` of each text
    truncated: int  # texts longer than the window


def count_tokens(texts: Iterable[str], window_tokens: int) -> TokenCount:
    from news_rag.index.encoders.minilm import MODEL_MAX_TOKENS, bundled_model_path
    from news_rag.index.encoders.wordpiece import WordPieceTokenizer

    tokenizer = WordPieceTokenizer(bundled_model_path(), MODEL_MAX_TOKENS)
    total = embedded = truncated = 0
    for text in texts:
        count = tokenizer.count_tokens(text)
        total += count
        embedded += min(count, window_tokens)
        truncated += count > window_tokens
    return TokenCount(total, embedded, truncated)


def write_result(result: SideResult, out: Path) -> None:
    out.write_text(json.dumps(asdict(result)), encoding="utf-8")


def run_side(measure: Callable[[ProgressCallback], SideResult], out: Path) -> int:
    """A child process's work: `measure` with progress on stderr, its result written to
    `out`; an error is one line on stderr and exit status 1."""
    from news_rag.eval.progress import stderr_progress

    progress = stderr_progress()
    try:
        result = measure(progress)
    except RagError as exc:
        sys.stderr.write(f"Error: {exc}\n")
        return 1
    finally:
        progress.close()
    write_result(result, out)
    return 0


def write_subset(corpus: Path, articles: int, target: Path) -> Path:
    """The first `articles` articles of `corpus`, copied under `target` (see the docstring)."""
    target.mkdir(parents=True, exist_ok=True)
    if corpus.is_file() and corpus.name.lower().endswith(JSONL_SUFFIXES):
        out = target / "articles.jsonl"
        written = 0
        try:
            with (
                gzip.open(corpus, "rt", encoding="utf-8")
                if corpus.name.lower().endswith(".gz")
                else corpus.open(encoding="utf-8") as source,
                out.open("w", encoding="utf-8") as sink,
            ):
                for line in source:
                    if written >= articles:
                        break
                    if line.strip():
                        sink.write(line.rstrip("\n") + "\n")
                        written += 1
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise InputError(f"{corpus}: unreadable ({exc}); give a UTF-8 JSON Lines file") from exc
        if not written:
            raise InputError(f"{corpus}: no JSON lines in it; give a file of article records")
        return out
    if corpus.is_dir():
        from news_rag.index.load.loaders import discover

        files, _ = discover([corpus])
        if not files:
            raise InputError(f"{corpus}: no article files in this folder")
        folder = target / "articles"
        for path in files[:articles]:
            dest = folder / path.relative_to(corpus)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
        return folder
    raise InputError(f"{corpus}: give a folder of articles or a .jsonl/.jsonl.gz file")


def run_child(module: str, args: list[str], out: Path) -> SideResult:
    """Run `python -m module args --out out` (progress on our stderr); its SideResult."""
    command = [sys.executable, "-m", module, *args, "--out", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or not out.is_file():
        raise RagError(f"{module} failed (exit {done.returncode}); its message is above")
    result = SideResult.from_dict(json.loads(out.read_text(encoding="utf-8")))
    return replace(result, process_s=elapsed)


def rerun_index(articles: Path, index_dir: Path, encoder: str | None) -> tuple[float, int]:
    """Time `rag index` over the same articles and index, as a user runs it; (seconds,
    texts embedded)."""
    command = [sys.executable, "-m", "news_rag", "index", str(articles)]
    command += ["--index", str(index_dir), "--json"]
    command += ["--encoder", encoder] if encoder else []
    started = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise RagError(f"the second `rag index` run failed (exit {done.returncode}): {last}")
    report = json.loads(done.stdout)
    return elapsed, int(report["model_sequences"])


def run_index_benchmark(
    corpus: Path,
    articles: int,
    encoder: str | None,
    work_dir: Path | None = None,
    sentence_mode: str | None = None,
) -> IndexBenchmarkReport:
    """Ours, LangChain, then the unchanged re-index (see the module docstring)."""
    from news_rag.eval.benchmarks.peers import check_bench_extra

    check_bench_extra()  # fail before minutes of our indexing, with the install command
    from news_rag.index.encoders import resolve_variant

    encoder = resolve_variant(encoder)  # none named: `rag index`'s default for a new index
    if encoder.startswith("onnx-"):
        from news_rag.index.encoders.export import ensure_export

        # the one-time export (torch, quantization) here, out of our child's time and RSS
        ensure_export(encoder)
    load_average = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="rag-bench-index-", dir=work_dir) as tmp:
        root = Path(tmp)
        subset = write_subset(corpus, articles, root / "corpus")
        index_dir, documents = root / "index", root / "documents.jsonl"
        ours_args = [str(subset), "--index", str(index_dir), "--documents", str(documents)]
        ours_args += ["--encoder", encoder] if encoder else []
        ours_args += ["--sentence-vectors", sentence_mode] if sentence_mode else []
        ours = run_child("news_rag.eval.benchmarks.index_run", ours_args, root / "ours.json")
        langchain = run_child(
            "news_rag.eval.benchmarks.index_peer", [str(documents)], root / "langchain.json"
        )
        rerun_s, rerun_embedded = rerun_index(subset, index_dir, encoder)
    return IndexBenchmarkReport(
        corpus=str(corpus),
        articles_requested=articles,
        article_tokens=int(ours.extra.get("article_tokens", 0)),
        ours=ours,
        langchain=langchain,
        rerun_s=rerun_s,
        rerun_embedded=rerun_embedded,
        cpu_count=os.cpu_count() or 1,
        load_average=load_average,
    )
