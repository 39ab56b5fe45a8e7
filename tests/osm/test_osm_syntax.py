"""The syntax side of ``horaires.osm`` (lexer, parser, tree, formatter, tolerant reading,
checks) stays apart: no import of the evaluator or the engine (see docs/osm.md); and every
module of ``horaires.osm`` (the evaluator and the exporter too) stays small: no function
over a cyclomatic complexity of 15."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

OSM = Path(__file__).resolve().parents[2] / "src" / "horaires" / "osm"
SYNTAX = sorted(
    p for p in OSM.glob("_*.py") if p.stem not in ("__init__", "_evaluate", "_instant", "_writer")
)
ALLOWED = {"_errors", "_frozen", "_kept"} | {p.stem for p in SYNTAX}
"""What a syntax module may import from horaires: the errors, the tools of every layer (quick
frozen values, the tables the process keeps), and the syntax side."""


def test_the_syntax_modules_are_the_expected_ones() -> None:
    names = {p.stem for p in SYNTAX}
    assert {"_ast", "_lexer", "_parser", "_format"} <= names


@pytest.mark.parametrize("path", SYNTAX, ids=lambda p: p.stem)
def test_the_syntax_side_imports_nothing_of_the_engine(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            module = (node.module or "").split(".")[0]
            imported.add(module if module else node.names[0].name)
        elif isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "level", 0):
            names = (
                [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            )
            assert not any(str(n).startswith("horaires") for n in names), path.name
    assert imported <= ALLOWED, (path.name, imported - ALLOWED)


MODULES = sorted(OSM.glob("*.py"))
"""Every module of horaires.osm."""


def test_no_function_of_the_osm_package_is_too_complex() -> None:
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (it comes with the test extra)")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--select",
            "C901",
            "--config",
            "lint.mccabe.max-complexity=15",
            *map(str, MODULES),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
