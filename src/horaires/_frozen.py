"""Frozen values built at the cost of mutable ones.

A frozen dataclass sets each field through ``object.__setattr__`` (its own ``__setattr__``
refuses), which makes building one several times slower than building a plain object: the
syntax tree of an ``opening_hours`` value and the day plans are built by the thousand on the
first question about values never seen. :func:`quick_init` gives such a class an
``__init__`` that fills the fields as a plain twin class (same slots, no frozen
``__setattr__``) would, then hands the object its own class: the same object, as frozen
as before. Where they are built by the thousand (the quick reader, the plans of plain rules),
:func:`maker` builds them faster still: from the fields in order, without an ``__init__``
in between.

>>> from dataclasses import FrozenInstanceError, dataclass
>>> @quick_init
... @dataclass(frozen=True, slots=True)
... class Span:
...     start: int
...     end: int = 0
>>> span = Span(1, end=2)
>>> span, type(span) is Span, hash(span) == hash(Span(1, 2))
(Span(start=1, end=2), True, True)
>>> span.start = 3
Traceback (most recent call last):
...
dataclasses.FrozenInstanceError: cannot assign to field 'start'
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["maker", "quick_init"]

T = TypeVar("T")

_TWINS: dict[type, type] = {}
"""Each class built quickly, and its plain twin."""


def quick_init(cls: type[T]) -> type[T]:
    """``cls`` (a frozen dataclass with slots and no ``__post_init__``) built quickly."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen dataclass with slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__: build it as usual")
    fields = [(f.name, f.type, f) for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    twin = dataclasses.make_dataclass(cls.__name__, fields, slots=True, eq=False, repr=False)
    build = vars(twin)["__init__"]
    become = object.__setattr__

    @functools.wraps(build)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        become(self, "__class__", twin)
        build(self, *args, **kwargs)
        self.__class__ = cls

    type.__setattr__(cls, "__init__", __init__)
    _TWINS[cls] = twin
    return cls


def maker(cls: type[T]) -> Callable[..., T]:
    """A function that builds ``cls`` (a class of :func:`quick_init`) from its fields, in
    order, at the cost of a plain object.

    >>> from horaires._plan import Admission
    >>> maker(Admission)(1800, True) == Admission(1800, end_of_day=True)
    True
    """
    twin = _TWINS[cls]

    def make(*fields: Any) -> T:
        made = twin(*fields)
        made.__class__ = cls
        return made  # type: ignore[no-any-return]

    return make
