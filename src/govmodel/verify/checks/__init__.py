"""One module per property class; each exposes ``properties(model, bounds)`` (the
properties of that class the model gives rise to, as data) and ``evaluate(model, prop,
bounds)`` (a :class:`~govmodel.findings.Finding`)."""

from __future__ import annotations

from types import ModuleType

from govmodel.verify.checks import conflict, coverage, mandatory, separation, structure, timing, unspecified

__all__ = ["CHECKS"]

CHECKS: dict[str, ModuleType] = {
    "coverage": coverage,
    "separation": separation,
    "conflict": conflict,
    "mandatory": mandatory,
    "unspecified": unspecified,
    "timing": timing,
    "structure": structure,
}
"""Property class → the module that builds and evaluates its properties."""
