"""The tables the process keeps of what it computed: bounded, and kept from a second asking.

Values share their rules, their day plans and their compiled days (every shop open Monday
to Friday 09:00-18:00), so each is computed once and kept for the process. What is asked
about only once (the rules of a column of values never seen) is not kept: it dies young,
where Python's collector frees it at once, instead of filling the tables that every full
collection walks. A table is emptied when full (docs/performance.md#caches).

>>> table: Kept[str, int] = Kept(2)
>>> table.keep("a", 1), table.get("a")  # asked once: not kept
(False, None)
>>> table.keep("a", 1), table.get("a")  # asked again: kept
(True, 1)
"""

from __future__ import annotations

import threading
from typing import TypeVar

__all__ = ["Kept", "Sightings"]

K = TypeVar("K")
V = TypeVar("V")


class Sightings:
    """The keys seen once, as their hashes (plain ints: nothing for the collector to walk),
    at most ``size`` of them (forgotten all at once when full).

    >>> seen = Sightings(8)
    >>> seen.again("Mo-Fr 09:00-18:00"), seen.again("Mo-Fr 09:00-18:00")
    (False, True)
    """

    __slots__ = ("_hashes", "size")

    def __init__(self, size: int) -> None:
        self.size = size
        self._hashes: set[int] = set()

    def again(self, key: object) -> bool:
        """Whether ``key`` was seen before (it is noted as seen)."""
        code = hash(key)
        hashes = self._hashes
        if code in hashes:
            return True
        if len(hashes) >= self.size:
            hashes.clear()
        hashes.add(code)
        return False

    def forget(self) -> None:
        """Forget every key seen."""
        self._hashes.clear()


class Kept(dict[K, V]):
    """A dict of at most ``size`` entries (emptied when full), each kept from the second
    time its key is given to :meth:`keep`; read it as a dict (``table.get(key)``)."""

    __slots__ = ("_lock", "seen", "size")

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size
        self.seen = Sightings(size)
        self._lock = threading.Lock()

    def keep(self, key: K, value: V) -> bool:
        """Keep ``value`` for ``key`` if the key was given before (else only note it);
        whether it was kept."""
        if not self.seen.again(key):
            return False
        with self._lock:
            if len(self) >= self.size:
                self.clear()
            self[key] = value
        return True

    def forget(self) -> None:
        """Empty the table, and forget the keys given once."""
        with self._lock:
            self.clear()
            self.seen.forget()
