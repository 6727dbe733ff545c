"""Time in the simulation engine.

The SimPy clock counts **working hours** since the origin (the first working day on or after
the scenario's start, at the start of the office day). Working day ``d`` covers the clock
interval ``[d*H, (d+1)*H)`` where ``H`` is the scenario's working hours per day; the date of
working day ``d`` comes from the calendar (:meth:`WorkCalendar.date_of_working_day`), so
weekends, public holidays and make-up working days (调休) take no clock time and are skipped
exactly. Durations in hours are working hours; time limits are evaluated on dates in their own
unit (working days, calendar days, months) with :meth:`WorkCalendar.deadline`.

Without a calendar (``calendar: {kind: none}``), :class:`AllDaysCalendar` makes every day a
working day and ``H`` defaults to 24, so the clock is plain hours (the tandem validation case).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from govmodel.calendar import CalendarDays, Months, WorkingDays, add_months

__all__ = ["AllDaysCalendar", "SimClock"]


class AllDaysCalendar:
    """A calendar on which every day is a working day (no holidays, no weekends)."""

    def is_working_day(self, day: dt.date) -> bool:
        return True

    def next_working_day(self, day: dt.date, *, inclusive: bool = False) -> dt.date:
        return day if inclusive else day + dt.timedelta(days=1)

    def add(self, day: dt.date, duration: Any) -> dt.date:
        if isinstance(duration, (WorkingDays, CalendarDays)):
            return day + dt.timedelta(days=duration.n)
        if isinstance(duration, Months):
            return add_months(day, duration.n)
        raise TypeError(f"expected a duration, got {duration!r}")

    def deadline(self, start: dt.date, duration: Any, *, moves: bool = True) -> dt.date:
        return self.add(start, duration)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        return (b - a).days

    def working_day_index(self, day: dt.date, origin: dt.date) -> int:
        return (day - origin).days

    def date_of_working_day(self, index: int, origin: dt.date) -> dt.date:
        return origin + dt.timedelta(days=index)


class SimClock:
    """Maps the engine's clock (working hours) to dates and timestamps, and back.

    Parameters
    ----------
    calendar : WorkCalendar or AllDaysCalendar
    start : datetime.date
        The scenario's start; the origin is the first working day on or after it.
    hours_per_day : float
        Working hours per working day (``H``).
    day_starts : datetime.time
        Clock time at which the office day starts (for timestamps).
    """

    def __init__(self, calendar: Any, start: dt.date, hours_per_day: float, day_starts: dt.time):
        self.calendar = calendar
        self.origin = calendar.next_working_day(start, inclusive=True)
        self.hours_per_day = float(hours_per_day)
        self.day_starts = day_starts
        self._day_cache: dict[int, dt.date] = {}

    def day_index(self, t: float, *, end: bool = False) -> int:
        """Working day of clock time ``t``; with ``end``, an instant at a day boundary
        belongs to the day that just ended (an act finishing at close of business)."""
        if end and t > 0:
            return math.ceil(t / self.hours_per_day) - 1
        return int(t // self.hours_per_day)

    def date(self, t: float, *, end: bool = False) -> dt.date:
        """The date of clock time ``t``."""
        d = self.day_index(t, end=end)
        day = self._day_cache.get(d)
        if day is None:
            day = self.calendar.date_of_working_day(d, self.origin)
            if len(self._day_cache) < 4096:
                self._day_cache[d] = day
        return day

    def time_of(self, day: dt.date, hour: float = 0.0) -> float:
        """Clock time of ``hour`` working hours into working day ``day`` (a working day)."""
        return float(self.calendar.working_day_index(day, self.origin) * self.hours_per_day + hour)

    def timestamp(self, t: float, *, end: bool = False) -> str:
        """ISO 8601 local timestamp (no zone) of clock time ``t``."""
        d = self.day_index(t, end=end)
        frac = t - d * self.hours_per_day
        base = dt.datetime.combine(self.date(t, end=end), self.day_starts)
        return (base + dt.timedelta(hours=frac)).isoformat(timespec="seconds")

    def hours(self, value: float, unit: str) -> float:
        """A span in working days or hours, as clock hours."""
        return value * self.hours_per_day if unit == "working_days" else value
