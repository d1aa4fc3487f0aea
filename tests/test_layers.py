"""The layers of `src/esslex/`: imports go one way, from the command line down to the text,
and no module imports itself back through others (docs/architecture.md)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import esslex

PACKAGE = Path(esslex.__file__).resolve().parent

# Lowest first: a module may import its own layer and those below it, never one above.
# `errors` (the error hierarchy) and the package's root (its version) serve every layer.
LAYERS = (
    ("errors",),
    ("text",),
    ("glossary",),
    ("find",),
    ("cache",),
    ("glossaries",),
    ("documents",),
    ("trainer",),
    ("exporters",),
    ("learner",),
    ("write",),
    ("cli", "tui"),
)
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str | None:
    """The layer a module of esslex belongs to (None for the package's root)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _run_time_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node below `tree`, leaving aside the bodies of `if TYPE_CHECKING:` blocks."""
    stack = [tree]
    while stack:
        for child in ast.iter_child_nodes(stack.pop()):
            if not _is_type_checking(child):
                yield child
                stack.append(child)


def imports_of(path: Path) -> set[str]:
    """The esslex modules a file imports when it runs (type-only imports left aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _run_time_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("esslex"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("esslex"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else str(node.module))
    return {name for name in found if name in MODULES}


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}
GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def test_every_room_is_a_known_layer() -> None:
    rooms = {room(name) for name in MODULES} - {None, "__main__"}
    assert rooms <= set(RANK), sorted(rooms - set(RANK))


def test_imports_never_go_up_a_layer() -> None:
    upward = []
    for name, imported in GRAPH.items():
        source = room(name)
        if source is None or source == "__main__":
            continue  # the root's lazy public API and `python -m esslex` stand above all
        for target in imported:
            destination = room(target)
            if destination is not None and RANK[destination] > RANK[source]:
                upward.append(f"{name} -> {target}")
    assert not upward, "\n".join(sorted(upward))


def test_no_module_imports_itself_back() -> None:
    # Depth-first search for a circle among modules (lazy imports included).
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if target == name or target.startswith(name + "."):
                continue  # a package importing its own modules
            if state.get(target) == 1:
                circles.append(
                    [*path[path.index(target) :], target] if target in path else [name, target]
                )
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert not circles, "\n".join(" -> ".join(circle) for circle in circles)


def test_no_module_is_over_500_lines() -> None:
    long = {
        name: count
        for name, path in MODULES.items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long, long
