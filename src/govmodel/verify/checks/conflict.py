"""Conflict and overlap: two rules that apply to the same document with different
requirements, and rules that can never apply (vacuous).

- ``conflict.overlap``: two procedures govern one document type and, under some combination
  of the document's conditions (found by Z3), both ask for the same act, or both give the
  decision (approve, finalize, decide, collective decision), to different actors.
- ``conflict.vacuous``: a deputy rule whose deputy nobody holds in any context, or whose acts
  never occur for its document types; a step whose conditions can never hold; a leave rule
  whose requesters nobody holds; an ordering that matches no step of its document types.
"""

from __future__ import annotations

from collections.abc import Iterator

import z3

from govmodel.findings import Counterexample, Finding, Status, TraceStep
from govmodel.graph.authority import holders, role_ancestors
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.verify import decode
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds, contexts

__all__ = ["DECISIVE", "properties", "evaluate", "overlaps", "matches"]

DECISIVE = frozenset({"approves", "finalizes", "decides", "collective_decision"})
"""Acts that settle a matter: two of them by different actors on one document conflict."""


def _applies(step: t.Step, conds: dict[str, z3.BoolRef]) -> z3.BoolRef:
    parts = []
    if step.when:
        parts.append(conds[step.when])
    if step.unless:
        parts.append(z3.Not(conds[step.unless]))
    return z3.And(parts) if parts else z3.BoolVal(True)


def _actors(model: Model, step: t.Step) -> frozenset[str]:
    return frozenset(r for a in step.by for r in model.group_roles(a))


def overlaps(model: Model) -> dict[tuple[str, str], list[str]]:
    """(step of one procedure, step of another) → the document types both govern."""
    out: dict[tuple[str, str], list[str]] = {}
    for d in model.document_types:
        procs = model.procedures_for(d.id)
        for i, p in enumerate(procs):
            for q in procs[i + 1:]:
                for a in p.steps:
                    for b in q.steps:
                        same = a.act == b.act or (a.act in DECISIVE and b.act in DECISIVE)
                        if same and a.by and b.by and _actors(model, a) != _actors(model, b) and not a.optional and not b.optional:
                            out.setdefault((f"{p.id}.{a.id}", f"{q.id}.{b.id}"), []).append(d.id)
    return out


def matches(model: Model, pat: t.StepPattern, step: t.Step) -> bool:
    """Does a step match an ordering's pattern (act, and actor and target when given)?"""
    if step.act != pat.act:
        return False
    if pat.by and pat.by not in step.by:
        return False
    return not (pat.target and pat.target != step.target)


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    for (u, v), types in sorted(overlaps(model).items()):
        a, b = model.get(u), model.get(v)
        yield Property("conflict.overlap", f"{u} ~ {v}",
                       Label(f"同一文件不应由两条规定分别要求不同主体{decode.act_label(a.act).zh}/{decode.act_label(b.act).zh}",
                             f"one document is not asked by two rules to {a.act}/{b.act} by different actors"),
                       (u, v), v, {"kind": "overlap", "a": u, "b": v, "types": types})
    for r in model.deputy_rules:
        if r.kind != "entrusts":
            yield Property("conflict.vacuous", r.id,
                           Label(f"「{r.label.zh}」在某种情形下能够适用", f"'{r.label.en}' can apply in some scenario"),
                           (r.id,), r.id, {"kind": "deputy", "rule": r.id})
    for proc in model.all_procedures():
        for s in proc.steps:
            if s.when and s.when == s.unless:
                yield Property("conflict.vacuous", f"{proc.id}.{s.id}",
                               Label("该步骤在某种条件下适用", "the step applies under some conditions"),
                               (f"{proc.id}.{s.id}",), f"{proc.id}.{s.id}", {"kind": "step"})
    for lr in model.leave_rules:
        yield Property("conflict.vacuous", lr.id,
                       Label(f"「{lr.label.zh}」有人适用", f"'{lr.label.en}' applies to someone"),
                       (lr.id,), lr.id, {"kind": "leave", "rule": lr.id})
    for o in model.orderings:
        yield Property("conflict.vacuous", o.id,
                       Label(f"「{o.label.zh}」约束到实际步骤", f"'{o.label.en}' constrains actual steps"),
                       (o.id,), o.id, {"kind": "ordering", "ordering": o.id})


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    kind = prop.parameters["kind"]
    if kind == "overlap":
        return _overlap(model, prop, bounds)
    problem = {"deputy": _deputy_vacuous, "step": lambda m, p, b: Label("条件自相矛盾(when 与 unless 相同)",
                                                                          "contradictory conditions (when equals unless)"),
               "leave": _leave_vacuous, "ordering": _ordering_vacuous}[kind](model, prop, bounds)
    if problem is None:
        return prop.finding(model, Status.holds, Label("已证明:存在适用情形", "proved: applies in some scenario"),
                            bounds=bounds.as_dict(model))
    return prop.finding(model, Status.violated, problem, counterexample=Counterexample(trace=(TraceStep(problem),)),
                        bounds=bounds.as_dict(model))


