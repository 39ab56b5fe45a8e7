"""The shape of the package: layers that import only those below them, and no import cycle.

Every import counts, those inside functions included; only ``if TYPE_CHECKING:`` imports (for
annotations) are left out. The layers are those of docs/concepts.md (how it runs): model ->
resolution -> compile -> schedule and queries -> renderings and formats; the OpenStreetMap
reader feeds the engine without importing the renderings.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "horaires"

LAYERS: dict[str, int] = {
    # 0: values and tools every layer uses
    "_errors": 0,
    "_limits": 0,
    "_suggest": 0,
    "_source": 0,
    "_wall": 0,
    "_calendar": 0,
    "_recurrence": 0,
    "_plan": 0,
    "_frozen": 0,
    "_kept": 0,
    "_languages": 0,
    "_i18n": 0,
    "_sun": 0,
    "_school": 0,
    "osm._ast": 0,
    "osm._lexer": 0,
    "osm._quick": 0,
    "osm._parser": 0,
    # 1: the configuration model and the answers' values
    "_dated": 1,
    "_conflicts": 1,
    "_model": 1,
    "_values": 1,
    # 2: resolution (which rule applies on a date), for configurations and OpenStreetMap
    "_resolve": 2,
    "osm._evaluate": 2,
    # 3: compile
    "_compile": 3,
    # 4: schedules and queries
    "_schedule": 4,
    "_establishment": 4,
    "_config": 4,
    "bulk": 4,
}
"""Modules not listed are renderings, formats and front ends (the top layer)."""

TOP = 5


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in SRC.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for other in node.orelse:
                yield from _imports(other)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node)


def _targets(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the package that module ``name`` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            bases = [alias.name.removeprefix("horaires").lstrip(".") for alias in node.names]
            found.update(base for base in bases if base in known)
            continue
        if node.level:
            parts = package.split(".") if package else []
            parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
            base = ".".join([*parts, *(node.module.split(".") if node.module else [])])
        elif node.module and node.module.split(".")[0] == "horaires":
            base = node.module.removeprefix("horaires").lstrip(".")
        else:
            continue
        for alias in node.names:  # ``from . import _model`` imports a module
            sub = f"{base}.{alias.name}" if base else alias.name
            found.add(sub if sub in known else base)
    found.discard(name)
    return {module for module in found if module in known}


def graph() -> dict[str, set[str]]:
    """Each module of ``horaires`` and the modules of ``horaires`` it imports."""
    modules = _modules()
    known = set(modules)
    return {name: _targets(name, path, known) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
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

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read() -> None:
    edges = graph()
    assert "_resolve" in edges["_schedule"] or "_compile" in edges["_schedule"]
    assert "_model" in edges["_resolve"] or "_values" in edges["_resolve"]
    assert "_schedule" in edges["osm"]


def test_the_import_graph_has_no_cycle() -> None:
    assert cycles(graph()) == []


def test_a_cycle_is_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_each_layer_imports_only_the_layers_below(name: str) -> None:
    assert name in _modules(), f"{name} is listed in LAYERS but does not exist"
    above = {
        other: LAYERS.get(other, TOP)
        for other in graph()[name]
        if LAYERS.get(other, TOP) > LAYERS[name] and not other.endswith("__init__")
    }
    assert above == {}, f"{name} (layer {LAYERS[name]}) imports higher layers: {above}"


def test_the_openstreetmap_reader_does_not_import_renderings() -> None:
    edges = graph()
    reader = {"osm._lexer", "osm._quick", "osm._parser", "osm._ast", "osm._evaluate"}
    reached: set[str] = set()
    todo = [module for module in reader if module in edges]
    while todo:
        module = todo.pop()
        for other in edges[module]:
            if other not in reached:
                reached.add(other)
                todo.append(other)
    renderings = {module for module in reached if LAYERS.get(module, TOP) == TOP}
    assert renderings == set()


def test_imports_inside_functions_count_and_annotation_imports_do_not(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ._model import EstablishmentData\n"
        "def build():\n    from ._resolve import View\n    return View\n"
    )
    assert _targets("mod", source, {"mod", "_model", "_resolve"}) == {"_resolve"}
