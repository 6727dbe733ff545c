"""One replication: the SimPy environment, resources, arrivals, and the measures.

:class:`Simulation` wires the pieces: a :class:`~govmodel.sim.clock.SimClock` (working hours),
a PriorityResource per person (capacity 1; special-urgent before urgent before ordinary),
a resource per institution (bodies, meetings' organizers, institutional roles; departments
each their own; unlimited unless the scenario gives a capacity), the absence board, a meeting
board per meeting kind, and one Poisson arrival process per (document type, department).
Random numbers come from separate streams per purpose (arrivals, attributes, service,
absences), derived from the seed, the replication index and the stream's name, so scenarios
compared with the same seed share them (common random numbers: :mod:`govmodel.sim.streams`).
A document in flight is a :class:`~govmodel.sim.doc.Doc`.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Generator
from typing import Any

import simpy

from govmodel.graph.authority import Context, Performer
from govmodel.model import types as t
from govmodel.sim.absences import AbsenceBoard
from govmodel.sim.clock import SimClock
from govmodel.sim.desks import AnyDesk, Desk, PriorityDesk
from govmodel.sim.doc import Doc, urgency_levels
from govmodel.sim.loaded import LoadedScenario
from govmodel.sim.meetings import DEFAULT_POLICY, SCHEDULED, MeetingBoard
from govmodel.sim.plan import StepPlan, shared_planner
from govmodel.sim.ports import WORKING_DAYS_PER_YEAR
from govmodel.sim.processes import document
from govmodel.sim.records import EventRow, Histogram, Recorder
from govmodel.sim.scenario import Arrival
from govmodel.sim.streams import document_stream, stream

# Doc lives in sim/doc.py and stream in sim/streams.py: named here too, for their importers
__all__ = ["Simulation", "Doc", "stream", "WORKING_DAYS_PER_YEAR"]


class Simulation:
    """One replication of a scenario.

    Parameters
    ----------
    loaded : LoadedScenario
    replication : int
        Index of the replication (0-based); with ``seed`` it selects the random streams.
    seed : int
    keep_events : bool
        Keep one row per act for the event log (memory grows with documents).
    sample_queues : bool
        Sample each person's queue length once per working day (for plots).
    """

    def __init__(
        self,
        loaded: LoadedScenario,
        replication: int,
        seed: int,
        *,
        keep_events: bool = False,
        sample_queues: bool = False,
    ):
        spec = loaded.spec
        self.loaded, self.spec, self.model = loaded, spec, loaded.model
        self._urgency = urgency_levels(loaded.model)  # by the conditions' declared meanings, not their ids
        self._other_departments = loaded.model.conditions_meaning("involves_other_departments")
        self.replication, self.seed = replication, seed
        self.env = simpy.Environment()
        cal = spec.calendar
        hours = cal.hours_per_day or (24.0 if cal.kind == "none" else 8.0)
        h, m = (int(x) for x in cal.day_starts.split(":"))
        self.clock = SimClock(loaded.calendar, spec.horizon.start, hours, dt.time(h, m))
        hz = spec.horizon
        self.arrivals_end = self._arrivals_end()
        self.max_documents = hz.documents
        warmup = self.clock.hours(hz.warmup.value, hz.warmup.unit) if hz.warmup else 0.0
        self.drain = self.clock.hours(hz.drain.value, hz.drain.unit) if hz.drain else 60 * hours
        self.rec = Recorder(warmup, self.arrivals_end, keep_events)
        self.give_up_hours = self.clock.hours(
            spec.waiting.give_up_after.value, spec.waiting.give_up_after.unit
        )
        self.planner = shared_planner(loaded)
        self.absences = AbsenceBoard(self)
        self.perf_cache: dict[tuple[Any, ...], Any] = {}  # who may act, per step and context (processes.py)
        self.plan_known: dict[
            tuple[Any, ...], list[Any]
        ] = {}  # the same, per plan and context, by step index
        self._contexts: dict[tuple[str, frozenset[str]], Context] = {}
        self._closed: dict[frozenset[str], frozenset[str]] = {}
        self.waiting_for: Counter[str] = Counter()  # documents waiting for an absent person
        self.prioritized = self._needs_priorities()
        self.desks: dict[str, AnyDesk] = {}  # person -> desk (see person())
        self._institutions: dict[str, AnyDesk | None] = {}
        self._scoped: dict[str, bool] = {}  # institution name → one desk per submitting department
        self.boards = self._boards()
        self.live: dict[int, Doc] = {}
        self.arrivals_open = len(spec.arrivals)
        self.closed = self.env.event()
        self.all_done = self.env.event()
        self.sample_queues = sample_queues
        self._count = 0
        self._last_arrival = 0.0
        self._departments = loaded.departments

    # -- setup ---------------------------------------------------------------------------
    def _arrivals_end(self) -> float:
        hz, clock = self.spec.horizon, self.clock
        if hz.end is not None:
            days = clock.calendar.working_days_between(clock.origin - dt.timedelta(days=1), hz.end)
            return float(days * clock.hours_per_day)
        if hz.length is not None:
            return clock.hours(hz.length.value, hz.length.unit)
        return math.inf

    def _close(self, conditions: frozenset[str]) -> frozenset[str]:
        """The conditions and those they imply in the model (special urgency → urgency)."""
        close = getattr(self.model, "close_conditions", None)
        return close(conditions) if close is not None else conditions

    def _needs_priorities(self) -> bool:
        """Priority queues are needed for urgency, absences and meetings; a plain FIFO
        resource is faster and gives the same order otherwise."""
        spec = self.spec
        urgent = any(
            u is not None and (u.urgent or u.special_urgent)
            for u in (spec.urgency, *(a.urgency for a in spec.arrivals))
        )
        collective = any(
            self.model.act_meaning(s.act) == "collective_decision" or s.collective
            for p in self.model.procedures
            for s in p.steps
        )
        return urgent or bool(spec.absences) or collective

    def _boards(self) -> dict[str, MeetingBoard]:
        out = {}
        for m in self.model.meetings:
            policy = self.spec.meetings.get(m.id)
            if policy is None and m.cadence in SCHEDULED:
                policy = DEFAULT_POLICY
            if policy is not None:
                out[m.id] = MeetingBoard(self, m, policy)
        return out

    def person(self, person: str) -> AnyDesk:
        """The person's desk: a priority desk when priorities matter, else a plain FIFO one."""
        res = self.desks.get(person)
        if res is None:
            kind = PriorityDesk if self.prioritized else Desk
            res = self.desks[person] = kind(self.env, capacity=1)
        return res

    def _institution_key(self, name: str, doc: Any) -> str:
        scoped = self._scoped.get(name)
        if scoped is None:
            el = self.model.get(name)
            scoped = self._scoped[name] = (
                (isinstance(el, t.Body) and el.stands_for_submitter)  # 各部门: whichever submits
                or (isinstance(el, t.Role) and el.scope == "department")
            )
        return f"{name}:{doc.department}" if scoped and doc is not None else name

    def resource_of(self, p: Performer, doc: Any) -> AnyDesk | None:
        """The resource that performs for ``p`` (None: an institution with no capacity limit)."""
        if p.person is not None:
            return self.person(p.person)
        name = p.institution or p.actor
        if doc is None:
            return self._institutions.get(name)
        key = self._institution_key(name, doc)
        if key not in self._institutions:
            inst = self.spec.institutions
            cap = inst.capacity.get(name, inst.default_capacity)
            kind = PriorityDesk if self.prioritized else Desk
            self._institutions[key] = kind(self.env, capacity=cap) if cap else None
        return self._institutions[key]

    # -- arrivals ------------------------------------------------------------------------
    def _rate_per_hour(self, a: Arrival) -> float:
        r = a.rate
        if r.per == "hour":
            return r.value
        per_day = r.value if r.per == "working_day" else r.value / WORKING_DAYS_PER_YEAR
        return per_day / self.clock.hours_per_day

    def _arrivals(self, index: int, a: Arrival, department: str) -> Generator[Any, Any, None]:
        env = self.env
        name = f"{a.type}/{department}/{index}"
        gaps = stream(self.seed, self.replication, f"arrivals/{name}")
        attrs = stream(self.seed, self.replication, f"attributes/{name}")
        rate = self._rate_per_hour(a)
        urgency = a.urgency or self.spec.urgency
        conds = sorted(a.conditions.items())
        others = [d for d in self._departments if d != department]
        if rate > 0:
            while True:
                gap = gaps.expovariate(rate)
                if env.now + gap >= self.arrivals_end:
                    break
                yield env.timeout(gap)
                if self.max_documents is not None and self._count >= self.max_documents:
                    break
                self._new_doc(a, department, attrs, urgency, conds, others)
        self.arrivals_open -= 1
        if self.arrivals_open == 0:
            self.closed.succeed(env.now)

    def _new_doc(
        self,
        a: Arrival,
        department: str,
        attrs: random.Random,
        urgency: Any,
        conds: list[tuple[str, float]],
        others: list[str],
    ) -> None:
        env = self.env
        u = attrs.random()
        level = 0 if u < urgency.special_urgent else 1 if u < urgency.special_urgent + urgency.urgent else 2
        conditions = self._urgency[level]
        if conds:
            drawn = {c for c, p in conds if attrs.random() < p}
            if drawn:
                conditions = conditions | drawn
        rng = document_stream(attrs)
        related: frozenset[str] = frozenset()
        if others and conditions & self._other_departments:
            k = min(len(others), rng.randint(a.related_departments.min, a.related_departments.max))
            related = frozenset(rng.sample(others, k))
        fconds = self._closed.get(conditions)
        if fconds is None:
            fconds = self._closed[conditions] = self._close(conditions)
        ctx = self._contexts.get((department, related))
        if ctx is None:
            ctx = self._contexts[(department, related)] = Context(
                department=department, related_departments=related
            )
        self._count += 1
        now = self._last_arrival = env.now
        n = self._count
        rec = self.rec
        measured = now >= rec.warmup
        doc = Doc(
            n,
            f"r{self.replication}-{n}",
            a.type,
            department,
            related,
            fconds,
            level,
            self.planner.plan(a.type, fconds),
            rng,
            now,
            measured,
            ctx,
        )
        rec.arrived += 1
        if measured:
            rec.measured += 1
        self.live[n] = doc
        env.process(document(self, doc))

    # -- outcomes ------------------------------------------------------------------------
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
        rec = self.rec
        name = resource or p.person or self._institution_key(p.institution or p.actor, doc)
        if resource is None:  # a meeting's sitting is recorded on its presider by the board
            rec.act(name, requested, start, end)
        if p.via and start >= rec.warmup:
            for rule in p.via:
                rec.deputy[rule] += 1
        if rec.keep_events:
            clock = self.clock
            rec.events.append(
                EventRow(
                    doc.case_id,
                    sp.node,
                    name,
                    clock.timestamp(start),
                    clock.timestamp(end, end=True),
                    doc.doc_type,
                    self.replication,
                    doc.department,
                    sp.step.id,
                    sp.step.act,
                    p.actor,
                    "+".join(p.via),
                    round(start - requested + waited, 4),
                )
            )

    def fail(self, doc: Doc, reason: str) -> None:
        doc.failed = reason

    def finish(self, doc: Doc) -> None:
        rec, env = self.rec, self.env
        del self.live[doc.id]
        if doc.measured:
            if doc.failed is not None:
                rec.abandoned += 1
                rec.abandoned_by[doc.failed] += 1
                for lp in doc.plan.limits:
                    rec.limit(lp.id, False)
            else:
                rec.completed += 1
                hours = env.now - doc.arrival
                rec.cycle_hours.add(hours)
                hist = rec.latency_days.get(doc.doc_type)
                if hist is None:
                    hist = rec.latency_days[doc.doc_type] = Histogram()
                hist.add(hours / self.clock.hours_per_day)
                for lp in doc.plan.limits:
                    rec.limit(lp.id, self._on_time(doc, lp.start, lp.end, lp.duration, env.now, lp.moves))
        if not self.live and self.arrivals_open == 0 and not self.all_done.triggered:
            self.all_done.succeed()

    def _on_time(
        self, doc: Doc, start: int | None, end: int | None, duration: Any, now: float, moves: bool = False
    ) -> bool:
        clock = self.clock
        t0 = doc.arrival if start is None else doc.marks.get(start, doc.arrival)
        t1 = now if end is None else doc.marks.get(end, now)
        due = clock.calendar.deadline(clock.date(t0), duration, moves=moves)
        return bool(clock.date(t1, end=True) <= due)

    def _censor(self) -> None:
        """Documents still in flight at the end: late if their deadline has passed."""
        clock, now = self.clock, self.env.now
        today = clock.date(now, end=True)
        for doc in self.live.values():
            if not doc.measured:
                continue
            for lp in doc.plan.limits:
                if lp.end is not None and lp.end in doc.marks:
                    continue
                t0 = doc.arrival if lp.start is None else doc.marks.get(lp.start)
                if t0 is None:
                    t0 = doc.arrival
                if clock.calendar.deadline(clock.date(t0), lp.duration, moves=lp.moves) < today:
                    self.rec.limit(lp.id, False)

    # -- running -------------------------------------------------------------------------
    def _sampler(self) -> Generator[Any, Any, None]:
        hours = self.clock.hours_per_day
        while True:
            for name, res in self.desks.items():
                queued = len(res.queue) + self.waiting_for.get(name, 0)
                self.rec.queue_samples.setdefault(name, []).append(queued)
            yield self.env.timeout(hours)

    def _stopper(self) -> Generator[Any, Any, None]:
        yield self.closed
        if self.arrivals_end == math.inf:  # a number of documents: measure up to the last one
            self.rec.end = self._last_arrival
        if self.live:
            yield self.all_done | self.env.timeout(self.drain)

    def run(self) -> Simulation:
        """Run to the end of the drain period; returns self (see :attr:`rec`)."""
        env = self.env
        self.absences.start(lambda purpose: stream(self.seed, self.replication, purpose))
        for board in self.boards.values():
            env.process(board.run())
        departments = self._departments
        for i, a in enumerate(self.spec.arrivals):
            depts = departments if a.departments == "all" else a.departments
            self.arrivals_open += len(depts) - 1
            for d in depts:
                env.process(self._arrivals(i, a, d))
        if self.arrivals_open == 0:  # no stream has a department: nothing arrives
            self.closed.succeed(env.now)
        if self.sample_queues:
            env.process(self._sampler())
        env.run(until=env.process(self._stopper()))
        self._censor()
        return self
