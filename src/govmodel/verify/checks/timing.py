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
bounds report the years: the table of :mod:`govmodel.verify.checks.workdays`); dates in the
counterexample are the first worst case found.

Two assumptions of the model, found by their declared ``effect``, shape the second:
``deadlines_move_past_days_off`` (a calendar-day limit ending on a day off moves to the next
working day) and ``in_principle_limits_are_soft`` (a limit marked ``in_principle`` (原则上)
admits exceptions, so a holiday squeeze is no gap; a model that declares neither reads every
limit as hard and never moves a deadline).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from govmodel.calendar import WorkCalendar
from govmodel.findings import (
    CadenceDates,
    CalendarDates,
    Cause,
    Counterexample,
    Finding,
    SceneWitness,
    Status,
    Subject,
    TraceStep,
)
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo
from govmodel.model.vocab import DEADLINE_MOVES
from govmodel.refs import Label, duration_label
from govmodel.verify import decode
from govmodel.verify.checks.workdays import (
    REGULAR,
    Days,
    calendar,
    days,
    fewest_working_days,
    in_force_from,
    worst_wait,
)
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds, condition_sets, mentioned_conditions, procedure_conditions

# Days, days, worst_wait and fewest_working_days live in checks/workdays.py (the working-day
# table): named here too, for their importers
__all__ = ["Days", "days", "properties", "evaluate", "worst_wait", "fewest_working_days", "MOVES", "SOFT"]

MOVES = DEADLINE_MOVES
"""Assumption effect: a calendar-day deadline falling on a day off moves to the next working day."""
SOFT = "in_principle_limits_are_soft"
"""Assumption effect: a limit stated 原则上 (in principle) admits exceptions."""


def _collective(model: Model, ty: str, conds: frozenset[str]) -> list[t.Meeting]:
    """Meetings on a regular cadence that may take the document's collective decision."""
    cache = memo(model, "verify.timing_collective")  # the type's collective steps, read once
    steps: list[tuple[t.Step, list[t.Meeting]]] | None = cache.get(ty)
    if steps is None:
        steps = cache[ty] = [
            (s, [m for m in model.meetings if m.id in s.by and str(m.cadence) in REGULAR])
            for proc in model.procedures_for(ty)
            for s in proc.steps
            if model.act_meaning(s.act) == "collective_decision"
        ]
    out = []
    derived = model.with_derived(conds)  # (once, not per step: 1,156 calls in Dalian's check)
    for s, meetings in steps:
        if _limit_applies(s, derived):  # same when/unless rule
            out += meetings
    return out


