"""A meeting whose text fixes the weekday (一般在每周一召开) sits on that weekday of each week,
or on the next working day of the week when it is a day off (a public holiday)."""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

from govmodel.calendar.workcalendar import WorkCalendar
from govmodel.model import types as t
from govmodel.sim.clock import SimClock
from govmodel.sim.meetings import MeetingBoard
from govmodel.sim.scenario import MeetingPolicy


def _sittings(weekday: str | None, start: dt.date, n: int, if_day_off: str | None = None) -> list[dt.date]:
    clock = SimClock(WorkCalendar(), start, 8.0, dt.time(9, 0))
    schedule = (
        t.Schedule(weekday=weekday, per="week", if_day_off=if_day_off, articles=(1,)) if weekday else None
    )
    meeting = t.Meeting(
        id="m",
        label=t.Text(zh="会", en="M"),
        articles=(1,),
        organizer="o",
        cadence="weekly",
        schedule=schedule,
    )
    board = MeetingBoard(SimpleNamespace(env=None, clock=clock), meeting, MeetingPolicy(working_day=1))
    return [clock.date(x) for x in itertools.islice(board._times, n)]


def test_weekly_on_wednesday() -> None:
    days = _sittings("wednesday", dt.date(2025, 3, 3), 4)
    assert [d.weekday() for d in days] == [2, 2, 2, 2]


def test_a_holiday_monday_moves_to_the_next_working_day_of_the_week() -> None:
    # 2025-05-05 (Monday) is part of the Labour Day holiday; that week it sits on Tuesday 05-06
    days = _sittings("monday", dt.date(2025, 4, 28), 3)
    assert days[1] == dt.date(2025, 5, 6)
    assert days[0].weekday() == 0 and days[2].weekday() == 0


def test_without_a_weekday_the_first_working_day() -> None:
    assert _sittings(None, dt.date(2025, 3, 3), 2) == [dt.date(2025, 3, 3), dt.date(2025, 3, 10)]


def test_a_week_off_skips_the_sitting_unless_the_text_moves_it_later() -> None:
    # 春节 2026: Tuesday 02-17 to Monday 02-23 are off
    assert _sittings("tuesday", dt.date(2026, 2, 9), 3) == [
        dt.date(2026, 2, 10),
        dt.date(2026, 2, 24),
        dt.date(2026, 3, 3),
    ]
    # 顺延 to the next working day, which is next week's own Tuesday: one sitting, not two
    assert _sittings("tuesday", dt.date(2026, 2, 9), 3, if_day_off="later") == [
        dt.date(2026, 2, 10),
        dt.date(2026, 2, 24),
        dt.date(2026, 3, 3),
    ]
    # 国庆 2018: Tuesday 10-02 to Sunday 10-07 off, Monday 10-08 a working day: 顺延 sits then
    assert _sittings("tuesday", dt.date(2018, 9, 24), 3) == [
        dt.date(2018, 9, 25),
        dt.date(2018, 10, 9),
        dt.date(2018, 10, 16),
    ]
    assert _sittings("tuesday", dt.date(2018, 9, 24), 3, if_day_off="later") == [
        dt.date(2018, 9, 25),
        dt.date(2018, 10, 8),
        dt.date(2018, 10, 9),
    ]
