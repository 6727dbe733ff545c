"""The exception tree. Errors carry data (the problems, the offending values); the CLI turns
any :class:`GovmodelError` into one message per problem and exit code 2, never a traceback.

A *finding* (a gap, a conflict) is not an error: it is a value, see :mod:`govmodel.findings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govmodel.refs import SourceRef

__all__ = [
    "EXCERPT_MAX",
    "excerpt",
    "Problem",
    "GovmodelError",
    "InputError",
    "ModelError",
    "ScenarioError",
    "CalendarError",
    "UnknownYearError",
    "UnitMismatchError",
]


#: At most this many characters of what an input holds are quoted in a message: an input may
#: be hostile (a pull request's model in CI), and a message must not disclose a file's content.
EXCERPT_MAX = 40

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_QUOTE_MAX = 2 * EXCERPT_MAX  # the net: room for the model's own long ids in a did-you-mean
_QUOTED = re.compile(r"'([^']*)'")
_FOUND_MAX = 500  # a whole message: a key path, an excerpt and govmodel's own explanation with figures


def _escape(text: str) -> str:
    """Control characters (newlines, escapes, NUL…) written as ``\\n``, ``\\x1b``: one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _one_line(m: re.Match[str]) -> str:
    """A quoted value in a message, kept to its first line and :data:`_QUOTE_MAX` characters."""
    text = m.group(1)
    first = text.split("\\n", 1)[0]
    return "'" + (first + "…" if first != text and len(first) < _QUOTE_MAX else _cut(first, _QUOTE_MAX)) + "'"


def excerpt(value: object, limit: int = EXCERPT_MAX) -> str:
    """How a value found in an input is quoted in a message: a short single-line excerpt.

    Strings are quoted, control characters escaped, cut to ``limit`` characters; numbers,
    booleans and null are written as such; a list or a mapping is described, never listed.

    >>> excerpt("p_mayr")
    "'p_mayr'"
    >>> excerpt("root:x:0:0:root:/root:/bin/bash\\nbin:x:1:1:bin:/bin:/sbin/nologin")
    "'root:x:0:0:root:/root:/bin/bash\\\\nbin:x:…'"
    >>> excerpt([1, 2, 3])
    'a list of 3 items'
    """
    if isinstance(value, str):
        return "'" + _cut(_escape(value), limit) + "'"
    if value is None:
        return "nothing (null)"
    if isinstance(value, (bool, int, float)):
        return _cut(str(value), limit)
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in an input file: what was found, what was expected, and where.

    What was found is one line, quotes at most the first line and twice :data:`EXCERPT_MAX`
    characters of any value, and is cut at 500 characters: whoever builds a problem from
    hostile input cannot make it disclose a file (the net under :func:`excerpt`, which is how
    values should be quoted).
    """

    where: SourceRef
    found: str
    expected: str = ""

    def __post_init__(self) -> None:
        found = _QUOTED.sub(_one_line, _escape(str(self.found)))
        object.__setattr__(self, "found", _cut(found, _FOUND_MAX))
        object.__setattr__(self, "expected", _escape(str(self.expected)))

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
