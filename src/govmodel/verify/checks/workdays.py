"""The working days of every year the calendar knows, as a table with prefix counts
(:class:`Days`), and the two exhaustive questions the timing checks ask of it: the longest wait
for the next meeting of a cadence (:func:`worst_wait`) and the fewest working days a limit
leaves (:func:`fewest_working_days`), over every start date from the day the rules took
effect (:func:`in_force_from`)."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import cast

from govmodel.calendar import WorkCalendar, add_months
from govmodel.model import Model
from govmodel.model import types as t

__all__ = [
    "REGULAR",
    "Days",
    "calendar",
    "days",
    "ends",
    "fewest_working_days",
    "in_force_from",
    "worst_wait",
]

_PERIOD_MONTHS = {"monthly": 1, "quarterly": 3}
_PERIOD_WEEKS = {"weekly": 1, "biweekly": 2}
REGULAR = set(_PERIOD_MONTHS) | set(_PERIOD_WEEKS)
_EPOCH = dt.date(2000, 1, 3)  # a Monday: two-week periods are counted from it


@dataclass(frozen=True, eq=False)
class Days:
    """Every day of the known years with prefix counts of working days (O(1) queries).

    Compared and hashed by identity: one table per calendar (:func:`days`), and the caches
    keyed by a table (:func:`worst_wait`, :func:`ends`) need not hash its thousands of days."""

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


@lru_cache(maxsize=1)
def calendar() -> WorkCalendar:
    """The package calendar (``WorkCalendar()``), one per process: its years are loaded once
    for every check that reads them."""
    return WorkCalendar()


_TABLES: dict[object, tuple[WorkCalendar, Days]] = {}


def days(cal: WorkCalendar | None = None) -> Days:
    """The working-day table of every year ``cal`` (default: the package calendar) knows,
    made once per process for the package calendar (any calendar without notices of its own
    knows the same days), once per calendar object otherwise."""
    cal = cal or calendar()
    key: object = ("package", cal.known_years) if not cal.notices else id(cal)
    found = _TABLES.get(key)
    if found is None or (key == id(cal) and found[0] is not cal):
        if len(_TABLES) > 8:
            _TABLES.clear()
        found = _TABLES[key] = (cal, _table(cal))
    return found[1]


def _table(cal: WorkCalendar) -> Days:
    years = cal.known_years
    first = dt.date(years[0], 1, 1)
    working: list[bool] = []
    for y in years:
        yc = cal.year(y)
        working += [bool(b) for b in yc.working]
    week = [(first.weekday() + i) % 7 < 5 for i in range(7)]  # Monday to Friday, from the first day on
    weekday = (week * (len(working) // 7 + 1))[: len(working)]
    return Days(
        first, tuple(working), _prefix(working), (years[0], years[-1]), tuple(weekday), _prefix(weekday)
    )


def _prefix(flags: list[bool]) -> tuple[int, ...]:
    return tuple(accumulate(map(int, flags), initial=0))


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
    n = len(table)
    last = _last_working(table)
    starts = _period_starts(table, cadence)  # day indices; each period runs to the next start
    for k in range(len(starts) - 2):
        start, nxt, after = starts[k], starts[k + 1], starts[k + 2]
        for i in range(max(start, since), min(nxt, n)):
            if not table.working[i]:
                continue
            earlier = table.count(start - 1, i - 1) > 0  # this period's meeting can precede
            j = (after if earlier else nxt) - 1  # the end of the next period, or of this one
            if j >= n:
                return best
            j = max(last[j], i)  # the last working day of it (the arrival day at worst)
            wait = table.count(i, j)
            if wait > best[0]:
                best = (wait, table.date(i), table.date(j))
            if earlier:  # a later arrival of the period waits for the same meeting: fewer days
                break
    return best


def _period_starts(table: Days, cadence: str | int) -> list[int]:
    """Day indices of the first days of the periods from the one holding the table's first
    day to two past its last day (as :func:`_period_bounds` cuts them)."""
    first, _ = _period_bounds(table.first, cadence, 0)
    out = [table.index(first)]
    day = first
    while len(out) < 3 or out[-3] < len(table):
        _, end = _period_bounds(day, cadence, 0)
        day = end + dt.timedelta(days=1)
        out.append(table.index(day))
    return out


@lru_cache(maxsize=4)
def _last_working(table: Days) -> tuple[int, ...]:
    """For each day index, the last working day on or before it (-1: none)."""
    out, last = [], -1
    for i, w in enumerate(table.working):
        last = i if w else last
        out.append(last)
    return tuple(out)


def fewest_working_days(
    table: Days, limit: t.Duration, holidays: bool = True, since: int = 0, moves: bool = True
) -> tuple[int, dt.date, dt.date]:
    """(fewest working days inside the limit, start, deadline) over every start date; with
    ``holidays`` False, weekends alone are days off. With ``moves``, a deadline on a day off
    moves to the next working day (as :meth:`WorkCalendar.deadline`)."""
    unit = "months" if str(limit.unit) == "months" else "calendar_days"
    deadline = ends(table, limit.value, unit, moves, holidays)
    pre = table.before if holidays else table.weekday_before
    try:  # the starts up to the first whose deadline is past the table
        stop = deadline.index(None, since)
    except ValueError:
        stop = len(table)
    within = cast("tuple[int, ...]", deadline[since:stop])
    inside = [pre[j + 1] - pre[i + 1] for i, j in enumerate(within, since)]
    if not inside:
        return (10**9, table.first, table.first)
    low = min(inside)
    first = inside.index(low)  # the first start with the fewest
    return (low, table.date(since + first), table.date(within[first]))


@lru_cache(maxsize=64)
def ends(table: Days, value: int, unit: str, moves: bool, holidays: bool = True) -> tuple[int | None, ...]:
    """For every day index ``i`` of the table, the index of the first day a limit of
    ``value`` ``unit`` starting on day ``i`` allows (or ends on), None past the table: N
    calendar days or months later (moved past days off with ``moves``), or the day the N-th
    working day after ``i`` completes. Computed once per table and limit; with ``holidays``
    False, weekends alone are days off."""
    n = len(table)
    if unit == "working_days":
        if value <= 0:
            return tuple(range(n))
        worked = _worked(table, holidays)
        pre = table.before if holidays else table.weekday_before
        m, off = len(worked), value - 1  # working days up to i, then the value-th after
        return tuple([worked[p + off] if p + off < m else None for p in pre[1 : n + 1]])
    later = _months_later(table, value) if unit == "months" else range(value, n + value)
    if moves:
        nxt = _next_working(table, holidays)
        return tuple([nxt[j] if j < n else None for j in later])
    return tuple([j if j < n else None for j in later])


@lru_cache(maxsize=4)
def _worked(table: Days, holidays: bool) -> list[int]:
    """The indices of the working days (``holidays`` False: Monday to Friday)."""
    working = table.working if holidays else table.weekday
    return [i for i in range(len(table)) if working[i]]


@lru_cache(maxsize=4)
def _next_working(table: Days, holidays: bool) -> list[int | None]:
    """For each day index, the first working day on or after it (None: none in the table)."""
    working = table.working if holidays else table.weekday
    n = len(table)
    out: list[int | None] = [None] * n
    nxt: int | None = None
    for i in range(n - 1, -1, -1):
        if working[i]:
            nxt = i
        out[i] = nxt
    return out


def _months_later(table: Days, value: int) -> list[int]:
    """For every day index, the index of the same day ``value`` months later, clamped to the
    end of the month (:func:`add_months`), month by month instead of date by date."""
    out: list[int] = []
    day = dt.date(table.first.year, table.first.month, 1)
    while len(out) < len(table) + table.first.day - 1:
        target = add_months(day, value)  # the first of the month ``value`` months on
        start = table.index(target)
        last = monthrange(target.year, target.month)[1]
        out += [start + min(d, last) - 1 for d in range(1, monthrange(day.year, day.month)[1] + 1)]
        day = add_months(day, 1)
    skip = table.first.day - 1  # the days of the first month before the table's first day
    return out[skip : skip + len(table)]


def in_force_from(model: Model, table: Days) -> int:
    """Index of the first day the rules were in force (their adoption date), where the
    calendar knows a year past it; otherwise the calendar's first day (0). Dates before the
    rules existed make poor counterexamples."""
    adopted = getattr(getattr(model, "ruleset", None), "adopted", None)
    if adopted is None:
        return 0
    i = table.index(adopted)
    return i if i >= 0 and i + 366 < len(table) else 0
