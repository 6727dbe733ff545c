"""Helpers shared by the check modules: the case list a coverage-like query ranges over,
and the bilingual wording of results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from govmodel.findings import Absence, Cause
from govmodel.model import Model
from govmodel.refs import Label
from govmodel.verify.chains import Root
from govmodel.verify.decode import label_of
from govmodel.verify.scenarios import Scene

__all__ = ["Case", "people", "when_away", "rule_ids", "persons_of"]


@dataclass(frozen=True)
class Case:
    """One scene of a query with the holders (and their chains) of the act in it."""

    scene: Scene
    roots: tuple[Root, ...]
    act: str | None
    all_holders: bool = False
    exclude: frozenset[str] = field(default_factory=frozenset)


def no_answer(reason: str) -> Label:
    """The message of a result the solver could not decide (timeout or unknown)."""
    return Label(f"求解未果:{reason}", f"solver gave no answer: {reason}")


def rule_ids(cases: Sequence[Case]) -> tuple[str, ...]:
    """Every deputy rule any chain of the cases passes through (stable, sorted)."""
    return tuple(sorted({h.rule for c in cases for r in c.roots for ch in r.chains for h in ch.hops}))


def persons_of(cases: Sequence[Case]) -> set[str]:
    """Every person whose absence can matter to the cases."""
    out: set[str] = set()
    for c in cases:
        out |= set(c.scene.present)
        for r in c.roots:
            if r.holder:
                out.add(r.holder)
            for ch in r.chains:  # (Chain.persons without its tuples: hot in coverage and separation)
                out.update([h.person for h in ch.hops])
                if ch.person:
                    out.add(ch.person)
    return out


def when_away(model: Model, absent: Sequence[Absence]) -> Label:
    """ "市长(甲)(出国访问)缺位时" / "when Mayor A is away (visit abroad)";
    "即使无人缺位" / "even with nobody away"."""
    if not absent:
        return Label("即使无人缺位", "even with nobody away")
    p = people(model, absent)
    return Label(f"{p.zh}缺位时", f"when {p.en} {'is' if len(absent) == 1 else 'are'} away")


def people(model: Model, absent: Sequence[Absence]) -> Label:
    """ "市长(甲)(出国访问)、…" / "Mayor A (visit abroad), …"."""
    if not absent:
        return Label("无人缺位", "nobody away")
    zh = "、".join(f"{label_of(model, a.person).zh}({label_of(model, a.reason).zh})" for a in absent)
    en = ", ".join(f"{label_of(model, a.person).en} ({label_of(model, a.reason).en})" for a in absent)
    return Label(zh, en)


_PRIORITY = {"reasons": 0, "acts": 1, "stand_in": 2, "approver": 3, "unheld": 4}


def coverage_cause(
    model: Model, case: Case, absent: dict[str, str], actors: tuple[str, ...], element: str | None
) -> Cause:
    """Where the witness blocks, read off the case's chains: each chain whose absent hops all
    pass the act on and whose last person is absent too, with no rule passing it on for
    that reason, is a blocking point; the cheapest fix of all blocking points is returned
    (widen a rule's reasons, then its acts, then a new stand-in, then a holder)."""
    from govmodel.graph.authority import deputy_rules_for, holders

    found: list[Cause] = []
    act = case.act
    for actor in actors:
        for role in model.group_roles(actor):
            if not holders(model, role, case.scene.ctx) and not _institutional(model, role):
                found.append(Cause("unheld", role, act))
    for r in case.roots:
        if r.holder is None:
            continue
        if r.holder in case.exclude:  # the requester: only his own absence passes the act on
            found.append(Cause("approver", element or r.role, act))
            continue
        for c in r.chains:
            if c.person is None or c.person not in absent:
                continue
            if not all(absent.get(h.person) in h.reasons for h in c.hops):
                continue
            why = absent[c.person]
            n = len(c.hops)
            onward = [
                d
                for d in r.chains
                if len(d.hops) > n and d.hops[:n] == c.hops and d.hops[n].person == c.person
            ]
            if any(why in d.hops[n].reasons for d in onward):
                continue
            rules = deputy_rules_for(model, c.role, act, case.scene.doc_type, c.person)
            wide = deputy_rules_for(model, c.role, None, case.scene.doc_type, c.person)
            if any(why not in x.when_absent_for for x in rules):
                found.append(
                    Cause("reasons", sorted(x.id for x in rules if why not in x.when_absent_for)[0], act, why)
                )
            elif rules and not onward:  # the rule passes it on, to nobody who may act
                deputies = {h for x in rules for h in holders(model, x.deputy, case.scene.ctx)}
                if deputies and deputies <= case.exclude:
                    found.append(Cause("approver", element or r.role, act, why))
                elif not deputies:
                    found.append(Cause("unheld", sorted(x.deputy for x in rules)[0], act, why))
            elif not rules and wide:
                found.append(Cause("acts", sorted(x.id for x in wide)[0], act, why))
            elif not rules:
                found.append(Cause("stand_in", c.role, act, why))
    if not found:
        return Cause("other", element or "", act)
    return min(found, key=lambda x: (_PRIORITY.get(x.kind, 9), x.target, x.reason or ""))


def _institutional(model: Model, role: str) -> bool:
    from govmodel.graph.authority import actor_kind
    from govmodel.model import types as t

    el = model.get(role)
    return actor_kind(model, role) in ("body", "meeting") or (
        isinstance(el, t.Role) and bool(el.institutional)
    )
