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

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from govmodel.calendar.notices import (
        NOTICE_STATUSES,
        HolidayNotice,
        load_notice,
        load_notices,
        parse_notice,
    )

# The holiday notices (pydantic classes, ~20 ms to import) are read only when a scenario or a
# caller names one: imported on first use, so ``govmodel check`` never loads them (issue #11).
_NOTICES = frozenset({"NOTICE_STATUSES", "HolidayNotice", "load_notice", "load_notices", "parse_notice"})


def __getattr__(name: str) -> Any:
    if name in _NOTICES:
        from govmodel.calendar import notices

        return getattr(notices, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
