"""The document process: a document goes through the steps of its plan, each performed by
whoever may perform it at that moment.

For each step the performer is resolved with :func:`govmodel.graph.performers` from the
model's roles, cast and deputy rules and the board's current absences (cached per step and
context on the absences of the persons that can change the answer,
:func:`govmodel.graph.authority.relevant_persons`). A present holder acts;
an absent one is replaced by the deputy the rules name (counted as a deputy activation); with
nobody able to act the document waits (the simulation's view of a coverage gap) until someone
returns, and gives up after the scenario's limit. ``all_holders`` steps (会签) need every
holder. Collective decisions go to a meeting board. Steps run as soon as their predecessors in
the model's step graph are done (parallel branches run in parallel).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator
from typing import TYPE_CHECKING, Any, Protocol

from govmodel.graph.authority import Performer, holders, performers, relevant_persons
from govmodel.model.memo import caching_enabled, memo
from govmodel.sim.plan import StepPlan
from govmodel.sim.records import Blocked, BlockedKind

if TYPE_CHECKING:
    import simpy

    from govmodel.model import Model
    from govmodel.sim.absences import AbsenceBoard
    from govmodel.sim.desks import AnyDesk
    from govmodel.sim.doc import Doc
    from govmodel.sim.meetings import MeetingBoard
    from govmodel.sim.records import Recorder
    from govmodel.sim.scenario import ScenarioFile

__all__ = ["document", "run_step", "DocumentHost"]

Gen = Generator[Any, Any, Any]


class DocumentHost(Protocol):
    """What a document's process needs from the run it is in: a narrow protocol, so the
    engine (:class:`govmodel.sim.engine.Simulation`, which satisfies it) runs the processes
    and the processes never import the engine (issue #10: no cycle in ``sim``)."""

    env: simpy.Environment
    model: Model
    spec: ScenarioFile
    rec: Recorder
    absences: AbsenceBoard
    boards: dict[str, MeetingBoard]
    desks: dict[str, AnyDesk]
    give_up_hours: float
    perf_cache: dict[tuple[Any, ...], Any]
    plan_known: dict[tuple[Any, ...], list[Any]]
    waiting_for: Counter[str]

    def person(self, person: str) -> AnyDesk: ...

    def resource_of(self, p: Performer, doc: Any) -> AnyDesk | None: ...

    def record_act(
        self,
        doc: Doc,
        sp: StepPlan,
        p: Performer,
        requested: float,
        start: float,
        end: float,
        waited: float,
        resource: str | None = None,
    ) -> None: ...

    def fail(self, doc: Doc, reason: str) -> None: ...

    def finish(self, doc: Doc) -> None: ...


def document(sim: DocumentHost, doc: Doc) -> Gen:
    """The life of one document, from arrival to issue (or until it cannot proceed)."""
    plan = doc.plan
    if plan.chain:
        env, rec = sim.env, sim.rec
        may_leave, desks = sim.absences.may_leave, sim.desks
        plain = not rec.keep_events  # then an act by its holder is only counted (Recorder.act)
        board = sim.absences
        parts = plan.context  # the planner keeps its plans for the run
        ckey = (
            id(plan),
            doc.department if parts.department else None,
            doc.related if parts.related else None,
        )
        knowns = sim.plan_known.get(ckey)
        if knowns is None:
            knowns = sim.plan_known[ckey] = [None] * len(plan.steps)
        for sp in plan.steps:
            # fast path (inline: most acts of a year go this way): a simple step performed by
            # its one candidate, who can start at once or wait in line; what run_step, _act
            # and _serve do then. A busy performer who may leave takes the general path
            # (_serve waits watching for a recall); take_now has no effect when it says None.
            if sp.simple:
                known = knowns[sp.index]
                if known is None or known.version != board.version:
                    known = knowns[sp.index] = _known(sim, doc, sp, None)
                cands = known.found
                if len(cands) == 1:
                    p = cands[0]
                    person = p.person
                    res = (
                        (desks.get(person) or sim.person(person))
                        if person is not None
                        else sim.resource_of(p, doc)
                    )
                    requested = env.now
                    if res is None:  # an institution without a capacity limit
                        yield env.timeout(sp.sample(doc.rng))
                        sim.record_act(doc, sp, p, requested, requested, env.now, 0.0)
                        if sp.mark:
                            doc.marks[sp.index] = env.now
                        continue
                    req = res.take_now()
                    if req is not None or person is None or person not in may_leave:
                        duration = sp.sample(doc.rng)
                        if req is None:  # busy: wait in line
                            req = res.wait_turn(doc.priority)
                            yield req
                        start = env.now
                        yield env.timeout(duration)
                        res.give_back(req)
                        if plain and not p.via and person is not None:
                            rec.act(person, requested, start, env.now)  # all record_act does for it
                        else:
                            sim.record_act(doc, sp, p, requested, start, env.now, 0.0)
                        if sp.mark:
                            doc.marks[sp.index] = env.now
                        continue
            ok = yield from run_step(sim, doc, sp)
            if not ok:
                break
    else:
        done = [sim.env.event() for _ in plan.steps]
        for sp in plan.steps:
            sim.env.process(_branch(sim, doc, sp, done))
        yield sim.env.all_of([done[i] for i in plan.sinks])
    sim.finish(doc)


def _branch(sim: DocumentHost, doc: Doc, sp: StepPlan, done: list[Any]) -> Gen:
    if sp.preds:
        yield sim.env.all_of([done[i] for i in sp.preds])
        if doc.failed is not None:
            done[sp.index].succeed(False)
            return
    ok = yield from run_step(sim, doc, sp)
    done[sp.index].succeed(ok)


def run_step(sim: DocumentHost, doc: Doc, sp: StepPlan) -> Gen:
    """Perform one step; returns False if the document cannot proceed."""
    if sp.take_probability < 1.0 and doc.rng.random() >= sp.take_probability:
        return True
    if sp.meetings:
        ok = yield from _collective(sim, doc, sp)
    elif not sp.step.by:
        ok = _unspecified(sim, doc, sp)
    elif sp.step.all_holders:
        ok = True
        for actor, person in _all_holders(sim, doc, sp):
            ok = yield from _act(sim, doc, sp, (actor, person))
            if not ok:
                break
    else:
        ok = yield from _act(sim, doc, sp, None)
    if ok and sp.mark:
        doc.marks[sp.index] = sim.env.now
    return ok


def _unspecified(sim: DocumentHost, doc: Doc, sp: StepPlan) -> bool:
    gap = Blocked("no_actor_named", sp.node, sp.step.act, ())
    key = gap.key
    if doc.measured:
        sim.rec.blocked(gap, 0.0)
    if sim.spec.waiting.unspecified_actor == "skip":
        return True
    sim.fail(doc, key)
    return False


def _all_holders(sim: DocumentHost, doc: Doc, sp: StepPlan) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for actor in sp.step.by:
        for person in holders(sim.model, actor, doc.ctx):
            if person not in seen:
                seen.add(person)
                out.append((actor, person))
    return out


class _Known:
    """Who may perform a step in one context: the persons whose absence can change it, the
    answer per absences of theirs, and the last answer with the board's version it holds for."""

    __slots__ = ("relevant", "version", "found", "by_absent")

    def __init__(
        self, relevant: tuple[str, ...], by_absent: dict[tuple[str | None, ...], tuple[Performer, ...]]
    ):
        self.relevant = relevant
        self.version = -1
        self.found: tuple[Performer, ...] = ()
        self.by_absent = by_absent


_SHARED_LIMIT = 100_000
"""Contexts kept per model across runs (step × department × related departments × holder)."""


def _candidates(
    sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str] | None
) -> tuple[Performer, ...]:
    """Who may perform ``sp`` for ``doc`` now (cached on the absences that matter)."""
    return _known(sim, doc, sp, holder).found


