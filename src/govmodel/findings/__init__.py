"""Verification results as values: three-valued, in domain terms, with their source.

A :class:`Finding` is the answer to one property: it ``holds`` (proved within the bounds it
reports), is ``violated`` (with the smallest :class:`Counterexample` and the articles that
produce it) or is ``unknown`` (the solver gave up: reported, never a pass). A
:class:`Results` holds every finding of one run, the model and the assumptions in force.

Nothing here imports z3: findings are plain data that reports, the CLI and notebooks read.
"""

from __future__ import annotations

import builtins
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from govmodel.findings.subject import Relation, Subject
from govmodel.findings.witness import (
    Absence,
    AuthorityWitness,
    CadenceDates,
    CalendarDates,
    Counterexample,
    DocumentTypes,
    LeaveWitness,
    OverlapWitness,
    QuorumWitness,
    SceneWitness,
    StricterFrom,
    TraceStep,
    UnheldWitness,
    Witness,
)
from govmodel.refs import Label, SourceRef

__all__ = [
    "Status",
    "Severity",
    "Cause",
    "RootCause",
    "Absence",
    "TraceStep",
    "Counterexample",
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
    "Subject",
    "Relation",
    "Finding",
    "AssumptionState",
    "Results",
    "fingerprint",
]


class Status(StrEnum):
    """The three answers a check can give."""

    holds = "holds"
    violated = "violated"
    unknown = "unknown"


def fingerprint(prop: str, subject: str, elements: tuple[str, ...] | list[str]) -> str:
    """A digest stable across runs, unrelated edits of the model and assumption switches.

    It hashes the property id, the subject's text and the sorted ids of the elements the
    property is about (its *identity*: the ids the subject names, :attr:`Subject.ids`: the
    step, the two steps of a check, the meeting, leave rule, time limit, role …; for a deputy
    cycle, the rules of the cycle). Never the other elements a result involves: the deputy
    rules a proof or a counterexample passes through (an assumption that adds or drops a
    stand-in changes those, not the gap), the routes merged into one act of a check (art.
    47's review reached as art. 48's), the counterpart limits of a vague limit; nor
    positions, line numbers, person labels, the counterexample or message wording.

    Examples
    --------
    >>> fingerprint("coverage", "p.sign", ["b", "a"]) == fingerprint("coverage", "p.sign", ["a", "b"])
    True
    """
    text = "\x1f".join([prop, subject, *sorted(set(elements))])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Cause:
    """The smallest change to the rules that closes a violation, read off its witness and the
    encoding (see :mod:`govmodel.verify.rootcause`): ``kind`` says what is missing
    (``reasons``: a stand-in rule that does not cover this absence reason; ``acts``: one that
    does not pass this act; ``stand_in``: no rule names a stand-in for the role; ``unheld``:
    nobody holds the role; ``approver``: only the requester may grant his leave;
    ``recusal``: a stand-in lands on both levels of a check; ``nobody_named``: the text
    names nobody for the act; ``no_approver``: nobody grants a leave; ``cadence``: the
    meeting sits too rarely; ``calendar``: a limit in calendar days; ``weekday``: a meeting's
    weekday is sometimes a public holiday and the text does not say when it sits; ``conflict``;
    ``other``), ``target`` the element to change, ``act`` and ``reason`` the act and the
    absence reason of the witness."""

    kind: str
    target: str
    act: str | None = None
    reason: str | None = None

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.target}"


class Severity(StrEnum):
    """How bad a violation is, derived from its resilience alone (the fewest absences that
    produce it): ``critical`` 0 (it happens with everybody present), ``high`` 1 (one
    absence), ``medium`` 2, ``low`` 3 or more."""

    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"

    @classmethod
    def of(cls, resilience: int) -> "Severity":
        return (cls.critical, cls.high, cls.medium)[resilience] if resilience < 3 else cls.low

    @property
    def rank(self) -> int:
        """0 for critical … 3 for low (sort key: most severe first)."""
        return list(Severity).index(self)


