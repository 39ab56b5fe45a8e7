"""Griffe extension for the API reference: make horaires' docstrings read well in Markdown.

The docstrings are written for ``pydoc`` and doctest: bare ``>>>`` examples and Sphinx roles
such as ``:class:`Status```. Markdown would turn ``>>>`` into nested block quotes, so this
extension wraps each example in a ``pycon`` code block and turns roles into code spans. The
source files are not changed (the examples still run under ``pytest --doctest-modules``).
Loaded by ``mkdocs.yml`` (``handlers.python.options.extensions``).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|mod|func|meth|attr|data|exc|obj):`~?([^`]+)`")


def _role(match: re.Match[str]) -> str:
    target = match[1]
    if match[0].split("`")[1].startswith("~"):
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


def markdown(text: str) -> str:
    """Docstring text with doctest examples fenced and Sphinx roles as code spans.

    An example starts at a line beginning with ``>>>`` and ends at the next blank line; it
    becomes a ``pycon`` code block. Outside examples and fences, ``:class:`~a.B``` becomes
    a code span ``B`` (``:class:`a.B``` keeps ``a.B``).
    """
    out: list[str] = []
    in_example = in_fence = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
        if not in_fence and not in_example and stripped.startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            in_example = True
        elif in_example and not stripped:
            out.append(f"{indent}```")
            in_example = False
        out.append(line if in_example or in_fence else _ROLE.sub(_role, line))
    if in_example:
        out.append(f"{indent}```")
    return "\n".join(out)


class DocstringsForMarkdown(griffe.Extension):
    """Rewrite every docstring with :func:`markdown` once the package is loaded."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)
