"""The layers hold because a test reads the import graph: every import (at the top of a
module, inside a function, or for type checking only) goes down the stack, never up; the
command line imports nothing but the public API; and no modules import each other in a
circle at run time."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from .conftest import ROOT

PACKAGE = ROOT / "dendron_jobsearch"
# lowest first; a module may import its own layer and the ones before it
STACK: list[tuple[str, tuple[str, ...]]] = [
    ("config", ("_version", "findings", "dates", "config", "settings", "words")),
    ("vault", ("vault", "workspace", "checks")),
    ("write", ("write",)),
    ("model", ("jobsearch",)),
    ("views", ("views",)),
    ("use cases", ("usecases",)),
    ("watch", ("watch",)),
    ("public API", ("__init__",)),
    ("command line", ("cli", "commands", "__main__")),
]


def layer(module: str) -> int:
    """The place in STACK of `dendron_jobsearch.<module>`."""
    head = module.split(".")[0] if module else "__init__"
    for position, (_name, heads) in enumerate(STACK):
        if head in heads:
            return position
    raise AssertionError(f"dendron_jobsearch.{module} is in no layer of STACK")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module inside the package, only for type checking) for every import."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for inner in child.body:
                    visit_one(inner, True)
                for inner in child.orelse:
                    visit_one(inner, typing_only)
                continue
            visit_one(child, typing_only)

    def visit_one(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".") if package else []
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                known = (PACKAGE / Path(*sub.split("."))).with_suffix(".py").exists() or (
                    PACKAGE / Path(*sub.split(".")) / "__init__.py"
                ).exists()
                found.append((sub if known else target, typing_only))
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for name in names:
                if name == "dendron_jobsearch" or name.startswith("dendron_jobsearch."):
                    found.append((name.removeprefix("dendron_jobsearch").lstrip("."), typing_only))
        visit(node, typing_only)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def graph() -> nx.DiGraph:
    edges = nx.DiGraph()
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        edges.add_node(source)
        for target, typing_only in imports(path):
            if target != source:
                edges.add_edge(source, target, typing_only=typing_only)
    return edges


def back_arrows(edges: nx.DiGraph) -> list[str]:
    return [
        f"{a or '__init__'} ({STACK[layer(a)][0]}) imports {b or '__init__'} ({STACK[layer(b)][0]})"
        for a, b in edges.edges
        if layer(b) > layer(a)
    ]


def test_every_import_goes_down_the_stack() -> None:
    assert back_arrows(graph()) == []


def test_a_back_arrow_is_caught() -> None:
    edges = graph()
    edges.add_edge("vault.index", "", typing_only=False)  # e.g. __version__ from the root
    edges.add_edge("jobsearch.model", "views.dashboard", typing_only=False)
    assert sorted(back_arrows(edges)) == [
        "jobsearch.model (model) imports views.dashboard (views)",
        "vault.index (vault) imports __init__ (public API)",
    ]


def test_the_command_line_uses_only_the_public_api() -> None:
    edges = graph()
    wrong = [
        f"{a} imports {b}"
        for a, b in edges.edges
        if layer(a) == len(STACK) - 1 and b and layer(b) != len(STACK) - 1
    ]
    assert wrong == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    edges = graph()
    running = nx.DiGraph(
        (a, b) for a, b, typing_only in edges.edges(data="typing_only") if not typing_only
    )
    assert sorted(sorted(c) for c in nx.simple_cycles(running)) == []
