"""The distribution installs one import package, and names in the working directory that
collide with our subpackages (index.py, eval.py, rag.py, tui.py) do not shadow it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHADOWS = ("index", "eval", "rag", "tui")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (found,) = out.glob("news_rag-*.whl")
    return found


def test_wheel_has_one_top_level_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        top_level = {name.split("/")[0] for name in names}
        dist_info = next(n for n in top_level if n.endswith(".dist-info"))
        declared = archive.read(f"{dist_info}/top_level.txt").decode().split()
    assert top_level == {"news_rag", dist_info}
    assert declared == ["news_rag"]
    for sub in ("rag", "index", "tui", "eval"):  # each folder is in, as a subpackage
        assert f"news_rag/{sub}/__init__.py" in names
    assert "news_rag/index/sample/000_47c02b85d0691610.txt" in names
    assert "news_rag/eval/questions/sample.jsonl" in names
    assert "news_rag/tui/app.tcss" in names


def test_every_subpackage_folder_is_packaged(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        packaged = {n for n in archive.namelist() if n.endswith("/__init__.py")}
    for folder in SHADOWS:
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.relative_to(ROOT).as_posix()
            assert f"news_rag/{rel}" in packaged, f"{rel} is missing from pyproject's packages"


def _shadowed_dir(tmp_path: Path) -> Path:
    for name in SHADOWS:  # importing any of these by mistake fails loudly
        (tmp_path / f"{name}.py").write_text(f"raise RuntimeError('imported the user {name}.py')\n")
    return tmp_path


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_cli_runs_beside_colliding_modules(tmp_path: Path) -> None:
    cwd = _shadowed_dir(tmp_path)
    result = _run([sys.executable, "-m", "news_rag", "--help"], cwd)
    assert result.returncode == 0, result.stderr
    for command in ("index", "ask", "eval", "chat"):
        assert command in result.stdout


def test_api_runs_beside_colliding_modules(tmp_path: Path, sample_index_dir: Path) -> None:
    cwd = _shadowed_dir(tmp_path)
    code = (
        "import sys\n"
        "from news_rag import Assistant, Filters\n"
        f"assistant = Assistant.open({str(sample_index_dir)!r})\n"
        "hits = assistant.search('al-Tanf', k=3)\n"
        "assert hits and any('Tanf' in p.text for p in hits), hits\n"
        "assert not {'index', 'eval', 'rag', 'tui'} & set(sys.modules)\n"
        "print('ok')\n"
    )
    result = _run([sys.executable, "-c", code], cwd)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
