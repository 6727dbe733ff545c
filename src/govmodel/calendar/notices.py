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

Every problem of a file (and of a set of files) is reported at once in one
:class:`~govmodel.errors.InputError`, each with its file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from govmodel.calendar.years import YearCalendar
from govmodel.errors import InputError, Problem, excerpt
from govmodel.refs import Label, SourceRef
from govmodel.yamlio import item_ref, key_ref, kind_problem, node_ref, parse_yaml, read_yaml, value_ref

__all__ = ["HolidayNotice", "NOTICE_STATUSES", "load_notice", "load_notices", "parse_notice"]

NOTICE_STATUSES = ("official", "example")
_TOP_KEYS = ("year", "source", "status", "holidays", "workdays")
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


class _Checker:
    """Walks one notice's data and collects problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, where: SourceRef, found: str, expected: str = "") -> None:
        self.problems.append(Problem(where, found, expected))

    def keys(self, node: Mapping[Any, Any], allowed: Iterable[str], what: str) -> None:
        allowed = tuple(allowed)
        for key in node:
            if key not in allowed:
                self.add(
                    key_ref(self.file, node, key),
                    f"unknown key {excerpt(str(key))} in {what}",
                    "expected one of " + ", ".join(allowed),
                )

    def label(self, node: Any, where: SourceRef, what: str) -> Label | None:
        if not isinstance(node, Mapping):
            self.add(where, f"{what} is {excerpt(node)}", "expected a mapping {zh: ..., en: ...}")
            return None
        self.keys(node, ("zh", "en", "url") if what == "source" else ("zh", "en"), what)
        texts: list[str] = []
        for lang in ("zh", "en"):
            text = node.get(lang)
            if not isinstance(text, str) or not text.strip():
                at = value_ref(self.file, node, lang) if lang in node else where
                self.add(at, f"{what} has no {lang} text", f"expected a non-empty {lang} string")
            else:
                texts.append(text.strip())
        return Label(*texts) if len(texts) == 2 else None

    def date(self, node: Mapping[Any, Any], key: str, year: int | None) -> dt.date | None:
        value, where = node[key], value_ref(self.file, node, key)
        if not isinstance(value, str) or not _DATE_RE.match(value):
            self.add(where, f"{key} is {excerpt(value)}", "expected a date YYYY-MM-DD")
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            self.add(where, f"bad date {value} ({exc})", "expected a real date YYYY-MM-DD")
            return None
        if year is not None and day.year != year:
            self.add(
                where,
                f"date {day} is outside the notice's year {year}",
                f"expected a date in {year} (put it in that year's notice)",
            )
            return None
        return day

    def entry(
        self, node: Any, where: SourceRef, year: int | None
    ) -> tuple[list[dt.date], Label | None]:
        """One holiday or workday entry: its dates (span expanded) and its name."""
        if not isinstance(node, Mapping):
            expected = "expected {date: ..., name: ...} or {from: ..., to: ..., name: ...}"
            self.add(where, f"entry is {excerpt(node)}", expected)
            return [], None
        self.keys(node, ("date", "from", "to", "name"), "an entry")
        name = None
        if "name" in node:
            name = self.label(node["name"], value_ref(self.file, node, "name"), "name")
        else:
            self.add(where, "entry has no name", "expected name: {zh: ..., en: ...}")
        has_date, has_span = "date" in node, ("from" in node or "to" in node)
        if has_date == has_span:
            self.add(where, "entry needs either date, or from and to", "expected exactly one form")
            return [], name
        if has_date:
            day = self.date(node, "date", year)
            return ([day] if day else []), name
        if not ("from" in node and "to" in node):
            self.add(where, "a span needs both from and to", "expected {from: ..., to: ...}")
            return [], name
        first, last = self.date(node, "from", year), self.date(node, "to", year)
        if first is None or last is None:
            return [], name
        length = (last - first).days + 1
        if not 1 <= length <= _MAX_SPAN:
            found = f"span {first} to {last} " + (
                "ends before it starts" if length < 1 else f"is {length} days long"
            )
            where = value_ref(self.file, node, "to")
            self.add(where, found, f"expected from <= to and at most {_MAX_SPAN} days")
            return [], name
        return [first + dt.timedelta(days=k) for k in range(length)], name

    def entries(self, data: Mapping[Any, Any], key: str, year: int | None) -> _Listed:
        """The dates of list ``key`` with their names and where each was listed."""
        seq = data.get(key)
        if seq is None:
            return {}
        if not isinstance(seq, list):
            where = value_ref(self.file, data, key)
            self.add(where, f"{key} is {excerpt(seq)}", "expected a list of entries")
            return {}
        found: _Listed = {}
        for i, node in enumerate(seq):
            where = item_ref(self.file, seq, i)
            days, name = self.entry(node, where, year)
            for day in days:
                if day in found:
                    first = f"first at {found[day][1]}"
                    self.add(where, f"{day} is listed twice in {key}", first)
                else:
                    found[day] = (name, where)
        return found


def _check(data: Any, file: str) -> HolidayNotice:
    """Validate loaded YAML as a notice; raise :class:`InputError` with every problem."""
    c = _Checker(file)
    wrong = kind_problem(data, file, "holiday notice", _TOP_KEYS)
    if wrong is not None:  # not a notice at all (a path may lead to any file): quote nothing of it
        raise InputError([wrong])
    c.keys(data, _TOP_KEYS, "a holiday notice")
    year = data.get("year")
    if "year" not in data:
        c.add(node_ref(file, data), "the notice has no year", "expected year: YYYY")
    elif isinstance(year, bool) or not isinstance(year, int) or not 1949 <= year <= 2200:
        c.add(value_ref(file, data, "year"), f"year is {excerpt(year)}", "expected a year such as 2027")
        year = None
    source = None
    if "source" in data:
        source = c.label(data["source"], value_ref(file, data, "source"), "source")
    else:
        c.add(node_ref(file, data), "the notice has no source", "expected source: {zh:, en:}")
    status = data.get("status", "official")
    if status not in NOTICE_STATUSES:
        expected = "expected one of " + ", ".join(NOTICE_STATUSES)
        c.add(value_ref(file, data, "status"), f"status is {excerpt(status)}", expected)
    off = c.entries(data, "holidays", year)
    work = c.entries(data, "workdays", year)
    for day, (_, where) in work.items():
        if day.weekday() < 5:
            c.add(
                where,
                f"make-up working day {day} is a {_WEEKDAYS[day.weekday()]}",
                "expected a Saturday or Sunday (weekdays are working days already)",
            )
        if day in off:
            c.add(
                where,
                f"{day} is listed both as a holiday (at {off[day][1]}) and as a workday",
                "expected each date in holidays or in workdays, not both",
            )
    if c.problems or year is None or source is None:
        raise InputError(c.problems)
    return HolidayNotice(
        year=year,
        source=source,
        holidays={d: n for d, (n, _) in sorted(off.items()) if n},
        makeup_workdays={d: n for d, (n, _) in sorted(work.items()) if n},
        where=SourceRef(file),
        status=str(status),
        url=str(data["source"].get("url", "")),
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
