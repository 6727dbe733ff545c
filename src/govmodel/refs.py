"""Source references: where a thing comes from (file:line:col) and which articles it cites.

Every element of a model, every finding and every error can say where it comes from, so a
reader can open the YAML beside the Chinese text and check it (see STYLE.md, Catala's marks).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["SourceRef", "Label", "articles_label"]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A position in a source file; lines and columns are 1-based."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file

    def __reduce__(self) -> tuple[type, tuple[str, int, int]]:
        # unpickled by a call, not by the slots dataclass's __setstate__ (fields() per object):
        # a model's cache entry holds ~5,000 positions, read in 7 ms instead of 11 (issue #11)
        return (SourceRef, (self.file, self.line, self.col))


@dataclass(frozen=True, slots=True)
class Label:
    """A bilingual label: every text a person reads carries Chinese and English."""

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})"

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


def articles_label(nums: Iterable[int]) -> Label:
    """How a list of articles is written, in both languages; empty for none. The one writer
    of article lists: verify's finding text, crosscheck's replay words and every report
    (through :mod:`govmodel.report.words`) take it from here.

    >>> articles_label([44, 45])
    Label(zh='第44、45条', en='art. 44, 45')
    >>> articles_label([])
    Label(zh='', en='')
    """
    ns = [str(n) for n in nums]
    if not ns:
        return Label("", "")
    return Label(f"第{'、'.join(ns)}条", f"art. {', '.join(ns)}")


#: The units of a time limit, as a number is followed by them: Chinese (``15天``, ``10个工作日``,
#: ``1个月``: the rules' own words) and English singular/plural.
DURATION_UNITS: dict[str, tuple[str, str, str]] = {
    "working_days": ("个工作日", "working day", "working days"),
    "calendar_days": ("天", "calendar day", "calendar days"),
    "months": ("个月", "month", "months"),
}


def duration_label(value: int, unit: str) -> Label:
    """A time limit in words, in both languages: the one writer of durations (verify's
    finding text and every report take it from here).

    >>> duration_label(15, "calendar_days")
    Label(zh='15天', en='15 calendar days')
    >>> duration_label(1, "months")
    Label(zh='1个月', en='1 month')
    """
    zh, one, many = DURATION_UNITS.get(unit, (unit, unit, unit))
    return Label(f"{value}{zh}", f"{value} {one if value == 1 else many}")
