"""Solve: check encoded constraints, three-valued, with a timeout per query.

:func:`smallest` looks for a breaking scenario with the fewest absences by iterative
deepening: each ``k`` that is unsat is a proof that no smaller scenario exists, so the first
sat ``k`` is the resilience number. A timeout at any depth makes the answer ``unknown``
(never a pass). The unsat core over the rules' tracking literals names the deputy rules a
proof rests on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import z3

from govmodel.verify import terms
from govmodel.verify.encode import Encoding

__all__ = ["NARROW_FROM", "Outcome", "check", "smallest"]

NARROW_FROM = 512
"""Persons of a question from which its canonical scenario is decided scene by scene
(:class:`_Narrow`): the answer is the same either way; below this the selector literals cost
more than they save (synthetic rules, CPU of a whole verification: 210 persons 0.14 s narrow
vs 0.12 s over the whole question; 525: 0.28 vs 0.29 s; 1,050: 0.68 vs 0.78 s; 2,100: 1.8 vs
6.6 s)."""


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
    s = _incremental() if enc.track else z3.Solver()
    s.set("timeout", max(1, int(timeout * 1000)))
    terms.add(s, enc.domain)
    terms.add(s, list(constraints))
    return s


def _incremental() -> z3.Solver:
    """A solver for checks that always name assumptions: z3's incremental SMT solver itself.

    ``z3.Solver()`` is a combined solver that keeps a second, non-incremental (tactic) solver
    beside that one and gives every assertion and scope to both; a check under assumptions
    is always answered by the incremental one alone (z3's ``combined_solver``: assumptions
    switch it to incremental mode), so for such checks the answers, models, cores and
    reasons are the same, without the second solver's cost (a third of the solving time
    of a check of Dalian, issue #11). Where a check may name none (a question tracking no
    rule), the combined solver stays."""
    return z3.SimpleSolver()


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
        if terms.check(s, [*fixed, *[enc.track[r] for r in trial]]) == z3.unsat:
            keep = trial
    return tuple(keep)


def check(enc: Encoding, constraints: Iterable[z3.BoolRef], timeout: float, k: int | None = None) -> Outcome:
    """Is there a scenario (with at most ``k`` absences) satisfying the constraints?"""
    s = _solver(enc, constraints, timeout)
    if k is not None:
        terms.add(s, [enc.at_most(k)])
    answer = terms.check(s, enc.assumptions())
    if answer == z3.sat:
        m = s.model()
        return Outcome("sat", m, size=enc.size(m))
    if answer == z3.unsat:
        return Outcome("unsat", core=_core(enc, s))
    return Outcome("unknown", reason=s.reason_unknown())


def smallest(
    enc: Encoding,
    constraints: Iterable[z3.BoolRef],
    timeout: float,
    k: int,
    parts: Sequence[z3.BoolRef] | None = None,
    involved: Sequence[frozenset[str]] | None = None,
) -> Outcome:
    """The canonical scenario with the fewest absences (at most ``k``) satisfying the constraints.

    First one query over the whole bound (unsat: a proof for every scenario within it);
    if sat, deepen from 0 absences up, each unsat depth proving minimality. Of the smallest
    scenarios, the one returned is canonical (:func:`_canonical`): the same whatever the
    hash seed, the order the terms were built in or the path z3 took.

    ``parts`` (with ``involved``): the constraints are one of these scenes (``involved[i]``
    holds every person whose variables ``parts[i]`` mentions, or more); the canonical
    scenario is then decided over the scenes a person is in (:class:`_Narrow`), with the
    same answer.
    """
    s = _solver(enc, constraints, timeout)
    terms.add(s, [enc.at_most(k)])
    assumptions = enc.assumptions()
    answer = terms.check(s, assumptions)
    if answer == z3.unsat:
        return Outcome("unsat", core=_core(enc, s))
    if answer != z3.sat:
        return Outcome("unknown", reason=s.reason_unknown())
    best = s.model()
    size = enc.size(best)
    for depth in range(0, size):
        s.push()
        terms.add(s, [enc.at_most(depth)])
        answer = terms.check(s, assumptions)
        if answer == z3.sat:
            m = s.model()
            size = enc.size(m)
            s.pop()
            best = m
            break
        s.pop()
        if answer != z3.sat and answer != z3.unsat:
            return Outcome("unknown", best, size=size, reason=f"minimality not proved: {s.reason_unknown()}")
    terms.add(s, [enc.at_most(size)])  # ``size`` is now the fewest absences that satisfy the constraints
    found = None
    if parts is not None and involved is not None and len(parts) > 1 and len(enc.persons) >= NARROW_FROM:
        found = _Narrow(enc, parts, involved, size, timeout, assumptions).canonical(s, best)
    if found is None:
        found = _canonical(enc, s, assumptions, best)
    best, absent = found
    return Outcome("sat", best, size=size, absent=absent)


def _canonical(
    enc: Encoding, s: z3.Solver, assumptions: list[z3.BoolRef], m: z3.ModelRef
) -> tuple[z3.ModelRef, dict[str, str]]:
    """The lexicographically least smallest scenario: among the breaking absence sets of the
    smallest size (``s`` bounds the size already), the one whose sorted person ids come
    first, each person with the first absence reason (in the model's order) that still
    breaks the property. Decided by the solver; the result depends only on the set of
    scenarios, never on the model z3 happened to find first. Returned with its absences
    (person → reason, in the cast's order).

    Each next person is found by bisection (:func:`_first_away`): a few questions per person
    chosen, where asking person by person took one per person sorted before it (at 4,200
    persons, hundreds per property)."""
    fixed: list[z3.BoolRef] = []
    size = enc.size(m)  # ``s`` allows no more: once that many are chosen, nobody else can be away
    chosen: list[str] = []
    rest = sorted(enc.persons)
    while rest and len(chosen) < size:
        found = _first_away(enc, s, [*assumptions, *fixed], rest, m)
        if found is None:
            break
        i, m = found
        fixed += [enc.present(p) for p in rest[:i]]
        fixed.append(enc.away[rest[i]])
        chosen.append(rest[i])
        rest = rest[i + 1 :]
    why: dict[str, str] = {}
    for p in chosen:  # exactly the persons every later model makes absent (the bound and ``fixed``)
        for r in enc.reasons:
            if terms.truth(m, enc.absent[p][r]):
                fixed.append(enc.absent[p][r])
                why[p] = r
                break
            if terms.check(s, [*assumptions, *fixed, enc.absent[p][r]]) == z3.sat:
                m = s.model()
                fixed.append(enc.absent[p][r])
                why[p] = r
                break
    return m, {p: why[p] for p in enc.persons if p in why}


def _first_away(
    enc: Encoding, s: z3.Solver, given: list[z3.BoolRef], rest: list[str], m: z3.ModelRef
) -> tuple[int, z3.ModelRef] | None:
    """The first person of ``rest`` (sorted) away in some scenario of ``s`` under ``given``,
    with such a scenario; ``m`` is one (someone of ``rest`` is away in it). None when nobody
    of ``rest`` is away in ``m``; when a question goes unanswered, the first away in the last
    scenario found (a scenario of the question still, perhaps not the first).

    "Is someone of ``rest[lo..mid]`` away in some scenario?" grows with ``mid``: the first
    person is where it turns true, found by bisection between what is known to be false
    (nobody before ``lo``) and true (``hi``: the first away in the last model found)."""
    away = terms.truths(m, [enc.away[p] for p in rest])
    if True not in away:
        return None
    lo, hi = 0, away.index(True)
    while lo < hi:
        mid = (lo + hi) // 2
        block = [enc.away[p] for p in rest[lo : mid + 1]]
        s.push()
        terms.add(s, [terms.disj(block)])
        answer = terms.check(s, given)
        if answer == z3.sat:
            m = s.model()
            s.pop()
            hi = lo + terms.truths(m, block).index(True)
        else:
            s.pop()
            if answer != z3.unsat:  # unanswered: the first away in a scenario found, if not the first of all
                break
            lo = mid + 1
    return hi, m


class _Narrow:
    """The canonical scan of :func:`_canonical`, each question asked over the scenes that
    can answer it: what made the scan linear × linear. One solver holds every scene behind a
    literal of its own (``pick[i]`` implies scene ``i``); a question names the literal of its
    scene (or of its group of scenes) among its assumptions, so the solver is built once and
    what it learns serves every later question (a solver per group of scenes, built afresh,
    was half the time of the scan at 4,200 persons).

    Why the answers are the same: ``size`` is the fewest absences that satisfy one of the
    scenes, so a scenario of that size satisfying scene ``i`` makes absent only persons of
    ``involved[i]`` (anyone else could come back and leave a smaller one). "Is there a
    smallest scenario with these persons away (and those present)?" is therefore "is there
    one, over the scenes involving all the persons away, with nobody else away", and a
    scenario found there, everyone else present, is one of the whole question (a person
    no scene involving them all names is not asked: the answer is no). The final model is
    asked of the whole question, every absence fixed."""

    def __init__(
        self,
        enc: Encoding,
        parts: Sequence[z3.BoolRef],
        involved: Sequence[frozenset[str]],
        size: int,
        timeout: float,
        assumptions: list[z3.BoolRef],
    ) -> None:
        self.enc, self.parts, self.size, self.timeout = enc, parts, size, timeout
        self.involved = [frozenset(x) & enc.absent.keys() for x in involved]
        self.assumptions = assumptions
        self.of: dict[str, list[int]] = {}
        for i, who in enumerate(self.involved):
            for p in who:
                self.of.setdefault(p, []).append(i)
        self.groups: dict[tuple[int, ...], tuple[tuple[str, ...], z3.BoolRef]] = {}
        self.full: tuple[z3.Solver, tuple[str, ...]] | None = None
        self.shared: z3.Solver | None = None
        self.pick: list[z3.BoolRef] = []
        self.order = {p: i for i, p in enumerate(enc.persons)}

    def _shared(self) -> z3.Solver:
        """The solver of every scene, each behind its literal in ``pick`` (built on first use)."""
        if self.shared is None:
            enc = self.enc
            s = _incremental()  # every question names assumptions (p away, at least)
            s.set("timeout", max(1, int(self.timeout * 1000)))
            terms.add(s, enc.domain)
            aways = [enc.away[p] for p in enc.persons]
            if self.size < len(aways):
                terms.add(s, [terms.at_most(aways, self.size)])
            self.pick = [z3.FreshBool("scene") for _ in self.parts]
            terms.add(s, [terms.implies(b, part) for b, part in zip(self.pick, self.parts, strict=True)])
            self.shared = s
        return self.shared

    def _solver(self, scenes: tuple[int, ...]) -> tuple[z3.Solver, tuple[str, ...], list[z3.BoolRef]]:
        """The solver to ask about ``scenes``, their persons (in the cast's order) and the
        literals that select them."""
        if len(scenes) == len(self.parts) and self.full is not None:
            return (*self.full, [])  # every scene: the whole question's solver
        s = self._shared()
        found = self.groups.get(scenes)
        if found is None:
            wanted = frozenset().union(*(self.involved[i] for i in scenes))
            persons = tuple(sorted(wanted, key=self.order.__getitem__))
            if len(scenes) == 1:
                sel = self.pick[scenes[0]]
            else:
                sel = z3.FreshBool("scenes")
                terms.add(s, [terms.implies(sel, terms.disj([self.pick[i] for i in scenes]))])
            found = self.groups[scenes] = (persons, sel)
        return s, found[0], [found[1]]

    def _ask(
        self, chosen: list[str], present: set[str], extra: list[z3.BoolRef], p: str | None
    ) -> z3.ModelRef | None:
        """A smallest scenario with ``chosen`` (and ``p``) away, ``present`` present and the
        ``extra`` literals true, or None (none, or the solver gave no answer)."""
        first = p if p is not None else chosen[0]
        scenes = tuple(i for i in self.of.get(first, ()) if all(c in self.involved[i] for c in chosen))
        if not scenes:
            return None
        s, persons, lits = self._solver(scenes)
        enc = self.enc
        lits = [*lits, *(enc.away[c] for c in chosen)]
        lits += [enc.present(q) for q in persons if q in present]
        if p is not None:
            lits.append(enc.away[p])
        if terms.check(s, [*self.assumptions, *lits, *extra]) == z3.sat:
            return s.model()
        return None

    def canonical(self, full: z3.Solver, m: z3.ModelRef) -> tuple[z3.ModelRef, dict[str, str]] | None:
        """As :func:`_canonical` (``full``: the whole question, bounded by ``size``); None if
        the last question to the whole went unanswered."""
        enc = self.enc
        self.full = (full, enc.persons)
        chosen: list[str] = []
        present: set[str] = set()
        for p in sorted(enc.persons):
            if len(chosen) == self.size:
                break
            if terms.truth(m, enc.away[p]):
                chosen.append(p)
                continue
            found = self._ask(chosen, present, [], p)
            if found is not None:
                m = found
                chosen.append(p)
            else:
                present.add(p)
        why: dict[str, str] = {}
        fixed: list[z3.BoolRef] = []
        for p in chosen:
            for r in enc.reasons:
                if terms.truth(m, enc.absent[p][r]):
                    fixed.append(enc.absent[p][r])
                    why[p] = r
                    break
                found = self._ask(chosen, present, [*fixed, enc.absent[p][r]], None)
                if found is not None:
                    m = found
                    fixed.append(enc.absent[p][r])
                    why[p] = r
                    break
        if chosen and terms.check(full, [*self.assumptions, *fixed]) != z3.sat:
            return None
        return (full.model() if chosen else m), {p: why[p] for p in enc.persons if p in why}
