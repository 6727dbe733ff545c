"""Conflict and overlap: two rules that ask, in some scenario, for the same act on one
document by persons none of whom can satisfy both, and rules that can never apply (vacuous).

- ``conflict.overlap``: two procedures govern one document type and both ask for the same
  settling act (:data:`EXCLUSIVE`: signing; approving, finalizing or deciding, which are one
  individual decision; a collective decision). Z3 looks for a scenario (the document's
  conditions, the department and documents it touches, who is away) in which both steps apply,
  someone can perform each, and nobody can perform both: the two rules then require different
  persons. Rules that name the same persons by different role expressions (the leader in
  charge by the division of work vs "the vice mayor in charge or the mayor") never do. Acts
  that add up (consulting, reviewing, reading: both rules' actors do it) are not compared.
- ``conflict.vacuous``: a deputy rule whose deputy nobody holds in any context, or whose acts
  never occur for its document types; a step whose conditions can never hold; a leave rule
  whose requesters nobody holds; an ordering that matches no step of its document types
  (decided in :mod:`govmodel.verify.checks.vacuous`).
"""

from __future__ import annotations

from collections.abc import Iterator

import z3

from govmodel.findings import Counterexample, Finding, OverlapWitness, Status, Subject, TraceStep
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.verify import decode, solve
from govmodel.verify.chains import Chain, Root, roots
from govmodel.verify.checks._common import Case, no_answer, persons_of, rule_ids, when_away
from govmodel.verify.checks.act_meanings import DECISIVE, EXCLUSIVE, same_act
from govmodel.verify.checks.vacuous import matches, vacuous_problem, vacuous_properties
from govmodel.verify.encode import Encoding
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds, Scene, contexts, distinct_types
from govmodel.verify.terms import conj, disj, false, neg, true, truth, var

# matches lives in checks/vacuous.py: named here too, for its importers
__all__ = [
    "DECISIVE",
    "EXCLUSIVE",
    "same_act",
    "properties",
    "evaluate",
    "overlaps",
    "matches",
    "performer_key",
]


def performer_key(c: Chain) -> str | None:
    """Who performs through a chain: the person, or the institution (a body or meeting)."""
    return c.person or c.institution


def _applies(step: t.Step, conds: dict[str, z3.BoolRef]) -> z3.BoolRef:
    parts = []
    if step.when:
        parts.append(conds[step.when])
    if step.unless:
        parts.append(neg(conds[step.unless]))
    return conj(parts) if parts else true()


def _actors(model: Model, step: t.Step) -> frozenset[str]:
    return frozenset(r for a in step.by for r in model.group_roles(a))


def overlaps(model: Model) -> dict[tuple[str, str], list[str]]:
    """(step of one procedure, step of another) → the document types both govern, for every
    pair asking the same settling act of actors named differently (candidates: Z3 decides)."""
    out: dict[tuple[str, str], list[str]] = {}
    for d in model.document_types:
        procs = model.procedures_for(d.id)
        for i, p in enumerate(procs):
            for q in procs[i + 1 :]:
                for a in p.steps:
                    for b in q.steps:
                        if (
                            same_act(model, str(a.act), str(b.act))
                            and a.by
                            and b.by
                            and not a.optional
                            and not b.optional
                            and _actors(model, a) != _actors(model, b)
                        ):
                            out.setdefault((f"{p.id}.{a.id}", f"{q.id}.{b.id}"), []).append(d.id)
    return out


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    for (u, v), types in sorted(overlaps(model).items()):
        a, b = model.get(u), model.get(v)
        la, lb = decode.act_label(model, a.act), decode.act_label(model, b.act)
        yield Property(
            "conflict.overlap",
            Subject.pair(u, "~", v),
            Label(
                f"两条规定不会要求不同的人{la.zh}/{lb.zh}同一文件",
                f"the two rules never require different persons to {la.en}/{lb.en} one document",
            ),
            (u, v),
            v,
            {"kind": "overlap", "a": u, "b": v, "types": types},
        )
    yield from vacuous_properties(model)


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    kind = prop.parameters["kind"]
    if kind == "overlap":
        return _overlap(model, prop, bounds)
    problem = vacuous_problem(model, prop, bounds)
    if problem is None:
        return prop.finding(
            model,
            Status.holds,
            Label("已证明:存在适用情形", "proved: applies in some scenario"),
            bounds=bounds.as_dict(model),
        )
    return prop.finding(
        model,
        Status.violated,
        problem,
        counterexample=Counterexample(trace=(TraceStep(problem),)),
        bounds=bounds.as_dict(model),
    )


def overlap_cases(
    model: Model, a: t.Step, b: t.Step, types: list[str], bounds: Bounds
) -> list[tuple[Case, Case]]:
    """One pair of cases per scene (document type, department, documents touched) where both
    steps are asked, with the holders of each and their stand-in chains."""
    out, seen = [], set()
    for dt in distinct_types(model, tuple(types)):
        for ctx in contexts(model, a.by + b.by, bounds):
            ra, rb = roots(model, a.by, a.act, dt, ctx), roots(model, b.by, b.act, dt, ctx)
            if (ra, rb) in seen:
                continue
            seen.add((ra, rb))
            sc = Scene(dt, ctx)
            out.append((Case(sc, ra, str(a.act), a.all_holders), Case(sc, rb, str(b.act), b.all_holders)))
    return out


