"""The encoder on a GPU: does `TorchEncoder(device="cuda")` compute the CPU's vectors, and
how fast does it embed a corpus's sentences (the composed build's packed rows)?

Two steps, so that the GPU machine needs nothing but the checkout, torch and transformers:

    python -m news_rag.eval.benchmarks.gpu_encoder prepare CORPUS.jsonl.gz SENTENCES.txt.gz
    python -m news_rag.eval.benchmarks.gpu_encoder run SENTENCES.txt.gz --out RESULT.json \\
        [--model-dir DIR | --random-like DIR] [--limit N] [--pass-tokens 1152,65536] \\
        [--variants torch-fp32,torch-bf16] [--device cuda|cpu]

`prepare` writes each story's sentences (`index.sentences.split_sentences` of its text:
the texts a composed build packs, but for the pieces at chunk edges), one per line.
`run` checks CUDA against the CPU (fp32 and packed against unpacked, on the first
`CHECK_TEXTS` sentences) and times `encode_packed` over every sentence for each pass size
in fp32 and bf16: wall time (tokenizing, packing and pooling on the CPU included) and the
GPU's own share. `--random-like DIR` times a model of the same shape as DIR's (its
config.json and tokenizer) with random weights, for a machine the bundled weights cannot
be sent to: the weights' recorded hash cannot match then, so that one check is skipped;
the arithmetic and so the timings are those of the real model.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

CHECK_TEXTS = 2000  # sentences compared CPU against CUDA (seconds on the CPU)
DEFAULT_PASSES = (1152, 4096, 8192, 16384, 32768, 65536)  # word pieces per packed forward pass


def prepare(corpus: Path, out: Path) -> int:
    """Write the sentences of every story in `corpus` (JSON lines with a "text") to `out`."""
    from news_rag.index.sentences import split_sentences

    count = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, gzip.open(out, "wt") as dst:
        for line in src:
            text = str(json.loads(line).get("text") or "")
            for start, end in split_sentences(text):
                sentence = " ".join(text[start:end].split())
                if sentence:
                    dst.write(sentence + "\n")
                    count += 1
    return count


def random_like(source: Path, dest: Path) -> Path:
    """A model directory with `source`'s config and tokenizer and seeded random weights."""
    import torch
    from transformers import AutoConfig, AutoModel

    torch.manual_seed(0)
    model = AutoModel.from_config(AutoConfig.from_pretrained(str(source)))
    model.save_pretrained(str(dest))
    for name in ("tokenizer.json", "vocab.txt", "tokenizer_config.json"):
        if (source / name).is_file():
            shutil.copy(source / name, dest / name)
    from news_rag.index.encoders import export

    def unverified(model_dir: Path, expected_sha256: str = "") -> None:
        """Random weights have no recorded hash: the one check this harness skips."""

    export.verify_weights = unverified
    return dest


def _encoder(variant: str, model_dir: Path, device: str, pass_tokens: int) -> Any:
    from news_rag.index.encoders.torch_backend import TorchEncoder

    encoder = TorchEncoder(variant, model_dir=model_dir, device=device)
    encoder._pass_tokens = pass_tokens
    return encoder


def _agreement(a: Any, b: Any) -> dict[str, float]:
    import numpy as np

    cosines = (a * b).sum(axis=1)
    return {"max_abs_diff": float(np.abs(a - b).max()), "min_cosine": float(cosines.min())}


def check(model_dir: Path, texts: list[str], device: str) -> dict[str, Any]:
    """`device` against the CPU in fp32, and packed against unpacked on `device`."""
    from news_rag.index.encoders.packing import PACKED_PASS_TOKENS
    from news_rag.index.encoders.torch_backend import GPU_PASS_TOKENS

    cpu = _encoder("torch-fp32", model_dir, "cpu", PACKED_PASS_TOKENS)
    cuda = _encoder("torch-fp32", model_dir, device, GPU_PASS_TOKENS)
    cpu_vectors, _, _ = cpu.encode_packed(texts)
    cuda_vectors, cuda_weights, _ = cuda.encode_packed(texts)
    unpacked, unpacked_weights = cuda.encode_weighted(texts)
    return {
        "texts": len(texts),
        "cuda_vs_cpu_fp32": _agreement(cuda_vectors, cpu_vectors),
        "cuda_packed_vs_unpacked": _agreement(cuda_vectors, unpacked),
        "weights_max_rel_diff": float(abs(cuda_weights / unpacked_weights - 1).max()),
    }


