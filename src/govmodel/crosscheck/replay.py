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
import random
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import Any

from govmodel.errors import GovmodelError
from govmodel.findings import Finding, Status
from govmodel.graph.authority import Context, Performer, holders, performers, role_ancestors, rule_applies
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.vocab import ACT_LABELS, Act
from govmodel.refs import Label
from govmodel.sim.engine import Doc, Simulation
from govmodel.sim.loaded import LoadedScenario
from govmodel.sim.plan import DocPlan, StepPlan
from govmodel.sim.processes import document

__all__ = ["NotReplayable", "Replay", "ReplayStep", "replay", "REPLAYABLE", "ORDINARY_DAY", "FORMAT"]

FORMAT = "govmodel-replay/1"
REPLAYABLE = frozenset({"coverage.step", "separation.two_levels", "timing.cadence", "timing.calendar_days"})
ORDINARY_DAY = (3, 3)
"""(month, day): documents without a date arrive on the first working day on or after this
day of the scenario's first year (early March: no public holiday within a month)."""

_WHY_NOT = {
    "structure": "a structure finding is a property of the model's graph, not of a document in time",
    "conflict": "a conflict finding says two rules apply to one case; a run would follow one of them and prove nothing",
    "unspecified": "the rules name nobody to act; the simulation can only skip or stop the step (see waiting.unspecified_actor)",
    "mandatory": "a mandatory-step finding is about every path through the procedures, not one run",
    "unspecified.role": "nobody in the cast holds the role for some departments; replay the coverage.step findings it causes instead",
    "unspecified.leave": "leave requests are not simulated (only documents are)",
    "coverage.meeting": "presiding over a meeting is not replayed yet (only documents' steps are)",
    "coverage.leave": "leave requests are not simulated (only documents are)",
    "separation.own_leave": "leave requests are not simulated (only documents are)",
}


class NotReplayable(GovmodelError):
    """The finding cannot be replayed as a simulation run (message: one line, why)."""


