"""Probability distributions of a scenario, as samplers over an injected ``random.Random``.

A scenario names a distribution and its parameters in one unit (hours or working days); this
module turns it into a function ``sample(rng) -> float`` in that unit. No global random state.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

__all__ = ["Sampler", "make_sampler", "DIST_PARAMS"]

Sampler = Callable[[random.Random], float]

DIST_PARAMS: dict[str, tuple[str, ...]] = {
    "exponential": ("mean",),
    "lognormal": ("mean", "sd"),
    "triangular": ("min", "mode", "max"),
    "uniform": ("min", "max"),
    "fixed": ("value",),
}
"""The parameters each distribution requires (all in the distribution's unit)."""


def make_sampler(dist: str, **p: float) -> Sampler:
    """A sampler for a named distribution.

    Parameters
    ----------
    dist : str
        One of :data:`DIST_PARAMS`.
    **p : float
        The distribution's parameters (``mean``, ``sd``, ``min``, ``mode``, ``max``, ``value``).

    Returns
    -------
    Sampler
        ``sample(rng)`` draws one non-negative value.

    Examples
    --------
    >>> import random
    >>> make_sampler("fixed", value=2.0)(random.Random(1))
    2.0
    """
    if dist == "exponential":
        rate = 1.0 / p["mean"]
        return lambda rng: rng.expovariate(rate)
    if dist == "lognormal":
        mean, sd = p["mean"], p["sd"]
        sigma2 = math.log(1.0 + (sd * sd) / (mean * mean))
        mu, sigma = math.log(mean) - sigma2 / 2.0, math.sqrt(sigma2)
        return lambda rng: rng.lognormvariate(mu, sigma)
    if dist == "triangular":
        lo, mode, hi = p["min"], p["mode"], p["max"]
        return lambda rng: rng.triangular(lo, hi, mode)
    if dist == "uniform":
        lo, hi = p["min"], p["max"]
        return lambda rng: rng.uniform(lo, hi)
    if dist == "fixed":
        value = float(p["value"])
        return lambda rng: value
    raise ValueError(f"unknown distribution {dist!r}; expected one of {', '.join(DIST_PARAMS)}")
