"""Setting up and running the replay's one document: a :class:`~govmodel.sim.engine.Simulation`
that keeps every act of the document, fixed mean service times, the counterexample's absences
for the whole run, and the steps of the run as :class:`ReplayStep` values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any

from govmodel.crosscheck.replay_result import NotReplayable, ReplayStep
from govmodel.crosscheck.replay_words import step_of, why_blocked
from govmodel.errors import GovmodelError
from govmodel.graph.authority import Context, Performer
from govmodel.model import Model
from govmodel.refs import Label
from govmodel.sim.doc import Doc
from govmodel.sim.engine import Simulation
from govmodel.sim.loaded import LoadedScenario
from govmodel.sim.plan import DocPlan, StepPlan
from govmodel.sim.processes import document
from govmodel.sim.scenario import ScenarioFile, ServiceTime, ServiceTimes

__all__ = ["ReplaySim", "Run", "run_once", "fixed_service_times", "run_steps"]


def fixed_service_times(spec: ScenarioFile) -> ServiceTimes:
    """The scenario's service times, each fixed at its mean (the replay is deterministic)."""

    def fixed(st: ServiceTime) -> ServiceTime:
        return st.model_copy(
            update={
                "dist": "fixed",
                "value": st.mean_value(),
                "mean": None,
                "sd": None,
                "min": None,
                "mode": None,
                "max": None,
            }
        )

    stt = spec.service_times
    return stt.model_copy(
        update={
            "default": fixed(stt.default),
            "acts": {k: fixed(v) for k, v in stt.acts.items()},
            "steps": {k: fixed(v) for k, v in stt.steps.items()},
        }
    )


@dataclass(frozen=True)
class ReplayAct:
    """One act of the replayed document, as the engine recorded it (clock hours)."""

    step: StepPlan
    performer: Performer
    requested: float
    start: float
    end: float
    waited: float  # hours already waited for a performer before this request
    meeting: str | None  # the meeting that decided, for a collective decision


class ReplaySim(Simulation):
    """A :class:`Simulation` that keeps every act and failure of its one document."""

    def __init__(self, loaded: LoadedScenario):
        super().__init__(loaded, 0, 0)
        self.acts: list[ReplayAct] = []
        self.failed_at: float | None = None

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
    ) -> None:
        super().record_act(doc, sp, p, requested, start, end, waited, resource)
        self.acts.append(ReplayAct(sp, p, requested, start, end, waited, resource))

    def fail(self, doc: Doc, reason: str) -> None:
        super().fail(doc, reason)
        self.failed_at = self.env.now


@dataclass
class Run:
    sim: ReplaySim
    doc: Doc
    finished: bool


def run_once(
    loaded: LoadedScenario,
    origin: dt.date,
    arrival: float,
    doc_type: str,
    department: str | None,
    related: frozenset[str],
    conditions: frozenset[str],
    absent: tuple[tuple[str, str], ...],
    sittings: Mapping[str, list[dt.date]] | None = None,
    horizon_days: int = 130,
) -> Run:
    spec = loaded.spec
    spec = spec.model_copy(update={"horizon": spec.horizon.model_copy(update={"start": origin})})
    sim = ReplaySim(dataclasses.replace(loaded, spec=spec))
    env = sim.env
    for person, reason in absent:  # absent for the whole run, from before the document arrives
        sim.absences.leave(person, reason)
    for mid, days in (sittings or {}).items():
        if mid in sim.boards:
            sim.boards[mid].fix_sittings(days)
    for board in sim.boards.values():
        env.process(board.run())
    conds = loaded.model.close_conditions(conditions)
    model = loaded.model  # the priority by the conditions' declared meanings (specially urgent first)
    levels = ((model.conditions_meaning("specially_urgent"), 0), (model.conditions_meaning("urgent"), 1))
    priority = next((lvl for ids, lvl in levels if ids & conds), 2)
    plan: DocPlan = sim.planner.plan(doc_type, conds)
    doc = Doc(
        1,
        "replay-1",
        doc_type,
        department or "",
        related,
        conds,
        priority,
        plan,
        random.Random(f"govmodel/replay/{doc_type}"),
        arrival,
        True,
    )
    if department is None:
        doc.ctx = Context(related_departments=related)
    sim.rec.arrived = sim.rec.measured = 1
    sim.live[1] = doc

    def life() -> Generator[Any, Any, None]:
        if arrival > 0:
            yield env.timeout(arrival)
        yield from document(sim, doc)

    proc = env.process(life())
    limit = horizon_days * sim.clock.hours_per_day + sim.give_up_hours  # long enough for a quarterly meeting
    try:
        env.run(until=proc | env.timeout(limit))
    except GovmodelError as exc:  # e.g. the run reaches a year the calendar does not know
        raise NotReplayable(f"the replay cannot run from {origin}: {exc}".splitlines()[0]) from None
    return Run(sim, doc, proc.triggered)


