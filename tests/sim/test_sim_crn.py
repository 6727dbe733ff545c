"""Common random numbers exact for absences (issue 9 item 5): who is away, and when, depends
only on the absence streams, so two paired scenarios that differ in anything else have the
same absences, and a measure the difference does not touch shows exactly zero change."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.sim import load_scenario
from govmodel.sim.engine import Simulation
from govmodel.sim.runner import measures

ROOT = Path(__file__).parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"
WEEKLY = ROOT / "scenarios" / "reforms" / "weekly-executive-meeting.yaml"


@pytest.mark.slow  # two whole-year runs; the fast tier pairs runs in tests/sim/test_sim_determinism.py
def test_a_reform_that_does_not_touch_absences_changes_none() -> None:
    # weekly executive meetings end the run earlier (documents drain sooner); absences that
    # started in the drain period after the horizon were counted, so the paired runs
    # differed "by a few absences" where the reform changes nothing about absences
    a = Simulation(load_scenario(BASELINE), 0, 2014).run()
    b = Simulation(load_scenario(BASELINE, reforms=[WEEKLY]), 0, 2014).run()
    end = min(a.env.now, b.env.now)
    assert [h for h in a.absences.history if h[0] < end] == [h for h in b.absences.history if h[0] < end]
    ka, kb = measures(a), measures(b)
    episodes = [k for k in ka if k.startswith("absence_episodes/")]
    assert episodes and all(ka[k] == kb[k] for k in episodes), {
        k: (ka[k], kb[k]) for k in episodes if ka[k] != kb[k]
    }
