"""The working-day calendar of China: date arithmetic in working days, calendar days, months.

Years come from the ``chinese_calendar`` package or from user-supplied holiday notices (a
notice replaces the package's data for its year). A year nobody knows raises
:class:`~govmodel.errors.UnknownYearError`; nothing is ever guessed. Each year is computed
once and cached, so :meth:`WorkCalendar.is_working_day` is a table lookup and
:meth:`WorkCalendar.add` costs O(number of years crossed), whatever the number of days.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from govmodel.calendar.units import CalendarDays, Duration, Months, WorkingDays
from govmodel.calendar.years import YearCalendar, package_year, package_years
from govmodel.errors import UnknownYearError
from govmodel.refs import Label

if TYPE_CHECKING:
    from govmodel.calendar.notices import HolidayNotice

__all__ = ["WorkCalendar", "add_months"]

_ONE = dt.timedelta(days=1)


def _as_date(day: dt.date) -> dt.date:
    if isinstance(day, dt.datetime):
        return day.date()
    if not isinstance(day, dt.date):
        raise TypeError(f"expected a datetime.date, got {type(day).__name__} {day!r}")
    return day


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day of the month ``n`` months later, clamped to the end of the month."""
    months = day.year * 12 + (day.month - 1) + n
    year, month = divmod(months, 12)
    month += 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


