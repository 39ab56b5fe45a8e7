"""``.horaires`` on pandas, Polars and Dask Series: registered for the libraries already
imported, and right after the others are imported (a finder that watches for them once)."""

from __future__ import annotations

import contextlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
from collections.abc import Sequence
from types import ModuleType

__all__ = ["install"]

TARGETS = {
    "pandas": "horaires.columns.pandas",
    "polars": "horaires.columns.polars",
    "dask.dataframe": "horaires.columns.dask",
}
"""Library module -> the module of ours whose import registers the namespace on it."""


def _register(ours: str) -> None:
    with contextlib.suppress(ImportError):  # a library without what the namespace needs
        importlib.import_module(ours)


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs the registration of a library right after the library's own module has run."""

    def __init__(self, pending: dict[str, str]) -> None:
        self.pending = pending
        self._finding: set[str] = set()
        self._lock = threading.Lock()

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        ours = self.pending.get(fullname)
        if ours is None or fullname in self._finding:
            return None
        self._finding.add(fullname)
        try:  # the spec the other finders give
            spec = importlib.util.find_spec(fullname)
        finally:
            self._finding.discard(fullname)
        loader = spec.loader if spec is not None else None
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            with self._lock:
                registering = self.pending.pop(fullname, None)
                if not self.pending and self in sys.meta_path:
                    sys.meta_path.remove(self)
            if registering is not None:
                _register(registering)

        setattr(loader, "exec_module", exec_module)  # noqa: B010 - this loader instance only
        return spec


def install() -> None:
    """Register now where the library is imported; watch for the others."""
    pending = {}
    for library, ours in TARGETS.items():
        if library in sys.modules:
            _register(ours)
        else:
            pending[library] = ours
    if pending and not any(isinstance(f, _AfterImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImport(pending))
