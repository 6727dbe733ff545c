"""Measure keys are typed: every key a replication produces parses back to itself, with its
group, subject and statistic, even when the subject contains '/'."""

from __future__ import annotations

import typing
from pathlib import Path

from govmodel.sim import load_scenario, simulate
from govmodel.sim.measures import Group, Measure

GOOD = Path(__file__).parent / "good"


def test_every_key_of_a_replication_round_trips() -> None:
    kpis = simulate(load_scenario(GOOD / "mayor-private-leave.yaml"), seed=1).outputs[0].kpis
    groups = set(typing.get_args(Group))
    for key in kpis:
        m = Measure.parse(key)
        assert m.key == key
        assert m.group in groups, key
    gap = next(k for k in kpis if k.startswith("could_not_proceed/"))
    assert Measure.parse(gap).subject == gap.split("/", 1)[1]
    assert Measure.parse("meeting/executive_meeting/held") == Measure("meeting", "executive_meeting", "held")


def test_subjects_with_slashes_keep_them() -> None:
    m = Measure("blocked_waits", "art48.sign: mayor/vice_mayor absent (abroad_visit)")
    assert Measure.parse(m.key) == m
    lat = Measure("latency_working_days", "government_document", "p90")
    assert Measure.parse(lat.key) == lat
    assert Measure.parse("documents") == Measure("documents")
