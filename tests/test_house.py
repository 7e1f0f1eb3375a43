"""The arrows of docs/ARCHITECTURE.md hold in the code: no import up the house, no cycle,
short functions, and no symbolic link in the tracked tree."""

from __future__ import annotations

import subprocess

import pytest

from tests.house_rules import (
    ARCHITECTURE,
    ROOT,
    cycles,
    forbidden_imports,
    import_graph,
    long_functions,
    package_sources,
    read_rules,
)


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    return package_sources()


@pytest.fixture(scope="module")
def rules() -> list:
    return read_rules(ARCHITECTURE.read_text(encoding="utf-8"))


def test_the_map_names_every_room(rules: list) -> None:
    assert {rule.room for rule in rules} == {"index", "rag", "tui", "eval", "cli"}


def test_no_import_points_up_the_house(sources: dict[str, str], rules: list) -> None:
    found = forbidden_imports(import_graph(sources), rules)
    assert not found, "imports against docs/ARCHITECTURE.md:\n" + "\n".join(found)


def test_no_import_cycle(sources: dict[str, str]) -> None:
    found = cycles(import_graph(sources))
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_no_long_function_in_index_rag_tui(sources: dict[str, str]) -> None:
    found = long_functions(sources)
    assert not found, "functions over 60 lines:\n" + "\n".join(found)


def test_a_planted_upward_import_is_caught(sources: dict[str, str], rules: list) -> None:
    planted = dict(sources)
    planted["news_rag.index.planted"] = "from news_rag.rag.assistant import Assistant\n"
    planted["news_rag.rag.planted"] = "def f():\n    from news_rag.cli import main\n"
    found = forbidden_imports(import_graph(planted), rules)
    assert "news_rag.index.planted -> news_rag.rag.assistant" in found
    assert "news_rag.rag.planted -> news_rag.cli" in found


def test_a_planted_cycle_is_caught(sources: dict[str, str]) -> None:
    planted = dict(sources)
    planted["news_rag.rag.planted_a"] = "import news_rag.rag.planted_b\n"
    planted["news_rag.rag.planted_b"] = "from news_rag.rag import planted_a\n"
    assert ["news_rag.rag.planted_a", "news_rag.rag.planted_b"] in cycles(import_graph(planted))


def test_type_checking_imports_are_not_arrows(rules: list) -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import news_rag.cli\n"
    graph = import_graph({"news_rag.index.x": source, "news_rag.cli": ""})
    assert forbidden_imports(graph, rules) == []


def test_no_symbolic_link_is_tracked() -> None:
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    links = [line.split(None, 3)[3] for line in listing.splitlines() if line.startswith("120000")]
    assert links == []
