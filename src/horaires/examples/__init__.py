"""Example establishments bundled with horaires.

>>> pantin().services["etat-civil"].name
'Pôle état civil, élections et funéraire'
"""

from __future__ import annotations

from importlib.resources import files

from .._config import loads
from .._establishment import Establishment

__all__ = ["load_example", "names", "pantin"]


def names() -> list[str]:
    """The names of the bundled examples (``pantin``, ...)."""
    return sorted(
        p.name.removesuffix(".toml") for p in files(__name__).iterdir() if p.name.endswith(".toml")
    )


def load_example(name: str) -> Establishment:
    """A bundled example by name."""
    from .._errors import check_types

    check_types(name=(name, str))
    if name not in names():
        from .._errors import HorairesError

        raise HorairesError(f"no example {name!r}; bundled examples: {', '.join(names())}")
    return loads(files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8"))


def pantin() -> Establishment:
    """The Centre administratif de Pantin: the town hall whose page started horaires."""
    return load_example("pantin")
