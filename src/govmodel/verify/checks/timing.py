"""Timing: a time limit that cannot be met even when every party complies.

- ``timing.cadence``: a document must reach the government a lead time (in working days)
  before a decision is needed, but the decision is collective and the meetings that can take
  it sit on a cadence (monthly on any working day of the month, quarterly …). Over every
  day of every year the calendar knows, the longest wait for the next regular meeting is
  compared with the lead time.
- ``timing.two_limits`` and ``timing.vague_limit``: see :mod:`govmodel.verify.checks.limits`.
- ``timing.calendar_days``: a limit counted in calendar days (or months) leaves fewer working
  days around public holidays than it does in an ordinary week: the minimum number of
  working days inside the limit, over every start date of every known year, against the
  minimum with weekends alone.

Both are decided by exhaustive enumeration over the finite calendar, from the day the rules
were adopted (where the calendar knows the years after it) to the last year it knows (the
bounds report the years); dates in the counterexample are the first worst case found.

Two assumptions of the model, found by their declared ``effect``, shape the second:
``deadlines_move_past_days_off`` (a calendar-day limit ending on a day off moves to the next
working day) and ``in_principle_limits_are_soft`` (a limit marked ``in_principle`` (原则上)
admits exceptions, so a holiday squeeze is no gap; a model that declares neither reads every
limit as hard and never moves a deadline).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from govmodel.calendar import WorkCalendar, add_months
from govmodel.findings import (CadenceDates, CalendarDates, Cause, Counterexample, Finding, SceneWitness, Status,
                               Subject, TraceStep)
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.vocab import DEADLINE_MOVES
from govmodel.refs import Label
from govmodel.verify import decode
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds, condition_sets, mentioned_conditions, procedure_conditions

__all__ = ["Days", "days", "properties", "evaluate", "worst_wait", "fewest_working_days", "MOVES", "SOFT"]

MOVES = DEADLINE_MOVES
"""Assumption effect: a calendar-day deadline falling on a day off moves to the next working day."""
SOFT = "in_principle_limits_are_soft"
"""Assumption effect: a limit stated 原则上 (in principle) admits exceptions."""

_PERIOD_MONTHS = {"monthly": 1, "quarterly": 3}
_PERIOD_WEEKS = {"weekly": 1, "biweekly": 2}
_REGULAR = set(_PERIOD_MONTHS) | set(_PERIOD_WEEKS)
_EPOCH = dt.date(2000, 1, 3)  # a Monday: two-week periods are counted from it


@dataclass(frozen=True)
class Days:
    """Every day of the known years with prefix counts of working days (O(1) queries)."""

    first: dt.date
    working: tuple[bool, ...]
    before: tuple[int, ...]
    years: tuple[int, int]
    weekday: tuple[bool, ...] = ()
    weekday_before: tuple[int, ...] = ()

    def index(self, day: dt.date) -> int:
        return (day - self.first).days

    def date(self, i: int) -> dt.date:
        return self.first + dt.timedelta(days=i)

    def count(self, a: int, b: int, holidays: bool = True) -> int:
        """Working days with index in (a, b] (``holidays`` False: Monday to Friday)."""
        pre = self.before if holidays else self.weekday_before
        return pre[b + 1] - pre[a + 1]

    def is_working(self, i: int, holidays: bool = True) -> bool:
        return (self.working if holidays else self.weekday)[i]

    def __len__(self) -> int:
        return len(self.working)


@lru_cache(maxsize=2)
def days(cal: WorkCalendar | None = None) -> Days:
    """The working-day table of every year ``cal`` (default: the package calendar) knows."""
    cal = cal or WorkCalendar()
    years = cal.known_years
    first = dt.date(years[0], 1, 1)
    working: list[bool] = []
    for y in years:
        yc = cal.year(y)
        working += [bool(b) for b in yc.working]
    weekday = [(first + dt.timedelta(days=i)).weekday() < 5 for i in range(len(working))]
    return Days(first, tuple(working), _prefix(working), (years[0], years[-1]), tuple(weekday), _prefix(weekday))


def _prefix(flags: list[bool]) -> tuple[int, ...]:
    out = [0]
    for w in flags:
        out.append(out[-1] + w)
    return tuple(out)


def _period(day: dt.date, months: int) -> tuple[int, int]:
    return day.year, (day.month - 1) // months


def _period_end(day: dt.date, months: int, ahead: int) -> dt.date:
    start = dt.date(day.year, ((day.month - 1) // months) * months + 1, 1)
    nxt = add_months(start, months * (ahead + 1))
    return nxt - dt.timedelta(days=1)


def _period_bounds(day: dt.date, cadence: str | int, ahead: int) -> tuple[dt.date, dt.date]:
    """(first day of ``day``'s period, last day of the period ``ahead`` periods later)."""
    if isinstance(cadence, int) or cadence in _PERIOD_MONTHS:
        months = cadence if isinstance(cadence, int) else _PERIOD_MONTHS[cadence]
        return dt.date(day.year, ((day.month - 1) // months) * months + 1, 1), _period_end(day, months, ahead)
    weeks = _PERIOD_WEEKS[cadence]
    start = _EPOCH + dt.timedelta(weeks=((day - _EPOCH).days // 7 // weeks) * weeks)
    return start, start + dt.timedelta(weeks=weeks * (ahead + 1)) - dt.timedelta(days=1)


@lru_cache(maxsize=16)  # the same meeting cadence answers several lead times
def worst_wait(table: Days, cadence: str | int, since: int = 0) -> tuple[int, dt.date, dt.date]:
    """The longest wait (working days) from a working day to the next regular meeting, when
    a meeting of each period may fall on any working day of it: (wait, arrival, meeting).
    ``cadence`` is a meeting cadence (monthly, quarterly, biweekly, weekly) or a number of
    months. Only arrivals from index ``since`` on (the day the rules took effect)."""
    best = (-1, table.first, table.first)
    for i in range(since, len(table)):
        if not table.working[i]:
            continue
        day = table.date(i)
        start, _ = _period_bounds(day, cadence, 0)
        earlier = table.count(table.index(start) - 1, i - 1) > 0  # this period's meeting can precede
        _, end = _period_bounds(day, cadence, 1 if earlier else 0)
        j = table.index(end)
        if j >= len(table):
            break
        while j > i and not table.working[j]:
            j -= 1
        wait = table.count(i, j)
        if wait > best[0]:
            best = (wait, day, table.date(j))
    return best


def fewest_working_days(table: Days, limit: t.Duration, holidays: bool = True, since: int = 0,
                        moves: bool = True) -> tuple[int, dt.date, dt.date]:
    """(fewest working days inside the limit, start, deadline) over every start date; with
    ``holidays`` False, weekends alone are days off. With ``moves``, a deadline on a day off
    moves to the next working day (as :meth:`WorkCalendar.deadline`)."""
    best = (10 ** 9, table.first, table.first)
    months = str(limit.unit) == "months"
    for i in range(since, len(table)):
        start = table.date(i)
        j = table.index(add_months(start, limit.value)) if months else i + limit.value
        while moves and j < len(table) and not table.is_working(j, holidays):
            j += 1
        if j >= len(table):
            break
        n = table.count(i, j, holidays)
        if n < best[0]:
            best = (n, start, table.date(j))
    return best


def _collective(model: Model, ty: str, conds: frozenset[str]) -> list[t.Meeting]:
    """Meetings on a regular cadence that may take the document's collective decision."""
    out = []
    for proc in model.procedures_for(ty):
        for s in proc.steps:
            if s.act == "collective_decision" and _limit_applies(s, model.with_derived(conds)):  # same when/unless rule
                out += [m for m in model.meetings if m.id in s.by and str(m.cadence) in _REGULAR]
    return out


def _limit_applies(tl: t.TimeLimit | t.Step, conds: frozenset[str]) -> bool:
    return not ((tl.when and tl.when not in conds) or (tl.unless and tl.unless in conds))


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    for d in model.document_types:
        for tl in model.time_limits_for(d.id):
            if tl.kind != "lead_time" or not tl.duration or str(tl.duration.unit) != "working_days":
                continue
            conds = tuple(dict.fromkeys(procedure_conditions(model, d.id) + mentioned_conditions([tl], model)))  # type: ignore[list-item]
            sets = next((c for c in condition_sets(conds) if _limit_applies(tl, model.with_derived(c)) and _collective(model, d.id, c)), None)
            if sets is not None:
                yield Property("timing.cadence", Subject(tl.id, scope=(d.id,)),
                               Label(f"{d.label.zh}:按{tl.label.zh}报送的，可在需要决定之日前由会议决定",
                                     f"{d.label.en}: submitted with the lead time of '{tl.label.en}', it can be decided in time"),
                               (tl.id,), tl.id, {"kind": "cadence", "limit": tl.id, "document_type": d.id,
                                                 "conditions": sorted(sets)})
    for tl in model.time_limits:
        if tl.in_principle and model.effect_on(SOFT):
            continue  # a general rule with exceptions: a holiday squeeze is one of them
        if tl.duration and str(tl.duration.unit) in ("calendar_days", "months"):
            yield Property("timing.calendar_days", Subject(tl.id),
                           Label(f"{tl.label.zh}:节假日不会使期限内的工作日少于平常",
                                 f"{tl.label.en}: public holidays never leave fewer working days inside the limit than an ordinary week"),
                           (tl.id,), tl.id, {"kind": "calendar", "limit": tl.id})
    from govmodel.verify.checks import limits  # two limits side by side; vague limits (a module of its own)

    yield from limits.properties(model, bounds)


def in_force_from(model: Model, table: Days) -> int:
    """Index of the first day the rules were in force (their adoption date), where the
    calendar knows a year past it; otherwise the calendar's first day (0). Dates before the
    rules existed make poor counterexamples."""
    adopted = getattr(getattr(model, "ruleset", None), "adopted", None)
    if adopted is None:
        return 0
    i = table.index(adopted)
    return i if 0 <= i and i + 366 < len(table) else 0


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    if prop.parameters["kind"] in ("two_limits", "vague_limit"):
        from govmodel.verify.checks import limits

        return limits.evaluate(model, prop, bounds)
    cal = WorkCalendar()
    table = days(cal)
    since = in_force_from(model, table)
    bd = {**bounds.as_dict(model), "years": [table.date(since).year, table.years[1]]}
    if prop.parameters["kind"] == "cadence":
        return _cadence(model, prop, table, bd, since)
    return _calendar(model, prop, table, cal, bd, since)


def _cadence(model: Model, prop: Property, table: Days, bd: dict, since: int = 0) -> Finding:
    tl = model.get(prop.parameters["limit"])
    conds = frozenset(prop.parameters["conditions"])
    meetings = _collective(model, prop.parameters["document_type"], conds)
    lead = tl.duration.value
    waits = {m.id: worst_wait(table, str(m.cadence), since) for m in meetings}
    best = min(meetings, key=lambda m: waits[m.id][0])  # the most frequent meeting decides soonest
    wait, arrival, meeting = waits[best.id]
    if wait <= lead:
        return prop.finding(model, Status.holds, Label(f"已证明:最长等待{wait}个工作日，不超过{lead}个工作日",
                                                       f"proved: the longest wait is {wait} working days, within {lead}"),
                            bounds={**bd, "worst_wait_working_days": wait})
    ml = decode.label_of(model, best.id)
    adhoc = Label(f"(除非临时召开{ml.zh})", f" (unless an ad hoc {ml.en} is called)") if best.ad_hoc_allowed else Label("", "")
    msg = Label(f"按期限提前{lead}个工作日报送，但{ml.zh}可能{wait}个工作日后才召开{adhoc.zh}",
                f"submitted {lead} working days ahead, but the next {ml.en} may come only {wait} working days later{adhoc.en}")
    needed = arrival
    for _ in range(lead):
        needed += dt.timedelta(days=1)
        while not table.working[table.index(needed)]:
            needed += dt.timedelta(days=1)
    dates = CadenceDates(arrival.isoformat(), needed.isoformat(), meeting.isoformat())
    trace = (TraceStep(Label(f"{arrival}:请示送达，上次{ml.zh}刚开过", f"{arrival}: the request arrives just after a {ml.en}"), tl.articles, tl.id),
             TraceStep(Label(f"{needed}:需要作出决定({lead}个工作日后)", f"{needed}: the decision is needed ({lead} working days later)"), tl.articles, tl.id),
             TraceStep(Label(f"{meeting}:下一次{ml.zh}最晚召开", f"{meeting}: the next {ml.en} at the latest"), best.articles, best.id))
    cx = Counterexample(cast=SceneWitness(document_type=prop.parameters["document_type"], meeting=best.id),
                        conditions=tuple(sorted(conds)), dates=dates, trace=trace)
    # the root cause: the meeting's cadence, unless even the most frequent regular cadence
    # (weekly, on any working day of the week) can leave a longer wait than the lead time
    fastest = min(worst_wait(table, c, since)[0] for c in _REGULAR)
    cause = Cause("cadence", best.id) if fastest <= lead else Cause("lead_time", tl.id)
    return prop.finding(model, Status.violated, msg, counterexample=cx, extra=(best.id,),
                        bounds={**bd, "worst_wait_working_days": wait, "fastest_cadence_wait": fastest}, cause=cause)


def _calendar(model: Model, prop: Property, table: Days, cal: WorkCalendar, bd: dict, since: int = 0) -> Finding:
    tl = model.get(prop.parameters["limit"])
    moves = model.effect_on(MOVES)
    low, start, end = fewest_working_days(table, tl.duration, since=since, moves=moves)
    plain, _, _ = fewest_working_days(table, tl.duration, holidays=False, since=since, moves=moves)
    bd = {**bd, "fewest_working_days": low, "fewest_without_holidays": plain}
    unit = Label("天", "calendar days") if str(tl.duration.unit) == "calendar_days" else Label("个月", "months")
    if low >= plain:
        return prop.finding(model, Status.holds, Label(f"已证明:任何起算日期内至少{low}个工作日", f"proved: at least {low} working days from any start"),
                            bounds=bd)
    names = sorted({str(cal.holiday_name(start + dt.timedelta(days=i))) for i in range((end - start).days + 1)
                    if cal.holiday_name(start + dt.timedelta(days=i))})
    msg = Label(f"{tl.duration.value}{unit.zh}的期限在节假日期间只含{low}个工作日(平常至少{plain}个)",
                f"the {tl.duration.value} {unit.en} limit holds only {low} working days over public holidays (at least {plain} otherwise)")
    dates = CalendarDates(start.isoformat(), end.isoformat(), low, tuple(names))
    trace = (TraceStep(Label(f"{start}:起算", f"{start}: the limit starts"), tl.articles, tl.id),
             TraceStep(Label(f"期间节假日:{'、'.join(names) or '无'}", f"holidays inside: {', '.join(names) or 'none'}")),
             TraceStep(Label(f"{end}:期限届满，仅{low}个工作日", f"{end}: the limit ends, {low} working days inside"), tl.articles, tl.id))
    cx = Counterexample(dates=dates, trace=trace)
    return prop.finding(model, Status.violated, msg, counterexample=cx, bounds=bd)