# -- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReplayStep:
    """One line of the replay: an act performed, a meeting's decision, a skipped step, or the
    step at which the document could not proceed."""

    kind: str  # "act" | "meeting" | "skipped" | "blocked" | "waiting"
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
            "kind": self.kind, "step": self.node, "act": self.act, "articles": list(self.articles),
            "start": self.start, "end": self.end, "working_day": self.working_day,
            "label": model.label(self.node).as_dict(),
        }
        if self.person or self.actor:
            out["performer"] = {
                "person": self.person, "person_label": model.label(self.person).as_dict() if self.person else None,
                "as": self.actor, "as_label": model.label(self.actor).as_dict() if self.actor else None,
                "directly": not self.via,
                "via": [{"rule": r, "articles": list(_articles(model, r)), "label": model.label(r).as_dict()} for r in self.via],
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
    date_source: str  # "counterexample" | "ordinary"
    service_times: str
    meetings: tuple[dict[str, Any], ...]
    steps: tuple[ReplayStep, ...]
    outcome: str  # "completed" | "blocked" | "unfinished"
    predicted: Label
    observed: Label
    agrees: bool
    timing: Mapping[str, Any] | None = None
    separation: Mapping[str, Any] | None = None
    note: Label | None = None
    meetings_mode: str = "scenario"

    def as_dict(self) -> dict[str, Any]:
        f, m = self.finding, self.model
        out: dict[str, Any] = {
            "format": FORMAT,
            "finding": {"fingerprint": f.fingerprint, "property": f.property, "class": f.cls, "subject": f.subject,
                        "articles": list(f.articles), "message": f.message.as_dict()},
            "scenario": {"id": self.scenario, "path": self.scenario_path},
            "model": {"name": m.name, "assumptions_in_force": sorted(m.enabled)},
            "setup": {
                "document_type": self.doc_type, "document_type_label": m.label(self.doc_type).as_dict(),
                "department": self.department, "department_chosen_by_replay": self.department_chosen,
                "related_departments": list(self.related), "conditions": list(self.conditions),
                "conditions_added_by_replay": list(self.added_conditions),
                "absent": [{"person": p, "reason": r, "person_label": m.label(p).as_dict(),
                            "reason_label": m.label(r).as_dict()} for p, r in self.absent],
                "arrival": self.arrival, "date_from": self.date_source,
                "service_times": self.service_times, "random_absences": False,
                "meetings_from": self.meetings_mode,
                "meetings": list(self.meetings),
            },
            "steps": [s.as_dict(m) for s in self.steps],
            "outcome": self.outcome,
            "predicted": self.predicted.as_dict(),
            "observed": self.observed.as_dict(),
            "agrees": self.agrees,
        }
        if self.timing is not None:
            out["timing"] = dict(self.timing)
        if self.separation is not None:
            out["separation"] = dict(self.separation)
        if self.note is not None:
            out["note"] = self.note.as_dict()
        return out


# -- helpers ---------------------------------------------------------------------------------


def _act_label(act: str) -> Label:
    try:
        return ACT_LABELS[Act(act)]
    except (ValueError, KeyError):
        return Label(act, act)


def _verb(act: str) -> str:
    """The act as an English infinitive ('signs' → 'sign', 'routes_to' → 'route to')."""
    words = act.split("_")
    if words[0].endswith("s") and not words[0].endswith("ss"):
        words[0] = words[0][:-1]
    return " ".join(words)


def step_label(model: Model, node: str) -> Label:
    """A step in words: who does what ('市长签发' / 'Mayor signs')."""
    step = _step(model, node)
    if step is None:
        return Label(node, node)
    al = _act_label(step.act.value)
    if not step.by:
        return Label(al.zh, al.en)
    return Label("或".join(model.label(a).zh for a in step.by) + al.zh,
                 " or ".join(model.label(a).en for a in step.by) + " " + al.en)


def _articles(model: Model, ident: str) -> tuple[int, ...]:
    return tuple(getattr(model.get(ident), "articles", ()) or ())


def _arts(arts: tuple[int, ...], lang: str) -> str:
    if not arts:
        return ""
    return ("第" + "、".join(str(a) for a in arts) + "条") if lang == "zh" else ("art. " + ", ".join(str(a) for a in arts))


def _join(model: Model, ids: Any, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(getattr(model.label(i), lang) for i in ids)


def why_blocked(model: Model, actors: tuple[str, ...], act: str, doc_type: str, ctx: Context,
                absent: Mapping[str, str]) -> Label:
    """Why nobody present may perform ``act`` as one of ``actors``: each absent holder, and
    for each the deputy rules of the model that could have covered and why they do not."""
    zh: list[str] = []
    en: list[str] = []
    al = _act_label(act)
    persons = [(a, p) for a in actors for p in holders(model, a, ctx)]
    if not persons:
        names = _join(model, actors, "zh"), _join(model, actors, "en")
        return Label(f"名单中此情形下无人担任{names[0]},无人可{al.zh}",
                     f"nobody in the cast holds {names[1]} here, so nobody may {_verb(act)}")
    zh.append(f"无人在岗可{al.zh}")
    en.append(f"nobody present may {_verb(act)}")
    for actor, person in persons:
        reason = absent.get(person)
        if reason is None:
            continue
        pl, rl, ro = model.label(person), model.label(reason), model.label(actor)
        zh.append(f"{pl.zh}({ro.zh})因{rl.zh}不在岗")
        en.append(f"{pl.en} ({ro.en}) is away: {rl.en}")
        ancestors = set(role_ancestors(model, actor, person))
        rules = [r for r in model.deputy_rules if r.principal in ancestors and rule_applies(model, r, act, doc_type)]
        if not rules:
            zh.append(f"规则未规定由谁代{ro.zh}{al.zh}")
            en.append(f"no rule names a stand-in for the {ro.en} to {_verb(act)}")
        for r in rules:
            lab, arts = model.label(r.id), tuple(r.articles)
            if reason not in r.when_absent_for:
                zh.append(f"「{lab.zh}」({_arts(arts, 'zh')})仅适用于{_join(model, r.when_absent_for, 'zh')}")
                en.append(f"'{lab.en}' ({_arts(arts, 'en')}) names only {_join(model, r.when_absent_for, 'en')}")
                continue
            deps = [d for d in holders(model, r.deputy, ctx) if d != person]
            if not deps:
                zh.append(f"「{lab.zh}」({_arts(arts, 'zh')})所指的{model.label(r.deputy).zh}无人担任")
                en.append(f"nobody holds the {model.label(r.deputy).en} named by '{lab.en}' ({_arts(arts, 'en')})")
            for d in deps:
                if d in absent:
                    zh.append(f"依「{lab.zh}」({_arts(arts, 'zh')})代行的{model.label(d).zh}也因{model.label(absent[d]).zh}不在岗")
                    en.append(f"{model.label(d).en}, who stands in under '{lab.en}' ({_arts(arts, 'en')}), is away too: {model.label(absent[d]).en}")
    return Label(";".join(zh), "; ".join(en))


def _fixed_service_times(spec: Any) -> Any:
    def fixed(st: Any) -> Any:
        return st.model_copy(update={"dist": "fixed", "value": st.mean_value(), "mean": None, "sd": None,
                                     "min": None, "mode": None, "max": None})

    stt = spec.service_times
    return stt.model_copy(update={"default": fixed(stt.default),
                                  "acts": {k: fixed(v) for k, v in stt.acts.items()},
                                  "steps": {k: fixed(v) for k, v in stt.steps.items()}})


_PRIORITY = (("special_urgent", 0), ("urgent", 1))


class _ReplaySim(Simulation):
    """A :class:`Simulation` that keeps every act and failure of its one document."""

    def __init__(self, loaded: LoadedScenario):
        super().__init__(loaded, 0, 0)
        self.acts: list[tuple[StepPlan, Performer, float, float, float, float, str | None]] = []
        self.failed_at: float | None = None

    def record_act(self, doc: Doc, sp: StepPlan, p: Performer, requested: float, start: float,
                   end: float, waited: float, resource: str | None = None) -> None:
        super().record_act(doc, sp, p, requested, start, end, waited, resource)
        self.acts.append((sp, p, requested, start, end, waited, resource))

    def fail(self, doc: Doc, reason: str) -> None:
        super().fail(doc, reason)
        self.failed_at = self.env.now


@dataclass
class _Run:
    sim: _ReplaySim
    doc: Doc
    finished: bool


def _run_once(loaded: LoadedScenario, origin: dt.date, arrival: float, doc_type: str, department: str | None,
              related: frozenset[str], conditions: frozenset[str], absent: tuple[tuple[str, str], ...],
              sittings: Mapping[str, list[dt.date]] | None = None, horizon_days: int = 130) -> _Run:
    spec = loaded.spec
    spec = spec.model_copy(update={"horizon": spec.horizon.model_copy(update={"start": origin})})
    sim = _ReplaySim(dataclasses.replace(loaded, spec=spec))
    env = sim.env
    for person, reason in absent:  # absent for the whole run, from before the document arrives
        sim.absences.leave(person, reason)
    for mid, days in (sittings or {}).items():
        if mid in sim.boards:
            sim.boards[mid].fix_sittings(days)
    for board in sim.boards.values():
        env.process(board.run())
    conds = sim._close(conditions)
    priority = next((lvl for c, lvl in _PRIORITY if c in conds), 2)
    plan: DocPlan = sim.planner.plan(doc_type, conds)
    doc = Doc(1, "replay-1", doc_type, department or "", related, conds, priority, plan,
              random.Random(f"govmodel/replay/{doc_type}"), arrival, True)
    if department is None:
        doc.ctx = Context(related_departments=related)
    sim.rec.arrived = sim.rec.measured = 1
    sim.live[1] = doc

    def life() -> Generator[Any, Any, None]:
        if arrival > 0:
            yield env.timeout(arrival)
        yield from document(sim, doc)

    proc = env.process(life())
    limit = horizon_days * sim.clock.hours_per_day + sim.give_up_hours  # long enough for a quarterly meeting
    try:
        env.run(until=proc | env.timeout(limit))
    except GovmodelError as exc:  # e.g. the run reaches a year the calendar does not know
        raise NotReplayable(f"the replay cannot run from {origin}: {exc}".splitlines()[0]) from None
    return _Run(sim, doc, proc.triggered)


# -- the replay ------------------------------------------------------------------------------
def _check_replayable(f: Finding) -> None:
    if f.status != Status.violated or f.counterexample is None:
        state = "holds" if f.status == Status.holds else "is unknown (solver timeout)"
        raise NotReplayable(f"finding {f.fingerprint} ({f.property}) {state}: there is no counterexample to replay")
    if f.property not in REPLAYABLE:
        why = _WHY_NOT.get(f.property) or _WHY_NOT.get(f.cls) or "only document steps, separation and timing findings are replayed"
        raise NotReplayable(f"finding {f.fingerprint} ({f.property}) cannot be replayed as a simulation: {why}")


def _doc_type(model: Model, f: Finding) -> str:
    cx = f.counterexample
    assert cx is not None
    ty = cx.cast.get("document_type")
    if not ty and f.property == "timing.calendar_days":
        tl = f.subject
        for d in model.document_types:
            if model.procedures_for(d.id) and any(x.id == tl for x in model.time_limits_for(d.id)):
                ty = d.id
                break
    if not ty:
        raise NotReplayable(f"finding {f.fingerprint} ({f.property}) names no document type: its steps belong to a meeting's "
                            f"agenda, documents or minutes, not to a document the simulation runs")
    if not model.procedures_for(ty):
        raise NotReplayable(f"no procedure of the model governs document type {ty!r}; nothing to simulate")
    return str(ty)


def _named_steps(f: Finding) -> tuple[str, ...]:
    if f.property == "coverage.step":
        return (f.subject,)
    if f.property == "separation.two_levels":
        return tuple(s.strip() for s in f.subject.split(">"))
    return ()


def _choose_department(model: Model, plan: DocPlan, f: Finding, given: str | None, related: frozenset[str],
                       doc_type: str, absent: Mapping[str, str]) -> tuple[str | None, bool]:
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


def replay(loaded: LoadedScenario, finding: Finding, meetings: str = "scenario") -> Replay:
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
        raise NotReplayable(f"finding {finding.fingerprint} cannot be replayed: {exc}".splitlines()[0]) from None


def _replay(loaded: LoadedScenario, finding: Finding, meetings: str) -> Replay:
    model = loaded.model
    cx = finding.counterexample
    assert cx is not None
    doc_type = _doc_type(model, finding)
    absent = tuple((a.person, a.reason) for a in cx.absent)
    absent_map = dict(absent)
    related = frozenset(cx.cast.get("related_departments") or ())
    conditions = set(cx.conditions)
    named = _named_steps(finding)
    # the steps the finding is about must apply: add their own 'when' conditions if missing
    added: list[str] = []
    for node in named:
        step = _step(model, node)
        if step is not None and step.when and step.when not in conditions:
            conditions.add(step.when)
            added.append(step.when)
    if related and not conditions & {"cross_department", "multi_department"}:
        kind = "multi_department" if any(s.when == "multi_department" for p in model.procedures_for(doc_type) for s in p.steps) else "cross_department"
        if model.get(kind) is not None:
            conditions.add(kind)
            added.append(kind)
    fconds = frozenset(conditions)

    # a deterministic copy of the scenario: fixed mean service times, no random absences,
    # optional steps taken only if named
    spec = loaded.spec
    spec = spec.model_copy(update={
        "absences": (),
        "service_times": _fixed_service_times(spec),
        "optional_steps": {n: 1.0 for n in named},
    })
    det = dataclasses.replace(loaded, spec=spec)
    cal = loaded.calendar
    probe = _ReplaySim(det)
    plan = probe.planner.plan(doc_type, probe._close(fconds))
    missing = [n for n in named if n not in {sp.node for sp in plan.steps}]
    if missing:
        raise NotReplayable(f"a document of type {doc_type!r} with conditions {sorted(fconds)} does not go through "
                            f"{', '.join(missing)} in the simulation's plan")
    department, chosen = _choose_department(model, plan, finding, cx.cast.get("department"), related, doc_type, absent_map)

    # when: the counterexample's date (timing) or an ordinary working day
    timing_limit = finding.subject.split("@")[0] if finding.cls == "timing" else None
    date_text = (cx.dates.get("submitted") or cx.dates.get("start")) if cx.dates else None
    hours = probe.clock.hours_per_day
    if date_text:
        day = dt.date.fromisoformat(str(date_text))
        date_source = "counterexample"
    else:
        first = spec.horizon.start
        day = dt.date(first.year, *ORDINARY_DAY)
        date_source = "ordinary"
    if meetings not in MEETINGS:
        raise NotReplayable(f"meetings {meetings!r}: expected one of {', '.join(MEETINGS)}")
    sittings: dict[str, list[dt.date]] = {}
    if meetings == "counterexample":
        if finding.property != "timing.cadence" or not cx.cast.get("meeting") or not cx.dates.get("next_meeting"):
            raise NotReplayable("--meetings counterexample needs a timing.cadence finding (it names a meeting and its date)")
        sittings[str(cx.cast["meeting"])] = [dt.date.fromisoformat(str(cx.dates["next_meeting"]))]
    day = cal.next_working_day(day, inclusive=True)
    run = _run_once(det, day, 0.0, doc_type, department, related, fconds, absent, sittings)
    if timing_limit is not None:
        lp = next((x for x in run.doc.plan.limits if x.id == timing_limit), None)
        if lp is None:
            raise NotReplayable(f"time limit {timing_limit!r} does not apply to a {doc_type!r} document in the simulation")
        if lp.start is not None and lp.start in run.doc.marks:
            # the limit's clock starts on the counterexample's day (at its end): start earlier
            # by the (deterministic) time the steps before the clock's start take
            pre = run.doc.marks[lp.start] - run.doc.arrival
            origin = _back(cal, day, int(pre // hours) + 2)
            clock_probe = _ReplaySim(dataclasses.replace(det, spec=spec.model_copy(
                update={"horizon": spec.horizon.model_copy(update={"start": origin})}))).clock
            arrival = clock_probe.time_of(day) + hours - pre
            if arrival < 0:
                raise NotReplayable("the steps before the submission take longer than the replay's lead-in")
            run = _run_once(det, origin, arrival, doc_type, department, related, fconds, absent, sittings)

    steps = _steps(run, model, doc_type)
    sim, doc = run.sim, run.doc
    outcome = "blocked" if doc.failed is not None else "completed" if run.finished else "unfinished"
    timing = sep = None
    if finding.cls == "timing":
        assert timing_limit is not None
        timing, predicted, observed, agrees = _timing(finding, run, timing_limit, model)
    elif finding.property == "separation.two_levels":
        sep, predicted, observed, agrees = _separation(finding, run, steps, model, named)
    else:
        predicted, observed, agrees = _coverage(finding, run, steps, model, named[0])
    note = _note(finding, timing, sim, model, agrees, meetings) if timing is not None else _earlier(steps, named, agrees)
    boards = tuple({"meeting": b.id, "label": model.label(b.id).as_dict(), "cadence": str(b.meeting.cadence),
                      "working_day": b.policy.working_day, "cutoff_working_days": _working_days(b.policy.cutoff, hours),
                      "capacity": b.policy.capacity,
                      "sits": "counterexample" if b.id in sittings else "scenario",
                      **({"sittings": [d.isoformat() for d in sittings[b.id]]} if b.id in sittings else {})}
                     for b in sim.boards.values())
    return Replay(
        finding=finding, scenario=loaded.name, scenario_path=loaded.path, model=model, doc_type=doc_type,
        department=department, department_chosen=chosen, related=tuple(sorted(related)),
        conditions=tuple(sorted(doc.conditions)), added_conditions=tuple(added), absent=absent,
        arrival=sim.clock.timestamp(doc.arrival), date_source=date_source,
        service_times="the scenario's mean service times, fixed (no randomness)", meetings=boards,
        steps=steps, outcome=outcome, predicted=predicted, observed=observed, agrees=agrees,
        timing=timing, separation=sep, note=note, meetings_mode=meetings,
    )


def _back(cal: Any, day: dt.date, n: int) -> dt.date:
    """The working day ``n`` working days before ``day``."""
    try:
        while n > 0:
            day -= dt.timedelta(days=1)
            if cal.is_working_day(day):
                n -= 1
    except GovmodelError as exc:
        raise NotReplayable(f"the replay must start before {day} but the calendar cannot: {exc}") from None
    return day


def _note(f: Finding, timing: Mapping[str, Any], sim: _ReplaySim, model: Model, agrees: bool, meetings: str) -> Label | None:
    """Why a cadence replay on the scenario's meeting days need not reproduce the worst case."""
    cx = f.counterexample
    if f.property != "timing.cadence" or agrees or meetings != "scenario" or cx is None:
        return None
    mid = str(cx.cast.get("meeting") or "")
    board = sim.boards.get(mid)
    if board is None:
        return None
    ml = model.label(mid)
    held = timing.get("meeting_decided") or {}
    n = board.policy.working_day
    return Label(
        f"情景假设{ml.zh}在每月第{n}个工作日召开(本次{held.get('date', '—')}),在期限之内;验证按最坏情形:"
        f"每月会议可在当月任一工作日召开(上次恰在{cx.dates.get('submitted')}前,下次迟至{cx.dates.get('next_meeting')})。"
        f"用 --meetings counterexample 按反例日期召开会议。",
        f"the scenario assumes the {ml.en} sits on working day {n} of each month (here {held.get('date', '—')}), inside "
        f"the limit; the verifier takes the worst case, a monthly meeting on any working day of its month (the last just "
        f"before {cx.dates.get('submitted')}, the next as late as {cx.dates.get('next_meeting')}). Use --meetings "
        f"counterexample to sit the meeting on the counterexample's date.")


def _earlier(steps: tuple[ReplayStep, ...], named: tuple[str, ...], agrees: bool) -> Label | None:
    """When the run stops before the finding's step: say so (the verifier checks each step on its own)."""
    stop = next((s for s in steps if s.kind in ("blocked", "waiting")), None)
    if agrees or stop is None or stop.node in named:
        return None
    return Label(f"同一情形使文件更早停在{stop.node};验证逐步单独检查每一步,而一次运行中文件到不了{'、'.join(named)}。"
                 f"参见{stop.node}的检查结果。",
                 f"the same scenario stops the document earlier, at {stop.node}; the verifier checks each step on its own, "
                 f"but in a run the document never reaches {', '.join(named)} (see the findings for {stop.node}).")


def _working_days(span: Any, hours: float) -> float:
    return span.value if span.unit == "working_days" else span.value / hours


def _step(model: Model, node: str) -> t.Step | None:
    proc_id, _, step_id = node.partition(".")
    proc = model.get(proc_id)
    for s in getattr(proc, "steps", ()) or ():
        if s.id == step_id:
            return s
    return None


def _steps(run: _Run, model: Model, doc_type: str) -> tuple[ReplayStep, ...]:
    sim, doc = run.sim, run.doc
    clock = sim.clock
    hours = clock.hours_per_day
    first = clock.day_index(doc.arrival)

    def wd(tm: float, end: bool = False) -> int:
        return clock.day_index(tm, end=end) - first + 1

    out: list[tuple[float, int, ReplayStep]] = []
    for i, (sp, p, requested, start, end, waited, resource) in enumerate(sim.acts):
        kind = "meeting" if resource is not None else "act"
        out.append((start, i, ReplayStep(
            kind, sp.node, sp.step.act.value, tuple(sp.step.articles), clock.timestamp(start), clock.timestamp(end, end=True),
            clock.date(start), clock.date(end, end=True), wd(start), p.person, p.actor if resource is None else resource,
            p.via, (start - requested + waited) / hours)))
    rec = sim.rec
    for key, info in rec.blocked_info.items():
        node = info["step"]
        sp = next((s for s in doc.plan.steps if s.node == node), None)
        step = sp.step if sp else _step(model, node)
        arts = tuple(step.articles) if step else ()
        if key.endswith("no actor named"):
            at = _skip_time(sim, doc, node)
            out.append((at, 10_000, ReplayStep(
                "skipped", node, info["act"], arts, clock.timestamp(at), clock.timestamp(at), clock.date(at), clock.date(at),
                wd(at), why=Label("条文要求此行为,但未指明由谁履行,情景规定跳过",
                                  "the rules require this act but name nobody to perform it; the scenario skips it"))))
            continue
        if key != doc.failed:
            continue
        end = sim.failed_at if sim.failed_at is not None else sim.env.now
        start = end - rec.blocked_hours.get(key, 0.0)
        actors = tuple(info["actors"])
        why = (why_blocked(model, actors, info["act"], doc_type, doc.ctx, sim.absences.absent)
               if not key.endswith("is scheduled") else Label("没有可作出决定的会议", "no meeting of these kinds sits"))
        out.append((start, 20_000, ReplayStep(
            "blocked", node, info["act"], arts, clock.timestamp(start), clock.timestamp(end, end=True),
            clock.date(start), clock.date(end, end=True), wd(start), actor="/".join(actors),
            waited_working_days=(end - start) / hours, why=why, absent=dict(info.get("example_absent") or {}))))
    if not run.finished:
        out += _pending(run, model, doc_type, {s.node for _, _, s in out})
    out.sort(key=lambda x: (x[0], x[1]))
    return tuple(s for _, _, s in out)


def _pending(run: _Run, model: Model, doc_type: str, seen: set[str]) -> list[tuple[float, int, ReplayStep]]:
    """Steps a document still waits at when the run ends (a meeting that cannot sit, a queue)."""
    sim, doc = run.sim, run.doc
    clock, hours = sim.clock, sim.clock.hours_per_day
    done = {a[0].index: a[4] for a in sim.acts}
    last = max(done.values(), default=doc.arrival)
    passed = set(done) | {sp.index for sp in doc.plan.steps if sp.node in seen or sp.take_probability <= 0.0}
    out = []
    for sp in doc.plan.steps:
        if sp.index in passed or not all(p in passed for p in sp.preds):
            continue
        since = max((done[p] for p in sp.preds if p in done), default=last)
        now = sim.env.now
        why = Label("仍在等待", "still waiting")
        for mid in sp.meetings:
            board = sim.boards.get(mid)
            if board is None:
                continue
            ml = model.label(mid)
            postponed = sim.rec.meetings.get(mid, {}).get("postponed", 0)
            presider = why_blocked(model, tuple(board.meeting.presider), "presides", doc_type, Context(), sim.absences.absent)
            why = Label(f"等待{ml.zh}作出决定,但会议无法召开(已延期{postponed}次):{presider.zh}",
                        f"waits for the {ml.en} to decide, but it cannot sit (postponed {postponed} times): {presider.en}")
            break
        out.append((since, 30_000, ReplayStep(
            "waiting", sp.node, sp.step.act.value, tuple(sp.step.articles), clock.timestamp(since), clock.timestamp(now, end=True),
            clock.date(since), clock.date(now, end=True), clock.day_index(since) - clock.day_index(doc.arrival) + 1,
            actor="/".join(sp.meetings or sp.step.by), waited_working_days=(now - since) / hours, why=why,
            absent=dict(sim.absences.absent))))
    return out


def _skip_time(sim: _ReplaySim, doc: Doc, node: str) -> float:
    """When a step naming nobody was skipped: the end of its latest predecessor's act."""
    sp = next((s for s in doc.plan.steps if s.node == node), None)
    if sp is None:
        return doc.arrival
    ends = [a[4] for a in sim.acts if a[0].index in sp.preds]
    return max(ends) if ends else doc.arrival


# -- verdicts --------------------------------------------------------------------------------
def _coverage(f: Finding, run: _Run, steps: tuple[ReplayStep, ...], model: Model, node: str
              ) -> tuple[Label, Label, bool]:
    sl = step_label(model, node)
    predicted = Label(f"文件在「{sl.zh}」({node})处无法继续", f"the document cannot proceed at '{sl.en}' ({node})")
    blocked = next((s for s in steps if s.kind in ("blocked", "waiting")), None)
    if blocked is not None and blocked.kind == "waiting":
        observed = Label(f"文件停在{blocked.node},{blocked.waited_working_days:.0f}个工作日后仍未办结",
                         f"the document was stuck at {blocked.node}, still waiting after {blocked.waited_working_days:.0f} working days")
        return predicted, observed, blocked.node == node
    if blocked is not None:
        agrees = blocked.node == node
        if blocked.waited_working_days > 0:
            observed = Label(f"文件在{blocked.node}处受阻,等待{blocked.waited_working_days:g}个工作日后放弃",
                             f"the document was blocked at {blocked.node} and gave up after waiting "
                             f"{blocked.waited_working_days:g} working days")
        else:
            observed = Label(f"文件在{blocked.node}处受阻,无人可回来办理,当即停止",
                             f"the document was blocked at {blocked.node} and stopped at once (nobody will come back to act)")
        return predicted, observed, agrees
    done = next((s for s in steps if s.node == node and s.kind in ("act", "meeting")), None)
    if done is not None:
        who = model.label(done.person or done.actor).en
        return predicted, Label(f"{node}已由{model.label(done.person or done.actor).zh}完成",
                                f"{node} was performed by {who}"), False
    return predicted, Label(f"文件未到达{node}", f"the document never reached {node}"), False


def _separation(f: Finding, run: _Run, steps: tuple[ReplayStep, ...], model: Model, named: tuple[str, ...]
                ) -> tuple[dict[str, Any], Label, Label, bool]:
    cx = f.counterexample
    assert cx is not None
    person = cx.cast.get("person")
    pl = model.label(person)
    a, b = named
    la, lb = step_label(model, a), step_label(model, b)
    predicted = Label(f"{pl.zh}既承担「{la.zh}」({a})又承担「{lb.zh}」({b})",
                      f"{pl.en} performs both '{la.en}' ({a}) and '{lb.en}' ({b})")
    by = {s.node: s for s in steps if s.kind in ("act", "meeting")}
    sa, sb = by.get(a), by.get(b)
    info: dict[str, Any] = {"predicted_person": person, "steps": [a, b],
                            "performed_by": {n: (s.person if s else None) for n, s in ((a, sa), (b, sb))}}
    if sa is None or sb is None:
        blocked = next((s for s in steps if s.kind == "blocked"), None)
        miss = a if sa is None else b
        text = Label(f"{miss}未执行" + (f"(文件在{blocked.node}处受阻)" if blocked else ""),
                     f"{miss} was not performed" + (f" (the document was blocked at {blocked.node})" if blocked else ""))
        info["same_person"] = False
        return info, predicted, text, False
    same = sa.person is not None and sa.person == sb.person
    info["same_person"] = same
    info["person"] = sa.person if same else None
    if same:
        who = model.label(sa.person)
        observed = Label(f"{who.zh}于{sa.start_date}{_act_label(sa.act).zh}、于{sb.start_date}{_act_label(sb.act).zh}:同一人两级",
                         f"{who.en} {_act_label(sa.act).en} on {sa.start_date} and {_act_label(sb.act).en} on {sb.start_date}: "
                         f"the same person on both levels")
    else:
        observed = Label(f"两级由不同的人办理:{model.label(sa.person).zh}、{model.label(sb.person).zh}",
                         f"different persons on the two levels: {model.label(sa.person).en}, {model.label(sb.person).en}")
    return info, predicted, observed, same and (person is None or sa.person == person)


def _timing(f: Finding, run: _Run, limit_id: str, model: Model) -> tuple[dict[str, Any], Label, Label, bool]:
    sim, doc = run.sim, run.doc
    clock, cal = sim.clock, sim.clock.calendar
    cx = f.counterexample
    assert cx is not None
    lp = next(x for x in doc.plan.limits if x.id == limit_id)
    t0 = doc.arrival if lp.start is None else doc.marks.get(lp.start, doc.arrival)
    started = clock.date(t0, end=lp.start is not None)
    due = cal.deadline(started, lp.duration)
    if lp.end is not None:
        t1 = doc.marks.get(lp.end)
    else:
        t1 = sim.env.now if (run.finished and doc.failed is None) else None
    happened = clock.date(t1, end=True) if t1 is not None else None
    on_time = happened is not None and happened <= due
    late_by = cal.working_days_between(due, happened) if happened is not None and not on_time else None
    decided = next(((a[4], a[6]) for a in sim.acts if a[6] is not None), None)
    tl = model.get(limit_id)
    out: dict[str, Any] = {
        "limit": limit_id, "limit_label": model.label(limit_id).as_dict(), "articles": list(getattr(tl, "articles", ()) or ()),
        "duration": {"value": tl.duration.value, "unit": str(tl.duration.unit.value)} if tl is not None and tl.duration else None,
        "clock_starts": started.isoformat(), "due": due.isoformat(),
        "happened": happened.isoformat() if happened else None,
        "on_time": on_time, "late_by_working_days": late_by,
        "meeting_decided": ({"meeting": decided[1], "date": clock.date(decided[0], end=True).isoformat()} if decided else None),
        "counterexample_dates": dict(cx.dates),
    }
    ll = model.label(limit_id)
    if f.property == "timing.cadence":
        predicted = Label(f"{ll.zh}:于{cx.dates.get('submitted')}报送,需在{cx.dates.get('decision_needed_by')}前决定,但会议来不及",
                          f"{ll.en}: submitted on {cx.dates.get('submitted')}, a decision is needed by "
                          f"{cx.dates.get('decision_needed_by')}, but the meeting comes too late")
        if happened is None:
            observed = Label(f"{started}报送,应于{due}前决定;文件未办结", f"submitted {started}, due {due}; the document never finished")
        elif on_time:
            observed = Label(f"{started}报送,应于{due}前决定,{happened}办结:按时",
                             f"submitted {started}, due {due}, done {happened}: on time")
        else:
            observed = Label(f"{started}报送,应于{due}前决定,{happened}才办结:逾期{late_by}个工作日",
                             f"submitted {started}, due {due}, done {happened}: missed by {late_by} working days")
        return out, predicted, observed, not on_time
    # calendar days: the limit leaves fewer working days around holidays
    inside = cal.working_days_between(started, due)
    out["working_days_inside"] = inside
    want_deadline, want_inside = cx.dates.get("deadline"), cx.dates.get("working_days")
    predicted = Label(f"{ll.zh}:自{cx.dates.get('start')}起算,期限{want_deadline}届满,其间仅{want_inside}个工作日",
                      f"{ll.en}: from {cx.dates.get('start')} the limit ends on {want_deadline} with only {want_inside} working days inside")
    fate = (Label("文件未办结", "the document never finished") if happened is None else
            Label(f"文件于{happened}办结(按时)", f"the document was done on {happened} (on time)") if on_time else
            Label(f"文件于{happened}办结,逾期{late_by}个工作日", f"the document was done on {happened}, missed by {late_by} working days"))
    observed = Label(f"模拟日历:自{started}起算,期限{due}届满,其间{inside}个工作日;{fate.zh}",
                     f"the simulation's calendar: from {started} the limit ends on {due} with {inside} working days inside; {fate.en}")
    agrees = due.isoformat() == str(want_deadline) and inside == want_inside
    return out, predicted, observed, agrees
