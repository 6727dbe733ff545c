"""Duration units: same-unit arithmetic works, mixing units raises UnitMismatchError."""

from __future__ import annotations

import ast
import dataclasses
import itertools
import sys
from pathlib import Path

import pytest

import govmodel.calendar
from govmodel.calendar import (
    UNITS,
    CalendarDays,
    Months,
    WorkingDays,
    parse_duration,
)
from govmodel.errors import CalendarError, UnitMismatchError

ALL = (WorkingDays, CalendarDays, Months)
WORDS = {WorkingDays: "working days", CalendarDays: "calendar days", Months: "months"}


@pytest.mark.parametrize("cls", ALL)
def test_same_unit_arithmetic_and_order(cls: type) -> None:
    assert cls(3) + cls(2) == cls(5)
    assert cls(3) - cls(5) == cls(-2)
    assert -cls(4) == cls(-4)
    assert cls(3) * 2 == 2 * cls(3) == cls(6)
    assert cls(1) < cls(2) <= cls(2) < cls(3)
    assert cls(3) > cls(2) >= cls(2)
    assert cls(2) != cls(3)
    assert sorted([cls(3), cls(1), cls(2)]) == [cls(1), cls(2), cls(3)]
    assert sum([cls(1), cls(2)], cls(0)) == cls(3)
    assert bool(cls(0)) is False and bool(cls(1)) is True


@pytest.mark.parametrize(("a", "b"), list(itertools.permutations(ALL, 2)))
def test_mixing_units_raises_and_names_both(a: type, b: type) -> None:
    x, y = a(5), b(5)
    for op in (
        lambda: x + y,
        lambda: x - y,
        lambda: x < y,
        lambda: x <= y,
        lambda: x > y,
        lambda: x >= y,
        lambda: x == y,
        lambda: x != y,
    ):
        with pytest.raises(UnitMismatchError) as info:
            op()
        assert WORDS[a] in str(info.value) and WORDS[b] in str(info.value)


def test_unit_mismatch_is_a_type_error_and_a_calendar_error() -> None:
    with pytest.raises(TypeError):
        WorkingDays(1) + CalendarDays(1)  # type: ignore[operator]
    assert issubclass(UnitMismatchError, CalendarError)


def test_bare_numbers_have_no_unit() -> None:
    with pytest.raises(UnitMismatchError, match=r"bare int.*WorkingDays\(3\)"):
        WorkingDays(2) + 3  # type: ignore[operator]
    with pytest.raises(UnitMismatchError):
        3 + CalendarDays(2)  # type: ignore[operator]
    with pytest.raises(UnitMismatchError):
        _ = Months(1) < 2  # type: ignore[operator]
    assert WorkingDays(3) != 3  # not equal, but no silent conversion either


def test_units_are_immutable_hashable_and_distinct() -> None:
    w = WorkingDays(5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.n = 6  # type: ignore[misc]
    assert {WorkingDays(5), WorkingDays(5)} == {WorkingDays(5)}
    assert len({WorkingDays(5), CalendarDays(5), Months(5)}) == 3
    assert repr(w) == "WorkingDays(n=5)"
    assert str(w) == "5 working days" and str(CalendarDays(1)) == "1 calendar day"


@pytest.mark.parametrize("bad", [1.5, "3", True, None])
def test_units_take_ints_only(bad: object) -> None:
    with pytest.raises(TypeError):
        WorkingDays(bad)  # type: ignore[arg-type]


def test_parse_duration() -> None:
    assert parse_duration(10, "working_days") == WorkingDays(10)
    assert parse_duration(30, "calendar_days") == CalendarDays(30)
    assert parse_duration(1, "months") == Months(1)
    assert set(UNITS) == {"working_days", "calendar_days", "months"}
    with pytest.raises(ValueError, match="unknown duration unit 'days'.*working_days"):
        parse_duration(3, "days")
    with pytest.raises(TypeError):
        parse_duration(2.5, "months")  # type: ignore[arg-type]


def test_calendar_package_imports_only_what_it_may() -> None:
    """stdlib, chinese_calendar, ruamel.yaml, pydantic (notices are validated like every input)
    and the base layer (govmodel.refs, errors, paths, yamlio and its modules) only (checked
    statically: importing govmodel.calendar also runs govmodel/__init__.py)."""
    allowed_govmodel = {"govmodel.refs", "govmodel.errors", "govmodel.yamlio", "govmodel.paths"}
    package = Path(govmodel.calendar.__file__).parent
    for source in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                ok = (
                    top in sys.stdlib_module_names
                    or top in {"chinese_calendar", "ruamel", "pydantic"}
                    or name in allowed_govmodel
                    or name.startswith("govmodel.yamlio.")
                    or name.startswith("govmodel.calendar")
                )
                assert ok, f"{source.name} imports {name}"
