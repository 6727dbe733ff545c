"""Who is away right now, and why: the scenario's absence patterns as SimPy processes.

The board holds ``absent`` (person → reason), the mapping :func:`govmodel.graph.performers`
reads. When a person leaves, documents queued at his desk are recalled (they resolve their
performer again: a deputy under the model's rules, or nobody); when anyone returns, documents
waiting for a performer try again. A leaving person finishes the act in hand (the absence
takes his desk at top priority, after it); his return is at the planned time whatever he was
doing, so the absences of paired scenarios (common random numbers) are the same.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Generator
from typing import Any

from govmodel.graph.authority import Context, holders
from govmodel.model import types as t
from govmodel.sim.dists import make_sampler
from govmodel.sim.ports import WORKING_DAYS_PER_YEAR, BoardHost, request

__all__ = ["AbsenceBoard", "role_holders"]

ABSENCE_PRIORITY = -1


def role_holders(model: Any, role: str) -> tuple[str, ...]:
    """Every person holding ``role`` anywhere (department roles over every department)."""
    el = model.get(role)
    if isinstance(el, t.Role) and el.scope == "department" and model.cast:
        out: list[str] = []
        for d in model.cast.departments:
            out += [p for p in holders(model, role, Context(department=d.id)) if p not in out]
        return tuple(out)
    return holders(model, role, Context())


class AbsenceBoard:
    """Current absences, their version, and the events documents wait on."""

    def __init__(self, sim: BoardHost):
        self.sim = sim
        self.env = sim.env
        self.absent: dict[str, str] = {}
        self.version = 0
        self.changed = self.env.event()
        self._recall: dict[str, Any] = {}
        self._stack: dict[str, list[str]] = {}
        self.may_leave: set[str] = set()
        self.history: list[tuple[float, str, str, str]] = []  # (time, person, reason, "leave" | "back")

    # -- state ---------------------------------------------------------------------------
    def recall(self, person: str) -> Any:
        ev = self._recall.get(person)
        if ev is None:
            ev = self._recall[person] = self.env.event()
        return ev

    def leave(self, person: str, reason: str) -> None:
        self.history.append((self.env.now, person, reason, "leave"))
        self._stack.setdefault(person, []).append(reason)
        self.absent[person] = reason
        self.version += 1
        ev = self._recall.pop(person, None)
        if ev is not None:
            ev.succeed()

    def back(self, person: str, reason: str) -> None:
        self.history.append((self.env.now, person, reason, "back"))
        stack = self._stack[person]
        stack.remove(reason)
        if stack:
            self.absent[person] = stack[-1]
        else:
            del self.absent[person]
        self.version += 1
        ev, self.changed = self.changed, self.env.event()
        ev.succeed()

    # -- processes -----------------------------------------------------------------------
    def start(self, rng_for: Any) -> None:
        """Start a process per absence pattern and person."""
        sim = self.sim
        for i, ab in enumerate(sim.spec.absences):
            people = (ab.who,) if ab.who else role_holders(sim.model, ab.role or "")
            for person in people:
                self.may_leave.add(person)
                if ab.from_ is not None and ab.to is not None:
                    self.env.process(self._fixed(person, ab.reason, ab.from_, ab.to))
                else:
                    assert ab.duration is not None
                    every = self._mean_gap(ab)
                    dur = make_sampler(ab.duration.dist, **ab.duration.params())
                    rng = rng_for(f"absences/{i}/{person}")
                    self.env.process(self._random(person, ab.reason, every, dur, rng))

    def _mean_gap(self, ab: Any) -> float:
        """Mean gap between absences, in clock hours."""
        hours = self.sim.clock.hours_per_day
        if ab.every is not None:
            return float(self.sim.clock.hours(ab.every.value, ab.every.unit))
        per_day = ab.rate.value if ab.rate.per == "working_day" else ab.rate.value / WORKING_DAYS_PER_YEAR
        return float(hours / per_day)

    def _fixed(self, person: str, reason: str, first: dt.date, last: dt.date) -> Generator[Any, Any, None]:
        clock = self.sim.clock
        cal = clock.calendar
        begin = clock.time_of(cal.next_working_day(max(first, clock.origin), inclusive=True))
        end = clock.time_of(cal.next_working_day(max(last, clock.origin - dt.timedelta(days=1))))
        if end <= begin:
            return
        yield self.env.timeout(begin)
        yield from self._episode(person, reason, end - begin)

    def _random(
        self, person: str, reason: str, every: float, dur: Any, rng: random.Random
    ) -> Generator[Any, Any, None]:
        hours = self.sim.clock.hours_per_day
        while True:
            yield self.env.timeout(rng.expovariate(1.0 / every))
            length = dur(rng) * hours
            if person in self.absent:  # already away: this episode does not happen
                continue
            yield from self._episode(person, reason, length)

    def _episode(self, person: str, reason: str, hours: float) -> Generator[Any, Any, None]:
        """Away from now for ``hours``, exactly: the return does not wait for the act in hand,
        so who is away when depends on the absence streams only (common random numbers are
        exact for absences: paired scenarios that differ in anything else share them)."""
        env, sim = self.env, self.sim
        end = env.now + hours
        self.leave(person, reason)
        if sim.rec.warmup <= env.now < sim.rec.end:  # the observation window, not the drain period after
            sim.rec.absences[reason] += 1
        env.process(self._desk(person, end))
        yield env.timeout(hours)
        self.back(person, reason)

    def _desk(self, person: str, end: float) -> Generator[Any, Any, None]:
        """Keep the person's desk from new acts until ``end`` (after the act in hand, if any)."""
        env = self.env
        res = self.sim.person(person)
        req = request(res, ABSENCE_PRIORITY)
        yield req
        if end > env.now:
            yield env.timeout(end - env.now)
        res.release(req)