def time_passes(
    model_dir: Path, texts: list[str], variant: str, pass_tokens: int, device: str
) -> dict[str, Any]:
    import torch

    encoder = _encoder(variant, model_dir, device, pass_tokens)
    inner = encoder._hidden_packed
    gpu_seconds = [0.0]
    on_gpu = device == "cuda"

    def timed(*arrays: Any) -> Any:
        if on_gpu:
            torch.cuda.synchronize()
        started = time.perf_counter()
        hidden = inner(*arrays)  # returns on the host: the copy back is counted
        gpu_seconds[0] += time.perf_counter() - started
        return hidden

    encoder._hidden_packed = timed
    encoder.encode_packed(texts[:2000])  # warm-up: kernels, allocator
    gpu_seconds[0] = 0.0
    started = time.perf_counter()
    _, _, rows = encoder.encode_packed(texts)
    wall = time.perf_counter() - started
    return {
        "variant": variant,
        "pass_tokens": pass_tokens,
        "rows": rows,
        "wall_s": round(wall, 3),
        "gpu_s": round(gpu_seconds[0], 3),
        "texts_per_s": round(len(texts) / wall, 1),
        "peak_gpu_mb": round(torch.cuda.max_memory_allocated() / 2**20, 1) if on_gpu else 0.0,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    with gzip.open(args.sentences, "rt", encoding="utf-8") as src:
        texts = [line.rstrip("\n") for line in src]
    texts = texts[: args.limit] if args.limit else texts
    if args.random_like:
        model_dir = random_like(Path(args.random_like), Path(args.work) / "random-model")
    else:
        model_dir = Path(args.model_dir)
    from news_rag.index.encoders.wordpiece import WordPieceTokenizer

    tokenizer = WordPieceTokenizer(model_dir, 256)
    started = time.perf_counter()
    encodings = tokenizer.encode_batch(texts)
    tokenize_s = time.perf_counter() - started
    on_gpu = args.device == "cuda"
    result: dict[str, Any] = {
        "gpu": torch.cuda.get_device_name(0) if on_gpu else "none (cpu)",
        "torch": torch.__version__,
        "weights": "random, same shape" if args.random_like else "as given",
        "texts": len(texts),
        "word_pieces": sum(len(e.ids) for e in encodings),
        "tokenize_s": round(tokenize_s, 3),
        "check": check(model_dir, texts[:CHECK_TEXTS], args.device),
        "timings": [],
    }
    for variant in args.variants:
        for pass_tokens in args.pass_tokens:
            if on_gpu:
                torch.cuda.reset_peak_memory_stats()
            row = time_passes(model_dir, texts, variant, pass_tokens, args.device)
            result["timings"].append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpu_encoder", description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    prep = steps.add_parser("prepare")
    prep.add_argument("corpus", type=Path)
    prep.add_argument("out", type=Path)
    timing = steps.add_parser("run")
    timing.add_argument("sentences", type=Path)
    timing.add_argument("--out", type=Path, required=True)
    source = timing.add_mutually_exclusive_group(required=True)
    source.add_argument("--model-dir")
    source.add_argument("--random-like")
    timing.add_argument("--work", default="/tmp")
    timing.add_argument("--limit", type=int, default=0)
    timing.add_argument("--device", default="cuda", help="cuda, or cpu to try the harness")
    timing.add_argument(
        "--variants", type=lambda s: s.split(","), default=["torch-fp32", "torch-bf16"]
    )
    timing.add_argument(
        "--pass-tokens",
        type=lambda s: [int(x) for x in s.split(",")],
        default=list(DEFAULT_PASSES),
    )
    args = parser.parse_args(argv)
    if args.step == "prepare":
        print(f"{prepare(args.corpus, args.out)} sentences -> {args.out}")
        return 0
    result = run(args)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