def _known(sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str] | None) -> _Known:
    """The cache entry of ``sp`` in ``doc``'s context, brought up to the board's version."""
    board = sim.absences
    parts = sp.context  # only what can change the answer: most steps' performers are government-wide
    key = (
        sp.node,
        doc.department if parts.department else None,
        doc.related if parts.related else None,
        holder,
        doc.doc_type,
    )
    known: _Known | None = sim.perf_cache.get(key)
    if known is None:  # the answers are the model's: shared by the runs (replications) of one model
        shared = memo(sim.model, "sim.performers") if caching_enabled() else {}
        entry = shared.get(key)
        if entry is None:
            actors = sp.step.by if holder is None else (holder[0],)
            relevant = relevant_persons(sim.model, actors, sp.step.act, doc.doc_type, doc.ctx)
            if holder is not None:
                relevant |= {holder[1]}
            if len(shared) > _SHARED_LIMIT:
                shared.clear()
            entry = shared[key] = (tuple(sorted(relevant)), {})
        known = sim.perf_cache[key] = _Known(*entry)
    elif known.version == board.version:
        return known
    absent = board.absent
    situation = tuple(absent.get(p) for p in known.relevant) if absent else ()
    found = known.by_absent.get(situation)
    if found is None:
        if len(known.by_absent) > 4096:  # bounded: a long run may meet many combinations
            known.by_absent.clear()
        found = known.by_absent[situation] = _resolve(sim, doc, sp, holder)
    known.version, known.found = board.version, found
    return known


