"""Meetings that decide collectively (art. 6, 22, 37, 38): a board per meeting kind.

A scheduled meeting sits on its cadence from the model (monthly, quarterly; weekly and
biweekly for reforms) on the working day of its period the scenario names; it takes the items
submitted before the agenda cut-off, up to its capacity, most urgent first, then oldest; the
rest wait for the next one (the backlog). The presider is resolved at that moment with the
model's deputy rules (the executive vice mayor presides while the mayor is abroad, art. 9);
with nobody to preside the meeting is postponed to the next working day. Where the model
allows ad hoc meetings and the scenario gives a policy, documents with one of its conditions
are decided by an ad hoc meeting within the policy's delay.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

from govmodel.calendar import WorkingDays
from govmodel.graph.authority import Context, performers
from govmodel.model import types as t
from govmodel.sim.ports import AgendaDoc, MeetingHost, request
from govmodel.sim.scenario import MeetingPolicy

__all__ = ["MeetingBoard", "DEFAULT_POLICY", "SCHEDULED"]

DEFAULT_POLICY = MeetingPolicy()
"""Used for a scheduled meeting the scenario does not describe (reported as an assumption)."""

_MAX_POSTPONEMENTS = 20
_PERIOD_WEEKS = {"weekly": 1, "biweekly": 2}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EPOCH = dt.date(2000, 1, 3)  # a Monday; the same origin as the verifier's timing checks
SCHEDULED = frozenset({"monthly", "quarterly", "weekly", "biweekly"})


@dataclass(slots=True)
class Item:
    doc: AgendaDoc
    event: Any
    submitted: float
    seq: int
    ad_hoc: bool


class MeetingBoard:
    """The agenda queue and the sittings of one kind of meeting."""

    def __init__(self, sim: MeetingHost, meeting: t.Meeting, policy: MeetingPolicy):
        self.sim, self.meeting, self.policy = sim, meeting, policy
        self.env = sim.env
        self.id = meeting.id
        self.pending: list[Item] = []
        self.cutoff = sim.clock.hours(policy.cutoff.value, policy.cutoff.unit)
        self.duration = sim.clock.hours(policy.duration.value, policy.duration.unit)
        self.ad_hoc_for = frozenset(policy.ad_hoc.for_) if policy.ad_hoc else frozenset()
        self.ad_hoc_within = (
            sim.clock.hours(policy.ad_hoc.within.value, policy.ad_hoc.within.unit) if policy.ad_hoc else 0.0
        )
        self._ad_hoc_at: float | None = None
        self._times = self._schedule() if meeting.cadence in SCHEDULED else iter(())
        self._upcoming: list[float] = []
        self._seq = 0

    # -- schedule ------------------------------------------------------------------------
    def _schedule(self) -> Iterator[float]:
        if self.meeting.cadence in _PERIOD_WEEKS:
            yield from self._weekly(_PERIOD_WEEKS[self.meeting.cadence])
            return
        clock = self.sim.clock
        cal = clock.calendar
        step = 1 if self.meeting.cadence == "monthly" else 3
        y, m = clock.origin.year, clock.origin.month
        if step == 3:
            m = ((m - 1) // 3) * 3 + 1
        while True:
            first = cal.next_working_day(dt.date(y, m, 1), inclusive=True)
            day = (
                cal.add(first, WorkingDays(self.policy.working_day - 1))
                if self.policy.working_day > 1
                else first
            )
            at = clock.time_of(day, self.policy.at_hour)
            if at >= 0:
                yield at
            m += step
            if m > 12:
                y, m = y + 1, m - 12

    def _weekly(self, weeks: int) -> Iterator[float]:
        """Periods of ``weeks`` weeks counted from a fixed Monday (as the verifier counts them); the
        meeting sits on the period's n-th working day (its last if it has fewer; none if the
        whole period is off), or, with a ``schedule.weekday``, on that day of the period's first
        week (the next working day of the period when it is off; with ``schedule.if_day_off``,
        the next working day even after the period)."""
        clock = self.sim.clock
        cal = clock.calendar
        span = 7 * weeks
        start = clock.origin - dt.timedelta(days=(clock.origin - _EPOCH).days % span)
        weekday = self.meeting.schedule.weekday if self.meeting.schedule else None
        later = bool(self.meeting.schedule and self.meeting.schedule.if_day_off)  # 顺延: even next week
        while True:
            days = [start + dt.timedelta(days=i) for i in range(span)]
            working = [d for d in days if cal.is_working_day(d)]
            if (
                weekday is not None
            ):  # 一般在每周一召开: the named weekday, or the next working day of the period
                named = next(d for d in days if d.weekday() == _WEEKDAYS.index(weekday))
                working = [d for d in working if d >= named][:1]
                if not working and later:  # the text moves it past the period (若因故无法召开，则顺延)
                    moved = cal.next_working_day(days[-1])
                    # unless that is the next period's own sitting day or later: one sitting, not two
                    working = [moved] if moved < named + dt.timedelta(days=span) else []
            if working:
                day = working[min(self.policy.working_day, len(working)) - 1]
                at = clock.time_of(day, self.policy.at_hour)
                if at >= 0:
                    yield at
            start += dt.timedelta(days=span)

    def fix_sittings(self, days: list[dt.date]) -> None:
        """Sit on these working days only (at the policy's hour), instead of the cadence: a
        replayed counterexample (:mod:`govmodel.crosscheck.replay`) names its meetings' dates."""
        clock = self.sim.clock
        times = sorted(
            clock.time_of(clock.calendar.next_working_day(d, inclusive=True), self.policy.at_hour)
            for d in days
        )
        self._times = itertools.chain(
            [x for x in times if x >= 0], itertools.repeat(float("inf"))
        )  # then never again
        self._upcoming = []

    def _peek(self, k: int) -> float:
        while len(self._upcoming) <= k:
            self._upcoming.append(next(self._times))
        return self._upcoming[k]

    def scheduled(self) -> bool:
        return self.meeting.cadence in SCHEDULED

    def next_eligible(self, now: float, doc: AgendaDoc) -> float:
        """When an item submitted now would be decided at the earliest (capacity aside)."""
        if self.ad_hoc_for & doc.conditions:
            return now + self.ad_hoc_within
        if not self.scheduled():
            return float("inf")
        k = 0
        while self._peek(k) - self.cutoff < now:
            k += 1
        return self._peek(k)

    # -- items ---------------------------------------------------------------------------
    def submit(self, doc: AgendaDoc) -> Any:
        ev = self.env.event()
        ad_hoc = bool(self.ad_hoc_for & doc.conditions)
        self._seq += 1
        self.pending.append(Item(doc, ev, self.env.now, self._seq, ad_hoc))
        if ad_hoc and (self._ad_hoc_at is None or self._ad_hoc_at > self.env.now + self.ad_hoc_within):
            self._ad_hoc_at = self.env.now + self.ad_hoc_within
            self.env.process(self._sit_ad_hoc(self._ad_hoc_at))
        return ev

    # -- sittings ------------------------------------------------------------------------
    def run(self) -> Generator[Any, Any, None]:
        """The scheduled sittings, forever (the simulation stops the environment)."""
        if not self.scheduled():
            return
        while True:
            at = self._peek(0)
            self._upcoming.pop(0)
            if at > self.env.now:
                yield self.env.timeout(at - self.env.now)
            yield from self._sit(at, ad_hoc=False)

    def _sit_ad_hoc(self, at: float) -> Generator[Any, Any, None]:
        yield self.env.timeout(max(0.0, at - self.env.now))
        if self._ad_hoc_at == at:
            self._ad_hoc_at = None
        yield from self._sit(at, ad_hoc=True)

    def _presider(self) -> Any:
        sim = self.sim
        found = performers(
            sim.model, self.meeting.presider, "presides", None, Context(), sim.absences.absent, meeting=True
        )
        persons = [p for p in found if p.person]
        persons.sort(key=lambda p: p.deputized)
        return persons[0] if persons else None

    def _sit(self, at: float, ad_hoc: bool) -> Generator[Any, Any, None]:
        env, rec = self.env, self.sim.rec
        measured = env.now >= rec.warmup
        presider = self._presider()
        tries = 0
        while presider is None and tries < _MAX_POSTPONEMENTS:
            if measured:
                rec.meeting(self.id, "postponed")
            tries += 1
            yield env.timeout(self.sim.clock.hours_per_day)
            presider = self._presider()
        if presider is None:
            return
        if ad_hoc:
            eligible = [it for it in self.pending if it.ad_hoc]
        else:
            eligible = [it for it in self.pending if it.submitted <= at - self.cutoff]
        eligible.sort(key=lambda it: (it.doc.priority, it.submitted, it.seq))
        taken = eligible[: self.policy.capacity]
        if not taken and ad_hoc:
            return
        for it in taken:
            self.pending.remove(it)
        res = self.sim.person(presider.person)
        req = request(res, -1)
        yield req
        start = env.now
        yield env.timeout(self.duration)
        res.release(req)
        rec.act(presider.person, start, start, env.now)
        if start >= rec.warmup:
            for rule in presider.via:
                rec.deputy[rule] += 1
            rec.meeting(self.id, "held_ad_hoc" if ad_hoc else "held")
            rec.meeting(self.id, "decided", len(taken))
            if not ad_hoc:
                rec.meeting(self.id, "backlog_after", len(self.pending))
        for it in taken:
            it.event.succeed((presider, start))
