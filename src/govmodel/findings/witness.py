"""Counterexamples as typed values: who is away, the context the scenario picks, its dates and
the chain of acts that fails.

Each property class fills :attr:`Counterexample.cast` (and, for timing, ``dates``) with its own
frozen :class:`Witness` dataclass; a witness reads, and serializes, as the mapping of its
non-empty fields in declaration order, so the JSON stays as documented in
``docs/verify-json-schema.md`` while the code that builds and reads it names its fields.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from govmodel.refs import Label

__all__ = [
    "Absence",
    "TraceStep",
    "Witness",
    "SceneWitness",
    "OverlapWitness",
    "DocumentTypes",
    "LeaveWitness",
    "UnheldWitness",
    "QuorumWitness",
    "CadenceDates",
    "CalendarDates",
    "StricterFrom",
    "AuthorityWitness",
    "Counterexample",
]


@dataclass(frozen=True, slots=True)
class Absence:
    """One absent person: who, which roles they hold, and why they are away."""

    person: str
    roles: tuple[str, ...]
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"person": self.person, "roles": list(self.roles), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One link of the chain of acts that fails (or of a timeline), in both languages."""

    text: Label
    articles: tuple[int, ...] = ()
    element: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"zh": self.text.zh, "en": self.text.en, "articles": list(self.articles)}
        if self.element:
            out["element"] = self.element
        return out


@dataclass(frozen=True)
class Witness(Mapping[str, Any]):
    """A typed part of a counterexample that reads (and serializes) as the mapping of its
    fields, in declaration order: empty fields (None, (), "") are left out unless named in
    ``_always``. ``Witness()`` itself is the empty witness (no context, no dates)."""

    _always: ClassVar[tuple[str, ...]] = ()

    def _pairs(self) -> list[tuple[str, Any]]:
        out = []
        for f in fields(self):
            name, v = f.name, getattr(self, f.name)
            if name in self._always or v not in (None, (), ""):
                out.append((name, list(v) if isinstance(v, tuple) else v))
        return out

    def __getitem__(self, key: str) -> Any:
        for k, v in self._pairs():
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter([k for k, _ in self._pairs()])

    def __len__(self) -> int:
        return len(self._pairs())


@dataclass(frozen=True)
class SceneWitness(Witness):
    """The context a coverage, separation, cadence or ordering counterexample picks: the
    document type, its department and the related ones, who presides and who entrusts, the
    meeting, and the person forced onto two levels (``person``) or asking for leave (``requester``)."""

    document_type: str | None = None
    department: str | None = None
    related_departments: tuple[str, ...] = ()
    presiding: str | None = None
    entrusting: str | None = None
    meeting: str | None = None
    person: str | None = None
    requester: str | None = None


@dataclass(frozen=True)
class OverlapWitness(Witness):
    """``conflict.overlap``: the scene in which two rules require different persons, and who
    can perform the act under each rule there (persons, or the institution)."""

    _always = ("performers_a", "performers_b")
    document_type: str | None = None
    department: str | None = None
    related_departments: tuple[str, ...] = ()
    presiding: str | None = None
    entrusting: str | None = None
    performers_a: tuple[str, ...] = ()
    performers_b: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentTypes(Witness):
    """The document types a step or a time limit governs (``unspecified.step``,
    ``timing.two_limits``, ``timing.vague_limit``): kept even when empty."""

    _always = ("document_types",)
    document_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class LeaveWitness(Witness):
    """``unspecified.leave``: the persons whose leave in ``situation`` no rule grants."""

    _always = ("requesters", "situation")
    requesters: tuple[str, ...] = ()
    situation: str = ""


@dataclass(frozen=True)
class UnheldWitness(Witness):
    """``unspecified.role``: the departments where nobody holds the role, or ``context="all"``
    when nobody holds it anywhere."""

    departments: tuple[str, ...] = ()
    context: str | None = None

    @classmethod
    def where(cls, departments: tuple[str, ...]) -> UnheldWitness:
        return cls(departments=departments) if departments else cls(context="all")


@dataclass(frozen=True)
class QuorumWitness(Witness):
    """``coverage.quorum``: the meeting, the persons whose attendance counts and how many must attend."""

    _always = ("meeting", "holders", "needed")
    meeting: str = ""
    holders: tuple[str, ...] = ()
    needed: int = 0


@dataclass(frozen=True)
class CadenceDates(Witness):
    """A request that arrives just after a meeting (``timing.cadence``): ISO dates."""

    _always = ("submitted", "decision_needed_by", "next_meeting")
    submitted: str = ""
    decision_needed_by: str = ""
    next_meeting: str = ""


@dataclass(frozen=True)
class CalendarDates(Witness):
    """A calendar-day limit over public holidays (``timing.calendar_days``)."""

    _always = ("start", "deadline", "working_days", "holidays")
    start: str = ""
    deadline: str = ""
    working_days: int = 0
    holidays: tuple[str, ...] = ()


@dataclass(frozen=True)
class StricterFrom(Witness):
    """``timing.two_limits``: a start date (ISO) from which each of the two limits is the stricter."""

    _always = ("a_stricter_from", "b_stricter_from")
    a_stricter_from: str = ""
    b_stricter_from: str = ""


@dataclass(frozen=True)
class AuthorityWitness(Witness):
    """Where a change of the rules changes who may perform an act (the graph's semantic diff):
    the department, who is away (person → reason), and who may act before and after."""

    _always = ("department", "absent", "before", "after")
    department: str | None = None
    absent: Mapping[str, str] = field(default_factory=dict)
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Counterexample:
    """A concrete scenario that breaks a property, in the words of the rules.

    ``cast`` names the context the scenario picks (a :class:`Witness` of the property's
    class: department, related departments, presiding leader, requester, document type …);
    ``conditions`` the conditions of the document; ``dates`` the calendar dates for timing
    properties; ``trace`` the chain of acts that fails.
    """

    absent: tuple[Absence, ...] = ()
    cast: Witness = field(default_factory=Witness)
    conditions: tuple[str, ...] = ()
    dates: Witness = field(default_factory=Witness)
    trace: tuple[TraceStep, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"absent": [a.as_dict() for a in self.absent]}
        if self.cast:
            out["cast"] = dict(self.cast)
        if self.conditions:
            out["conditions"] = list(self.conditions)
        if self.dates:
            out["dates"] = dict(self.dates)
        if self.trace:
            out["trace"] = [s.as_dict() for s in self.trace]
        return out
