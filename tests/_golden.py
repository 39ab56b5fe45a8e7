"""Golden files: renderings compared with files under tests/golden/.

The files are written only on purpose: ``HORAIRES_REGENERATE=1 pytest tests/...``, then
read the diff (``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).parent / "golden"


def regenerating() -> bool:
    """Whether this run rewrites the golden files."""
    return os.environ.get("HORAIRES_REGENERATE") == "1"


def check(name: str, text: str) -> None:
    """Assert ``text`` equals the golden file ``name`` (or write it when regenerating)."""
    path = GOLDEN / name
    if regenerating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path}: run with HORAIRES_REGENERATE=1 to write it")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"golden/{name}",
                "now",
            )
        )
        pytest.fail(f"differs from golden/{name} (HORAIRES_REGENERATE=1 to accept):\n{diff}")


def check_json(name: str, data: Any) -> None:
    """Assert JSON data equals the golden file ``name``."""
    check(name, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
