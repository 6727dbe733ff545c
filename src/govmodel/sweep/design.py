"""Designs and sensitivity indices, by SALib (not written by hand).

- ``morris``: Morris trajectories (SALib ``sample.morris``); indices μ* with its bootstrap
  confidence interval and σ (``analyze.morris``).
- ``sobol``: Saltelli's extension of Sobol' sequences (``sample.sobol``, first- and total-order
  only); indices S1 and ST with bootstrap intervals (``analyze.sobol``).
- ``latin``: a Latin hypercube (``sample.latin``); first-order indices by RBD-FAST
  (``analyze.rbd_fast``), which works on any sample.
- ``grid``: every combination of each factor's levels (SALib has no full-factorial sampler
  for arbitrary levels: it is one ``itertools.product``); first-order indices by RBD-FAST.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from govmodel.sweep.factors import Factor

__all__ = ["problem", "design_points", "analyze", "INDICES"]

INDICES = {"morris": ("mu_star", "sigma"), "sobol": ("S1", "ST"), "latin": ("S1",), "grid": ("S1",)}


def problem(factors: list[Factor]) -> dict[str, Any]:
    return {
        "num_vars": len(factors),
        "names": [f.name for f in factors],
        "bounds": [[f.low, f.high] for f in factors],
    }


def design_points(design: Any, factors: list[Factor], seed: int) -> np.ndarray:
    """The points of the design (one row per point, one column per factor), in a fixed order."""
    p = problem(factors)
    if design.method == "morris":
        from SALib.sample import morris

        return morris.sample(p, design.trajectories, num_levels=design.levels, seed=seed)
    if design.method == "sobol":
        from SALib.sample import sobol

        return sobol.sample(p, design.samples, calc_second_order=False, seed=seed)
    if design.method == "latin":
        from SALib.sample import latin

        return latin.sample(p, design.samples, seed=seed)
    axes = [
        f.values if f.values is not None else tuple(np.linspace(f.low, f.high, design.levels))
        for f in factors
    ]
    return np.array(list(itertools.product(*axes)), dtype=float)


def point_count(design: Any, k: int) -> int:
    """Points a design will have with k factors (before it is drawn)."""
    if design.method == "morris":
        return design.trajectories * (k + 1)
    if design.method == "sobol":
        return design.samples * (k + 2)
    if design.method == "latin":
        return design.samples
    return design.levels**k


def analyze(
    design: Any, factors: list[Factor], X: np.ndarray, Y: np.ndarray, seed: int
) -> dict[str, dict[str, list[float]]]:
    """Indices per factor: {index: {"value": [...], "conf": [...]}} (conf = half-width of the
    95 % interval; NaN where the method gives none). Raises ValueError if Y has NaN."""
    if not np.all(np.isfinite(Y)):
        raise ValueError("the KPI is undefined (NaN) at some points")
    if np.ptp(Y) == 0:
        raise ValueError("the KPI is the same at every point (no factor moves it)")
    p = problem(factors)
    nan = [math.nan] * len(factors)
    if design.method == "morris":
        from SALib.analyze import morris

        r = morris.analyze(p, X, Y, num_resamples=200, conf_level=0.95, num_levels=design.levels, seed=seed)
        return {
            "mu_star": {"value": _floats(r["mu_star"]), "conf": _floats(r["mu_star_conf"])},
            "sigma": {"value": _floats(r["sigma"]), "conf": nan},
        }
    if design.method == "sobol":
        from SALib.analyze import sobol

        r = sobol.analyze(p, Y, calc_second_order=False, num_resamples=200, conf_level=0.95, seed=seed)
        return {
            "S1": {"value": _floats(r["S1"]), "conf": _floats(r["S1_conf"])},
            "ST": {"value": _floats(r["ST"]), "conf": _floats(r["ST_conf"])},
        }
    from SALib.analyze import rbd_fast

    r = rbd_fast.analyze(
        p, X, Y, M=min(10, max(1, len(Y) // 4 - 1)), num_resamples=200, conf_level=0.95, seed=seed
    )
    return {"S1": {"value": _floats(r["S1"]), "conf": _floats(r["S1_conf"])}}


def _floats(values: Any) -> list[float]:
    return [float(v) for v in values]
