"""Simulation with SimPy: documents flowing through the model's procedures over a real
working-day calendar, with absences, deputies, meetings and time limits (DESIGN.md).

The only package that imports :mod:`simpy`. Typical use::

    from govmodel.sim import load_scenario, simulate
    result = simulate(load_scenario("scenarios/baseline.yaml"), replications=10, jobs=2)
    result.summary["on_time_rate/art45_request_lead_time"]   # {"mean", "ci95", "sd", "n"}
"""

from govmodel.sim.clock import AllDaysCalendar, SimClock
from govmodel.sim.engine import Simulation
from govmodel.sim.loaded import LoadedScenario, bundled_scenario_path, load_scenario
from govmodel.sim.runner import Comparison, ReplicationOutput, SimResult, compare, run_replication, simulate
from govmodel.sim.scenario import ScenarioFile
from govmodel.sim.stats import mean_ci, paired_differences, summarize
from govmodel.sim.streams import stream

__all__ = [
    "AllDaysCalendar",
    "Comparison",
    "LoadedScenario",
    "ReplicationOutput",
    "ScenarioFile",
    "SimClock",
    "SimResult",
    "Simulation",
    "bundled_scenario_path",
    "compare",
    "load_scenario",
    "mean_ci",
    "paired_differences",
    "run_replication",
    "simulate",
    "stream",
    "summarize",
]
