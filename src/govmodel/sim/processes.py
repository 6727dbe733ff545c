"""The document process: a document goes through the steps of its plan, each performed by
whoever may perform it at that moment.

For each step the performer is resolved with :func:`govmodel.graph.performers` from the
model's roles, cast and deputy rules and the board's current absences (cached per step and
context on the absences of the persons that can change the answer,
:func:`govmodel.graph.authority.relevant_persons`: :mod:`govmodel.sim.performers`). A present holder acts;
an absent one is replaced by the deputy the rules name (counted as a deputy activation); with
nobody able to act the document waits (the simulation's view of a coverage gap) until someone
returns, and gives up after the scenario's limit. ``all_holders`` steps (会签) need every
holder. Collective decisions go to a meeting board. Steps run as soon as their predecessors in
the model's step graph are done (parallel branches run in parallel).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govmodel.graph.authority import Performer
from govmodel.sim import performers as who
from govmodel.sim.host import DocumentHost, Gen
from govmodel.sim.plan import DocPlan, StepPlan
from govmodel.sim.records import Blocked

if TYPE_CHECKING:
    from govmodel.sim.doc import Doc

__all__ = ["document", "run_step", "DocumentHost"]


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
                    known = knowns[sp.index] = who.known(sim, doc, sp, None)
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
    else:  # parallel branches: the steps without predecessors start now, this process runs the first
        waits = _Waits(plan)
        roots = [sp.index for sp in plan.steps if not sp.preds]
        for i in roots[1:]:
            sim.env.process(_branch(sim, doc, i, waits))
        yield from _branch(sim, doc, roots[0], waits)
        if waits.sinks:  # other branches still run: the one that completes the last sink says so
            waits.last = sim.env.event()
            yield waits.last
    sim.finish(doc)  # (this process ends with the document: a replay runs until it does)


class _Waits:
    """A document's parallel steps: the predecessors each still waits for, and the sinks not
    done yet."""

    __slots__ = ("left", "sinks", "last")

    def __init__(self, plan: DocPlan) -> None:
        self.left = [len(sp.preds) for sp in plan.steps]
        self.sinks = len(plan.sinks)
        self.last: Any = None  # the event the document's process waits on for the last sink


def _branch(sim: DocumentHost, doc: Doc, first: int, waits: _Waits) -> Gen:
    """Perform step ``first``, then, as long as a step it completes may start, the first such
    step (the others in processes of their own): a step starts when its last predecessor is
    done, unless the document has failed by then; a step without predecessors always runs."""
    plan = doc.plan
    i: int | None = first
    while i is not None:
        yield from run_step(sim, doc, plan.steps[i])
        ready = _complete(sim, doc, i, waits)
        for j in ready[1:]:
            sim.env.process(_branch(sim, doc, j, waits))
        i = ready[0] if ready else None


def _complete(sim: DocumentHost, doc: Doc, i: int, waits: _Waits) -> list[int]:
    """Step ``i`` is done: the successors that may start now, in step order. A successor whose
    predecessors are all done after the document failed is done without running (and so on
    down the graph); the last sink done ends the document's wait."""
    plan, left = doc.plan, waits.left
    ready: list[int] = []
    todo = [i]
    while todo:
        j = todo.pop(0)
        if not plan.succs[j]:
            waits.sinks -= 1
            if waits.sinks == 0 and waits.last is not None:
                waits.last.succeed()
        for k in plan.succs[j]:
            left[k] -= 1
            if left[k] == 0:
                if doc.failed is None:
                    ready.append(k)
                else:
                    todo.append(k)
    return ready


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
        for actor, person in who.all_holders(sim, doc, sp):
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


def _act(sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str] | None) -> Gen:
    env = sim.env
    waited = 0.0
    gap_key: str | None = None
    limit = sim.give_up_hours
    while True:
        cands = who.candidates(sim, doc, sp, holder)
        if not cands:
            gap, permanent = who.gap(sim, doc, sp, holder)
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
        performer = cands[0] if len(cands) == 1 else who.choose(sim, cands)
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
