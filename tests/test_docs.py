"""The documentation: its Python examples run, and the site builds.

Every ``>>>`` example in ``docs/*.md`` runs as a doctest (one namespace per page, fence lines
read as blank lines), so a page cannot claim what the code does not do. The site build with
``mkdocs build --strict`` runs only where mkdocs is installed (the ``docs`` extra).
"""

from __future__ import annotations

import contextlib
import doctest
import importlib.util
import io
import re
import shlex
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
_CONSOLE_BLOCK = re.compile(r"^```(?:console|sh)\n(.*?)^```", re.MULTILINE | re.DOTALL)


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


def horaires_commands() -> list[tuple[str, str]]:
    """``(page:line, command)`` of every ``horaires`` command of the console blocks."""
    found = []
    for page in [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]:
        markdown = page.read_text(encoding="utf-8")
        for match in _CONSOLE_BLOCK.finditer(markdown):
            start = markdown.count("\n", 0, match.start()) + 2
            text = match[1].replace("\\\n", " ")
            for offset, line in enumerate(text.splitlines()):
                command = line.removeprefix("$ ").split("  #")[0].strip()
                command = re.sub(r"^(\w+=\S+\s+)+", "", command)  # VAR=value horaires ...
                words = command.split()
                if words and words[0].endswith("horaires") and line.startswith("$ "):
                    found.append((f"{page.name}:{start + offset}", command))
    return found


@pytest.mark.parametrize(
    ("where", "command"), [pytest.param(*c, id=c[0]) for c in horaires_commands()]
)
def test_console_commands_run(where: str, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``horaires`` command line of the docs has options the command knows; those
    that name only files of the repository run and succeed (``serve`` is only parsed)."""
    from horaires.cli import main, parser

    monkeypatch.chdir(ROOT)
    argv = shlex.split(command.split(" > ")[0].split(" | ")[0])[1:]
    synopsis = any(re.search(r"[\[|]|^[A-Z_]+(\.\.\.)?$", word) for word in argv)
    if synopsis:  # horaires status [CONFIG] [--lang LANG]: its command exists
        assert argv[0] in parser()._subparsers._group_actions[0].choices, where  # type: ignore[union-attr]
        return
    parser().parse_args(argv)
    files = [word for word in argv if re.search(r"\.(toml|json)$|/$", word)]
    if argv[0] == "serve" or not all((ROOT / word).exists() for word in files):
        return
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(argv) == 0, where


def test_console_commands_are_found() -> None:
    commands = dict(horaires_commands())
    assert len(commands) >= 12
    assert any(c.startswith("horaires export") for c in commands.values())


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


def test_install_lines_work_from_a_checkout() -> None:
    """horaires is installed from its repository: ``pip install -e ".[web]"``, not from an
    index that does not have it."""
    for page in [*DOCS.glob("*.md"), ROOT / "README.md"]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"pip install [\"']?horaires", text), page.name
