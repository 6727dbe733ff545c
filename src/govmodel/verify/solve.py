"""Solve: check encoded constraints, three-valued, with a timeout per query.

:func:`smallest` looks for a breaking scenario with the fewest absences by iterative
deepening: each ``k`` that is unsat is a proof that no smaller scenario exists, so the first
sat ``k`` is the resilience number. A timeout at any depth makes the answer ``unknown``
(never a pass). The unsat core over the rules' tracking literals names the deputy rules a
proof rests on.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def _solver(enc: Encoding, constraints: Iterable[z3.BoolRef], timeout: float) -> z3.Solver:
    s = z3.Solver()
    s.set("timeout", max(1, int(timeout * 1000)))
    s.add(enc.domain)
    s.add(list(constraints))
    return s


def _core(enc: Encoding, s: z3.Solver) -> tuple[str, ...]:
    names = {str(v): rid for rid, v in enc.track.items()}
    return tuple(sorted(names[str(c)] for c in s.unsat_core() if str(c) in names))


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
    """The scenario with the fewest absences (at most ``k``) satisfying the constraints.

    First one query over the whole bound (unsat: a proof for every scenario within it);
    if sat, deepen from 0 absences up, each unsat depth proving minimality.
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
            s.pop()
            return Outcome("sat", _canonical(enc, s, assumptions, m), size=enc.size(m))
        s.pop()
        if answer != z3.sat and answer != z3.unsat:
            return Outcome("unknown", best, size=size, reason=f"minimality not proved: {s.reason_unknown()}")
    return Outcome("sat", _canonical(enc, s, assumptions, best), size=size)


def _canonical(enc: Encoding, s: z3.Solver, assumptions: list[z3.BoolRef], m: z3.ModelRef) -> z3.ModelRef:
    """The same absent persons, each with the first absence reason (in model order) that
    still breaks the property: deterministic, and the reason a reader expects first."""
    away = [p for p in enc.persons if z3.is_true(m.eval(enc.away[p], model_completion=True))]
    fixed = [z3.Not(enc.away[p]) for p in enc.persons if p not in away]
    for p in away:
        for r in enc.reasons:
            if s.check(*assumptions, *fixed, enc.absent[p][r]) == z3.sat:
                fixed.append(enc.absent[p][r])
                break
        else:
            return m
    return s.model() if s.check(*assumptions, *fixed) == z3.sat else m