def run_steps(run: Run, model: Model, doc_type: str) -> tuple[ReplayStep, ...]:
    sim, doc = run.sim, run.doc
    clock = sim.clock
    hours = clock.hours_per_day
    first = clock.day_index(doc.arrival)

    def wd(tm: float, end: bool = False) -> int:
        return clock.day_index(tm, end=end) - first + 1

    out: list[tuple[float, int, ReplayStep]] = []
    for i, a in enumerate(sim.acts):
        sp, p = a.step, a.performer
        out.append(
            (
                a.start,
                i,
                ReplayStep(
                    "meeting" if a.meeting is not None else "act",
                    sp.node,
                    sp.step.act,
                    tuple(sp.step.articles),
                    clock.timestamp(a.start),
                    clock.timestamp(a.end, end=True),
                    clock.date(a.start),
                    clock.date(a.end, end=True),
                    wd(a.start),
                    p.person,
                    p.actor if a.meeting is None else a.meeting,
                    p.via,
                    (a.start - a.requested + a.waited) / hours,
                ),
            )
        )
    rec = sim.rec
    for key, gap in rec.blocked_info.items():
        node = gap.step
        plan_step = next((s for s in doc.plan.steps if s.node == node), None)
        step = plan_step.step if plan_step else step_of(model, node)
        arts = tuple(step.articles) if step else ()
        if gap.kind == "no_actor_named":
            at = _skip_time(sim, doc, node)
            out.append(
                (
                    at,
                    10_000,
                    ReplayStep(
                        "skipped",
                        node,
                        gap.act,
                        arts,
                        clock.timestamp(at),
                        clock.timestamp(at),
                        clock.date(at),
                        clock.date(at),
                        wd(at),
                        why=Label(
                            "条文要求此行为,但未指明由谁履行,情景规定跳过",
                            "the rules require this act but name nobody to perform it; the scenario skips it",
                        ),
                    ),
                )
            )
            continue
        if key != doc.failed:
            continue
        end = sim.failed_at if sim.failed_at is not None else sim.env.now
        start = end - rec.blocked_hours.get(key, 0.0)
        why = (
            Label("没有可作出决定的会议", "no meeting of these kinds sits")
            if gap.kind == "no_meeting"
            else why_blocked(model, gap.actors, gap.act, doc_type, doc.ctx, sim.absences.absent)
        )
        out.append(
            (
                start,
                20_000,
                ReplayStep(
                    "blocked",
                    node,
                    gap.act,
                    arts,
                    clock.timestamp(start),
                    clock.timestamp(end, end=True),
                    clock.date(start),
                    clock.date(end, end=True),
                    wd(start),
                    actor="/".join(gap.actors),
                    waited_working_days=(end - start) / hours,
                    why=why,
                    absent=dict(gap.example_absent),
                ),
            )
        )
    if not run.finished:
        out += _pending(run, model, doc_type, {s.node for _, _, s in out})
    out.sort(key=lambda x: (x[0], x[1]))
    return tuple(s for _, _, s in out)


def _pending(run: Run, model: Model, doc_type: str, seen: set[str]) -> list[tuple[float, int, ReplayStep]]:
    """Steps a document still waits at when the run ends (a meeting that cannot sit, a queue)."""
    sim, doc = run.sim, run.doc
    clock, hours = sim.clock, sim.clock.hours_per_day
    done = {a.step.index: a.end for a in sim.acts}
    last = max(done.values(), default=doc.arrival)
    passed = set(done) | {sp.index for sp in doc.plan.steps if sp.node in seen or sp.take_probability <= 0.0}
    out = []
    for sp in doc.plan.steps:
        if sp.index in passed or not all(p in passed for p in sp.preds):
            continue
        since = max((done[p] for p in sp.preds if p in done), default=last)
        now = sim.env.now
        why = Label("仍在等待", "still waiting")
        for mid in sp.meetings:
            board = sim.boards.get(mid)
            if board is None:
                continue
            ml = model.label(mid)
            held = sim.rec.meetings.get(mid)
            postponed = held["postponed"] if held else 0
            presider = why_blocked(
                model, tuple(board.meeting.presider), "presides", doc_type, Context(), sim.absences.absent
            )
            why = Label(
                f"等待{ml.zh}作出决定,但会议无法召开(已延期{postponed}次):{presider.zh}",
                f"waits for the {ml.en} to decide, but it cannot sit "
                f"(postponed {postponed} times): {presider.en}",
            )
            break
        out.append(
            (
                since,
                30_000,
                ReplayStep(
                    "waiting",
                    sp.node,
                    sp.step.act,
                    tuple(sp.step.articles),
                    clock.timestamp(since),
                    clock.timestamp(now, end=True),
                    clock.date(since),
                    clock.date(now, end=True),
                    clock.day_index(since) - clock.day_index(doc.arrival) + 1,
                    actor="/".join(sp.meetings or sp.step.by),
                    waited_working_days=(now - since) / hours,
                    why=why,
                    absent=dict(sim.absences.absent),
                ),
            )
        )
    return out


def _skip_time(sim: ReplaySim, doc: Doc, node: str) -> float:
    """When a step naming nobody was skipped: the end of its latest predecessor's act."""
    sp = next((s for s in doc.plan.steps if s.node == node), None)
    if sp is None:
        return doc.arrival
    ends = [a.end for a in sim.acts if a.step.index in sp.preds]
    return max(ends) if ends else doc.arrival
