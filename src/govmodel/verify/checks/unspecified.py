"""Unspecified actors: an act the rules require with nobody named to perform it.

- ``unspecified.step``: a step with ``by: []`` (the text requires the act, names nobody);
- ``unspecified.role``: a role the rules name for an act that nobody holds in some context
  (no vice mayor is in charge of a department the mayor leads directly);
- ``unspecified.leave``: persons who ask leave in one situation (or are government leaders)
  but for whom no rule names an approver in another situation (who grants the mayor's leave
  to leave the city?).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govmodel.findings import (
    Counterexample,
    DocumentTypes,
    Finding,
    LeaveWitness,
    SceneWitness,
    Status,
    Subject,
    TraceStep,
    UnheldWitness,
)
from govmodel.graph.authority import holders
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.verify import decode
from govmodel.verify.checks.coverage_cases import institutional
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds, contexts, governed_types

__all__ = ["properties", "evaluate", "role_users", "leave_subjects"]


def role_users(model: Model) -> dict[str, list[str]]:
    """Person roles named (as alternatives) for a required act → the elements naming them."""
    out: dict[str, list[str]] = {}
    for proc in model.all_procedures():
        for s in proc.steps:
            if s.optional or s.all_holders or not s.by or institutional(model, s.by):
                continue
            for a in s.by:
                out.setdefault(a, []).append(f"{proc.id}.{s.id}")
    for lr in model.leave_rules:
        for a in lr.approver:
            out.setdefault(a, []).append(lr.id)
    for m in model.meetings:
        for a in m.presider + m.convener:
            out.setdefault(a, []).append(m.id)
    return {
        a: list(dict.fromkeys(v))
        for a, v in out.items()
        if model.get(a) is not None  # an actor switched off by an assumption is no actor
        and str(getattr(model.get(a), "scope", "government")) != "meeting"
        and not institutional(model, (a,))
    }


def _requesters(model: Model, lr: t.LeaveRule, bounds: Bounds) -> set[str]:
    return {
        p for c in contexts(model, lr.requesters, bounds) for a in lr.requesters for p in holders(model, a, c)
    }


def leave_subjects(model: Model, bounds: Bounds) -> dict[str, dict[str, list[str]]]:
    """situation → role → persons who hold it and are covered by no rule of that situation."""
    if not model.cast:
        return {}
    situations = sorted({lr.situation for lr in model.leave_rules})
    asked = {
        s: set().union(*[_requesters(model, lr, bounds) for lr in model.leave_rules if lr.situation == s])
        for s in situations
    }
    subject = set().union(*asked.values()) if asked else set()
    leaders = {r.id for r in model.roles if r.leader}
    subject |= {p.id for p in model.cast.persons if leaders & set(p.holds)}
    out: dict[str, dict[str, list[str]]] = {}
    for s in situations:
        for p in sorted(subject - asked[s]):
            roles = decode.absence_list(model, {p: ""})[0].roles or ("person",)
            out.setdefault(s, {}).setdefault(roles[0], []).append(p)
    return out


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    for proc in model.all_procedures():
        for s in proc.steps:
            if not s.by:
                a = decode.act_label(model, s.act)
                yield Property(
                    "unspecified.step",
                    Subject(f"{proc.id}.{s.id}"),
                    Label(
                        f"{proc.label.zh}:规则指明由谁{a.zh}", f"{proc.label.en}: the rules name who {a.en}"
                    ),
                    (f"{proc.id}.{s.id}",),
                    f"{proc.id}.{s.id}",
                    {"kind": "step", "procedure": proc.id},
                )
    yield from _meeting_properties(model)
    for actor, users in sorted(role_users(model).items()):
        la = decode.label_of(model, actor)
        yield Property(
            "unspecified.role",
            Subject(actor),
            Label(f"在每一情形下都有人担任{la.zh}", f"someone holds the role {la.en} in every context"),
            (actor,),
            users[0],
            {"kind": "role", "users": users},
        )
    for situation, roles in sorted(leave_subjects(model, bounds).items()):
        for role, persons in sorted(roles.items()):
            yield Property(
                "unspecified.leave",
                Subject(role, situation=situation),
                Label(
                    f"规则指明由谁批准{decode.label_of(model, role).zh}的请假"
                    f"({decode.label_of(model, situation).zh})",
                    f"the rules name who grants the {decode.label_of(model, role).en} leave "
                    f"({decode.label_of(model, situation).en})",
                ),
                (role,),
                role,
                {"kind": "leave", "situation": situation, "persons": persons},
            )


_MEETING_ACTS = {"convener": "convenes", "presider": "presides", "sign_in": "keeps the sign-in"}


def _meeting_properties(model: Model) -> Iterator[Property]:
    """A meeting whose text names nobody to convene or preside (``convener: []`` written
    out, ``presider: []``), or a sign-in nobody keeps (``sign_in: {by: []}``)."""
    for m in model.meetings:
        for field, act in _MEETING_ACTS.items():
            if field == "sign_in":
                unnamed = m.sign_in is not None and not m.sign_in.by
            else:
                unnamed = field in m.model_fields_set and not getattr(m, field)  # written, naming nobody
            if unnamed:
                a = decode.act_label(model, act) if field != "sign_in" else Label("负责签到", act)
                yield Property(
                    "unspecified.meeting",
                    Subject(m.id, act=field),
                    Label(f"{m.label.zh}:规则指明由谁{a.zh}", f"{m.label.en}: the rules name who {a.en}"),
                    (m.id,),
                    m.id,
                    {"kind": "meeting", "meeting": m.id, "field": field},
                )


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    p = prop.parameters
    bd = bounds.as_dict(model)
    if p["kind"] == "meeting":
        m = model.get(p["meeting"])
        arts = m.sign_in.articles if p["field"] == "sign_in" and m.sign_in else m.articles
        msg = Label(
            f"条文要求{m.label.zh}{prop.statement.zh.split('由谁')[-1]}，但未指明由谁履行",
            f"the text requires someone to {_MEETING_ACTS[p['field']]} the {m.label.en} but names nobody",
        )
        cx = Counterexample(cast=SceneWitness(meeting=m.id), trace=(TraceStep(msg, tuple(arts), m.id),))
        return prop.finding(model, Status.violated, msg, counterexample=cx, bounds=bd)
    if p["kind"] == "step":
        proc = next(x for x in model.all_procedures() if x.id == p["procedure"])
        step = model.get(prop.subject.element)
        msg = Label(
            f"条文要求{decode.act_label(model, step.act).zh}，但未指明由谁履行",
            f"the text requires '{decode.act_label(model, step.act).en}' but names nobody to perform it",
        )
        cx = Counterexample(
            cast=DocumentTypes(governed_types(model, proc)),
            conditions=tuple(c for c in (step.when,) if c),
            trace=(TraceStep(msg, step.articles, prop.subject.element),),
        )
        return prop.finding(model, Status.violated, msg, counterexample=cx, bounds=bd)
    if p["kind"] == "leave":
        role = decode.label_of(model, prop.subject.element)
        sit = model.label(p["situation"])  # the model's own leave situation
        msg = Label(
            f"没有规则规定{role.zh}请假({sit.zh})由谁批准",
            f"no rule says who grants the {role.en} leave ({sit.en})",
        )
        cx = Counterexample(cast=LeaveWitness(tuple(p["persons"]), p["situation"]), trace=(TraceStep(msg),))
        return prop.finding(model, Status.violated, msg, counterexample=cx, bounds=bd)
    return _role(model, prop, bounds, bd)


def _role(model: Model, prop: Property, bounds: Bounds, bd: dict[str, Any]) -> Finding:
    actor = prop.subject.element
    ctxs = contexts(model, (actor,), bounds)
    empty = [c for c in ctxs if not holders(model, actor, c)]
    if not empty:
        return prop.finding(
            model,
            Status.holds,
            Label(f"已证明:{len(ctxs)}个情形中都有人担任", f"proved: held in all {len(ctxs)} contexts"),
            bounds=bd,
        )
    depts = sorted({c.department for c in empty if c.department})
    la = decode.label_of(model, actor)
    where = "、".join(decode.label_of(model, d).zh for d in depts) or "任何情形"
    msg = Label(
        f"{where}:无人担任{la.zh}，{len(prop.parameters['users'])}处要求其履职的规定无人可执行",
        f"{', '.join(depts) or 'every context'}: nobody holds the role {la.en}; "
        f"{len(prop.parameters['users'])} required act(s) name it",
    )
    trace = tuple(
        TraceStep(
            Label(f"{u} 要求{la.zh}履职", f"{u} names the {la.en}"),
            tuple(getattr(model.get(u), "articles", ())),
            u,
        )
        for u in prop.parameters["users"]
    )
    cx = Counterexample(cast=UnheldWitness.where(tuple(depts)), trace=trace)
    return prop.finding(model, Status.violated, msg, counterexample=cx, extra=tuple(depts), bounds=bd)
