"""Replay a verification counterexample as one deterministic simulation run.

The verifier says "for all scenarios within bounds" and, when a property fails, gives the
smallest scenario that breaks it (:class:`~govmodel.findings.Counterexample`). :func:`replay`
runs exactly that scenario through the simulation engine, so that the two views can be seen
to agree (or not) on the same case:

- the counterexample's absent persons are absent, with their reasons, for the whole run;
  the scenario's random absences are dropped;
- one document of the counterexample's type, department, related departments and
  conditions; it reaches the government on the counterexample's date (timing findings:
  ``dates.submitted``, or ``dates.start``), otherwise it arrives on an ordinary working day
  (:data:`ORDINARY_DAY` of the scenario's first year);
- service times are the scenario's **means**, fixed (no randomness); optional ("may") steps
  are taken only if the finding names them; meetings sit on the scenario's cadence;
- the engine is the ordinary one (:class:`~govmodel.sim.engine.Simulation`, the document
  process, the meeting boards, :func:`govmodel.graph.performers`): nothing here decides who
  may act.

Only findings whose subject is a document's path through the procedures can be replayed:
``coverage.step``, ``separation.two_levels``, ``timing.cadence`` and
``timing.calendar_days``. Other classes raise :class:`NotReplayable` with a one-line reason.

This module reads findings (plain data, :mod:`govmodel.findings`); it never imports the
verifier.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from govmodel.calendar import WorkingDays
from govmodel.crosscheck.replay_result import (
    FORMAT,
    DateSource,
    MeetingSetup,
    MeetingsMode,
    NotReplayable,
    Outcome,
    Replay,
    ReplayStep,
)
from govmodel.crosscheck.replay_run import ReplaySim, fixed_service_times, run_once, run_steps
from govmodel.crosscheck.replay_verdict import (
    cadence_note,
    coverage_verdict,
    separation_verdict,
    stopped_earlier,
    timing_verdict,
)
from govmodel.crosscheck.replay_witness import cadence_dates, scene_of, submitted_on
from govmodel.crosscheck.replay_words import step_of
from govmodel.errors import GovmodelError
from govmodel.findings import Finding, Status
from govmodel.graph.authority import Context, performers
from govmodel.model import Model
from govmodel.sim.loaded import LoadedScenario
from govmodel.sim.plan import DocPlan
from govmodel.sim.scenario import Span

__all__ = [
    "NotReplayable",
    "Replay",
    "ReplayStep",
    "replay",
    "REPLAYABLE",
    "ORDINARY_DAY",
    "FORMAT",
    "MEETINGS",
]

REPLAYABLE = frozenset({"coverage.step", "separation.two_levels", "timing.cadence", "timing.calendar_days"})
ORDINARY_DAY = (3, 3)
"""(month, day): documents without a date arrive on the first working day on or after this
day of the scenario's first year (early March: no public holiday within a month)."""

_WHY_NOT = {
    "structure": "a structure finding is a property of the model's graph, not of a document in time",
    "conflict": "a conflict finding says two rules apply to one case; "
    "a run would follow one of them and prove nothing",
    "unspecified": "the rules name nobody to act; the simulation can only skip or stop the step "
    "(see waiting.unspecified_actor)",
    "mandatory": "a mandatory-step finding is about every path through the procedures, not one run",
    "unspecified.role": "nobody in the cast holds the role for some departments; "
    "replay the coverage.step findings it causes instead",
    "unspecified.leave": "leave requests are not simulated (only documents are)",
    "coverage.meeting": "presiding over a meeting is not replayed yet (only documents' steps are)",
    "coverage.leave": "leave requests are not simulated (only documents are)",
    "coverage.quorum": "attendance at a meeting is not simulated (only documents are)",
    "separation.own_leave": "leave requests are not simulated (only documents are)",
}


# -- the replay ------------------------------------------------------------------------------
def _check_replayable(f: Finding) -> None:
    if f.status != Status.violated or f.counterexample is None:
        state = "holds" if f.status == Status.holds else "is unknown (solver timeout)"
        raise NotReplayable(
            f"finding {f.fingerprint} ({f.property}) {state}: there is no counterexample to replay"
        )
    if f.property not in REPLAYABLE:
        why = (
            _WHY_NOT.get(f.property)
            or _WHY_NOT.get(f.cls)
            or "only document steps, separation and timing findings are replayed"
        )
        raise NotReplayable(
            f"finding {f.fingerprint} ({f.property}) cannot be replayed as a simulation: {why}"
        )


