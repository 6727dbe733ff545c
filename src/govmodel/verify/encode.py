"""Encode scenarios in Z3, propositionally: one Boolean per person and absence reason of the
model (at most one true per person), a pseudo-Boolean bound on how many are away, one
formula per context (the solver picks the context by satisfying one), and one tracking
literal per deputy rule, so an unsat core names the rules (and thus the articles) a proof rests on
(z3 ``examples/python/mus/marco.py``).

Encoding only builds terms; :mod:`govmodel.verify.solve` checks them and
:mod:`govmodel.verify.decode` turns a z3 model back into domain terms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import z3

from govmodel.model import Model
from govmodel.model.memo import memo
from govmodel.verify.chains import Chain, Root
from govmodel.verify.terms import at_most, conj, disj, false, neg, true, truth, truths, var

__all__ = ["Encoding"]


def _cast_ids(model: Model) -> tuple[str, ...]:
    cache = memo(model, "verify.cast_ids")
    if "ids" not in cache:
        cache["ids"] = tuple(p.id for p in model.cast.persons) if model.cast else ()
    found: tuple[str, ...] = cache["ids"]
    return found


class _Pool:
    """The variables of a model, made once and shared by every query (one Boolean per person
    and absence reason, one tracking literal per deputy rule): building them per query was
    most of an encoding's cost. A variable means the same in every query ("this person is
    absent for this reason"), and each query has its own solver, so sharing changes no answer."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        self.reasons = reasons
        self._absent: dict[str, dict[str, z3.BoolRef]] = {}
        self._away: dict[str, z3.BoolRef] = {}
        self._present: dict[str, z3.BoolRef] = {}
        self._domain: dict[str, z3.BoolRef | None] = {}
        self._rules: dict[str, z3.BoolRef] = {}
        self._chains: dict[Chain, z3.BoolRef] = {}

    @classmethod
    def of(cls, model: Model, reasons: tuple[str, ...]) -> _Pool:
        pools = memo(model, "verify.variables")
        if reasons not in pools:
            pools[reasons] = cls(reasons)
        pool: _Pool = pools[reasons]
        return pool

    def absent(self, person: str) -> dict[str, z3.BoolRef]:
        found = self._absent.get(person)
        if found is None:
            found = self._absent[person] = {r: var(f"absent!{person}!{r}") for r in self.reasons}
        return found

    def away(self, person: str) -> z3.BoolRef:
        found = self._away.get(person)
        if found is None:
            v = self.absent(person)
            found = self._away[person] = disj(list(v.values())) if v else false()
        return found

    def domain(self, person: str) -> z3.BoolRef | None:
        """At most one reason for the person (None with one reason or fewer)."""
        if person not in self._domain:
            v = self.absent(person)
            self._domain[person] = at_most(list(v.values()), 1) if len(v) > 1 else None
        return self._domain[person]

    @staticmethod
    def complete(c: Chain, absent: dict[str, dict[str, z3.BoolRef]]) -> bool:
        return (c.person is None or c.person in absent) and all(h.person in absent for h in c.hops)

    def chain(self, c: Chain, build: Callable[[Chain], z3.BoolRef]) -> z3.BoolRef:
        """The term of a chain whose persons all have variables (the same in every query)."""
        found = self._chains.get(c)
        if found is None:
            found = self._chains[c] = build(c)
        return found

    def present(self, person: str) -> z3.BoolRef:
        found = self._present.get(person)
        if found is None:
            found = self._present[person] = neg(self.away(person))
        return found

    def rule(self, rule_id: str) -> z3.BoolRef:
        found = self._rules.get(rule_id)
        if found is None:
            found = self._rules[rule_id] = var(f"rule!{rule_id}")
        return found


