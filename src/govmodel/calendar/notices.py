"""Holiday notices (国务院办公厅关于某年部分节假日安排的通知) supplied by the user as YAML.

A notice gives one year's days off and make-up working days; it replaces the
``chinese_calendar`` data for its year, or adds a year the package does not know::

    year: 2027
    source: {zh: 国务院办公厅关于2027年部分节假日安排的通知, en: State Council notice}
    status: official            # or: example (made-up data, for tests and demos)
    holidays:                   # days off besides weekends
      - {date: 2027-01-01, name: {zh: 元旦, en: New Year's Day}}
      - {from: 2027-02-05, to: 2027-02-11, name: {zh: 春节, en: Spring Festival}}
    workdays:                   # make-up working days on weekends (调休)
      - {date: 2027-02-14, name: {zh: 春节调休, en: Spring Festival make-up day}}

The file is validated with pydantic (:class:`NoticeFile`) and its errors reported like a
model's (:func:`govmodel.yamlio.validation.validation_problems`); then the rules between
entries (dates in the notice's year, listed once, make-up days on weekends). Every problem
of a file (and of a set of files) is reported at once in one
:class:`~govmodel.errors.InputError`, each with its file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from govmodel.calendar.years import YearCalendar
from govmodel.errors import InputError, Problem
from govmodel.refs import Label, SourceRef
from govmodel.yamlio import item_ref, kind_problem, parse_yaml, read_yaml, value_ref
from govmodel.yamlio.validation import validation_problems

__all__ = ["HolidayNotice", "NOTICE_STATUSES", "load_notice", "load_notices", "parse_notice"]

NOTICE_STATUSES = ("official", "example")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_SPAN = 31
_Listed = dict[dt.date, tuple[Label | None, SourceRef]]
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, eq=False)
class HolidayNotice:
    """One year's holiday notice, validated.

    Parameters
    ----------
    year : int
        The year the notice arranges.
    source : Label
        The notice's title in both languages.
    holidays : Mapping of datetime.date to Label
        Every day off (spans expanded), with the holiday it belongs to.
    makeup_workdays : Mapping of datetime.date to Label
        Weekend days that are working days (调休).
    where : SourceRef
        The file the notice was read from.
    status : str
        ``"official"`` or ``"example"`` (made-up data, never to be taken as the law).
    url : str
        Where the official text is published, if given.
    """

    year: int
    source: Label
    holidays: Mapping[dt.date, Label]
    makeup_workdays: Mapping[dt.date, Label]
    where: SourceRef
    status: str = "official"
    url: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))
        object.__setattr__(self, "makeup_workdays", MappingProxyType(dict(self.makeup_workdays)))

    def __reduce__(self) -> tuple[object, ...]:
        # mappingproxy does not pickle; rebuild from plain data (simulation workers)
        args = (
            self.year,
            self.source,
            dict(self.holidays),
            dict(self.makeup_workdays),
            self.where,
            self.status,
            self.url,
        )
        return (HolidayNotice, args)

    def to_year(self) -> YearCalendar:
        """The :class:`YearCalendar` this notice defines."""
        names = dict(self.holidays)
        names.update(self.makeup_workdays)
        tag = " (EXAMPLE, not official)" if self.status == "example" else ""
        return YearCalendar(
            self.year,
            frozenset(self.holidays),
            frozenset(self.makeup_workdays),
            names,
            source=f"{self.where.file}{tag}",
        )


def _iso_date(value: Any) -> dt.date:
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError("a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"a real date YYYY-MM-DD ({exc})") from None


Day = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Name(_Strict):
    """A bilingual name: ``{zh: 春节, en: Spring Festival}``."""

    zh: Text
    en: Text

    def label(self) -> Label:
        return Label(self.zh, self.en)


class Source(Name):
    """The notice's title, and where the official text is published."""

    url: str = ""


class Entry(_Strict):
    """One day (``date``) or span (``from``, ``to``, at most 31 days) with its name."""

    date: Day | None = None
    from_: Day | None = Field(default=None, alias="from")
    to: Day | None = None
    name: Name

    @model_validator(mode="after")
    def _one_form(self) -> Entry:
        span = self.from_ is not None or self.to is not None
        if (self.date is not None) == span:
            raise ValueError("either date, or from and to (one day or a span)")
        if span and (self.from_ is None or self.to is None):
            raise ValueError("a span needs both from and to")
        if self.from_ is not None and self.to is not None:
            length = (self.to - self.from_).days + 1
            if not 1 <= length <= _MAX_SPAN:
                how = "ends before it starts" if length < 1 else f"is {length} days long"
                raise ValueError(
                    f"span {self.from_} to {self.to} {how}: from <= to, at most {_MAX_SPAN} days"
                )
        return self

    def days(self) -> list[dt.date]:
        if self.date is not None:
            return [self.date]
        assert self.from_ is not None and self.to is not None
        return [self.from_ + dt.timedelta(days=k) for k in range((self.to - self.from_).days + 1)]


