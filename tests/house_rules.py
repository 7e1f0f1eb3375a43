"""The house's rules, read from the source as text: which room imports which, and no cycles.

The rooms and their allowed arrows are the table "Who may import whom" of
docs/ARCHITECTURE.md, so the document and the test cannot drift apart. Imports under
`if TYPE_CHECKING:` are left out (they never run); imports inside functions count.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"
# The folders of the package, as the wheel lays them out under news_rag/.
PACKAGE_FOLDERS = {"index": "index", "rag": "rag", "tui": "tui", "eval": "eval"}
MAX_FUNCTION_LINES = 60
SHORT_FUNCTION_ROOMS = ("index", "rag", "tui")


@dataclass(frozen=True)
class Rule:
    room: str
    may_import: frozenset[str]  # rooms, or dotted modules for a narrower allowance


def module_name(relative: Path) -> str:
    """`index/store/reader.py` -> `news_rag.index.store.reader`; `news_rag/cli/x.py` too."""
    parts = list(relative.with_suffix("").parts)
    if parts[0] == "news_rag":
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["news_rag", *parts])


def package_sources(root: Path = ROOT) -> dict[str, str]:
    """Every module of the package: its dotted name and its source text."""
    files = [p for folder in PACKAGE_FOLDERS for p in (root / folder).rglob("*.py")]
    files += list((root / "news_rag").rglob("*.py"))
    return {module_name(p.relative_to(root)): p.read_text(encoding="utf-8") for p in files}


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for child in ast.walk(node))
    return skipped


def imported_names(module: str, source: str, is_package: bool) -> Iterator[str]:
    """Every dotted name an import statement of `source` may bind (module, or module.name)."""
    tree = ast.parse(source)
    skipped = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            yield name
            yield from (f"{name}.{alias.name}" for alias in node.names)


def import_graph(sources: Mapping[str, str]) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports."""
    graph: dict[str, set[str]] = defaultdict(set)
    for module, source in sources.items():
        is_package = any(other.startswith(module + ".") for other in sources)
        for name in imported_names(module, source, is_package):
            target = name if name in sources else name.rsplit(".", 1)[0]
            if target in sources and target != module:
                graph[module].add(target)
    return graph


def read_rules(text: str) -> list[Rule]:
    """The rows of the table under "Who may import whom": `| room | may import |`."""
    section = text.split("## Who may import whom", 1)[1].split("\n## ", 1)[0]
    rules = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`"):
            continue
        allowed = frozenset(re.findall(r"`([\w.]+)`", cells[1]))
        rules.append(Rule(cells[0].strip("`"), allowed))
    return rules


def _allowed(target: str, rule: Rule) -> bool:
    room = room_of(target)
    if room is None or room == rule.room:
        return True
    return room in rule.may_import or any(
        target == allowed or target.startswith(allowed + ".")
        for allowed in rule.may_import
        if "." in allowed
    )


def forbidden_imports(graph: Mapping[str, set[str]], rules: list[Rule]) -> list[str]:
    by_room = {rule.room: rule for rule in rules}
    out = []
    for module, targets in sorted(graph.items()):
        rule = by_room.get(room_of(module) or "")
        if rule is None:
            continue
        out.extend(f"{module} -> {t}" for t in sorted(targets) if not _allowed(t, rule))
    return out


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    nodes = sorted(set(graph) | {t for ts in graph.values() for t in ts})
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def long_functions(sources: Mapping[str, str]) -> list[str]:
    out = []
    for module, source in sorted(sources.items()):
        if room_of(module) not in SHORT_FUNCTION_ROOMS:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.append(f"{module}.{node.name} ({length} lines)")
    return out
