"""Solve: check encoded constraints, three-valued, with a timeout per query.

:func:`smallest` looks for a breaking scenario with the fewest absences by iterative
deepening: each ``k`` that is unsat is a proof that no smaller scenario exists, so the first
sat ``k`` is the resilience number. A timeout at any depth makes the answer ``unknown``
(never a pass). The unsat core over the rules' tracking literals names the deputy rules a
proof rests on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import z3

from govmodel.verify.encode import Encoding

__all__ = ["Outcome", "check", "smallest"]


@dataclass(frozen=True)
class Outcome:
    """What the solver said: ``sat`` (with a model), ``unsat`` (with a core of rule ids) or
    ``unknown`` (with z3's reason); ``size`` is the number of absences of a sat model."""

    status: Literal["sat", "unsat", "unknown"]
    model: z3.ModelRef | None = None
    core: tuple[str, ...] = ()
    size: int | None = None
    reason: str = ""
    absent: Mapping[str, str] | None = None
    """person → reason of the canonical scenario (what ``decode.absences`` reads off ``model``),
    when the solver decided it person by person; None otherwise."""


def _solver(enc: Encoding, constraints: Iterable[z3.BoolRef], timeout: float) -> z3.Solver:
    s = z3.Solver()
    s.set("timeout", max(1, int(timeout * 1000)))
    s.add(enc.domain)
    s.add(list(constraints))
    return s


def _core(enc: Encoding, s: z3.Solver) -> tuple[str, ...]:
    """A canonical minimal core: z3's unsat core shrunk by deletion in sorted rule order.

    z3's own core depends on the search path (and so on the order terms were built); the
    deletion pass makes the answer a function of the query alone, so a proof cites the same
    rules whatever the hash seed."""
    names = {str(v): rid for rid, v in enc.track.items()}
    core = sorted(names[str(c)] for c in s.unsat_core() if str(c) in names)
    if not core:
        return ()
    fixed = [v for rid, v in enc.track.items() if rid not in core]  # not in the core: kept, harmless
    keep = list(core)
    for rid in list(core):
        trial = [r for r in keep if r != rid]
        if s.check(*fixed, *[enc.track[r] for r in trial]) == z3.unsat:
            keep = trial
    return tuple(keep)


def check(enc: Encoding, constraints: Iterable[z3.BoolRef], timeout: float, k: int | None = None) -> Outcome:
    """Is there a scenario (with at most ``k`` absences) satisfying the constraints?"""
    s = _solver(enc, constraints, timeout)
    if k is not None:
        s.add(enc.at_most(k))
    answer = s.check(*enc.assumptions())
    if answer == z3.sat:
        m = s.model()
        return Outcome("sat", m, size=enc.size(m))
    if answer == z3.unsat:
        return Outcome("unsat", core=_core(enc, s))
    return Outcome("unknown", reason=s.reason_unknown())


def smallest(enc: Encoding, constraints: Iterable[z3.BoolRef], timeout: float, k: int) -> Outcome:
    """The canonical scenario with the fewest absences (at most ``k``) satisfying the constraints.

    First one query over the whole bound (unsat: a proof for every scenario within it);
    if sat, deepen from 0 absences up, each unsat depth proving minimality. Of the smallest
    scenarios, the one returned is canonical (:func:`_canonical`): the same whatever the
    hash seed, the order the terms were built in or the path z3 took.
    """
    s = _solver(enc, constraints, timeout)
    s.add(enc.at_most(k))
    assumptions = enc.assumptions()
    answer = s.check(*assumptions)
    if answer == z3.unsat:
        return Outcome("unsat", core=_core(enc, s))
    if answer != z3.sat:
        return Outcome("unknown", reason=s.reason_unknown())
    best = s.model()
    size = enc.size(best)
    for depth in range(0, size):
        s.push()
        s.add(enc.at_most(depth))
        answer = s.check(*assumptions)
        if answer == z3.sat:
            m = s.model()
            found = enc.size(m)
            s.pop()
            s.add(enc.at_most(found))
            m, absent = _canonical(enc, s, assumptions, m)
            return Outcome("sat", m, size=found, absent=absent)
        s.pop()
        if answer != z3.sat and answer != z3.unsat:
            return Outcome("unknown", best, size=size, reason=f"minimality not proved: {s.reason_unknown()}")
    s.add(enc.at_most(size))
    best, absent = _canonical(enc, s, assumptions, best)
    return Outcome("sat", best, size=size, absent=absent)


def _canonical(enc: Encoding, s: z3.Solver, assumptions: list[z3.BoolRef], m: z3.ModelRef
               ) -> tuple[z3.ModelRef, dict[str, str]]:
    """The lexicographically least smallest scenario: among the breaking absence sets of the
    smallest size (``s`` bounds the size already), the one whose sorted person ids come
    first, each person with the first absence reason (in the model's order) that still
    breaks the property. Decided by the solver, one person at a time; the result depends
    only on the set of scenarios, never on the model z3 happened to find first. Returned
    with its absences (person → reason, in the cast's order)."""
    fixed: list[z3.BoolRef] = []
    size = enc.size(m)  # ``s`` allows no more: once that many are chosen, nobody else can be away
    chosen: list[str] = []
    for p in sorted(enc.persons):
        if len(chosen) == size:
            break
        if z3.is_true(m.eval(enc.away[p], model_completion=True)):
            fixed.append(enc.away[p])
            chosen.append(p)
            continue
        if s.check(*assumptions, *fixed, enc.away[p]) == z3.sat:
            m = s.model()
            fixed.append(enc.away[p])
            chosen.append(p)
        else:
            fixed.append(z3.Not(enc.away[p]))
    why: dict[str, str] = {}
    for p in chosen:  # exactly the persons every later model makes absent (the bound and ``fixed``)
        for r in enc.reasons:
            if z3.is_true(m.eval(enc.absent[p][r], model_completion=True)):
                fixed.append(enc.absent[p][r])
                why[p] = r
                break
            if s.check(*assumptions, *fixed, enc.absent[p][r]) == z3.sat:
                m = s.model()
                fixed.append(enc.absent[p][r])
                why[p] = r
                break
    return m, {p: why[p] for p in enc.persons if p in why}
