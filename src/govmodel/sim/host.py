"""What a document's process needs from the run it is in (:class:`DocumentHost`): a narrow
protocol, so the engine runs the processes and the processes never import the engine."""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator
from typing import TYPE_CHECKING, Any, Protocol

from govmodel.graph.authority import Performer
from govmodel.sim.plan import StepPlan

if TYPE_CHECKING:
    import simpy

    from govmodel.model import Model
    from govmodel.sim.absences import AbsenceBoard
    from govmodel.sim.desks import AnyDesk
    from govmodel.sim.doc import Doc
    from govmodel.sim.meetings import MeetingBoard
    from govmodel.sim.records import Recorder
    from govmodel.sim.scenario import ScenarioFile

__all__ = ["DocumentHost", "Gen"]

Gen = Generator[Any, Any, Any]


class DocumentHost(Protocol):
    """What a document's process needs from the run it is in: a narrow protocol, so the
    engine (:class:`govmodel.sim.engine.Simulation`, which satisfies it) runs the processes
    and the processes never import the engine (issue #10: no cycle in ``sim``)."""

    env: simpy.Environment
    model: Model
    spec: ScenarioFile
    rec: Recorder
    absences: AbsenceBoard
    boards: dict[str, MeetingBoard]
    desks: dict[str, AnyDesk]
    give_up_hours: float
    perf_cache: dict[tuple[Any, ...], Any]
    plan_known: dict[tuple[Any, ...], list[Any]]
    waiting_for: Counter[str]

    def person(self, person: str) -> AnyDesk: ...

    def resource_of(self, p: Performer, doc: Any) -> AnyDesk | None: ...

    def record_act(
        self,
        doc: Doc,
        sp: StepPlan,
        p: Performer,
        requested: float,
        start: float,
        end: float,
        waited: float,
        resource: str | None = None,
    ) -> None: ...

    def fail(self, doc: Doc, reason: str) -> None: ...

    def finish(self, doc: Doc) -> None: ...