def _limit_applies(tl: t.TimeLimit | t.Step, conds: frozenset[str]) -> bool:
    return not ((tl.when and tl.when not in conds) or (tl.unless and tl.unless in conds))


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    for d in model.document_types:
        for tl in model.time_limits_for(d.id):
            if tl.kind != "lead_time" or not tl.duration or str(tl.duration.unit) != "working_days":
                continue
            conds = tuple(
                dict.fromkeys(procedure_conditions(model, d.id) + mentioned_conditions([tl], model))
            )  # type: ignore[list-item]
            sets = next(
                (
                    c
                    for c in condition_sets(conds)
                    if _limit_applies(tl, model.with_derived(c)) and _collective(model, d.id, c)
                ),
                None,
            )
            if sets is not None:
                yield Property(
                    "timing.cadence",
                    Subject(tl.id, scope=(d.id,)),
                    Label(
                        f"{d.label.zh}:按{tl.label.zh}报送的，可在需要决定之日前由会议决定",
                        f"{d.label.en}: submitted with the lead time of '{tl.label.en}', "
                        "it can be decided in time",
                    ),
                    (tl.id,),
                    tl.id,
                    {"kind": "cadence", "limit": tl.id, "document_type": d.id, "conditions": sorted(sets)},
                )
    from govmodel.verify.checks import weekday  # weekday schedules, lead times before their sittings

    exact = weekday.agenda_limits(model)  # evaluated on the sittings by timing.agenda_lead instead
    for tl in model.time_limits:
        if tl.id in exact:
            continue
        if tl.in_principle and model.effect_on(SOFT):
            continue  # a general rule with exceptions: a holiday squeeze is one of them
        if tl.duration and str(tl.duration.unit) in ("calendar_days", "months"):
            yield Property(
                "timing.calendar_days",
                Subject(tl.id),
                Label(
                    f"{tl.label.zh}:节假日不会使期限内的工作日少于平常",
                    f"{tl.label.en}: public holidays never leave fewer working days inside the limit "
                    "than an ordinary week",
                ),
                (tl.id,),
                tl.id,
                {"kind": "calendar", "limit": tl.id},
            )
    from govmodel.verify.checks import limits  # two limits side by side; vague limits (a module of its own)

    yield from limits.properties(model, bounds)
    yield from weekday.properties(model, bounds)


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    if prop.parameters["kind"] in ("two_limits", "vague_limit"):
        from govmodel.verify.checks import limits

        return limits.evaluate(model, prop, bounds)
    if prop.parameters["kind"] in ("weekday", "agenda_lead"):
        from govmodel.verify.checks import weekday

        return weekday.evaluate(model, prop, bounds)
    cal = calendar()
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
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:最长等待{wait}个工作日，不超过{lead}个工作日",
                f"proved: the longest wait is {wait} working days, within {lead}",
            ),
            bounds={**bd, "worst_wait_working_days": wait},
        )
    ml = decode.label_of(model, best.id)
    adhoc = (
        Label(f"(除非临时召开{ml.zh})", f" (unless an ad hoc {ml.en} is called)")
        if best.ad_hoc_allowed
        else Label("", "")
    )
    msg = Label(
        f"按期限提前{lead}个工作日报送，但{ml.zh}可能{wait}个工作日后才召开{adhoc.zh}",
        f"submitted {lead} working days ahead, but the next {ml.en} may come only {wait} working days "
        f"later{adhoc.en}",
    )
    needed = arrival
    for _ in range(lead):
        needed += dt.timedelta(days=1)
        while not table.working[table.index(needed)]:
            needed += dt.timedelta(days=1)
    dates = CadenceDates(arrival.isoformat(), needed.isoformat(), meeting.isoformat())
    trace = (
        TraceStep(
            Label(
                f"{arrival}:请示送达，上次{ml.zh}刚开过",
                f"{arrival}: the request arrives just after a {ml.en}",
            ),
            tl.articles,
            tl.id,
        ),
        TraceStep(
            Label(
                f"{needed}:需要作出决定({lead}个工作日后)",
                f"{needed}: the decision is needed ({lead} working days later)",
            ),
            tl.articles,
            tl.id,
        ),
        TraceStep(
            Label(f"{meeting}:下一次{ml.zh}最晚召开", f"{meeting}: the next {ml.en} at the latest"),
            best.articles,
            best.id,
        ),
    )
    cx = Counterexample(
        cast=SceneWitness(document_type=prop.parameters["document_type"], meeting=best.id),
        conditions=tuple(sorted(conds)),
        dates=dates,
        trace=trace,
    )
    # the root cause: the meeting's cadence, unless even the most frequent regular cadence
    # (weekly, on any working day of the week) can leave a longer wait than the lead time
    fastest = min(worst_wait(table, c, since)[0] for c in REGULAR)
    cause = Cause("cadence", best.id) if fastest <= lead else Cause("lead_time", tl.id)
    return prop.finding(
        model,
        Status.violated,
        msg,
        counterexample=cx,
        extra=(best.id,),
        bounds={**bd, "worst_wait_working_days": wait, "fastest_cadence_wait": fastest},
        cause=cause,
    )


def _calendar(
    model: Model, prop: Property, table: Days, cal: WorkCalendar, bd: dict, since: int = 0
) -> Finding:
    tl = model.get(prop.parameters["limit"])
    moves = model.effect_on(MOVES)
    low, start, end = fewest_working_days(table, tl.duration, since=since, moves=moves)
    plain, _, _ = fewest_working_days(table, tl.duration, holidays=False, since=since, moves=moves)
    bd = {**bd, "fewest_working_days": low, "fewest_without_holidays": plain}
    span = duration_label(tl.duration.value, str(tl.duration.unit))
    if low >= plain:
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:任何起算日期内至少{low}个工作日",
                f"proved: at least {low} working days from any start",
            ),
            bounds=bd,
        )
    names = sorted(
        {
            str(cal.holiday_name(start + dt.timedelta(days=i)))
            for i in range((end - start).days + 1)
            if cal.holiday_name(start + dt.timedelta(days=i))
        }
    )
    msg = Label(
        f"{span.zh}的期限在节假日期间只含{low}个工作日(平常至少{plain}个)",
        f"the {span.en} limit holds only {low} working days over public holidays "
        f"(at least {plain} otherwise)",
    )
    dates = CalendarDates(start.isoformat(), end.isoformat(), low, tuple(names))
    trace = (
        TraceStep(Label(f"{start}:起算", f"{start}: the limit starts"), tl.articles, tl.id),
        TraceStep(
            Label(f"期间节假日:{'、'.join(names) or '无'}", f"holidays inside: {', '.join(names) or 'none'}")
        ),
        TraceStep(
            Label(f"{end}:期限届满，仅{low}个工作日", f"{end}: the limit ends, {low} working days inside"),
            tl.articles,
            tl.id,
        ),
    )
    cx = Counterexample(dates=dates, trace=trace)
    return prop.finding(model, Status.violated, msg, counterexample=cx, bounds=bd)