@dataclass(frozen=True, slots=True)
class Finding:
    """The answer to one property for one subject."""

    property: str
    cls: str
    subject: Subject
    """What the property is about (``str(subject)``: its text form in every output)."""
    status: Status
    statement: Label
    message: Label
    articles: tuple[int, ...]
    elements: tuple[str, ...] = ()
    location: SourceRef | None = None
    counterexample: Counterexample | None = None
    bounds: Mapping[str, Any] = field(default_factory=dict)
    core: tuple[str, ...] = ()
    cause: Cause | None = None
    """For a violation: the smallest change that closes it (groups findings into root causes)."""
    identity: tuple[str, ...] | None = None
    """The ids the property is about (what the fingerprint hashes, :attr:`Subject.ids` for
    every property but a deputy cycle); ``elements`` when None (a finding built by hand)."""

    @builtins.property  # the field `property` shadows the builtin in this class
    def fingerprint(self) -> str:
        about = self.elements if self.identity is None else self.identity
        return fingerprint(self.property, str(self.subject), about)

    @builtins.property  # the field `property` shadows the builtin in this class
    def resilience(self) -> int | None:
        """For a violation, the fewest absences that produce it (coverage: the resilience
        number; separation: the absences that force one person onto both levels; every other
        class needs no absence: 0). None unless violated."""
        if self.status != Status.violated:
            return None
        for key in ("resilience", "absences"):
            if isinstance(self.bounds.get(key), int):
                return int(self.bounds[key])
        return 0

    @builtins.property  # the field `property` shadows the builtin in this class
    def severity(self) -> Severity | None:
        """:class:`Severity` of a violation (from its resilience); None unless violated."""
        r = self.resilience
        return None if r is None else Severity.of(r)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "property": self.property,
            "class": self.cls,
            "subject": str(self.subject),
            "status": str(self.status),
            "articles": list(self.articles),
            "statement": self.statement.as_dict(),
            "message": self.message.as_dict(),
            "fingerprint": self.fingerprint,
            "elements": list(self.elements),
            "bounds": dict(self.bounds),
        }
        if self.status == Status.violated:
            out["resilience"] = self.resilience
            out["severity"] = str(self.severity)
        if self.core:
            out["proof_core"] = list(self.core)
        if self.counterexample is not None:
            out["counterexample"] = self.counterexample.as_dict()
        if self.location is not None:
            out["location"] = {"file": self.location.file, "line": self.location.line}
        return out


@dataclass(frozen=True)
class RootCause:
    """Violations one change to the rules closes."""

    id: str
    kind: str
    target: str
    articles: tuple[int, ...]
    summary: Label
    severity: Severity
    findings: tuple[Finding, ...]
    amendment: dict[str, Any] | None
    """A reform overlay (the mapping under ``reform:``), or None where no overlay of the
    model's vocabulary can close it (a recusal clause, two articles to reconcile)."""
    note: Label | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "articles": list(self.articles),
            "summary": self.summary.as_dict(),
            "severity": str(self.severity),
            "findings": [f.fingerprint for f in self.findings],
            "amendment": self.amendment,
        }
        if self.note is not None:
            out["note"] = self.note.as_dict()
        return out


@dataclass(frozen=True, slots=True)
class AssumptionState:
    """A named assumption of the model and whether it was in force."""

    id: str
    enabled: bool
    statement: Label
    articles: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "enabled": self.enabled,
            "statement": self.statement.as_dict(),
            "articles": list(self.articles),
        }


@dataclass(frozen=True, slots=True)
class Results:
    """Every finding of one verification run."""

    model: str
    model_path: str
    assumptions: tuple[AssumptionState, ...]
    findings: tuple[Finding, ...]
    options: Mapping[str, Any] = field(default_factory=dict)
    persons: int = 0
    """How many persons the cast has: a run with ``k`` below it proves coverage and separation
    only up to ``k`` absences."""
    classes: tuple[str, ...] | None = None
    """The property classes checked (None: every class)."""
    min_severity: str | None = None
    """Violations less severe than this were left out of the results (``--min-severity``)."""
    root_causes: tuple[RootCause, ...] = ()
    """The violations grouped by the smallest change that closes them, most severe first."""

    @property
    def exhaustive(self) -> bool:
        """Every absence set was in the bounds (``k`` is the whole cast)."""
        return int(self.options.get("k", 0) or 0) >= self.persons

    def with_status(self, status: Status) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status == status)

    @property
    def in_force(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.assumptions if a.enabled)

    def by_fingerprint(self) -> dict[str, Finding]:
        return {f.fingerprint: f for f in self.findings}