class Encoding:
    """The variables of one query and the terms built over them.

    Parameters
    ----------
    model : Model
        Supplies the persons of the cast and the absence reasons.
    name : str
        A prefix that keeps variables of different queries apart.
    persons : iterable of str, optional
        Only these persons get a variable (the others cannot change the answer: the
        persons on the chains of the query); default every person of the cast.
    meeting : bool
        The query is about a meeting act, so meetings-only absence reasons count too.
    """

    def __init__(
        self, model: Model, name: str = "q", persons: Iterable[str] | None = None, meeting: bool = False
    ):
        cast = _cast_ids(model)
        wanted = set(persons) if persons is not None else set(cast)
        self.persons: tuple[str, ...] = tuple(p for p in cast if p in wanted)
        # a meetings-only absence (不能出席会议) stops only meeting acts
        self.reasons: tuple[str, ...] = model.reason_ids(meeting)
        self.name = name
        pool = _Pool.of(model, self.reasons)
        self.absent = {p: pool.absent(p) for p in self.persons}
        self.away = {p: pool.away(p) for p in self.persons}
        self.track: dict[str, z3.BoolRef] = {}
        self._pool = pool
        self.domain: list[z3.BoolRef] = [d for d in (pool.domain(p) for p in self.persons) if d is not None]

    # ----- persons -----------------------------------------------------------------
    def domain_of(self, person: str) -> z3.BoolRef | None:
        """At most one absence reason for ``person`` (None with one reason or fewer)."""
        return self._pool.domain(person)

    def present(self, person: str) -> z3.BoolRef:
        if person not in self.absent:
            return true()
        return self._pool.present(person)

    def absent_for(self, person: str, reasons: Iterable[str]) -> z3.BoolRef:
        if person not in self.absent:
            return false()
        found = [self.absent[person][r] for r in reasons if r in self.absent[person]]
        return disj(found) if found else false()

    def at_most(self, k: int) -> z3.BoolRef:
        """At most ``k`` persons absent (a pseudo-Boolean constraint; none when ``k`` bounds
        nothing: z3 would encode it all the same, at a cost growing with ``k`` × persons)."""
        if not self.away or k >= len(self.away):
            return true()
        return at_most(list(self.away.values()), k)

    def size(self, m: z3.ModelRef) -> int:
        """Number of persons a z3 model makes absent."""
        return sum(truths(m, list(self.away.values())))

    # ----- rules ---------------------------------------------------------------------
    def rule(self, rule_id: str) -> z3.BoolRef:
        """The tracking literal of a deputy rule (asserted through assumptions)."""
        if rule_id not in self.track:
            self.track[rule_id] = self._pool.rule(rule_id)
        return self.track[rule_id]

    # ----- chains --------------------------------------------------------------------
    def chain(self, c: Chain) -> z3.BoolRef:
        """The chain is open: every hop absent for a reason its rule names, the end present."""
        if c.institution is not None:
            return true()
        for h in c.hops:
            self.rule(h.rule)
        if self._pool.complete(c, self.absent):  # every person on it has variables: the model's term
            return self._pool.chain(c, self._chain)
        return self._chain(c)

    def _chain(self, c: Chain) -> z3.BoolRef:
        parts = [conj([self.rule(h.rule), self.absent_for(h.person, h.reasons)]) for h in c.hops]
        parts.append(self.present(c.person) if c.person else false())
        return conj(parts)

    def performs(self, cs: Iterable[Chain], person: str) -> z3.BoolRef:
        """``person`` is an available performer through one of the chains."""
        return disj([self.chain(c) for c in cs if c.person == person] or [false()])

    def covered(self, rts: tuple[Root, ...], all_holders: bool = False) -> z3.BoolRef:
        """Someone can act (alternatives) or, with ``all_holders``, every holder can act."""
        per_root = [disj([self.chain(c) for c in r.chains] or [false()]) for r in rts]
        if all_holders:
            return conj(per_root) if per_root else true()
        return disj(per_root) if per_root else false()

    def forced(self, rts: tuple[Root, ...], person: str, all_holders: bool = False) -> z3.BoolRef:
        """``person`` must perform the act: he can, and (for alternatives) nobody else can."""
        cs = [c for r in rts for c in r.chains]
        mine = self.performs(cs, person)
        if all_holders:
            return mine
        others = [self.chain(c) for c in cs if c.person != person]
        return conj([mine, neg(disj(others))]) if others else mine

    def all_present(self, present: Iterable[str] = ()) -> z3.BoolRef:
        return conj([self.present(p) for p in present])

    @staticmethod
    def pick(m: z3.ModelRef, formulas: list[z3.BoolRef]) -> int:
        """The first of ``formulas`` (one per scene) that the z3 model makes true."""
        return next(i for i, f in enumerate(formulas) if truth(m, f))

    def assumptions(self) -> list[z3.BoolRef]:
        return list(self.track.values())
