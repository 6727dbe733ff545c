"""The hand-written numerics of the simulation against the libraries that define them:
Student's t quantile and intervals (scipy), histogram percentiles (numpy)."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from scipy import stats

from govmodel.sim.records import Histogram
from govmodel.sim.stats import bootstrap_ci, mean_ci, paired_differences, t975


@pytest.mark.parametrize("df", [*range(1, 41), 45, 55, 70, 90, 110, 119, 121, 150, 500, 10_000])
def test_t975_matches_scipy(df: int) -> None:
    assert t975(df) == pytest.approx(stats.t.ppf(0.975, df), abs=1e-4)


def test_t975_needs_a_degree_of_freedom() -> None:
    with pytest.raises(ValueError):
        t975(0)


@pytest.mark.parametrize("n", [2, 3, 7, 30, 200])
def test_mean_ci_matches_scipy(n: int) -> None:
    rng = random.Random(n)
    xs = [rng.gauss(10, 3) for _ in range(n)]
    got = mean_ci(xs)
    lo, hi = stats.t.interval(0.95, n - 1, loc=np.mean(xs), scale=stats.sem(xs))
    assert got["n"] == n
    assert got["mean"] == pytest.approx(np.mean(xs))
    assert got["sd"] == pytest.approx(np.std(xs, ddof=1))
    half = (hi - lo) / 2
    assert got["ci95"] == pytest.approx([lo, hi], abs=1e-4 * half)  # t975 is tabled to 4 digits


def test_mean_ci_skips_missing_values_and_has_no_interval_for_one() -> None:
    def core(d):
        return {k: d[k] for k in ("mean", "ci95", "sd", "n")}

    assert core(mean_ci([])) == {"mean": None, "ci95": None, "sd": None, "n": 0}
    assert core(mean_ci([None, math.nan, 4.0])) == {"mean": 4.0, "ci95": None, "sd": None, "n": 1}


def test_paired_differences_are_b_minus_a_per_replication() -> None:
    a = [{"x": 1.0, "only_a": 1.0}, {"x": 2.0, "only_a": 1.0}, {"x": 4.0, "only_a": 1.0}]
    b = [{"x": 2.0}, {"x": 4.0}, {"x": 5.0}]
    d = paired_differences(a, b)
    assert set(d) == {"x"}
    diffs = [1.0, 2.0, 1.0]
    lo, hi = stats.t.interval(0.95, 2, loc=np.mean(diffs), scale=stats.sem(diffs))
    assert d["x"]["mean"] == pytest.approx(np.mean(diffs))
    assert d["x"]["ci95"] == pytest.approx([lo, hi], abs=1e-4 * (hi - lo))
    assert (d["x"]["a"], d["x"]["b"]) == (pytest.approx(7 / 3), pytest.approx(11 / 3))


@pytest.mark.parametrize("q", [0.0, 0.1, 0.5, 0.9, 0.95, 0.99, 1.0])
@pytest.mark.parametrize("seed", [1, 2])
def test_histogram_quantile_within_one_percent_of_numpy(q: float, seed: int) -> None:
    """The histogram returns the order statistic at rank ceil(q (n-1)) (numpy's "higher"),
    as the midpoint of its 1 % bin: within half a bin (0.5 %) of the exact value."""
    rng = random.Random(seed)
    xs = [rng.lognormvariate(1.0, 1.2) for _ in range(5000)] + [0.0] * 300
    h = Histogram()
    for x in xs:
        h.add(x)
    exact = float(np.quantile(xs, q, method="higher"))
    got = h.quantile(q)
    assert got is not None
    if exact == 0.0:
        assert got == 0.0
    else:
        assert got == pytest.approx(exact, rel=0.0051)


def test_histogram_keeps_exact_count_mean_and_range() -> None:
    h = Histogram()
    assert h.quantile(0.5) is None and h.mean is None
    for x in (0.0, 2.0, 3.0, 7.0):
        h.add(x)
    assert (h.count, h.zeros, h.lo, h.hi) == (4, 1, 0.0, 7.0)
    assert h.mean == pytest.approx(3.0)
    assert h.quantile(0.0) == 0.0
    assert h.quantile(1.0) == pytest.approx(7.0, rel=0.005)  # a bin's midpoint, clamped to [lo, hi]
    assert h.quantile(0.5) == pytest.approx(3.0, rel=0.005)
    assert sum(n for _, n in h.points()) == 4


@pytest.mark.parametrize("n", [2, 5, 20])
def test_bootstrap_draws_what_choices_of_the_values_draws(n: int) -> None:
    """The resample indices drawn once per length give the interval that drawing the values
    themselves gives (the figures of earlier runs stay the same)."""
    rng = random.Random(n)
    xs = [float(rng.randint(0, 9)) for _ in range(n - 1)] + [10.0]
    draws = random.Random(2014)
    means = sorted(math.fsum(draws.choices(xs, k=n)) / n for _ in range(2000))
    assert bootstrap_ci(xs) == [means[50], means[1949]]


@pytest.mark.parametrize(
    "xs",
    [
        [0.1, 0.2, 0.7, 1.3, 2.9],  # not counts: summed value by value with fsum
        [2.0**52, 1.0, 3.0, 2.0**52 - 7, 5.0],  # counts too large to sum exactly in a product
        [float(v) for v in range(-5, 15)],
    ],
)
def test_bootstrap_interval_is_fsums_of_the_draws(xs: list[float]) -> None:
    """Every route of bootstrap_ci (counts in one matrix product, other values by fsum)
    gives exactly the means math.fsum gives for each resample."""
    n = len(xs)
    draws = random.Random(2014)
    means = sorted(math.fsum(draws.choices(xs, k=n)) / n for _ in range(2000))
    assert bootstrap_ci(xs) == [means[50], means[1949]]