def _doc_type(model: Model, f: Finding) -> str:
    cx = f.counterexample
    assert cx is not None
    ty = scene_of(cx).document_type
    if not ty and f.property == "timing.calendar_days":
        tl = f.subject.element
        for d in model.document_types:
            if model.procedures_for(d.id) and any(x.id == tl for x in model.time_limits_for(d.id)):
                ty = d.id
                break
    if not ty:
        raise NotReplayable(
            f"finding {f.fingerprint} ({f.property}) names no document type: its steps belong to a meeting's "
            f"agenda, documents or minutes, not to a document the simulation runs"
        )
    if not model.procedures_for(ty):
        raise NotReplayable(f"no procedure of the model governs document type {ty!r}; nothing to simulate")
    return str(ty)


def _named_steps(f: Finding) -> tuple[str, ...]:
    if f.property == "coverage.step":
        return (f.subject.element,)  # the step (its subject may be one class of portfolio of it)
    if f.property == "separation.two_levels":
        return f.subject.steps  # the earlier and the later level
    return ()


def _choose_department(
    model: Model,
    plan: DocPlan,
    f: Finding,
    given: str | None,
    related: frozenset[str],
    doc_type: str,
    absent: Mapping[str, str],
) -> tuple[str | None, bool]:
    """The counterexample's department; if it names none (the property does not depend on
    it), the first constituent department of the cast in which every step the finding does
    not name has someone able to act, so that the run reaches the steps that matter."""
    if given:
        return given, False
    if not model.cast:
        return None, False
    named = set(_named_steps(f))
    depts = [d.id for d in model.cast.departments if d.constituent and d.id not in related]
    for d in depts:
        ctx = Context(department=d, related_departments=related)
        ok = True
        for sp in plan.steps:
            if sp.node in named or sp.meetings or not sp.step.by or sp.take_probability < 1.0:
                continue
            if not performers(model, sp.step.by, sp.step.act, doc_type, ctx, absent):
                ok = False
                break
        if ok:
            return d, True
    return (depts[0] if depts else None), True


MEETINGS = ("scenario", "counterexample")


def replay(loaded: LoadedScenario, finding: Finding, meetings: MeetingsMode = "scenario") -> Replay:
    """Run ``finding``'s counterexample as one deterministic simulation of ``loaded``.

    Parameters
    ----------
    loaded : LoadedScenario
        The scenario whose model, calendar, service times, meeting policies and waiting
        policy the run uses (its arrivals and random absences are not used). Its model must
        be the one the finding was verified on.
    finding : Finding
        A violated finding of a replayable property (:data:`REPLAYABLE`).
    meetings : {"scenario", "counterexample"}
        Meetings sit on the scenario's cadence (default), or, for a ``timing.cadence``
        finding, the counterexample's meeting sits only on its ``dates.next_meeting`` (the
        verifier's worst case: a monthly meeting may fall on any working day of its month).

    Raises
    ------
    NotReplayable
        The finding holds, is unknown, or its class cannot be run as a document's life
        (or its dates fall outside the calendar the scenario knows).
    """
    _check_replayable(finding)
    try:
        return _replay(loaded, finding, meetings)
    except NotReplayable:
        raise
    except GovmodelError as exc:  # e.g. a date in a year the calendar does not know
        raise NotReplayable(
            f"finding {finding.fingerprint} cannot be replayed: {exc}".splitlines()[0]
        ) from None


