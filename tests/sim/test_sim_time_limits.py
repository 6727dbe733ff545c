"""Time limits are measured in their own units on the Chinese working-day calendar, and the
engine's clock (working hours) maps to dates through it."""

from __future__ import annotations

import datetime as dt

from govmodel.calendar import CalendarDays, Months, WorkCalendar, WorkingDays
from govmodel.sim import AllDaysCalendar, SimClock, load_scenario
from govmodel.sim.plan import Planner


def test_same_number_different_units_across_national_day_2025() -> None:
    cal = WorkCalendar()
    start = dt.date(2025, 9, 30)  # Oct 1–8 off; Sep 28 and Oct 11 are make-up working days
    assert cal.deadline(start, WorkingDays(10)) == dt.date(2025, 10, 21)  # art. 45
    assert cal.deadline(start, CalendarDays(10)) == dt.date(2025, 10, 10)  # art. 51
    assert cal.deadline(dt.date(2025, 9, 26), CalendarDays(15)) == dt.date(
        2025, 10, 11
    )  # art. 43, make-up Saturday
    assert cal.deadline(dt.date(2025, 1, 31), Months(1)) == dt.date(2025, 2, 28)


def test_clock_skips_holidays_and_counts_make_up_days() -> None:
    clock = SimClock(WorkCalendar(), dt.date(2025, 1, 1), 8.0, dt.time(8, 30))
    assert clock.origin == dt.date(2025, 1, 2)  # New Year's Day is off
    assert clock.date(0.0) == dt.date(2025, 1, 2)
    assert clock.date(8.0) == dt.date(2025, 1, 3)
    assert clock.date(8.0, end=True) == dt.date(2025, 1, 2)  # an act ending at close of business
    assert clock.timestamp(1.5) == "2025-01-02T10:00:00"
    day = clock.time_of(dt.date(2025, 1, 26))  # Sunday, Spring Festival make-up working day
    assert clock.date(day) == dt.date(2025, 1, 26)
    assert clock.date(day + 8.0) == dt.date(2025, 1, 27)
    assert clock.date(day + 16.0) == dt.date(2025, 2, 5)  # Jan 28 – Feb 4 off


def test_all_days_calendar_is_plain_hours() -> None:
    clock = SimClock(AllDaysCalendar(), dt.date(2026, 1, 1), 24.0, dt.time(0, 0))
    assert clock.timestamp(50.0) == "2026-01-03T02:00:00"


def test_plans_carry_each_limit_in_its_unit() -> None:
    loaded = load_scenario()
    planner = Planner(loaded.model, loaded.spec)
    req = planner.plan("request", frozenset())
    limits = {lp.id: lp for lp in req.limits}
    assert isinstance(limits["art45_request_lead_time"].duration, WorkingDays)
    assert limits["art45_request_lead_time"].duration.n == 10
    start = limits["art45_request_lead_time"].start
    assert start is not None and req.steps[start].step.act == "submits"  # reaches the government
    urgent = {lp.id for lp in planner.plan("request", loaded.model.close_conditions({"urgent"})).limits}
    assert "art45_urgent_request_lead_time" in urgent and "art45_request_lead_time" not in urgent
    special = {
        lp.id for lp in planner.plan("request", loaded.model.close_conditions({"special_urgent"})).limits
    }
    assert not special & {"art45_urgent_request_lead_time", "art45_request_lead_time"}  # unquantified
    instr = {lp.id: lp for lp in planner.plan("instruction_report", frozenset()).limits}
    assert isinstance(instr["art51_instruction_report_deadline"].duration, CalendarDays)


def test_month_limit_of_art43_is_kept_in_months() -> None:
    loaded = load_scenario()
    plan = Planner(loaded.model, loaded.spec).plan("national_meeting_request", frozenset())
    limits = {lp.id: lp for lp in plan.limits}
    assert isinstance(limits["art43_national_meeting_notice"].duration, Months)
    assert limits["art43_national_meeting_notice"].duration.n == 1
