"""Two timing properties (class ``timing``) of a meeting the text puts on a weekday
(一般安排在每星期二下午召开: ``schedule.weekday``), on the real working-day calendar:

- ``timing.weekday``: the named weekday is a working day in every week. Where it is a public
  holiday, the text must say when the meeting sits instead (顺延, 提前或推后); a text that does
  not say leaves a gap, and the counterexample gives the most recent such day, the holiday, and
  the working days left in that week after it (none: the meeting cannot sit that week at
  all unless it moves back). ``schedule.if_day_off`` says what the text says (later: 顺延;
  earlier_or_later: 可提前或推后): the property then holds.
- ``timing.agenda_lead``: a lead time in calendar days on the meeting's agenda items
  (于会议召开前一个星期送……) leaves, before every sitting, as many working days as in an
  ordinary week. A sitting is the named weekday, or, where it is a day off, the next working
  day of that week (as the simulation sits it; none if the week has none), or with
  ``if_day_off`` the next working day even in a later week. Evaluated on the
  sittings only, this replaces ``timing.calendar_days`` (every start date) for a limit that
  applies to weekday meetings only: the exact dates, not a bound.

Every week of every year the calendar knows, from the rules' adoption on, is enumerated (a
biweekly meeting: every week, since the text does not fix which week of two it sits).
``in_principle`` (一般) with an assumption of effect ``in_principle_limits_are_soft`` in force
makes both exceptions the text allows: no property. ``deadlines_move_past_days_off`` moves a
due date on a day off to the next working day (fewer days left), as for ``timing.calendar_days``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from govmodel.calendar import WorkCalendar
from govmodel.findings import CalendarDates, Cause, Counterexample, Finding, Status, Subject, TraceStep
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.vocab import DEADLINE_MOVES
from govmodel.refs import Label
from govmodel.verify import decode
from govmodel.verify.checks.workdays import calendar, days, in_force_from
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds

__all__ = ["KINDS", "WEEKDAYS", "properties", "evaluate", "sittings"]

KINDS = ("weekday", "agenda_lead")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_SOFT = "in_principle_limits_are_soft"


def _sched(m: t.Meeting) -> t.Schedule:
    assert m.schedule is not None  # only meetings with a weekday schedule get these properties
    return m.schedule


def _weekday_meetings(model: Model) -> dict[str, t.Meeting]:
    out = {}
    for m in model.meetings:
        s = m.schedule
        if s is None or s.weekday is None:
            continue
        if s.in_principle and model.effect_on(_SOFT):
            continue  # 一般: exceptions allowed, and the model reads them as no gap
        out[m.id] = m
    return out


def agenda_limits(model: Model) -> dict[str, tuple[str, ...]]:
    """Lead times in calendar days whose every ``applies_to`` is a weekday meeting: limit id →
    the meetings (``timing.calendar_days`` leaves these to ``timing.agenda_lead``)."""
    weekly = {m.id for m in model.meetings if m.schedule is not None and m.schedule.weekday is not None}
    out = {}
    for tl in model.time_limits:
        if tl.kind != "lead_time" or not tl.duration or str(tl.duration.unit) != "calendar_days":
            continue
        if tl.applies_to and all(a in weekly for a in tl.applies_to):
            out[tl.id] = tuple(tl.applies_to)
    return out


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    meetings = _weekday_meetings(model)
    for m in meetings.values():
        day = Label(_ZH[WEEKDAYS.index(str(_sched(m).weekday))], str(_sched(m).weekday).capitalize())
        yield Property(
            "timing.weekday",
            Subject(m.id),
            Label(
                f"{m.label.zh}:每周的{day.zh}均为工作日，或条文规定遇节假日时何时召开",
                f"{m.label.en}: every {day.en} is a working day, or the text says when it sits otherwise",
            ),
            (m.id,),
            m.id,
            {"kind": "weekday", "meeting": m.id},
        )
    for lid, mids in agenda_limits(model).items():
        tl = model.get(lid)
        if tl.in_principle and model.effect_on(_SOFT):
            continue
        for mid in mids:
            if mid not in meetings:
                continue
            yield Property(
                "timing.agenda_lead",
                Subject(lid, scope=(mid,)),
                Label(
                    f"{tl.label.zh}:每次{meetings[mid].label.zh}前，期限内的工作日不少于平常",
                    f"{tl.label.en}: before every sitting of the {meetings[mid].label.en}, as many working "
                    "days inside the limit as in an ordinary week",
                ),
                (lid, mid),
                lid,
                {"kind": "agenda_lead", "limit": lid, "meeting": mid},
            )


def sittings(
    weekday: str, first: dt.date, last: dt.date, working: WorkCalendar, beyond_week: bool = False
) -> Iterator[tuple[dt.date, dt.date | None]]:
    """(the named weekday, the day the meeting sits that week: the weekday itself, else the
    next working day of the week, else None), for every week from ``first`` to ``last``.
    ``beyond_week`` (the text says the meeting moves later: 顺延): the next working day, even
    in a later week."""
    wd = WEEKDAYS.index(weekday)
    day = first + dt.timedelta(days=(wd - first.weekday()) % 7)
    while day <= last:
        sits: dt.date | None = None
        for i in range(31 if beyond_week else 7 - wd):
            d = day + dt.timedelta(days=i)
            if d > last:
                break
            if working.is_working_day(d):
                sits = d
                break
        yield day, sits
        day += dt.timedelta(days=7)


def _span(model: Model, cal: WorkCalendar) -> tuple[dt.date, dt.date]:
    table = days(cal)
    since = in_force_from(model, table)
    return table.date(since), table.date(len(table) - 1)


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    cal = calendar()
    first, last = _span(model, cal)
    bd = {**bounds.as_dict(model), "years": [first.year, last.year]}
    if prop.parameters["kind"] == "weekday":
        return _weekday(model, prop, cal, first, last, bd)
    return _agenda(model, prop, cal, first, last, bd)


def _holiday(cal: WorkCalendar, day: dt.date) -> str:
    name = cal.holiday_name(day)
    return str(name) if name else "休息日 day off"


def _weekday(
    model: Model, prop: Property, cal: WorkCalendar, first: dt.date, last: dt.date, bd: dict
) -> Finding:
    m: t.Meeting = model.get(prop.parameters["meeting"])
    wd = str(_sched(m).weekday)
    day = Label(_ZH[WEEKDAYS.index(wd)], wd.capitalize())
    off = [(d, s) for d, s in sittings(wd, first, last, cal) if s != d]
    stuck = [d for d, s in off if s is None]
    bd = {**bd, "weekdays_off": len(off), "weeks_without_a_later_working_day": len(stuck)}
    if not off:
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:{first.year}—{last.year}年每个{day.zh}都是工作日",
                f"proved: every {day.en} of {first.year}–{last.year} is a working day",
            ),
            bounds=bd,
        )
    moves = _sched(m).if_day_off
    if moves is not None:  # the text says what happens: 顺延, or 提前或推后
        how = (
            Label("顺延", "moves later")
            if moves == "later"
            else Label("提前或推后", "moves earlier or later")
        )
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:{first.year}—{last.year}年有{len(off)}个{day.zh}是节假日，条文规定此时{how.zh}",
                f"proved: {len(off)} {day.en}s of {first.year}–{last.year} are days off, and the text says "
                f"the meeting then {how.en}",
            ),
            bounds=bd,
        )
    # the most recent worst case (no later working day that week), else the most recent day off:
    # with an unknown adoption date, the years nearest today are the ones a reader plans with
    worst = next((d for d, s in reversed(off) if s is None), off[-1][0])
    end = worst + dt.timedelta(days=6 - worst.weekday())
    left = [worst + dt.timedelta(days=i) for i in range(1, (end - worst).days + 1)]
    left = [d for d in left if cal.is_working_day(d)]
    ml = decode.label_of(model, m.id)
    usual = Label("一般", "as a rule ") if _sched(m).in_principle else Label("", "")
    msg = Label(
        f"{ml.zh}{usual.zh}安排在每{day.zh}召开，但{first.year}—{last.year}年有{len(off)}个{day.zh}"
        f"是节假日，条文未规定此时何时召开(其中{len(stuck)}周其后再无工作日)",
        f"the {ml.en} sits {usual.en}on {day.en}s, but {len(off)} {day.en}s of {first.year}–{last.year} "
        f"are days off and the text does not say when it sits then ({len(stuck)} of those weeks have "
        "no later working day)",
    )
    name = _holiday(cal, worst)
    dates = CalendarDates(worst.isoformat(), end.isoformat(), len(left), (name,))
    after = "、".join(d.isoformat() for d in left) or "无"
    trace = (
        TraceStep(
            Label(f"{worst}({day.zh}):{name}，不是工作日", f"{worst} ({day.en}): {name}, not a working day"),
            _sched(m).articles,
            m.id,
        ),
        TraceStep(
            Label(
                f"当周其后的工作日:{after}",
                f"working days later that week: {', '.join(d.isoformat() for d in left) or 'none'}",
            )
        ),
        TraceStep(
            Label(
                "条文未规定遇节假日时顺延、提前或取消", "the text does not say whether it moves or is skipped"
            ),
            _sched(m).articles,
            m.id,
        ),
    )
    cx = Counterexample(dates=dates, trace=trace)
    return prop.finding(
        model, Status.violated, msg, counterexample=cx, bounds=bd, cause=Cause("weekday", m.id)
    )


def _agenda(
    model: Model, prop: Property, cal: WorkCalendar, first: dt.date, last: dt.date, bd: dict
) -> Finding:
    tl: t.TimeLimit = model.get(prop.parameters["limit"])
    m: t.Meeting = model.get(prop.parameters["meeting"])
    assert tl.duration is not None
    lead = tl.duration.value
    moves = model.effect_on(DEADLINE_MOVES)
    best: tuple[int, dt.date, dt.date, dt.date] | None = None  # (working days, due, sitting, named day)
    plain = 10**9
    later = _sched(m).if_day_off is not None  # 顺延 (提前或推后: read as the later working day)
    for named, sits in sittings(str(_sched(m).weekday), first + dt.timedelta(days=lead), last, cal, later):
        if sits is None:
            continue
        due = sits - dt.timedelta(days=lead)
        while moves and not cal.is_working_day(due):
            due += dt.timedelta(days=1)
        n = sum(cal.is_working_day(due + dt.timedelta(days=i)) for i in range(1, (sits - due).days + 1))
        ordinary = sum((due + dt.timedelta(days=i)).weekday() < 5 for i in range(1, lead + 1))
        plain = min(plain, ordinary)
        if best is None or n < best[0]:
            best = (n, due, sits, named)
    if best is None:
        return prop.finding(model, Status.holds, Label("无会期", "no sitting in the known years"), bounds=bd)
    low, due, sits, named = best
    bd = {**bd, "fewest_working_days": low, "fewest_without_holidays": plain}
    ml = decode.label_of(model, m.id)
    if low >= plain:
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:每次{ml.zh}前至少{low}个工作日",
                f"proved: at least {low} working days before every sitting",
            ),
            bounds=bd,
        )
    names = sorted(
        {_holiday(cal, due + dt.timedelta(days=i)) for i in range((sits - due).days + 1)} - {"休息日 day off"}
    )
    moved = (
        Label(
            f"(原定{named}为节假日，条文规定顺延)",
            f" (moved from {named}, a day off, as the text says)",
        )
        if named != sits and later
        else Label(
            f"(原定{named}为节假日，按顺延至当周下一个工作日计)",
            f" (moved from {named}, a day off, to the week's next working day)",
        )
        if named != sits
        else Label("", "")
    )
    msg = Label(
        f"{ml.zh}于{sits}召开{moved.zh}，议题须于{due}送达，其间只有{low}个工作日(平常至少{plain}个)",
        f"the {ml.en} sits on {sits}{moved.en}; items are due on {due}, only {low} working days before "
        f"(at least {plain} otherwise)",
    )
    dates = CalendarDates(due.isoformat(), sits.isoformat(), low, tuple(names))
    trace = (
        TraceStep(
            Label(f"{due}:议题送达期限({lead}天前)", f"{due}: items due ({lead} days before)"),
            tl.articles,
            tl.id,
        ),
        TraceStep(
            Label(f"期间节假日:{'、'.join(names) or '无'}", f"holidays inside: {', '.join(names) or 'none'}")
        ),
        TraceStep(
            Label(f"{sits}:{ml.zh}召开{moved.zh}", f"{sits}: the {ml.en} sits{moved.en}"),
            _sched(m).articles,
            m.id,
        ),
    )
    cx = Counterexample(dates=dates, trace=trace)
    return prop.finding(
        model,
        Status.violated,
        msg,
        counterexample=cx,
        bounds=bd,
        cause=Cause("calendar", tl.id),
        extra=(m.id,),
    )
