"""The exception tree. Errors carry data (the problems, the offending values); the CLI turns
any :class:`GovmodelError` into one message per problem and exit code 2, never a traceback.

A *finding* (a gap, a conflict) is not an error: it is a value, see :mod:`govmodel.findings`.
"""

from __future__ import annotations

from dataclasses import dataclass

from govmodel.refs import SourceRef

__all__ = [
    "Problem",
    "GovmodelError",
    "InputError",
    "ModelError",
    "ScenarioError",
    "CalendarError",
    "UnknownYearError",
    "UnitMismatchError",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in an input file: what was found, what was expected, and where."""

    where: SourceRef
    found: str
    expected: str = ""

    def __str__(self) -> str:
        text = f"{self.where}: {self.found}"
        if self.expected:
            text += f"; {self.expected}"
        return text


class GovmodelError(Exception):
    """Base of every error govmodel raises on purpose."""


class InputError(GovmodelError):
    """Bad input: one or more problems, all found in one pass (exit code 2)."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # keep the problems across processes (parallel replications)
        return (type(self), (self.problems,))


class ModelError(InputError):
    """A model file (models/<ruleset>/*.yaml) is invalid."""


class ScenarioError(InputError):
    """A scenario or reform file is invalid."""


class CalendarError(GovmodelError):
    """Calendar arithmetic that cannot be done."""


class UnknownYearError(CalendarError):
    """A date falls in a year whose holidays are not known."""

    def __init__(self, year: int, known: tuple[int, int] | None = None, hint: str = ""):
        self.year = year
        self.known = known
        self.hint = hint
        span = f" (known: {known[0]}–{known[1]})" if known else ""
        msg = f"the holidays of {year} are not known{span}"
        if hint:
            msg += f"; {hint}"
        super().__init__(msg)

    def __reduce__(self):
        return (type(self), (self.year, self.known, self.hint))


class UnitMismatchError(CalendarError, TypeError):
    """Working days and calendar days were mixed (art. 45 vs art. 43 and 51)."""
