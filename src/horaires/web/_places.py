"""The places a server answers for: a mapping, or configuration files and folders.

A folder holds one place per ``.toml`` or ``.json`` file; the place's id is the file name
without its extension (``pantin.toml`` is ``pantin``). A file that fails to load is
reported with its path and left out: it never takes the other places down. :meth:`Places.
refresh` reloads the files that changed (a failed reload keeps the last good version).

>>> from horaires import examples
>>> places = Places.of({"pantin": examples.pantin()})
>>> places.get("pantin").establishment.name
'Centre administratif de Pantin'
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .._errors import HorairesError
from .._establishment import Establishment

__all__ = ["Place", "Places", "Problem"]

log = logging.getLogger("horaires.web")

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_SUFFIXES = (".toml", ".json")


@dataclass(frozen=True, slots=True)
class Place:
    """One place: its id, its establishment, the file it came from, and a version number
    that changes on every reload (caches key their answers with it)."""

    id: str
    establishment: Establishment
    path: Path | None = None
    version: int = 0


@dataclass(frozen=True, slots=True)
class Problem:
    """A configuration file that could not be loaded, and why."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class Places:
    """The places of a server, by id (thread-safe; reloads replace a place whole)."""

    def __init__(self, sources: Iterable[Path] = ()) -> None:
        self._sources = tuple(sources)
        self._places: dict[str, Place] = {}
        self._stamps: dict[Path, tuple[int, int] | None] = {}
        self._logged: set[str] = set()
        self._failed: dict[Path, tuple[tuple[int, int] | None, Problem]] = {}
        self._lock = threading.Lock()
        self._version = 0
        self.problems: list[Problem] = []
        """The problems of the last load or refresh (also logged)."""

    @classmethod
    def of(cls, places: Mapping[str, Establishment]) -> Places:
        """Places from a mapping ``{id: Establishment}``."""
        made = cls()
        for key, establishment in places.items():
            if not isinstance(establishment, Establishment):
                raise HorairesError(f"place {key!r} is not an Establishment")
            if not _ID.fullmatch(key):
                raise HorairesError(
                    f"{key!r} is not a place id: use letters, digits, '-' and '_' (pantin)"
                )
            made._places[key] = Place(key, establishment)
        return made

    @classmethod
    def load(cls, sources: Iterable[str | os.PathLike[str]]) -> Places:
        """Places from configuration files and folders; see :attr:`problems`."""
        made = cls(Path(source) for source in sources)
        for source in made._sources:
            if not source.exists():
                made._report(Problem(source, "no such file or folder"))
        made.refresh()
        return made

    @property
    def watched(self) -> bool:
        """Whether the places come from files (and :meth:`refresh` may change them)."""
        return bool(self._sources)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        return self._places.get(place_id)

    def __iter__(self) -> Iterator[Place]:
        return iter(sorted(self._places.values(), key=lambda place: place.id))

    def __len__(self) -> int:
        return len(self._places)

    def _files(self) -> list[Path]:
        files: list[Path] = []
        for source in self._sources:
            if source.is_dir():
                files += sorted(
                    path
                    for path in source.iterdir()
                    if path.suffix in _SUFFIXES and not path.name.startswith(".")
                )
            elif source.exists():
                files.append(source)
        return files

    def _report(self, problem: Problem) -> None:
        self.problems.append(problem)
        if str(problem) not in self._logged:  # once, not at every refresh
            self._logged.add(str(problem))
            log.error("%s", problem)

    def refresh(self, load: Callable[[Path], Establishment] | None = None) -> list[Problem]:
        """Load the files that are new or changed (with ``load``, default
        :func:`horaires.load_file`), drop the places whose file is gone; returns the
        problems met (a place that fails to reload keeps its last version)."""
        from .._config import load_file

        loader = load_file if load is None else load

        with self._lock:
            self.problems = []
            files = self._files()
            seen: dict[str, Path] = {}
            places = dict(self._places)
            for path in files:
                key = path.stem
                if not _ID.fullmatch(key):
                    self._report(
                        Problem(path, f"{key!r} is not a place id: name the file like pantin.toml")
                    )
                    continue
                if key in seen:
                    self._report(Problem(path, f"place {key!r} is already given by {seen[key]}"))
                    continue
                seen[key] = path
                stamp = _stamp(path)
                current = places.get(key)
                failed = self._failed.get(path)
                if failed is not None and failed[0] == stamp:  # reported already
                    self.problems.append(failed[1])
                    continue
                if current is not None and current.path == path and self._stamps.get(path) == stamp:
                    continue
                try:
                    establishment = loader(path)
                except (HorairesError, OSError, UnicodeDecodeError) as error:
                    problem = Problem(path, str(error))
                    self._failed[path] = (stamp, problem)
                    self._report(problem)
                    continue
                self._failed.pop(path, None)
                self._stamps[path] = stamp
                self._version += 1
                places[key] = Place(key, establishment, path, self._version)
                if current is not None:
                    log.warning("reloaded %s", path)
            for key in list(places):
                if key not in seen and places[key].path is not None:
                    del places[key]
            self._places = places
            return list(self.problems)
