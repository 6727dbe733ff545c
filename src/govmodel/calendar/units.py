"""Duration units that must never mix silently: working days, calendar days and months.

The rules keep them apart (art. 45 counts working days, art. 43 and 51 calendar days or a
month), so each is its own immutable type. Arithmetic and comparison work within one unit;
mixing two units (or a unit with a bare number) raises :class:`UnitMismatchError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Self, TypeAlias

from govmodel.errors import UnitMismatchError

__all__ = [
    "WorkingDays",
    "CalendarDays",
    "Months",
    "Duration",
    "UNITS",
    "parse_duration",
]


@dataclass(frozen=True, slots=True, eq=False, order=False)
class _Unit:
    """Common behaviour of the duration units; not used directly.

    Parameters
    ----------
    n : int
        The number of units; may be negative (a span backwards).
    """

    n: int
    unit: ClassVar[str] = ""
    """The unit's identifier, as written in model files (``"working_days"``...)."""
    singular: ClassVar[str] = ""
    plural: ClassVar[str] = ""

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int):
            raise TypeError(f"{type(self).__name__} takes an int, got {type(self.n).__name__} {self.n!r}")

    # -- same-unit checks -------------------------------------------------------------
    def _same(self, other: object, op: str) -> Self:
        """Return ``other`` if it has this unit, else raise :class:`UnitMismatchError`."""
        if type(other) is type(self):
            return other  # type: ignore[return-value]
        if isinstance(other, _Unit):
            fix = "convert one explicitly with a WorkCalendar (add, working_days_between)"
            theirs = other.plural
        else:
            fix = f"give the number a unit, e.g. {type(self).__name__}({other!r})"
            theirs = f"a bare {type(other).__name__}"
        raise UnitMismatchError(
            f"cannot {op} {self.plural} ({self!r}) and {theirs} ({other!r}): different units; {fix}"
        )

    # -- arithmetic ----------------------------------------------------------------------
    def __add__(self, other: Any) -> Self:
        return type(self)(self.n + self._same(other, "add").n)

    def __sub__(self, other: Any) -> Self:
        return type(self)(self.n - self._same(other, "subtract").n)

    def __radd__(self, other: Any) -> Self:
        return type(self)(self._same(other, "add").n + self.n)

    def __rsub__(self, other: Any) -> Self:
        return type(self)(self._same(other, "subtract").n - self.n)

    def __neg__(self) -> Self:
        return type(self)(-self.n)

    def __mul__(self, k: Any) -> Self:
        if isinstance(k, bool) or not isinstance(k, int):
            return NotImplemented
        return type(self)(self.n * k)

    __rmul__ = __mul__

    # -- comparison ----------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Unit):
            return self.n == self._same(other, "compare").n
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, _Unit):
            return self.n != self._same(other, "compare").n
        return NotImplemented

    def __lt__(self, other: Any) -> bool:
        return self.n < self._same(other, "compare").n

    def __le__(self, other: Any) -> bool:
        return self.n <= self._same(other, "compare").n

    def __gt__(self, other: Any) -> bool:
        return self.n > self._same(other, "compare").n

    def __ge__(self, other: Any) -> bool:
        return self.n >= self._same(other, "compare").n

    def __hash__(self) -> int:
        return hash((self.unit, self.n))

    def __bool__(self) -> bool:
        return self.n != 0

    def __str__(self) -> str:
        return f"{self.n} {self.singular if abs(self.n) == 1 else self.plural}"


@dataclass(frozen=True, slots=True, eq=False, order=False)
class WorkingDays(_Unit):
    """A number of working days (工作日): weekends and public holidays do not count,
    make-up working days (调休) do.

    Examples
    --------
    >>> WorkingDays(3) + WorkingDays(2)
    WorkingDays(n=5)
    """

    unit: ClassVar[str] = "working_days"
    singular: ClassVar[str] = "working day"
    plural: ClassVar[str] = "working days"


@dataclass(frozen=True, slots=True, eq=False, order=False)
class CalendarDays(_Unit):
    """A number of calendar days (日/天): every day counts.

    Examples
    --------
    >>> CalendarDays(30) > CalendarDays(7)
    True
    """

    unit: ClassVar[str] = "calendar_days"
    singular: ClassVar[str] = "calendar day"
    plural: ClassVar[str] = "calendar days"


@dataclass(frozen=True, slots=True, eq=False, order=False)
class Months(_Unit):
    """A number of months (月), e.g. art. 43's "one month": the same day of the month
    ``n`` months later, clamped to the end of a shorter month."""

    unit: ClassVar[str] = "months"
    singular: ClassVar[str] = "month"
    plural: ClassVar[str] = "months"


Duration: TypeAlias = WorkingDays | CalendarDays | Months
"""Any duration the rules use."""

UNITS: dict[str, type[WorkingDays] | type[CalendarDays] | type[Months]] = {
    cls.unit: cls for cls in (WorkingDays, CalendarDays, Months)
}
"""Unit identifier (as written in model files) to its type."""


def parse_duration(value: int, unit: str) -> Duration:
    """Build a duration from a number and a unit identifier.

    Parameters
    ----------
    value : int
        The number of units.
    unit : str
        One of ``"working_days"``, ``"calendar_days"``, ``"months"``.

    Returns
    -------
    Duration
        A :class:`WorkingDays`, :class:`CalendarDays` or :class:`Months`.

    Raises
    ------
    ValueError
        If ``unit`` is not one of the known identifiers.
    TypeError
        If ``value`` is not an int.
    """
    try:
        cls = UNITS[unit]
    except (KeyError, TypeError):
        known = ", ".join(repr(u) for u in UNITS)
        raise ValueError(f"unknown duration unit {unit!r}; expected one of {known}") from None
    return cls(value)