def _resolve(
    sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str] | None
) -> tuple[Performer, ...]:
    board = sim.absences
    step = sp.step
    if holder is None:
        found = performers(sim.model, step.by, step.act, doc.doc_type, doc.ctx, board.absent)
    else:
        actor, person = holder
        if person not in board.absent:
            found = (Performer(person, actor),)
        else:
            others = set(holders(sim.model, actor, doc.ctx)) - {person}
            absent = {p: r for p, r in board.absent.items() if p not in others}
            found = tuple(
                p for p in performers(sim.model, (actor,), step.act, doc.doc_type, doc.ctx, absent) if p.via
            )
    return found


def _gap(sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str] | None) -> tuple[Blocked, bool]:
    """Why nobody can act, and whether for good (nobody holds the role). Gaps group by step,
    roles and reasons (:attr:`Blocked.key`)."""
    actors = (holder[0],) if holder else sp.step.by
    persons = [holder[1]] if holder else [p for a in actors for p in holders(sim.model, a, doc.ctx)]
    absent = {p: sim.absences.absent[p] for p in persons if p in sim.absences.absent}
    kind: BlockedKind = "all_absent" if persons else "nobody_holds"
    return Blocked(kind, sp.node, sp.step.act, tuple(actors), absent), not persons


def _choose(sim: DocumentHost, cands: tuple[Performer, ...]) -> Performer:
    best, best_key = cands[0], None
    for i, p in enumerate(cands):
        res = sim.resource_of(p, None)
        load = (len(res.queue) + res.count) if res is not None else 0
        k = (p.deputized, load, i)
        if best_key is None or k < best_key:
            best, best_key = p, k
    return best


def _act(sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str] | None) -> Gen:
    env = sim.env
    waited = 0.0
    gap_key: str | None = None
    limit = sim.give_up_hours
    while True:
        cands = _candidates(sim, doc, sp, holder)
        if not cands:
            gap, permanent = _gap(sim, doc, sp, holder)
            if gap_key is None:
                gap_key = gap.key
                if doc.measured:
                    sim.rec.blocked(gap, 0.0)
            if permanent or waited >= limit - 1e-6:
                sim.fail(doc, gap_key)
                return False
            t0 = env.now
            for person in gap.example_absent:
                sim.waiting_for[person] += 1
            yield sim.absences.changed | env.timeout(limit - waited)
            for person in gap.example_absent:
                sim.waiting_for[person] -= 1
            waited += env.now - t0
            if doc.measured:
                sim.rec.blocked_hours[gap_key] += env.now - t0
            continue
        performer = cands[0] if len(cands) == 1 else _choose(sim, cands)
        done = yield from _serve(sim, doc, sp, performer, waited)
        if done:
            return True


def _serve(sim: DocumentHost, doc: Doc, sp: StepPlan, p: Performer, waited: float) -> Gen:
    env = sim.env
    res = sim.resource_of(p, doc)
    requested = env.now
    duration = sp.sample(doc.rng)
    if res is None:
        yield env.timeout(duration)
        sim.record_act(doc, sp, p, requested, requested, env.now, waited)
        return True
    req = res.take_now()
    if req is not None:  # free: no need to wait (nor to watch for a recall)
        pass
    elif p.person is not None and p.person in sim.absences.may_leave:
        req = res.wait_turn(doc.priority)
        recall = sim.absences.recall(p.person)
        yield req | recall
        if not req.triggered:
            req.cancel()
            return False
    else:
        req = res.wait_turn(doc.priority)
        yield req
    start = env.now
    yield env.timeout(duration)
    res.give_back(req)
    sim.record_act(doc, sp, p, requested, start, env.now, waited)
    return True


def _collective(sim: DocumentHost, doc: Doc, sp: StepPlan) -> Gen:
    env = sim.env
    boards = [sim.boards[m] for m in sp.meetings if m in sim.boards]
    now = env.now
    options = [(b.next_eligible(now, doc), i, b) for i, b in enumerate(boards)]
    options = [o for o in options if o[0] != float("inf")]
    if not options:
        gap = Blocked("no_meeting", sp.node, sp.step.act, tuple(sp.meetings))
        if doc.measured:
            sim.rec.blocked(gap, 0.0)
        sim.fail(doc, gap.key)
        return False
    board = min(options)[2]
    presider, start = yield board.submit(doc)
    sim.record_act(doc, sp, presider, now, start, env.now, 0.0, resource=board.id)
    return True
