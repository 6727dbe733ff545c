"""``workdays.ends`` (every start day's deadline, computed once per table and limit) gives,
day by day, what the day-by-day walk gives (issue #11: the timing class walked it per day and
per property), and the package calendar's table is made once."""

from __future__ import annotations

import pytest

from govmodel.calendar import WorkCalendar, add_months
from govmodel.verify.checks.workdays import Days, days, ends


def _walk(table: Days, i: int, value: int, unit: str, moves: bool) -> int | None:
    if unit == "working_days":
        j, n = i, 0
        while n < value:
            j += 1
            if j >= len(table):
                return None
            n += table.is_working(j)
        return j
    j = table.index(add_months(table.date(i), value)) if unit == "months" else i + value
    while moves and j < len(table) and not table.is_working(j):
        j += 1
    return j if j < len(table) else None


@pytest.mark.parametrize(
    ("value", "unit", "moves"),
    [
        (10, "working_days", False),
        (1, "working_days", True),
        (10, "calendar_days", True),
        (7, "calendar_days", False),
        (1, "months", True),
        (3, "months", False),
    ],
)
def test_ends_is_the_day_by_day_walk(value: int, unit: str, moves: bool) -> None:
    table = days()
    got = ends(table, value, unit, moves)
    assert len(got) == len(table)
    step = 1 if unit != "months" else 3  # months: every third day keeps the test quick
    for i in range(0, len(table), step):
        assert got[i] == _walk(table, i, value, unit, moves), i


def test_the_package_calendars_table_is_made_once() -> None:
    assert days() is days(WorkCalendar()) is days()


def _old_worst_wait(table: Days, cadence: str | int, since: int = 0):
    from govmodel.verify.checks.workdays import _period_bounds

    best = (-1, table.first, table.first)
    for i in range(since, len(table)):
        if not table.working[i]:
            continue
        day = table.date(i)
        start, _ = _period_bounds(day, cadence, 0)
        earlier = table.count(table.index(start) - 1, i - 1) > 0
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


def _old_fewest(table: Days, value: int, unit: str, holidays: bool, since: int, moves: bool):
    best = (10**9, table.first, table.first)
    for i in range(since, len(table)):
        start = table.date(i)
        j = table.index(add_months(start, value)) if unit == "months" else i + value
        while moves and j < len(table) and not table.is_working(j, holidays):
            j += 1
        if j >= len(table):
            break
        n = table.count(i, j, holidays)
        if n < best[0]:
            best = (n, start, table.date(j))
    return best


@pytest.mark.parametrize("cadence", ["weekly", "biweekly", "monthly", "quarterly", 2])
@pytest.mark.parametrize("since", [0, 3, 400])
def test_worst_wait_is_the_day_by_day_walk(cadence: str | int, since: int) -> None:
    from govmodel.verify.checks.workdays import worst_wait

    table = days()
    assert worst_wait(table, cadence, since) == _old_worst_wait(table, cadence, since)


@pytest.mark.parametrize(("value", "unit"), [(10, "calendar_days"), (1, "months"), (15, "calendar_days")])
@pytest.mark.parametrize("holidays", [True, False])
@pytest.mark.parametrize("moves", [True, False])
def test_fewest_working_days_is_the_day_by_day_walk(
    value: int, unit: str, holidays: bool, moves: bool
) -> None:
    from govmodel.model import types as t
    from govmodel.verify.checks.workdays import fewest_working_days

    table = days()
    limit = t.Duration(value=value, unit=unit)
    got = fewest_working_days(table, limit, holidays=holidays, since=5, moves=moves)
    assert got == _old_fewest(table, value, unit, holidays, 5, moves)
