"""The documentation: its Python examples run, and the site builds.

Every ``>>>`` example in ``docs/*.md`` runs as a doctest (one namespace per page, fence lines
read as blank lines), so a page cannot claim what the code does not do. The site build with
``mkdocs build --strict`` runs only where mkdocs is installed (the ``docs`` extra).
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

import horaires

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(page for page in DOCS.glob("*.md") if ">>>" in page.read_text(encoding="utf-8"))
PAGES.append(ROOT / "README.md")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE)
_CONFIG_BLOCK = re.compile(r"^```(toml|json)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def doctest_text(markdown: str) -> str:
    """The page with its code fences blanked, so an example's output ends at its fence.

    >>> doctest_text("```pycon\\n>>> 1 + 1\\n2\\n```\\nText")
    '\\n>>> 1 + 1\\n2\\n\\nText'
    """
    return _FENCE.sub("", markdown)


def test_guide_pages_have_examples() -> None:
    names = {page.name for page in PAGES}
    assert {
        "index.md",
        "concepts.md",
        "configuration.md",
        "queries.md",
        "time.md",
        "admission.md",
        "cli.md",
    } <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = doctest_text(page.read_text(encoding="utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} example(s) of docs/{page.name} failed (see output)"


def config_blocks() -> list[tuple[str, str, str]]:
    """``(page:line, format, text)`` of every TOML and JSON block of the pages."""
    blocks = []
    for page in sorted(DOCS.glob("*.md")):
        markdown = page.read_text(encoding="utf-8")
        for match in _CONFIG_BLOCK.finditer(markdown):
            line = markdown.count("\n", 0, match.start()) + 1
            blocks.append((f"{page.name}:{line}", match[1], match[2]))
    return blocks


@pytest.mark.parametrize(
    ("where", "format", "text"), [pytest.param(*b, id=b[0]) for b in config_blocks()]
)
def test_config_blocks_load(where: str, format: str, text: str) -> None:
    """Every TOML/JSON block is a valid configuration, or a fragment of one (no ``name``)."""
    top_level = re.split(r"^\[", text, maxsplit=1, flags=re.MULTILINE)[0]
    if format == "toml" and not re.search(r"^name\s*=", top_level, re.MULTILINE):
        text = 'name = "Example"\n' + text
    establishment = horaires.loads(text, "json" if format == "json" else "toml")
    assert horaires.loads(horaires.dumps(establishment)) == establishment


@pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("mkdocstrings") is None,
    reason="mkdocs and mkdocstrings are not installed (pip install -e '.[test]')",
)
def test_site_builds_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "api" / "index.html").exists()
