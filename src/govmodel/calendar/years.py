"""One year of the Chinese working-day calendar, precomputed for fast lookups.

A :class:`YearCalendar` holds the days off (public holidays, possibly on weekends) and the
make-up working days (调休) of one year, plus derived tables so that "is this a working day",
"how many working days before this day" and "which is the k-th working day" are O(1).
It is built once per year from the ``chinese_calendar`` package or from a holiday notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import chinese_calendar

from govmodel.refs import Label

__all__ = ["YearCalendar", "package_year", "package_years", "PACKAGE_NAMES"]

PACKAGE_NAMES: Mapping[str, Label] = MappingProxyType(
    {
        "New Year's Day": Label("元旦", "New Year's Day"),
        "Spring Festival": Label("春节", "Spring Festival"),
        "Tomb-sweeping Day": Label("清明节", "Tomb-sweeping Day"),
        "Labour Day": Label("劳动节", "Labour Day"),
        "Dragon Boat Festival": Label("端午节", "Dragon Boat Festival"),
        "National Day": Label("国庆节", "National Day"),
        "Mid-autumn Festival": Label("中秋节", "Mid-autumn Festival"),
        "Anti-Fascist 70th Day": Label(
            "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日", "Anti-Fascist 70th Day"
        ),
    }
)
"""Chinese labels for the English holiday names used by ``chinese_calendar``."""


@dataclass(frozen=True, eq=False)
class YearCalendar:
    """The working-day calendar of one year.

    Parameters
    ----------
    year : int
        The Gregorian year.
    holidays : frozenset of datetime.date
        Days off by notice (besides ordinary weekends); may include weekend days of a
        holiday span.
    makeup_workdays : frozenset of datetime.date
        Weekend days that are working days (调休).
    names : Mapping of datetime.date to Label
        The holiday or make-up day each listed date belongs to.
    source : str
        Where the data comes from (``"chinese_calendar 1.11.0"`` or a notice's file).

    Notes
    -----
    A day is a working day if it is a make-up working day, or a Monday to Friday that is
    not a holiday. ``working`` is a bytes table indexed by day of the year (0 = 1 January);
    ``before[k]`` counts the working days among the first ``k`` days; ``ordinals`` lists the
    day-of-year indices of the working days in order.
    """

    year: int
    holidays: frozenset[dt.date]
    makeup_workdays: frozenset[dt.date]
    names: Mapping[dt.date, Label] = field(default_factory=lambda: MappingProxyType({}))
    source: str = ""
    first_ordinal: int = field(init=False)
    working: bytes = field(init=False, repr=False)
    before: tuple[int, ...] = field(init=False, repr=False)
    ordinals: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", MappingProxyType(dict(self.names)))
        strays = sorted(d for d in self.holidays | self.makeup_workdays if d.year != self.year)
        if strays:
            raise ValueError(f"dates outside {self.year} in its YearCalendar: {strays}")
        first = dt.date(self.year, 1, 1).toordinal()
        ndays = dt.date(self.year, 12, 31).toordinal() - first + 1
        table = bytearray(ndays)
        weekday0 = dt.date(self.year, 1, 1).weekday()
        for k in range(ndays):
            table[k] = (weekday0 + k) % 7 < 5
        for day in self.holidays:
            table[day.toordinal() - first] = 0
        for day in self.makeup_workdays:
            table[day.toordinal() - first] = 1
        before = [0] * (ndays + 1)
        for k in range(ndays):
            before[k + 1] = before[k] + table[k]
        set_ = object.__setattr__
        set_(self, "first_ordinal", first)
        set_(self, "working", bytes(table))
        set_(self, "before", tuple(before))
        set_(self, "ordinals", tuple(k for k in range(ndays) if table[k]))

    def __reduce__(self) -> tuple[object, ...]:
        # mappingproxy does not pickle; rebuild from plain data (simulation workers)
        args = (self.year, self.holidays, self.makeup_workdays, dict(self.names), self.source)
        return (YearCalendar, args)

    @property
    def total(self) -> int:
        """Number of working days in the year."""
        return len(self.ordinals)

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` (which must lie in this year) is a working day."""
        return bool(self.working[day.toordinal() - self.first_ordinal])


def package_years() -> tuple[int, int]:
    """The first and last year the installed ``chinese_calendar`` knows.

    Returns
    -------
    tuple of int
        ``(first, last)``, both inclusive.
    """
    years = [d.year for d in chinese_calendar.holidays]
    return min(years), max(years)


def package_year(year: int) -> YearCalendar:
    """Build one year from the ``chinese_calendar`` package (one pass over the year).

    Parameters
    ----------
    year : int
        The year.

    Returns
    -------
    YearCalendar

    Raises
    ------
    NotImplementedError
        Raised by ``chinese_calendar`` when it has no data for ``year``.
    """
    # Read the package's tables directly: calling get_holiday_detail per day scans its whole
    # table each time (0.9 s for 2004-2026); the tables give the same days (checked in tests).
    lo, hi = package_years()
    if not lo <= year <= hi:
        chinese_calendar.get_holiday_detail(dt.date(year, 1, 1))  # raises NotImplementedError
    holidays = {d for d in chinese_calendar.holidays if d.year == year}
    makeup = {d for d in chinese_calendar.workdays if d.year == year and d.weekday() >= 5}
    names: dict[dt.date, Label] = {}
    for table in (chinese_calendar.holidays, chinese_calendar.workdays):
        for d, name in table.items():
            if d.year == year and name is not None:
                names[d] = PACKAGE_NAMES.get(name, Label(name, name))
    version = getattr(chinese_calendar, "__version__", "?")
    return YearCalendar(
        year,
        frozenset(holidays),
        frozenset(makeup),
        names,
        source=f"chinese_calendar {version}",
    )