def _can(enc: Encoding, rts: tuple[Root, ...], key: str) -> z3.BoolRef:
    return disj([enc.chain(c) for r in rts for c in r.chains if performer_key(c) == key] or [false()])


def _keys(rts: tuple[Root, ...]) -> list[str]:
    return sorted({k for r in rts for c in r.chains if (k := performer_key(c)) is not None})


def disagree(enc: Encoding, ca: Case, cb: Case) -> z3.BoolRef:
    """Someone can perform each step, and nobody can perform both."""
    ka, kb = _keys(ca.roots), _keys(cb.roots)
    some_a = disj([_can(enc, ca.roots, k) for k in ka] or [false()])
    some_b = disj([_can(enc, cb.roots, k) for k in kb] or [false()])
    both = [conj([_can(enc, ca.roots, k), _can(enc, cb.roots, k)]) for k in sorted(set(ka) & set(kb))]
    return conj([some_a, some_b, neg(disj(both or [false()]))])


def _overlap(model: Model, prop: Property, bounds: Bounds) -> Finding:
    a, b = model.get(prop.parameters["a"]), model.get(prop.parameters["b"])
    names = sorted({c for s in (a, b) for c in (s.when, s.unless) if c})
    conds = {c: var(f"cond!{c}") for c in names}
    pairs = overlap_cases(model, a, b, prop.parameters["types"], bounds)
    cases = [c for pair in pairs for c in pair]
    rules = rule_ids(cases)
    k = bounds.k_for(model)
    bd = {**bounds.as_dict(model), "contexts": len(pairs)}
    enc = Encoding(model, str(prop.subject), persons_of(cases))
    scenes = [disagree(enc, ca, cb) for ca, cb in pairs]
    out = solve.smallest(
        enc, [_applies(a, conds), _applies(b, conds), disj(scenes or [false()])], bounds.timeout, k
    )
    if out.status == "unsat":
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:至多{k}人缺位的任何情形下两条规定都可由同一人满足",
                f"proved: in every scenario of up to {k} absences one person satisfies both rules",
            ),
            extra=rules,
            bounds=bd,
        )
    if out.model is None:
        return prop.finding(
            model,
            Status.unknown,
            no_answer(out.reason),
            extra=rules,
            bounds=bd,
        )
    m = out.model
    ca, cb = pairs[decode.scene_index(scenes, m)]
    on = tuple(c for c in names if truth(m, conds[c]))
    absent = decode.absences(enc, m)
    ab = decode.absence_list(model, absent)
    who_a = [k_ for k_ in _keys(ca.roots) if truth(m, _can(enc, ca.roots, k_))]
    who_b = [k_ for k_ in _keys(cb.roots) if truth(m, _can(enc, cb.roots, k_))]
    pa = Label(
        "或".join(decode.label_of(model, x).zh for x in who_a),
        " or ".join(decode.label_of(model, x).en for x in who_a),
    )
    pb = Label(
        "或".join(decode.label_of(model, x).zh for x in who_b),
        " or ".join(decode.label_of(model, x).en for x in who_b),
    )
    la, lb = decode.act_label(model, a.act), decode.act_label(model, b.act)
    dt = decode.label_of(model, ca.scene.doc_type)
    dept = ca.scene.ctx.department
    src = (
        Label(f"{decode.label_of(model, dept).zh}报送的", f" from {decode.label_of(model, dept).en}")
        if dept
        else Label("", "")
    )
    wa = when_away(model, ab)
    msg = Label(
        f"{wa.zh}，{src.zh}{dt.zh}:一条规定由{pa.zh}{la.zh}，另一条由{pb.zh}{lb.zh}，无人能同时满足两条",
        f"{wa.en}, for a {dt.en}{src.en} one rule has {pa.en} {la.en}, the other {pb.en} {lb.en}: "
        f"nobody satisfies both",
    )
    trace = (
        TraceStep(
            Label(
                f"{decode.label_of(model, prop.parameters['a'].partition('.')[0]).zh}:{pa.zh}{la.zh}",
                f"{decode.label_of(model, prop.parameters['a'].partition('.')[0]).en}: {pa.en} {la.en}",
            ),
            a.articles,
            prop.parameters["a"],
        ),
        TraceStep(
            Label(
                f"{decode.label_of(model, prop.parameters['b'].partition('.')[0]).zh}:{pb.zh}{lb.zh}",
                f"{decode.label_of(model, prop.parameters['b'].partition('.')[0]).en}: {pb.en} {lb.en}",
            ),
            b.articles,
            prop.parameters["b"],
        ),
    )
    sc = ca.scene.witness()
    cast = OverlapWitness(
        sc.document_type,
        sc.department,
        sc.related_departments,
        sc.presiding,
        sc.entrusting,
        tuple(who_a),
        tuple(who_b),
    )
    cx = Counterexample(absent=ab, cast=cast, conditions=on, trace=trace)
    return prop.finding(
        model, Status.violated, msg, counterexample=cx, extra=rules, bounds={**bd, "absences": out.size or 0}
    )
