"""The documented precision of every score in partnerfit's output, defined once.

No imports: the light commands (`diff`) round with it without loading numpy."""

from __future__ import annotations

PRECISION = 6
"""Decimals of totals before ranking, and of every number in JSON output."""


def rounded(value: float | None) -> float | None:
    """`value` at `PRECISION` decimals, -0.0 made 0.0; None stays None."""
    return None if value is None else round(float(value), PRECISION) + 0.0
