"""WorkCalendar against the State Council holiday notices for 2024, 2025 and 2026.

Expected facts are written from the notices themselves (国务院办公厅关于20XX年部分节假日
安排的通知), not read from chinese_calendar, so the package is cross-checked.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from govmodel.calendar import CalendarDays, Months, WorkCalendar, WorkingDays
from govmodel.errors import UnknownYearError
from govmodel.refs import Label

D = dt.date.fromisoformat

# Weekdays off by notice, and weekend days that are make-up working days (调休).
NOTICES = {
    2024: {
        "off": "01-01 02-12 02-13 02-14 02-15 02-16 04-04 04-05 05-01 05-02 05-03 06-10 "
        "09-16 09-17 10-01 10-02 10-03 10-04 10-07",
        "makeup": "02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12",
        # Spring Festival 2/10–2/17 (2/10, 2/11, 2/17 are weekend days of the span)
        "weekend_off": "02-10 02-11 02-17 04-06 05-04 05-05 10-05 10-06",
        "boundary_working": "02-09 02-19 04-03 04-08 04-30 05-06 06-07 06-11 09-13 09-18 09-30 10-08",
    },
    2025: {
        # Spring Festival 1/28–2/4 (first year with New Year's Eve off), National Day and
        # Mid-autumn 10/1–10/8
        "off": "01-01 01-28 01-29 01-30 01-31 02-03 02-04 04-04 05-01 05-02 05-05 06-02 "
        "10-01 10-02 10-03 10-06 10-07 10-08",
        "makeup": "01-26 02-08 04-27 09-28 10-11",
        "weekend_off": "02-01 02-02 04-05 04-06 05-03 05-04 05-31 06-01 10-04 10-05",
        "boundary_working": "01-02 01-27 02-05 04-03 04-07 04-30 05-06 05-30 06-03 09-30 10-09 10-10",
    },
    2026: {
        # New Year 1/1–1/3, Spring Festival 2/15–2/23 (9 days), National Day 10/1–10/7
        "off": "01-01 01-02 02-16 02-17 02-18 02-19 02-20 02-23 04-06 05-01 05-04 05-05 "
        "06-19 09-25 10-01 10-02 10-05 10-06 10-07",
        "makeup": "01-04 02-14 02-28 05-09 09-20 10-10",
        "weekend_off": "01-03 02-15 02-21 02-22 04-04 04-05 05-02 05-03 10-03 10-04",
        "boundary_working": "01-05 02-13 02-24 04-03 04-07 04-30 05-06 06-18 06-22 09-24 "
        "09-28 09-30 10-08 10-09",
    },
}


def _days(year: int, key: str) -> list[dt.date]:
    return [D(f"{year}-{md}") for md in NOTICES[year][key].split()]


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_notice_facts(cal: WorkCalendar, year: int) -> None:
    for day in _days(year, "off") + _days(year, "weekend_off"):
        assert not cal.is_working_day(day), day
    for day in _days(year, "makeup") + _days(year, "boundary_working"):
        assert cal.is_working_day(day), day
    for day in _days(year, "makeup"):
        assert day.weekday() >= 5, f"{day} is a make-up day but not a weekend day"
    data = cal.year(year)
    weekday_off = {d for d in data.holidays if d.weekday() < 5}
    assert weekday_off == set(_days(year, "off")), "weekday holidays differ from the notice"
    assert data.makeup_workdays == set(_days(year, "makeup"))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-02-08", "2024-02-28"),  # 2/9, makeup 2/18, 2/19 ... 2/28
        ("2025-01-24", "2025-02-13"),  # makeup 1/26, 1/27, 2/5-2/7, makeup 2/8, 2/10 ... 2/13
        ("2026-02-12", "2026-03-04"),  # 2/13, makeup 2/14, 2/24-2/27, makeup 2/28, 3/2-3/4
    ],
)
def test_ten_working_day_deadline_across_spring_festival(cal: WorkCalendar, start: str, end: str) -> None:
    assert cal.add(D(start), WorkingDays(10)) == D(end)
    assert cal.deadline(D(start), WorkingDays(10)) == D(end)
    assert cal.working_days_between(D(start), D(end)) == 10
    assert cal.add(D(end), WorkingDays(-10)) == D(start)
    naive = D(start) + dt.timedelta(days=14)  # 10 Monday-to-Friday days
    assert naive < D(end)


def test_make_up_days_count_and_holidays_skip(cal: WorkCalendar) -> None:
    assert cal.add(D("2025-01-24"), WorkingDays(1)) == D("2025-01-26")  # Sunday 调休
    assert cal.add(D("2025-01-27"), WorkingDays(1)) == D("2025-02-05")
    assert cal.add(D("2025-02-05"), WorkingDays(-1)) == D("2025-01-27")
    assert cal.add(D("2025-02-05"), WorkingDays(-2)) == D("2025-01-26")
    assert cal.add(D("2025-09-26"), WorkingDays(2)) == D("2025-09-29")  # via 9/28 Sunday
    assert cal.add(D("2025-09-30"), WorkingDays(1)) == D("2025-10-09")
    assert cal.add(D("2025-10-09"), WorkingDays(2)) == D("2025-10-11")  # Saturday 调休
    assert cal.add(D("2025-02-01"), WorkingDays(0)) == D("2025-02-01")


def test_year_boundaries(cal: WorkCalendar) -> None:
    assert cal.add(D("2024-12-31"), WorkingDays(1)) == D("2025-01-02")
    assert cal.add(D("2025-12-31"), WorkingDays(1)) == D("2026-01-04")  # Sunday 调休
    assert cal.add(D("2026-01-04"), WorkingDays(-1)) == D("2025-12-31")
    assert cal.working_days_between(D("2025-12-31"), D("2026-01-05")) == 2
    assert cal.working_days_between(D("2026-01-05"), D("2025-12-31")) == -2


def test_calendar_days_and_months(cal: WorkCalendar) -> None:
    assert cal.add(D("2025-01-24"), CalendarDays(10)) == D("2025-02-03")
    assert cal.add(D("2025-01-24"), CalendarDays(-24)) == D("2024-12-31")
    assert cal.add(D("2024-01-31"), Months(1)) == D("2024-02-29")
    assert cal.add(D("2025-01-31"), Months(1)) == D("2025-02-28")
    assert cal.add(D("2024-12-31"), Months(2)) == D("2025-02-28")
    assert cal.add(D("2024-03-31"), Months(-1)) == D("2024-02-29")
    assert cal.add(D("2024-02-29"), Months(12)) == D("2025-02-28")
    assert cal.add(D("2025-05-15"), Months(0)) == D("2025-05-15")


def test_deadline_rolls_calendar_periods_past_days_off(cal: WorkCalendar) -> None:
    # 1/24 + 10 calendar days = 2/3, inside the Spring Festival: due on 2/5
    assert cal.deadline(D("2025-01-24"), CalendarDays(10)) == D("2025-02-05")
    # ends on a make-up Saturday: that is a working day, no roll
    assert cal.deadline(D("2025-02-01"), CalendarDays(7)) == D("2025-02-08")
    # art. 43's "one month" from 2025-09-01 ends 10/1, National Day: due 10/9
    assert cal.deadline(D("2025-09-01"), Months(1)) == D("2025-10-09")
    assert cal.deadline(D("2025-02-01"), WorkingDays(0)) == D("2025-02-05")
    with pytest.raises(ValueError):
        cal.deadline(D("2025-02-01"), WorkingDays(-1))


def test_a_deadline_that_does_not_move_is_the_plain_end_of_the_period(cal: WorkCalendar) -> None:
    # calendar_deadline_moves_past_holidays off (the literal reading): 15 days from 2017-09-30
    # end on Sunday 2017-10-15, inside the National Day week, and stay there
    assert cal.deadline(D("2017-09-30"), CalendarDays(15), moves=False) == D("2017-10-15")
    assert cal.deadline(D("2017-09-30"), CalendarDays(15)) == D("2017-10-16")
    assert cal.deadline(D("2025-09-01"), Months(1), moves=False) == D("2025-10-01")
    # working days are counted on working days either way
    assert cal.deadline(D("2025-02-01"), WorkingDays(0), moves=False) == D("2025-02-05")


def test_next_working_day(cal: WorkCalendar) -> None:
    assert cal.next_working_day(D("2025-01-27")) == D("2025-02-05")
    assert cal.next_working_day(D("2025-01-25")) == D("2025-01-26")
    assert cal.next_working_day(D("2025-01-27"), inclusive=True) == D("2025-01-27")
    assert cal.next_working_day(D("2025-01-28"), inclusive=True) == D("2025-02-05")


def test_holiday_names_are_bilingual(cal: WorkCalendar) -> None:
    assert cal.holiday_name(D("2024-02-04")) == Label("春节", "Spring Festival")
    assert cal.holiday_name(D("2025-10-06")) == Label("中秋节", "Mid-autumn Festival")
    assert cal.holiday_name(D("2025-03-03")) is None


def test_accepts_datetimes_and_rejects_other_types(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(dt.datetime(2025, 1, 28, 9, 30))
    assert cal.add(dt.datetime(2025, 1, 24, 18), WorkingDays(1)) == D("2025-01-26")
    with pytest.raises(TypeError):
        cal.is_working_day("2025-01-28")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cal.add(D("2025-01-28"), 3)  # type: ignore[arg-type]


# -- against chinese_calendar, day by day ------------------------------------------------
DAYS = [D("2024-01-01") + dt.timedelta(days=k) for k in range(3 * 366)]
DAYS = [d for d in DAYS if d.year <= 2026]


def _brute_between(a: dt.date, b: dt.date) -> int:
    lo, hi, sign = (a, b, 1) if a <= b else (b, a, -1)
    return sign * sum(
        chinese_calendar.is_workday(lo + dt.timedelta(days=k)) for k in range(1, (hi - lo).days + 1)
    )


def test_every_day_matches_chinese_calendar(cal: WorkCalendar) -> None:
    for day in DAYS:
        assert cal.is_working_day(day) == chinese_calendar.is_workday(day), day


@pytest.mark.parametrize("step", [1, 7, 37, 101, 400])
def test_between_and_add_match_brute_force(cal: WorkCalendar, step: int) -> None:
    for a in DAYS[:: step + 13]:
        b = a + dt.timedelta(days=step)
        if b.year > 2026:
            continue
        n = _brute_between(a, b)
        assert cal.working_days_between(a, b) == n
        assert cal.working_days_between(b, a) == -n
        if n:
            end = cal.add(a, WorkingDays(n))
            assert end <= b and cal.is_working_day(end)
            assert _brute_between(a, end) == n


def test_working_day_clock(cal: WorkCalendar) -> None:
    origin = D("2025-01-24")  # Friday before the Spring Festival
    assert cal.working_day_index(origin, origin) == 0
    assert cal.working_day_index(D("2025-01-26"), origin) == 1
    assert cal.working_day_index(D("2025-01-27"), origin) == 2
    assert cal.working_day_index(D("2025-01-30"), origin) == 3  # a holiday: next working day
    assert cal.date_of_working_day(3, origin) == D("2025-02-05")
    assert cal.date_of_working_day(-1, origin) == D("2025-01-23")
    assert cal.working_day_index(D("2025-01-23"), origin) == -1
    holiday_origin = D("2025-01-29")
    assert cal.date_of_working_day(0, holiday_origin) == D("2025-02-05")
    for i in range(-300, 450, 7):
        day = cal.date_of_working_day(i, origin)
        assert cal.is_working_day(day)
        assert cal.working_day_index(day, origin) == i


def test_unknown_year_raises_with_the_fix(cal: WorkCalendar) -> None:
    for day in (D("2027-03-01"), D("2003-06-02")):
        with pytest.raises(UnknownYearError) as info:
            cal.is_working_day(day)
        err = info.value
        assert err.year == day.year and err.known == (2004, 2026)
        assert f"add a holiday notice YAML for {day.year}" in str(err)
        assert "calendar.holidays" in str(err) and "WorkCalendar.from_notices" in str(err)
        assert "--holidays" not in str(err)  # no such option: the fix must be one the user can apply
    with pytest.raises(UnknownYearError):
        cal.add(D("2026-12-28"), WorkingDays(5))
    with pytest.raises(UnknownYearError):
        cal.deadline(D("2026-12-20"), CalendarDays(20))
    with pytest.raises(UnknownYearError):
        cal.working_days_between(D("2026-12-01"), D("2027-01-05"))
    # plain calendar arithmetic needs no holiday data
    assert cal.add(D("2026-12-20"), CalendarDays(20)) == D("2027-01-09")
    # a working-day count ending on 12/31 does not need the next year
    assert cal.working_days_between(D("2026-12-01"), D("2026-12-31")) == 22
    assert cal.add(D("2026-12-30"), WorkingDays(1)) == D("2026-12-31")


def test_without_package_every_year_is_unknown() -> None:
    bare = WorkCalendar(use_package=False)
    assert bare.known_years == ()
    with pytest.raises(UnknownYearError) as info:
        bare.is_working_day(D("2025-01-02"))
    assert info.value.known is None


def test_known_years(cal: WorkCalendar) -> None:
    assert cal.known_years[0] == 2004 and cal.known_years[-1] == 2026
    assert 2025 in cal.known_years and 2027 not in cal.known_years


def test_package_tables_agree_with_per_day_lookup() -> None:
    from govmodel.calendar.years import package_year

    for year in (2004, 2012, 2020, 2024, 2025, 2026):
        built = package_year(year)
        day = dt.date(year, 1, 1)
        while day.year == year:
            off, _ = chinese_calendar.get_holiday_detail(day)
            assert built.is_working_day(day) == (not off), day
            day += dt.timedelta(days=1)


def test_years_are_cached_not_recomputed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = chinese_calendar.get_holiday_detail

    def counting(day: dt.date) -> tuple[bool, str | None]:
        calls.append(day)
        return real(day)

    monkeypatch.setattr(chinese_calendar, "get_holiday_detail", counting)
    monkeypatch.setattr(chinese_calendar, "is_workday", None)  # never used per day
    fresh = WorkCalendar()
    fresh.is_working_day(D("2025-06-02"))
    first = len(calls)
    assert first == 0  # the year is built from the package's tables, not day by day
    origin = D("2025-01-01")
    for k in range(2000):
        fresh.is_working_day(origin + dt.timedelta(days=k % 365))
        fresh.add(origin, WorkingDays(k % 240))
        fresh.working_days_between(origin, D("2025-12-31"))
    assert len(calls) == first


def test_add_is_table_lookups_not_a_day_by_day_walk(
    cal: WorkCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5000 working days (20 years) cost one table lookup per year crossed, never one per day
    (a per-day loop would take minutes over a simulation; speed itself is measured in bench/)."""
    years: list[int] = []
    days: list[dt.date] = []
    real_year, real_day = cal.year, cal.is_working_day
    monkeypatch.setattr(cal, "year", lambda y: years.append(y) or real_year(y))
    monkeypatch.setattr(cal, "is_working_day", lambda d: days.append(d) or real_day(d))
    assert cal.add(D("2004-01-05"), WorkingDays(5000)).year == 2024
    assert days == []
    assert sorted(set(years)) == list(range(2004, 2025)) and len(years) == 21
    years.clear()
    assert cal.add(D("2024-06-03"), WorkingDays(-5000)).year == 2004
    assert days == [] and len(years) == 21