class WorkCalendar:
    """Working days, calendar days and months over Chinese public holidays.

    Parameters
    ----------
    notices : iterable of HolidayNotice, optional
        Holiday notices; each replaces (or adds) the data of its year.
    use_package : bool, optional
        Use ``chinese_calendar`` for the years no notice covers (default ``True``).

    Examples
    --------
    >>> import datetime as dt
    >>> cal = WorkCalendar()
    >>> cal.add(dt.date(2025, 1, 24), WorkingDays(2))  # 1/26 is a make-up working day
    datetime.date(2025, 1, 27)
    """

    def __init__(self, notices: Iterable[HolidayNotice] = (), *, use_package: bool = True):
        self._notices: dict[int, HolidayNotice] = {}
        notices = tuple(notices)
        if notices:  # (the notices module is imported only when there are some: issue #11)
            from govmodel.calendar.notices import load_notices

            self._notices = {n.year: n for n in load_notices(notices)}
        self._use_package = use_package
        self._package_span = package_years() if use_package else None
        self._years: dict[int, YearCalendar] = {}

    @classmethod
    def from_notices(
        cls, items: Iterable[HolidayNotice | str | Path], *, use_package: bool = True
    ) -> WorkCalendar:
        """Build a calendar from notice files (or loaded notices).

        Parameters
        ----------
        items : iterable of HolidayNotice, str or pathlib.Path
            Notices, or YAML files to read; all problems are reported at once.
        use_package : bool, optional
            Use ``chinese_calendar`` for the other years (default ``True``).

        Returns
        -------
        WorkCalendar

        Raises
        ------
        InputError
            If a file is invalid, or two notices are for the same year.
        """
        from govmodel.calendar.notices import load_notices

        return cls(load_notices(items), use_package=use_package)

    def __repr__(self) -> str:
        years = self.known_years
        span = f"{years[0]}–{years[-1]}" if years else "none"
        return f"WorkCalendar(known_years={span}, notices={sorted(self._notices)})"

    # -- years ---------------------------------------------------------------------------
    @property
    def known_years(self) -> tuple[int, ...]:
        """Every year with holiday data (package and notices), ascending."""
        years = set(self._notices)
        if self._package_span is not None:
            years.update(range(self._package_span[0], self._package_span[1] + 1))
        return tuple(sorted(years))

    @property
    def notices(self) -> tuple[HolidayNotice, ...]:
        """The notices in force, by year."""
        return tuple(self._notices[y] for y in sorted(self._notices))

    def year(self, year: int) -> YearCalendar:
        """The (cached) :class:`YearCalendar` of ``year``.

        Raises
        ------
        UnknownYearError
            If neither a notice nor ``chinese_calendar`` knows the year.
        """
        cached = self._years.get(year)
        return cached if cached is not None else self._load(year)

    def _load(self, year: int) -> YearCalendar:
        if year in self._notices:
            data = self._notices[year].to_year()
        else:
            if not self._use_package:
                raise self._unknown(year)
            try:
                data = package_year(year)
            except NotImplementedError:
                raise self._unknown(year) from None
        self._years[year] = data
        return data

    def _unknown(self, year: int) -> UnknownYearError:
        years = self.known_years
        known = (years[0], years[-1]) if years else None
        hint = (  # there is no --holidays option: notices are listed in the scenario
            f"add a holiday notice YAML for {year} (the State Council's notice; format: "
            "data/holidays/example-2027.yaml) under the scenario's calendar.holidays, "
            "or pass it to WorkCalendar.from_notices([...])"
        )
        return UnknownYearError(year, known=known, hint=hint)

    # -- single days ---------------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (make-up working days 调休 count as working)."""
        try:
            data = self._years[day.year]
        except (KeyError, AttributeError):
            data = self._load(_as_date(day).year)
        return data.working[day.toordinal() - data.first_ordinal] == 1

    def holiday_name(self, day: dt.date) -> Label | None:
        """The holiday (or make-up day) ``day`` belongs to, if any."""
        return self.year(day.year).names.get(_as_date(day))

    def next_working_day(self, day: dt.date, *, inclusive: bool = False) -> dt.date:
        """The first working day after ``day`` (on or after it if ``inclusive``)."""
        day = _as_date(day)
        if inclusive and self.is_working_day(day):
            return day
        return self._nth_on_or_after(day + _ONE, 0)

    # -- arithmetic ----------------------------------------------------------------------
    def add(self, day: dt.date, duration: Duration) -> dt.date:
        """``day`` plus a duration.

        Parameters
        ----------
        day : datetime.date
            The start; for working days it need not be a working day itself.
        duration : WorkingDays, CalendarDays or Months
            ``WorkingDays(n)``: the n-th working day after ``day`` (before it if n < 0;
            ``day`` itself if n == 0). ``CalendarDays(n)``: plain date arithmetic.
            ``Months(n)``: the same day of the month n months later, clamped to month end.

        Returns
        -------
        datetime.date

        Raises
        ------
        UnknownYearError
            If working days reach a year without holiday data.
        TypeError
            If ``duration`` is not a duration (a bare int has no unit).
        """
        day = _as_date(day)
        if isinstance(duration, WorkingDays):
            n = duration.n
            if n > 0:
                return self._nth_on_or_after(day + _ONE, n - 1)
            if n < 0:
                return self._nth_before(day, -n - 1)
            return day
        if isinstance(duration, CalendarDays):
            return day + dt.timedelta(days=duration.n)
        if isinstance(duration, Months):
            return add_months(day, duration.n)
        raise TypeError(
            f"expected WorkingDays, CalendarDays or Months, got {type(duration).__name__} {duration!r}"
        )

    def deadline(self, start: dt.date, duration: Duration, *, moves: bool = True) -> dt.date:
        """The last day on which an act due ``duration`` after ``start`` is on time.

        The day of ``start`` is not counted (Civil Code art. 201). ``WorkingDays(n)``: the
        n-th working day after ``start``. ``CalendarDays`` and ``Months``: if the period
        ends on a day off (weekend or holiday), the deadline moves to the next working day
        (Civil Code art. 203), unless ``moves`` is False (then it is the plain end of the
        period, as :meth:`add` gives it).

        Raises
        ------
        ValueError
            If the duration is negative.
        UnknownYearError
            If the result depends on a year without holiday data.
        """
        end = self.add(start, duration)  # also rejects anything that is not a duration
        if duration.n < 0:
            raise ValueError(f"a deadline needs a non-negative duration, got {duration!r}")
        if isinstance(duration, WorkingDays) and duration.n > 0:
            return end
        if not moves and not isinstance(duration, WorkingDays):
            return end
        return self.next_working_day(end, inclusive=True)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Number of working days in (a, b]; negative (minus those in (b, a]) if b < a."""
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        ya, yb = self.year(a.year), self.year(b.year)
        ka, kb = a.toordinal() - ya.first_ordinal, b.toordinal() - yb.first_ordinal
        if a.year == b.year:
            return ya.before[kb + 1] - ya.before[ka + 1]
        total = ya.total - ya.before[ka + 1] + yb.before[kb + 1]
        for y in range(a.year + 1, b.year):
            total += self.year(y).total
        return total

    # -- simulation clock ----------------------------------------------------------------
    def working_day_index(self, day: dt.date, origin: dt.date) -> int:
        """Working-day ordinal of ``day`` on a clock that starts at ``origin``.

        The first working day on or after ``origin`` has index 0, the next 1, and so on;
        working days before ``origin`` have negative indices. A day off gets the index of
        the next working day (a document arriving on Sunday is handled from Monday).
        Inverse of :meth:`date_of_working_day` on working days.
        """
        day, origin = _as_date(day), _as_date(origin)
        # working days in [origin, day): (origin, day] corrected at both ends
        return self.working_days_between(origin, day) + self.is_working_day(origin) - self.is_working_day(day)

    def date_of_working_day(self, index: int, origin: dt.date) -> dt.date:
        """The working day with ``index`` on a clock that starts at ``origin``.

        Parameters
        ----------
        index : int
            0 is the first working day on or after ``origin``; -1 the last one before it.
            A simulation running in working days passes ``int(now)``.
        origin : datetime.date
            The clock's origin.

        Returns
        -------
        datetime.date
            Always a working day.
        """
        origin = _as_date(origin)
        if index >= 0:
            return self._nth_on_or_after(origin, index)
        return self._nth_before(origin, -index - 1)

    # -- internals -----------------------------------------------------------------------
    def _nth_on_or_after(self, day: dt.date, m: int) -> dt.date:
        """The m-th (0-based) working day on or after ``day``."""
        data = self.year(day.year)
        r = data.before[day.toordinal() - data.first_ordinal] + m
        while r >= data.total:
            r -= data.total
            data = self.year(data.year + 1)
        return dt.date.fromordinal(data.first_ordinal + data.ordinals[r])

    def _nth_before(self, day: dt.date, m: int) -> dt.date:
        """The m-th (0-based) working day strictly before ``day``, counting backwards."""
        data = self.year(day.year)
        r = data.before[day.toordinal() - data.first_ordinal] - 1 - m
        while r < 0:
            data = self.year(data.year - 1)
            r += data.total
        return dt.date.fromordinal(data.first_ordinal + data.ordinals[r])