def _overlap(model: Model, prop: Property, bounds: Bounds) -> Finding:
    a, b = model.get(prop.parameters["a"]), model.get(prop.parameters["b"])
    names = sorted({c for s in (a, b) for c in (s.when, s.unless) if c})
    conds = {c: z3.Bool(f"cond!{c}") for c in names}
    s = z3.Solver()
    s.set("timeout", max(1, int(bounds.timeout * 1000)))
    s.add(_applies(a, conds), _applies(b, conds))
    answer = s.check()
    bd = bounds.as_dict(model)
    if answer == z3.unsat:
        return prop.finding(model, Status.holds, Label("已证明:两步骤不会同时适用", "proved: the two steps never apply together"),
                            bounds=bd)
    if answer != z3.sat:
        return prop.finding(model, Status.unknown, Label("求解未果", f"solver gave no answer: {s.reason_unknown()}"), bounds=bd)
    m = s.model()
    on = tuple(c for c in names if z3.is_true(m.eval(conds[c], model_completion=True)))
    la, lb = decode.label_of(model, a.by[0]), decode.label_of(model, b.by[0])
    types = prop.parameters["types"]
    msg = Label(
        f"{'、'.join(decode.label_of(model, x).zh for x in types)}同时适用两条规定:一条由"
        f"{'或'.join(decode.label_of(model, x).zh for x in a.by)}{decode.act_label(a.act).zh}，另一条由"
        f"{'或'.join(decode.label_of(model, x).zh for x in b.by)}{decode.act_label(b.act).zh}",
        f"{', '.join(types)}: two rules apply; one says the {' or '.join(decode.label_of(model, x).en for x in a.by)} "
        f"{decode.act_label(a.act).en}, the other that the {' or '.join(decode.label_of(model, x).en for x in b.by)} "
        f"{decode.act_label(b.act).en}")
    trace = (TraceStep(Label(f"{prop.parameters['a']}:{la.zh}{decode.act_label(a.act).zh}", f"{prop.parameters['a']}: {la.en} {a.act}"),
                       a.articles, prop.parameters["a"]),
             TraceStep(Label(f"{prop.parameters['b']}:{lb.zh}{decode.act_label(b.act).zh}", f"{prop.parameters['b']}: {lb.en} {b.act}"),
                       b.articles, prop.parameters["b"]))
    cx = Counterexample(cast={"document_types": types}, conditions=on, trace=trace)
    return prop.finding(model, Status.violated, msg, counterexample=cx, bounds=bd)


def _ever_held(model: Model, role: str, bounds: Bounds) -> bool:
    return any(holders(model, role, c) for c in contexts(model, (role,), bounds))


def _deputy_vacuous(model: Model, prop: Property, bounds: Bounds) -> Label | None:
    r = model.get(prop.parameters["rule"])
    if not _ever_held(model, r.deputy, bounds):
        d = decode.label_of(model, r.deputy)
        return Label(f"代行人{d.zh}在任何情形下都无人担任", f"nobody ever holds the deputy role {d.en}")
    types = set(r.applies_to)
    for proc in model.all_procedures():
        governed = {d.id for d in model.document_types if proc in model.procedures_for(d.id)}
        if types and not any(types & set(model.supertypes(g)) for g in governed):
            continue
        for s in proc.steps:
            if (r.acts == "all" or s.act in r.acts) and any(
                    r.principal in role_ancestors(model, x) for a in s.by for x in model.group_roles(a)):
                return None
    for m in model.meetings:
        if not types and any(r.principal in role_ancestors(model, x) for x in m.presider + m.convener):
            if r.acts == "all" or {"presides", "convenes"} & set(r.acts):
                return None
    for lr in model.leave_rules:
        if not types and (r.acts == "all" or "grants_leave" in r.acts) and any(
                r.principal in role_ancestors(model, x) for a in lr.approver for x in model.group_roles(a)):
            return None
    return Label("该规则涉及的行为在其适用的文件中从不出现", "the acts the rule passes on never occur for its document types")


def _leave_vacuous(model: Model, prop: Property, bounds: Bounds) -> Label | None:
    lr = model.get(prop.parameters["rule"])
    if any(_ever_held(model, r, bounds) for a in lr.requesters for r in model.group_roles(a)):
        return None
    return Label("请假人角色无人担任", "nobody holds the requesting roles")


def _ordering_vacuous(model: Model, prop: Property, bounds: Bounds) -> Label | None:
    o = model.get(prop.parameters["ordering"])
    for dt in o.applies_to:
        types = [d.id for d in model.document_types if dt in model.supertypes(d.id)]
        for ty in types:
            steps = [s for p in model.procedures_for(ty) for s in p.steps]
            if any(matches(model, o.then, s) for s in steps):
                return None
    return Label("其适用的文件中没有与「then」匹配的步骤", "no step of its document types matches 'then'")

