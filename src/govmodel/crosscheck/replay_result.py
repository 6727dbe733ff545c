"""What a replay produced, as values: each step of the run and the verdict (rendered by
:mod:`govmodel.report.replay_text`; ``as_dict`` is the JSON of ``docs/replay-json.md``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from govmodel.errors import GovmodelError
from govmodel.findings import Finding
from govmodel.model import Model
from govmodel.refs import Label

__all__ = [
    "FORMAT",
    "NotReplayable",
    "Replay",
    "ReplayStep",
    "StepKind",
    "Outcome",
    "DateSource",
    "MeetingsMode",
    "MeetingSetup",
    "TimingOutcome",
    "SeparationOutcome",
]

FORMAT = "govmodel-replay/1"


class NotReplayable(GovmodelError):
    """The finding cannot be replayed as a simulation run (message: one line, why)."""


# -- results ---------------------------------------------------------------------------------
StepKind = Literal["act", "meeting", "skipped", "blocked", "waiting"]
Outcome = Literal["completed", "blocked", "unfinished"]
DateSource = Literal[
    "counterexample", "ordinary"
]  # the arrival: the counterexample's date or an ordinary working day
MeetingsMode = Literal[
    "scenario", "counterexample"
]  # meetings on the scenario's cadence or the counterexample's dates


@dataclass(frozen=True)
class MeetingSetup:
    """A meeting board of the run: its cadence and policy, or the counterexample's sittings."""

    meeting: str
    label: Label
    cadence: str
    working_day: int
    cutoff_working_days: float
    capacity: int
    sittings: tuple[dt.date, ...] | None = None  # None: the scenario's cadence

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "meeting": self.meeting,
            "label": self.label.as_dict(),
            "cadence": self.cadence,
            "working_day": self.working_day,
            "cutoff_working_days": self.cutoff_working_days,
            "capacity": self.capacity,
            "sits": "scenario" if self.sittings is None else "counterexample",
        }
        if self.sittings is not None:
            out["sittings"] = [d.isoformat() for d in self.sittings]
        return out


@dataclass(frozen=True)
class TimingOutcome:
    """A time limit in the run: when its clock started, when it was due, when it happened."""

    limit: str
    limit_label: Label
    articles: tuple[int, ...]
    duration: tuple[float, str] | None  # (value, unit)
    clock_starts: dt.date
    due: dt.date
    happened: dt.date | None
    on_time: bool
    late_by_working_days: int | None
    meeting_decided: tuple[str, dt.date] | None  # (meeting, date) of the decision, if a meeting decided
    counterexample_dates: Mapping[str, Any]
    working_days_inside: int | None = None  # timing.calendar_days only

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "limit": self.limit,
            "limit_label": self.limit_label.as_dict(),
            "articles": list(self.articles),
            "duration": {"value": self.duration[0], "unit": self.duration[1]} if self.duration else None,
            "clock_starts": self.clock_starts.isoformat(),
            "due": self.due.isoformat(),
            "happened": self.happened.isoformat() if self.happened else None,
            "on_time": self.on_time,
            "late_by_working_days": self.late_by_working_days,
            "meeting_decided": (
                {"meeting": self.meeting_decided[0], "date": self.meeting_decided[1].isoformat()}
                if self.meeting_decided
                else None
            ),
            "counterexample_dates": dict(self.counterexample_dates),
        }
        if self.working_days_inside is not None:
            out["working_days_inside"] = self.working_days_inside
        return out


@dataclass(frozen=True)
class SeparationOutcome:
    """The two levels of a check in the run: who performed each."""

    predicted_person: str | None
    steps: tuple[str, str]
    performed_by: Mapping[str, str | None]
    both_performed: bool
    same_person: bool
    person: str | None = None  # the one person on both levels

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "predicted_person": self.predicted_person,
            "steps": list(self.steps),
            "performed_by": dict(self.performed_by),
            "same_person": self.same_person,
        }
        if self.both_performed:
            out["person"] = self.person
        return out


