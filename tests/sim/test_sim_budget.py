"""A scenario whose figures imply more simulation events than the budget is refused before
anything runs (exit 2), with the estimate, the figure at its position and the option that
raises the budget; ordinary scenarios are far below it."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.errors import ScenarioError
from govmodel.sim import load_scenario, simulate
from govmodel.sim.budget import DEFAULT_MAX_EVENTS, check_budget, estimate

HERE = Path(__file__).parent
BUDGET = HERE / "bad" / "budget"

# fixture → (line:col of the figure, text of the message)
EXPECTED = {
    "arrival-rate-million-per-hour": (
        "7:71",
        "simulation events per replication; the most: government_document: "
        "8e06 documents a working day (1e06 per hour from 1 department(s)), 1.6e08 documents",
    ),
    "horizon-centuries": ("8:71", "657,494 documents over 328,747 working days"),
    "absence-every-zero-days": (
        "11:49",
        "an unbounded number of simulation events; the most: absences (abroad_visit)",
    ),
}


def test_every_budget_fixture_has_an_expectation() -> None:
    assert {p.stem for p in BUDGET.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scenario_over_budget_is_refused_up_front(name: str, capsys) -> None:
    where, text = EXPECTED[name]
    path = BUDGET / f"{name}.yaml"
    loaded = load_scenario(path)  # valid figures: the loader accepts them
    with pytest.raises(ScenarioError) as info:
        simulate(loaded)
    (problem,) = info.value.problems
    assert f"{name}.yaml:{where}: " in str(problem) and text in str(problem), str(problem)
    assert "raise the budget with --max-events N" in problem.expected
    assert main(["simulate", str(path), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.count("error: ") == 1 and "Traceback" not in err and text in err


def test_bundled_baseline_is_far_below_the_budget() -> None:
    est = check_budget(load_scenario())
    assert 1_000 < est.events < DEFAULT_MAX_EVENTS / 50


def test_the_option_sets_the_budget(capsys) -> None:
    path = HERE / "good" / "minimal.yaml"
    events = estimate(load_scenario(path)).events
    assert main(["simulate", str(path), "--no-progress", "--max-events", str(int(events) - 1)]) == 2
    assert f"at most {int(events) - 1:,} events per replication" in capsys.readouterr().err
    assert main(["simulate", str(path), "--no-progress", "--max-events", "0"]) == 2
    assert "--max-events: 0; at least 1" in capsys.readouterr().err


def test_compare_checks_both_scenarios_before_running(capsys) -> None:
    a = HERE / "good" / "minimal.yaml"
    b = BUDGET / "arrival-rate-million-per-hour.yaml"
    assert main(["compare", str(a), str(b), "--no-progress"]) == 2
    assert "8e06 documents a working day (1e06 per hour" in capsys.readouterr().err
