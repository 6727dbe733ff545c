"""Validation against queueing theory: four M/M/1 stations in series (a Jackson network) at
λ = 0.8/h with mean service 0.5, 1.0, 0.8, 0.3 h have mean cycle time
Σ 1/(μ_i − λ) = 8.450 h. The simulated mean's 95 % interval over independent replications must
contain it. Replications are shortened to 5,000 documents (after a 500 h warm-up) to keep the
test fast; the interval is the honest t-interval over 20 replications, typically ±0.32 h wide
(the replication means have a standard deviation of 0.68 h over 200 replications, with a long
upper tail: with 10, a seed that draws two or three slow replications widened it past 1.5 h)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from govmodel.sim import load_scenario, simulate

SCENARIO = Path(__file__).parents[2] / "scenarios" / "tandem-queue.yaml"
EXACT = 1 / (2 - 0.8) + 1 / (1 - 0.8) + 1 / (1.25 - 0.8) + 1 / (1 / 0.3 - 0.8)


def test_exact_value_is_8_450() -> None:
    assert round(EXACT, 3) == 8.450


@pytest.mark.slow  # twenty replications of the validation case
def test_tandem_mean_cycle_time_matches_theory() -> None:
    loaded = load_scenario(SCENARIO)
    spec = loaded.spec.model_copy(
        update={"horizon": loaded.spec.horizon.model_copy(update={"documents": 5000})}
    )
    result = simulate(dataclasses.replace(loaded, spec=spec), replications=20, seed=20141128)
    s = result.summary["cycle_time_hours/mean"]
    lo, hi = s["ci95"]
    assert lo <= EXACT <= hi, s
    assert hi - lo < 1.5  # an interval that says something
    assert result.documents == 20 * 5000
    util = {p: result.summary[f"utilization/clerk_{p}"]["mean"] for p in "abcd"}
    for p, rho in zip("abcd", (0.4, 0.8, 0.64, 0.24), strict=True):
        assert abs(util[p] - rho) < 0.05, util  # utilization = λ·mean service