@dataclass(frozen=True)
class ReplayStep:
    """One line of the replay: an act performed, a meeting's decision, a skipped step, or the
    step at which the document could not proceed."""

    kind: StepKind
    node: str
    act: str
    articles: tuple[int, ...]
    start: str  # ISO timestamp
    end: str
    start_date: dt.date
    end_date: dt.date
    working_day: int  # working-day number since the document arrived (1 = arrival day)
    person: str | None = None
    actor: str | None = None
    via: tuple[str, ...] = ()
    waited_working_days: float = 0.0
    why: Label | None = None
    absent: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self, model: Model) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "step": self.node,
            "act": self.act,
            "articles": list(self.articles),
            "start": self.start,
            "end": self.end,
            "working_day": self.working_day,
            "label": model.label(self.node).as_dict(),
        }
        if self.person or self.actor:
            out["performer"] = {
                "person": self.person,
                "person_label": model.label(self.person).as_dict() if self.person else None,
                "as": self.actor,
                "as_label": model.label(self.actor).as_dict() if self.actor else None,
                "directly": not self.via,
                "via": [
                    {"rule": r, "articles": list(_articles(model, r)), "label": model.label(r).as_dict()}
                    for r in self.via
                ],
            }
        if self.waited_working_days:
            out["waited_working_days"] = round(self.waited_working_days, 3)
        if self.why is not None:
            out["why"] = self.why.as_dict()
        if self.absent:
            out["absent"] = dict(self.absent)
        return out


@dataclass(frozen=True)
class Replay:
    """The replayed run: what was set up, each step, what was observed, and the verdict."""

    finding: Finding
    scenario: str
    scenario_path: str
    model: Model
    doc_type: str
    department: str | None
    department_chosen: bool  # the counterexample named no department: the replay picked one
    related: tuple[str, ...]
    conditions: tuple[str, ...]
    added_conditions: tuple[str, ...]
    absent: tuple[tuple[str, str], ...]
    arrival: str
    date_source: DateSource
    service_times: str
    meetings: tuple[MeetingSetup, ...]
    steps: tuple[ReplayStep, ...]
    outcome: Outcome
    predicted: Label
    observed: Label
    agrees: bool
    timing: TimingOutcome | None = None
    separation: SeparationOutcome | None = None
    note: Label | None = None
    meetings_mode: MeetingsMode = "scenario"

    def as_dict(self) -> dict[str, Any]:
        f, m = self.finding, self.model
        out: dict[str, Any] = {
            "format": FORMAT,
            "finding": {
                "fingerprint": f.fingerprint,
                "property": f.property,
                "class": f.cls,
                "subject": str(f.subject),
                "articles": list(f.articles),
                "message": f.message.as_dict(),
            },
            "scenario": {"id": self.scenario, "path": self.scenario_path},
            "model": {"name": m.name, "assumptions_in_force": sorted(m.enabled)},
            "setup": {
                "document_type": self.doc_type,
                "document_type_label": m.label(self.doc_type).as_dict(),
                "department": self.department,
                "department_chosen_by_replay": self.department_chosen,
                "related_departments": list(self.related),
                "conditions": list(self.conditions),
                "conditions_added_by_replay": list(self.added_conditions),
                "absent": [
                    {
                        "person": p,
                        "reason": r,
                        "person_label": m.label(p).as_dict(),
                        "reason_label": m.label(r).as_dict(),
                    }
                    for p, r in self.absent
                ],
                "arrival": self.arrival,
                "date_from": self.date_source,
                "service_times": self.service_times,
                "random_absences": False,
                "meetings_from": self.meetings_mode,
                "meetings": [b.as_dict() for b in self.meetings],
            },
            "steps": [s.as_dict(m) for s in self.steps],
            "outcome": self.outcome,
            "predicted": self.predicted.as_dict(),
            "observed": self.observed.as_dict(),
            "agrees": self.agrees,
        }
        if self.timing is not None:
            out["timing"] = self.timing.as_dict()
        if self.separation is not None:
            out["separation"] = self.separation.as_dict()
        if self.note is not None:
            out["note"] = self.note.as_dict()
        return out


def _articles(model: Model, ident: str) -> tuple[int, ...]:
    return tuple(getattr(model.get(ident), "articles", ()) or ())
