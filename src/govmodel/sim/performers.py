"""Who may perform a step of a document now: the candidates, cached per step and context on
the absences of the persons that can change the answer
(:func:`govmodel.graph.authority.relevant_persons`), resolved by
:func:`govmodel.graph.authority.performers`; why nobody can (a gap); whom to choose among several.
Split from :mod:`govmodel.sim.processes`, whose document processes ask it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govmodel.graph.authority import Performer, holders, performers, relevant_persons
from govmodel.model.memo import caching_enabled, memo
from govmodel.sim.host import DocumentHost
from govmodel.sim.plan import StepPlan
from govmodel.sim.records import Blocked, BlockedKind

if TYPE_CHECKING:
    from govmodel.sim.doc import Doc

__all__ = ["Known", "all_holders", "candidates", "known", "resolve", "gap", "choose"]


def all_holders(sim: DocumentHost, doc: Doc, sp: StepPlan) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for actor in sp.step.by:
        for person in holders(sim.model, actor, doc.ctx):
            if person not in seen:
                seen.add(person)
                out.append((actor, person))
    return out


class Known:
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


SHARED_LIMIT = 100_000
"""Contexts kept per model across runs (step × department × related departments × holder)."""


def candidates(
    sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str] | None
) -> tuple[Performer, ...]:
    """Who may perform ``sp`` for ``doc`` now (cached on the absences that matter)."""
    return known(sim, doc, sp, holder).found


def known(sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str] | None) -> Known:
    """The cache entry of ``sp`` in ``doc``'s context, brought up to the board's version."""
    board = sim.absences
    # only what can change the answer: most steps' performers are government-wide, and who
    # stands in for one holder of an all-holders step does not depend on who the others are,
    # unless one of them is among his stand-ins (held present then: see resolve)
    parts = sp.context if holder is None else sp.holder_context
    key: tuple[Any, ...] = (
        sp.node,
        doc.department if parts.department else None,
        doc.related if parts.related else None,
        holder,
        doc.doc_type,
    )
    walk: tuple[str, ...] = ()
    if holder is not None:
        walk = _holder_walk(sim, doc, sp, holder, key)
        others = holders(sim.model, holder[0], doc.ctx)
        key = (*key, tuple(p for p in walk if p in others and p != holder[1]))
    known: Known | None = sim.perf_cache.get(key)
    if known is None:  # the answers are the model's: shared by the runs (replications) of one model
        shared = memo(sim.model, "sim.performers") if caching_enabled() else {}
        entry = shared.get(key)
        if entry is None:
            relevant = walk or tuple(
                sorted(relevant_persons(sim.model, sp.step.by, sp.step.act, doc.doc_type, doc.ctx))
            )  # (a holder's walk holds him at least)
            if len(shared) > SHARED_LIMIT:
                shared.clear()
            entry = shared[key] = (relevant, {})
        known = sim.perf_cache[key] = Known(*entry)
    elif known.version == board.version:
        return known
    absent = board.absent
    situation = tuple(absent.get(p) for p in known.relevant) if absent else ()
    found = known.by_absent.get(situation)
    if found is None:
        if len(known.by_absent) > 4096:  # bounded: a long run may meet many combinations
            known.by_absent.clear()
        found = known.by_absent[situation] = resolve(sim, doc, sp, holder)
    known.version, known.found = board.version, found
    return known


def _holder_walk(
    sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str], key: tuple[Any, ...]
) -> tuple[str, ...]:
    """The holder and everyone who may stand in for him (sorted), per step, the context
    parts his stand-ins read, and document type (``key``): shared by the documents whose other
    holders differ."""
    walks = memo(sim.model, "sim.holder_walks")
    found: tuple[str, ...] | None = walks.get(key)
    if found is None:
        actor, person = holder
        walk = relevant_persons(sim.model, (actor,), sp.step.act, doc.doc_type, doc.ctx, person) | {person}
        if len(walks) > SHARED_LIMIT:
            walks.clear()
        found = walks[key] = tuple(sorted(walk))
    return found


def resolve(
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


def gap(sim: DocumentHost, doc: Doc, sp: StepPlan, holder: tuple[str, str] | None) -> tuple[Blocked, bool]:
    """Why nobody can act, and whether for good (nobody holds the role). Gaps group by step,
    roles and reasons (:attr:`Blocked.key`)."""
    actors = (holder[0],) if holder else sp.step.by
    persons = [holder[1]] if holder else [p for a in actors for p in holders(sim.model, a, doc.ctx)]
    absent = {p: sim.absences.absent[p] for p in persons if p in sim.absences.absent}
    kind: BlockedKind = "all_absent" if persons else "nobody_holds"
    return Blocked(kind, sp.node, sp.step.act, tuple(actors), absent), not persons


def choose(sim: DocumentHost, cands: tuple[Performer, ...]) -> Performer:
    best, best_key = cands[0], None
    for i, p in enumerate(cands):
        res = sim.resource_of(p, None)
        load = (len(res.queue) + res.count) if res is not None else 0
        k = (p.deputized, load, i)
        if best_key is None or k < best_key:
            best, best_key = p, k
    return best
