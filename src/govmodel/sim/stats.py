"""Confidence intervals over replications (95 %) and paired differences.

Replications are independent (separate random streams). Each interval respects its quantity,
and every leaf says which interval it is (``"interval"``):

- ``"bootstrap"``: counts of events per replication (documents, gaps, waits, deputy
  activations, meetings held…): the percentile bootstrap of the mean over replications
  (2000 resamples, a fixed seed, so the same data give the same interval). It never leaves
  the range of the observed counts, so it is never negative; with few replications it is
  too narrow, which is why the default replications are enough to resolve the headline
  measures (``docs/sim-json.md``).
- ``"t"``: other measures: ``mean ± t(0.975, n-1) · s / √n``, truncated to the quantity's
  range (shares to [0, 1], durations and queue lengths to [0, ∞)).
- ``"t"`` for paired differences: a comparison under common random numbers pairs
  replication ``i`` of A with replication ``i`` of B; the difference may be of either sign.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["t975", "mean_ci", "bootstrap_ci", "summarize", "paired_differences", "is_count", "is_share"]

_COUNT_PREFIXES = (
    "on_time_count/",
    "acts/",
    "deputy_activations/",
    "could_not_proceed/",
    "blocked_waits/",
    "absence_episodes/",
    "meeting/",
)
_TOP_COUNTS = ("documents", "measured", "completed", "abandoned", "unfinished")


def is_count(key: str) -> bool:
    """A measure that counts events in a replication (its interval must not go below 0)."""
    return key in _TOP_COUNTS or (key.startswith(_COUNT_PREFIXES) and not key.endswith("/backlog_mean"))


def is_share(key: str) -> bool:
    """A measure between 0 and 1 (on-time rate, utilization)."""
    return key.startswith(("on_time_rate/", "utilization/"))


_T975 = {
    1: 12.7062,
    2: 4.3027,
    3: 3.1824,
    4: 2.7764,
    5: 2.5706,
    6: 2.4469,
    7: 2.3646,
    8: 2.3060,
    9: 2.2622,
    10: 2.2281,
    11: 2.2010,
    12: 2.1788,
    13: 2.1604,
    14: 2.1448,
    15: 2.1314,
    16: 2.1199,
    17: 2.1098,
    18: 2.1009,
    19: 2.0930,
    20: 2.0860,
    21: 2.0796,
    22: 2.0739,
    23: 2.0687,
    24: 2.0639,
    25: 2.0595,
    26: 2.0555,
    27: 2.0518,
    28: 2.0484,
    29: 2.0452,
    30: 2.0423,
    40: 2.0211,
    50: 2.0086,
    60: 2.0003,
    80: 1.9901,
    100: 1.9840,
    120: 1.9799,
}


def t975(df: int) -> float:
    """The 97.5 % quantile of Student's t with ``df`` degrees of freedom, within 1e-4 of
    ``scipy.stats.t.ppf(0.975, df)`` (tests/sim/test_sim_stats.py checks it). Hand-written
    from the table so that scipy, a large package, is not a run-time dependency for one number.

    Examples
    --------
    >>> t975(9)
    2.2622
    """
    if df < 1:
        raise ValueError("needs at least one degree of freedom")
    if df in _T975:
        return _T975[df]
    keys = sorted(_T975)
    if df > keys[-1]:
        return 1.959964 + 2.4 / df  # Cornish–Fisher tail, within 1e-3 beyond 120
    hi = next(k for k in keys if k > df)
    lo = max(k for k in keys if k < df)
    w = (1 / df - 1 / hi) / (1 / lo - 1 / hi)  # interpolate in 1/df
    return _T975[hi] + w * (_T975[lo] - _T975[hi])


def mean_ci(
    values: Sequence[float | None], interval: str = "t", bounds: tuple[float, float] = (-math.inf, math.inf)
) -> dict[str, Any]:
    """``{"mean", "ci95": [lo, hi] or None, "sd", "n", "interval"}`` of the values (None
    skipped): a Student t interval truncated to ``bounds``, or a percentile bootstrap.

    Examples
    --------
    >>> mean_ci([0, 0, 9], interval="bootstrap")["ci95"][0] >= 0
    True
    >>> mean_ci([0, 0, 9], bounds=(0, math.inf))["ci95"][0]
    0.0
    """
    xs = [float(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    n = len(xs)
    if n == 0:
        return {"mean": None, "ci95": None, "sd": None, "n": 0, "interval": interval}
    mean = math.fsum(xs) / n
    if n == 1:
        return {"mean": mean, "ci95": None, "sd": None, "n": 1, "interval": interval}
    sd = math.sqrt(math.fsum((x - mean) ** 2 for x in xs) / (n - 1))
    if interval == "bootstrap":
        ci = bootstrap_ci(xs)
    else:
        half = t975(n - 1) * sd / math.sqrt(n)
        ci = [float(max(bounds[0], mean - half)), float(min(bounds[1], mean + half))]
    return {"mean": mean, "ci95": ci, "sd": sd, "n": n, "interval": interval}


def bootstrap_ci(xs: Sequence[float], resamples: int = 2000, seed: int = 2014) -> list[float]:
    """The 95 % percentile bootstrap interval of the mean (a fixed seed: reproducible).

    Hand-written (a few lines) rather than scipy.stats.bootstrap, to keep scipy out of the
    dependencies for one function. Counts (whole numbers, every measure that takes this
    interval) are summed for all resamples at once as one product of the resamples' count
    matrix with the values: every partial sum is a whole number, so exact, and the means are
    the ones ``math.fsum`` gives, resample by resample (a report summarizes ~200 counts per
    scenario: 0.2 s of Python per summary, at the end of a run, when nothing else runs)."""
    n = len(xs)
    if min(xs) == max(xs):
        return [xs[0], xs[0]]
    lo, hi = int(0.025 * resamples), int(0.975 * resamples) - 1
    if all(float(x).is_integer() for x in xs) and max(abs(x) for x in xs) * n < 2**53:
        import numpy as np  # only here: a run that summarizes nothing never imports it

        sums = _counts(n, resamples, seed) @ np.asarray(xs, dtype=float)
        ordered = np.sort(sums / n)
        return [float(ordered[lo]), float(ordered[hi])]
    means = sorted(math.fsum([xs[i] for i in row]) / n for row in _resamples(n, resamples, seed))
    return [means[lo], means[hi]]


@functools.lru_cache(maxsize=64)
def _resamples(n: int, resamples: int, seed: int) -> tuple[list[int], ...]:
    """The indices of every resample: the same for every measure of the same length (the seed
    is fixed), drawn once (a report summarizes dozens of count measures). ``choices`` of the
    indices draws exactly what ``choices`` of the values would. A measure missing from some
    replications has fewer values: one entry per length (20 replications, 19 lengths in the
    baseline's summary; four entries redrew them for almost every measure)."""
    flat = random.Random(seed).choices(range(n), k=n * resamples)  # what one call per resample draws
    return tuple(flat[j * n : (j + 1) * n] for j in range(resamples))


@functools.lru_cache(maxsize=64)
def _counts(n: int, resamples: int, seed: int) -> Any:
    """How many times each value is drawn in each resample of :func:`_resamples` (a
    resamples × n matrix of floats)."""
    import numpy as np

    rows = np.asarray(_resamples(n, resamples, seed)).reshape(resamples, n)
    counts = np.zeros((resamples, n))
    np.add.at(counts, (np.arange(resamples).repeat(n), rows.ravel()), 1.0)
    return counts


def _kind(key: str) -> dict[str, Any]:
    if is_count(key):
        return {"interval": "bootstrap"}
    if is_share(key):
        return {"bounds": (0.0, 1.0)}
    return {"bounds": (0.0, math.inf)}  # durations, queue lengths, backlogs: never negative


def summarize(replications: Sequence[Mapping[str, float | None]]) -> dict[str, dict[str, Any]]:
    """Per measure (flat key), the mean and 95 % interval over replications (see above)."""
    keys: dict[str, None] = {}
    for r in replications:
        keys.update(dict.fromkeys(r))
    return {k: mean_ci([r.get(k) for r in replications], **_kind(k)) for k in sorted(keys)}


def paired_differences(
    a: Sequence[Mapping[str, float | None]], b: Sequence[Mapping[str, float | None]]
) -> dict[str, dict[str, Any]]:
    """Per measure, B − A paired by replication: mean difference and its 95 % interval."""
    keys = sorted(set().union(*a) & set().union(*b)) if a and b else []
    out: dict[str, dict[str, Any]] = {}
    for k in keys:
        diffs = [_diff(ra.get(k), rb.get(k)) for ra, rb in zip(a, b, strict=False)]
        out[k] = mean_ci(diffs)
        out[k]["a"] = mean_ci([r.get(k) for r in a])["mean"]
        out[k]["b"] = mean_ci([r.get(k) for r in b])["mean"]
    return out


def _diff(x: float | None, y: float | None) -> float | None:
    return None if x is None or y is None else y - x
