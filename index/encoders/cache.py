"""Where exported ONNX models live, and their integrity check.

Each file `X.onnx` has a sidecar `X.onnx.json` recording its sha256, size and the versions
that made it. A file is loaded only after its bytes hash to the sidecar's sha256 and, for
the pinned torch/transformers/onnx/onnxruntime versions, to the constant recorded in
`KNOWN_SHA256` (the export is deterministic with those versions; measured by exporting
twice in separate processes). The hash is taken over the very bytes handed to ONNX Runtime,
so the checked file is the loaded file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from news_rag.index.encoders.minilm import MODEL_SHA256
from news_rag.index.errors import ModelError

CACHE_ENV = "RAG_ENCODER_CACHE"
EXPORT_COMMAND = "python -m news_rag.index.encoders export --force"


def export_command(path: Path) -> str:
    """The command that re-exports the model at `path` (naming a non-default cache)."""
    root = path.parent.parent
    return EXPORT_COMMAND if root == cache_root() else f"{EXPORT_COMMAND} --cache-dir {root}"


# Each variant and its packed graph (export.py, `packed_graph`: composed sentence vectors).
ONNX_FILES = {
    "onnx-fp32": "minilm-l6-fp32.onnx",
    "onnx-int8": "minilm-l6-int8-matmul.onnx",
    "onnx-fp32-packed": "minilm-l6-fp32-packed.onnx",
    "onnx-int8-packed": "minilm-l6-int8-matmul-packed.onnx",
}

# sha256 of each export made with these exact versions (see the module docstring). With
# other versions only the sidecar is checked.
_FP32_VERSIONS = "torch=2.13.0+cpu transformers=5.24.0"
_INT8_VERSIONS = "torch=2.13.0+cpu transformers=5.24.0 onnx=1.23.2 onnxruntime=1.32.0"
PINNED_VERSIONS = {
    "onnx-fp32": _FP32_VERSIONS,
    "onnx-int8": _INT8_VERSIONS,
    "onnx-fp32-packed": _FP32_VERSIONS,
    "onnx-int8-packed": _INT8_VERSIONS,
}
KNOWN_SHA256: dict[str, str] = {
    "onnx-fp32": "66874da0932066481eb5c9eeecb0393bdf4520df06bce4a04041d1eb9286da1f",
    "onnx-int8": "05b90767475b73cb5e60983ade75a89786c5bdec5af0b590cc18d147679c6da1",
    "onnx-fp32-packed": "947e5dd129b1f8470cb91ade91c494b05dc815d9f3f3f8413f514964fd36195b",
    "onnx-int8-packed": "dbf937ec1364e1f77292aa497ff29d52ba0ba3f905b4f065156520186ccea958",
}


@dataclass(frozen=True)
class ExportRecord:
    variant: str
    sha256: str
    size: int
    versions: str
    source_weights_sha256: str = MODEL_SHA256


def versions_of(variant: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    int8 = variant.startswith("onnx-int8")
    names = ["torch", "transformers"] + (["onnx", "onnxruntime"] if int8 else [])
    parts = []
    for name in names:
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name}=missing")
    return " ".join(parts)


def cache_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """`cache_dir`, else $RAG_ENCODER_CACHE, else the per-user cache directory."""
    if cache_dir:
        return Path(cache_dir).expanduser()
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return Path(user_cache_path("news-rag", appauthor=False)) / "encoders"


def model_path(variant: str, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The export of `variant`, in a folder named after the source weights' hash."""
    return cache_root(cache_dir) / f"all-minilm-l6-v2-{MODEL_SHA256[:12]}" / ONNX_FILES[variant]


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, rename, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o644)  # mkstemp makes 0600; a cache is readable
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # make the rename itself durable
    finally:
        os.close(folder)


def record_export(path: Path, variant: str, data: bytes) -> ExportRecord:
    """Write the model bytes and then their sidecar (a file without sidecar is unfinished)."""
    record = ExportRecord(variant, sha256_bytes(data), len(data), versions_of(variant))
    known = KNOWN_SHA256.get(variant)
    if known and record.versions == PINNED_VERSIONS[variant] and record.sha256 != known:
        raise ModelError(
            f"{path}: the fresh {variant} export hashes to {record.sha256[:12]}…, not the "
            f"{known[:12]}… recorded for {record.versions}; the export is not reproducible here"
        )
    write_atomic(path, data)
    write_atomic(sidecar_path(path), json.dumps(asdict(record), indent=2).encode())
    return record


def is_exported(path: Path) -> bool:
    return path.is_file() and sidecar_path(path).is_file()


def read_record(path: Path) -> ExportRecord:
    return ExportRecord(**json.loads(sidecar_path(path).read_text(encoding="utf-8")))


def read_verified(path: Path, variant: str) -> tuple[bytes, str]:
    """The model bytes and their sha256, or a one-line ModelError saying what to run."""
    fix = f"re-export it: {export_command(path)}"
    try:
        record = read_record(path)
        data = path.read_bytes()
    except (OSError, ValueError, TypeError) as exc:
        raise ModelError(f"{path}: export or its sidecar is unreadable ({exc}); {fix}") from exc
    actual = sha256_bytes(data)
    expected = [record.sha256]
    pinned = PINNED_VERSIONS.get(variant)
    # The constant applies when the file claims, or this environment has, the pinned
    # versions (so editing the sidecar's versions does not skip the check).
    if variant in KNOWN_SHA256 and pinned in (record.versions, versions_of(variant)):
        expected.append(KNOWN_SHA256[variant])
    if record.variant != variant or record.source_weights_sha256 != MODEL_SHA256:
        raise ModelError(f"{path}: sidecar describes another model or variant; {fix}")
    for want in expected:
        if actual != want:
            raise ModelError(
                f"{path}: sha256 {actual[:12]}… does not match the recorded {want[:12]}…; "
                f"refusing to load an unverified model; {fix}"
            )
    return data, actual
