"""What the boards need from the simulation they run in: narrow protocols, so that the engine
owns the boards (:mod:`.absences`, :mod:`.meetings`) and the boards never import the engine.

The engine (:class:`govmodel.sim.engine.Simulation`) satisfies :class:`BoardHost` and
:class:`MeetingHost`; the unit tests of the boards can pass anything that does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import simpy

from govmodel.model import Model
from govmodel.sim.clock import SimClock
from govmodel.sim.records import Recorder
from govmodel.sim.scenario import ScenarioFile

__all__ = ["WORKING_DAYS_PER_YEAR", "BoardHost", "MeetingHost", "AbsentNow", "AgendaDoc", "request"]

WORKING_DAYS_PER_YEAR = 250
"""Converts rates ``per: year`` (and nothing else): China has 248–251 working days a year."""


class BoardHost(Protocol):
    """The run a board belongs to: its environment, clock, measures, model, scenario and desks."""

    env: simpy.Environment
    clock: SimClock
    rec: Recorder
    model: Model
    spec: ScenarioFile

    def person(self, person: str) -> simpy.Resource: ...


class AbsentNow(Protocol):
    """Who is away right now, and why (person -> absence reason)."""

    @property
    def absent(self) -> Mapping[str, str]: ...


class MeetingHost(BoardHost, Protocol):
    """A meeting board also asks who is away (to resolve the presider at the sitting)."""

    @property
    def absences(self) -> AbsentNow: ...


class AgendaDoc(Protocol):
    """What a meeting board reads of a document on its agenda."""

    @property
    def conditions(self) -> frozenset[str]: ...

    @property
    def priority(self) -> int: ...


def request(res: simpy.Resource, priority: int) -> simpy.resources.resource.Request:
    """A request for ``res``: at ``priority`` on a PriorityResource (the engine makes desks
    priority queues when urgency, absences or meetings need them), in order otherwise."""
    if isinstance(res, simpy.PriorityResource):
        return res.request(priority=priority)
    return res.request()
