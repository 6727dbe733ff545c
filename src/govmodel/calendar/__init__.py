"""Working days vs calendar days for China, as distinct types over a real holiday calendar.

- :class:`WorkingDays`, :class:`CalendarDays`, :class:`Months`: immutable duration units that
  refuse to mix (:class:`~govmodel.errors.UnitMismatchError`); :func:`parse_duration`.
- :class:`WorkCalendar`: is a day a working day, date + duration, working days between two
  dates, deadlines, and a working-day clock for the simulator. Backed by ``chinese_calendar``
  and by user holiday notices (:func:`load_notice`); an unknown year is an
  :class:`~govmodel.errors.UnknownYearError`, never a guess.

Imports only the standard library, ``chinese_calendar``, ``ruamel.yaml`` and
:mod:`govmodel.refs` / :mod:`govmodel.errors`.
"""

from __future__ import annotations

from govmodel.calendar.notices import (
    NOTICE_STATUSES,
    HolidayNotice,
    load_notice,
    load_notices,
    parse_notice,
)
from govmodel.calendar.units import (
    UNITS,
    CalendarDays,
    Duration,
    Months,
    WorkingDays,
    parse_duration,
)
from govmodel.calendar.workcalendar import WorkCalendar, add_months
from govmodel.calendar.years import YearCalendar, package_years

__all__ = [
    "WorkingDays",
    "CalendarDays",
    "Months",
    "Duration",
    "UNITS",
    "parse_duration",
    "WorkCalendar",
    "add_months",
    "YearCalendar",
    "package_years",
    "HolidayNotice",
    "NOTICE_STATUSES",
    "load_notice",
    "load_notices",
    "parse_notice",
]
