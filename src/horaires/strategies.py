"""Hypothesis strategies for horaires values (install ``horaires[hypothesis]``)."""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    """Registers horaires' strategies with hypothesis (its ``hypothesis`` entry point)."""