def _replay(loaded: LoadedScenario, finding: Finding, meetings: MeetingsMode) -> Replay:
    model = loaded.model
    cx = finding.counterexample
    assert cx is not None
    doc_type = _doc_type(model, finding)
    absent = tuple((a.person, a.reason) for a in cx.absent)
    absent_map = dict(absent)
    scene = scene_of(cx)
    related = frozenset(scene.related_departments)
    conditions = set(cx.conditions)
    named = _named_steps(finding)
    # the steps the finding is about must apply: add their own 'when' conditions if missing
    added: list[str] = []
    for node in named:
        step = step_of(model, node)
        if step is not None and step.when and step.when not in conditions:
            conditions.add(step.when)
            added.append(step.when)
    others = [c.id for c in model.conditions if c.meaning == "involves_other_departments"]
    if related and others and not conditions & set(others):
        # the one the document's steps name (the text's own words for it), else the first declared
        whens = {s.when for p in model.procedures_for(doc_type) for s in p.steps}
        kind = next((c for c in others if c in whens), others[0])
        conditions.add(kind)
        added.append(kind)
    fconds = frozenset(conditions)

    # a deterministic copy of the scenario: fixed mean service times, no random absences,
    # optional steps taken only if named
    spec = loaded.spec
    spec = spec.model_copy(
        update={
            "absences": (),
            "service_times": fixed_service_times(spec),
            "optional_steps": {n: 1.0 for n in named},
        }
    )
    det = dataclasses.replace(loaded, spec=spec)
    cal = loaded.calendar
    probe = ReplaySim(det)
    plan = probe.planner.plan(doc_type, model.close_conditions(fconds))
    missing = [n for n in named if n not in {sp.node for sp in plan.steps}]
    if missing:
        raise NotReplayable(
            f"a document of type {doc_type!r} with conditions {sorted(fconds)} does not go through "
            f"{', '.join(missing)} in the simulation's plan"
        )
    department, chosen = _choose_department(
        model, plan, finding, scene.department, related, doc_type, absent_map
    )

    # when: the counterexample's date (timing) or an ordinary working day
    timing_limit = finding.subject.element if finding.cls == "timing" else None
    date_text = submitted_on(cx)
    hours = probe.clock.hours_per_day
    if date_text:
        day = dt.date.fromisoformat(str(date_text))
        date_source: DateSource = "counterexample"
    else:
        first = spec.horizon.start
        day = dt.date(first.year, *ORDINARY_DAY)
        date_source = "ordinary"
    if meetings not in MEETINGS:
        raise NotReplayable(f"meetings {meetings!r}: expected one of {', '.join(MEETINGS)}")
    sittings: dict[str, list[dt.date]] = {}
    if meetings == "counterexample":
        next_meeting = cadence_dates(cx).next_meeting
        if finding.property != "timing.cadence" or not scene.meeting or not next_meeting:
            raise NotReplayable(
                "--meetings counterexample needs a timing.cadence finding (it names a meeting and its date)"
            )
        sittings[scene.meeting] = [dt.date.fromisoformat(next_meeting)]
    day = cal.next_working_day(day, inclusive=True)
    run = run_once(det, day, 0.0, doc_type, department, related, fconds, absent, sittings)
    if timing_limit is not None:
        lp = next((x for x in run.doc.plan.limits if x.id == timing_limit), None)
        if lp is None:
            raise NotReplayable(
                f"time limit {timing_limit!r} does not apply to a {doc_type!r} document in the simulation"
            )
        if lp.start is not None and lp.start in run.doc.marks:
            # the limit's clock starts on the counterexample's day (at its end): start earlier
            # by the (deterministic) time the steps before the clock's start take
            pre = run.doc.marks[lp.start] - run.doc.arrival
            origin = _back(cal, day, int(pre // hours) + 2)
            clock_probe = ReplaySim(
                dataclasses.replace(
                    det,
                    spec=spec.model_copy(
                        update={"horizon": spec.horizon.model_copy(update={"start": origin})}
                    ),
                )
            ).clock
            arrival = clock_probe.time_of(day) + hours - pre
            if arrival < 0:
                raise NotReplayable("the steps before the submission take longer than the replay's lead-in")
            run = run_once(det, origin, arrival, doc_type, department, related, fconds, absent, sittings)

    steps = run_steps(run, model, doc_type)
    sim, doc = run.sim, run.doc
    outcome: Outcome = "blocked" if doc.failed is not None else "completed" if run.finished else "unfinished"
    timing = sep = None
    if finding.cls == "timing":
        assert timing_limit is not None
        timing, predicted, observed, agrees = timing_verdict(finding, run, timing_limit, model)
    elif finding.property == "separation.two_levels":
        sep, predicted, observed, agrees = separation_verdict(finding, run, steps, model, named)
    else:
        predicted, observed, agrees = coverage_verdict(finding, run, steps, model, named[0])
    note = (
        cadence_note(finding, timing, sim, model, agrees, meetings)
        if timing is not None
        else stopped_earlier(steps, named, agrees)
    )
    boards = tuple(
        MeetingSetup(
            b.id,
            model.label(b.id),
            str(b.meeting.cadence),
            b.policy.working_day,
            _working_days(b.policy.cutoff, hours),
            b.policy.capacity,
            tuple(sittings[b.id]) if b.id in sittings else None,
        )
        for b in sim.boards.values()
    )
    return Replay(
        finding=finding,
        scenario=loaded.name,
        scenario_path=loaded.path,
        model=model,
        doc_type=doc_type,
        department=department,
        department_chosen=chosen,
        related=tuple(sorted(related)),
        conditions=tuple(sorted(doc.conditions)),
        added_conditions=tuple(added),
        absent=absent,
        arrival=sim.clock.timestamp(doc.arrival),
        date_source=date_source,
        service_times="the scenario's mean service times, fixed (no randomness)",
        meetings=boards,
        steps=steps,
        outcome=outcome,
        predicted=predicted,
        observed=observed,
        agrees=agrees,
        timing=timing,
        separation=sep,
        note=note,
        meetings_mode=meetings,
    )


def _back(cal: Any, day: dt.date, n: int) -> dt.date:
    """The working day ``n`` working days before ``day``."""
    try:
        earlier: dt.date = cal.add(day, WorkingDays(-n))
        return earlier
    except GovmodelError as exc:
        raise NotReplayable(f"the replay must start before {day} but the calendar cannot: {exc}") from None


def _working_days(span: Span, hours: float) -> float:
    return float(span.value if span.unit == "working_days" else span.value / hours)