class NoticeFile(_Strict):
    """A holiday notice file, as written."""

    year: Annotated[int, Field(strict=True, ge=1949, le=2200)]
    source: Source
    status: Literal["official", "example"] = "official"
    holidays: tuple[Entry, ...] = ()
    workdays: tuple[Entry, ...] = ()


def _listed(tree: Any, key: str, year: int | None, file: str, problems: list[Problem]) -> _Listed:
    """The dates of list ``key`` with their names and where each was listed; entries that are
    not valid on their own were reported by pydantic and are skipped here."""
    seq = tree.get(key)
    found: _Listed = {}
    if not isinstance(seq, list):
        return found
    for i, node in enumerate(seq):
        try:
            entry = Entry.model_validate(node)
        except ValidationError:
            continue
        where = item_ref(file, seq, i)
        ends = (("date", entry.date), ("from", entry.from_), ("to", entry.to))
        outside = [(k, d) for k, d in ends if year is not None and d is not None and d.year != year]
        for k, d in outside:
            problems.append(
                Problem(
                    value_ref(file, node, k),
                    f"date {d} is outside the notice's year {year}",
                    f"expected a date in {year} (put it in that year's notice)",
                )
            )
        if outside:
            continue
        for day in entry.days():
            if day in found:
                problems.append(
                    Problem(where, f"{day} is listed twice in {key}", f"first at {found[day][1]}")
                )
            else:
                found[day] = (entry.name.label(), where)
    return found


def _check(tree: Any, file: str) -> HolidayNotice:
    """Validate loaded YAML as a notice; raise :class:`InputError` with every problem."""
    wrong = kind_problem(tree, file, "holiday notice", NoticeFile.model_fields)
    if wrong is not None:  # not a notice at all (a path may lead to any file): quote nothing of it
        raise InputError([wrong])
    problems: list[Problem] = []
    notice = None
    try:
        notice = NoticeFile.model_validate(tree)
    except ValidationError as exc:
        problems += validation_problems(exc, tree, file, NoticeFile)
    year = tree.get("year")
    year = year if isinstance(year, int) and not isinstance(year, bool) and 1949 <= year <= 2200 else None
    off = _listed(tree, "holidays", year, file, problems)
    work = _listed(tree, "workdays", year, file, problems)
    for day, (_, where) in work.items():
        if day.weekday() < 5:
            problems.append(
                Problem(
                    where,
                    f"make-up working day {day} is a {_WEEKDAYS[day.weekday()]}",
                    "expected a Saturday or Sunday (weekdays are working days already)",
                )
            )
        if day in off:
            problems.append(
                Problem(
                    where,
                    f"{day} is listed both as a holiday (at {off[day][1]}) and as a workday",
                    "expected each date in holidays or in workdays, not both",
                )
            )
    if problems or notice is None:
        raise InputError(problems)
    return HolidayNotice(
        year=notice.year,
        source=notice.source.label(),
        holidays={d: n for d, (n, _) in sorted(off.items()) if n},
        makeup_workdays={d: n for d, (n, _) in sorted(work.items()) if n},
        where=SourceRef(file),
        status=notice.status,
        url=notice.source.url,
    )


def parse_notice(text: str, file: str = "<notice>") -> HolidayNotice:
    """Parse and validate a notice from YAML text.

    Parameters
    ----------
    text : str
        The YAML source.
    file : str, optional
        Name used in source references.

    Returns
    -------
    HolidayNotice

    Raises
    ------
    InputError
        With every problem found, each at its file:line:col.
    """
    # timestamps stay the text written: 2027-02-30 becomes a problem at its line, not a ValueError
    tree, problems = parse_yaml(text, file, timestamps_as_text=True)
    if problems:
        raise InputError(problems)
    return _check(tree, file)


def load_notice(path: str | Path) -> HolidayNotice:
    """Read and validate one notice file; see :func:`parse_notice`."""
    file = str(path)
    tree, problems = read_yaml(Path(path), file, timestamps_as_text=True)
    if problems:
        raise InputError(problems)
    return _check(tree, file)


def load_notices(items: Iterable[HolidayNotice | str | Path]) -> tuple[HolidayNotice, ...]:
    """Read several notices, reporting the problems of all files at once.

    Parameters
    ----------
    items : iterable of HolidayNotice, str or pathlib.Path
        Notices already loaded, or files to read.

    Returns
    -------
    tuple of HolidayNotice

    Raises
    ------
    InputError
        With every problem of every file, including two notices for the same year.
    """
    notices: list[HolidayNotice] = []
    problems: list[Problem] = []
    for item in items:
        try:
            notices.append(item if isinstance(item, HolidayNotice) else load_notice(item))
        except InputError as exc:
            problems.extend(exc.problems)
    seen: dict[int, HolidayNotice] = {}
    for notice in notices:
        if notice.year in seen:
            first = seen[notice.year].where
            found = f"a second notice for {notice.year}"
            problems.append(Problem(notice.where, found, f"expected one per year (first: {first})"))
        else:
            seen[notice.year] = notice
    if problems:
        raise InputError(problems)
    return tuple(notices)
