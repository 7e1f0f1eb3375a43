"""Export the bundled all-MiniLM-L6-v2 weights to ONNX (fp32) and quantize it (int8), once.

The fp32 graph is traced by `torch.onnx.export` (the TorchScript exporter, `dynamo=False`:
it needs neither onnxscript nor optimum) from the transformers BertModel with eager
attention, whose graph ONNX Runtime fuses into its Attention kernels at load. The output is
the last hidden state; pooling happens in numpy, so the same graph serves text and span
vectors. int8 is `onnxruntime.quantization.quantize_dynamic` of the MatMul weights only,
per channel (see INT8_OPTIONS). torch and onnx are imported here only, never on the query
path.

Each variant also has a packed graph (`packed_graph`), used by `--sentence-vectors
composed`: several texts share one sequence, each with its own [CLS]/[SEP], positions that
restart at 0 and attention only within itself (`PackedBert`), so each text's hidden states
are those of its own pass (`index/encoders/packing.py`).
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

from news_rag.index.encoders.cache import (
    ExportRecord,
    is_exported,
    model_path,
    read_record,
    read_verified,
    record_export,
)
from news_rag.index.encoders.minilm import bundled_model_path, verify_weights
from news_rag.index.errors import ModelError

ONNX_OPSET = 17
INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]
# The packed graph: segment_ids numbers the texts of a row from 1 (0 is padding);
# position_ids restart at 0 for each text.
PACKED_INPUT_NAMES = ["input_ids", "segment_ids", "position_ids"]
PACKED_SUFFIX = "-packed"
OUTPUT_NAME = "last_hidden_state"
# int8 settings, chosen by measurement (eval/RESULTS.md, "Encoder variants"): per-tensor
# weights lost too much (mean cosine to fp32 0.955 on 200 Reuters paragraphs, against 0.994
# per channel), and quantizing the embedding tables too (quantize_dynamic's default op
# types include Gather) cost 0.0076 SciFact nDCG@10 against 0.0019 with MatMul only, for no
# speed gain (a lookup is not faster in int8). The file is 55 MB instead of 22 MB.
INT8_OPTIONS: dict[str, Any] = {"per_channel": True, "op_types_to_quantize": ["MatMul"]}


def load_transformer(model_dir: Path, **kwargs: Any) -> Any:
    """The verified BertModel (no pooling head), in eval mode, offline."""
    verify_weights(model_dir)
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    model = AutoModel.from_pretrained(str(model_dir), **kwargs)
    model.eval()
    return model


def packed_graph(variant: str) -> str:
    """The cache name of `variant`'s packed graph ("onnx-fp32" -> "onnx-fp32-packed")."""
    return variant + PACKED_SUFFIX


def packed_bert(model: Any) -> Any:
    """A torch module over the BertModel `model` (eager attention): (input_ids,
    segment_ids, position_ids) -> last hidden state, each token attending only to the
    tokens of its own segment (a block-diagonal additive mask; padding is segment 0)."""
    import torch

    class PackedBert(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: Any, segment_ids: Any, position_ids: Any) -> Any:
            same = segment_ids[:, :, None] == segment_ids[:, None, :]
            keep = same & (segment_ids[:, None, :] > 0)
            blocked = (1.0 - keep.to(torch.float32)) * torch.finfo(torch.float32).min
            embedded = self.bert.embeddings(
                input_ids=input_ids,
                token_type_ids=torch.zeros_like(input_ids),
                position_ids=position_ids,
            )
            return self.bert.encoder(embedded, attention_mask=blocked[:, None]).last_hidden_state

    return PackedBert()


def _trace(module: Any, names: list[str], dest: Path) -> bytes:
    import torch

    sample = torch.ones((2, 16), dtype=torch.long)
    inputs = tuple(torch.zeros_like(sample) if n == "token_type_ids" else sample for n in names)
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, OUTPUT_NAME]}
    with tempfile.TemporaryDirectory(dir=dest.parent) as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TracerWarnings about shapes that are fixed here
        out = Path(tmp) / dest.name
        torch.onnx.export(
            module,
            inputs,
            str(out),
            dynamo=False,
            input_names=names,
            output_names=[OUTPUT_NAME],
            dynamic_axes=axes,
            opset_version=ONNX_OPSET,
            do_constant_folding=True,
        )
        return out.read_bytes()


def _export_packed_fp32(model_dir: Path, dest: Path) -> bytes:
    model = load_transformer(model_dir, attn_implementation="eager")
    return _trace(packed_bert(model), PACKED_INPUT_NAMES, dest)


def _export_fp32(model_dir: Path, dest: Path) -> bytes:
    import torch

    model = load_transformer(model_dir, attn_implementation="eager")

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    return _trace(LastHiddenState(), INPUT_NAMES, dest)


def _quantize_int8(fp32: Path, dest: Path) -> bytes:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # quantize_dynamic warns "consider pre-processing" on root
    try:
        with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
            out = Path(tmp) / dest.name
            quantize_dynamic(fp32, out, weight_type=QuantType.QInt8, **INT8_OPTIONS)
            return out.read_bytes()
    finally:
        root.setLevel(level)


def ensure_export(
    variant: str,
    cache_dir: str | os.PathLike[str] | None = None,
    *,
    model_dir: Path | None = None,
    force: bool = False,
) -> Path:
    """Export (and quantize) `variant` into the cache unless a finished export is there."""
    dest = model_path(variant, cache_dir)
    if is_exported(dest) and not force:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    source = model_dir or bundled_model_path()
    try:
        if variant == "onnx-fp32":
            data = _export_fp32(source, dest)
        elif variant == packed_graph("onnx-fp32"):
            data = _export_packed_fp32(source, dest)
        elif variant in ("onnx-int8", packed_graph("onnx-int8")):
            graph = variant.replace("int8", "fp32")
            fp32 = ensure_export(graph, cache_dir, model_dir=model_dir, force=force)
            read_verified(fp32, graph)
            data = _quantize_int8(fp32, dest)
        else:
            raise ModelError(f"{variant}: not an ONNX variant; choose onnx-fp32 or onnx-int8")
    except ImportError as exc:
        raise ModelError(
            f"exporting {variant} needs {exc.name}; run: pip install 'news-rag'"
        ) from exc
    record_export(dest, variant, data)
    return dest


def export_all(
    cache_dir: str | os.PathLike[str] | None = None, *, force: bool = False
) -> list[ExportRecord]:
    """Export both ONNX variants and their packed graphs (used by `python -m
    news_rag.index.encoders export`)."""
    graphs = ["onnx-fp32", "onnx-int8", packed_graph("onnx-fp32"), packed_graph("onnx-int8")]
    for variant in graphs[1::2]:
        ensure_export(variant, cache_dir, force=force)  # exports its fp32 graph first
    records = []
    for variant in graphs:
        path = model_path(variant, cache_dir)
        read_verified(path, variant)
        records.append(read_record(path))
    return records
