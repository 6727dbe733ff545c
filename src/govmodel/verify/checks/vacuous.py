"""Vacuous rules (``conflict.vacuous``, :mod:`govmodel.verify.checks.conflict`): a deputy rule
whose deputy nobody holds in any context, whose acts never occur for its document types, or
which only makes a stand-in attend a meeting whose quorum does not count stand-ins; a step
whose conditions contradict each other; a leave rule whose requesters nobody holds; an
ordering that matches no step of its document types or meetings. Decided on the model's
structure, without the solver."""

from __future__ import annotations

from collections.abc import Iterator

from govmodel.findings import Subject
from govmodel.graph.authority import holders, role_ancestors
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.verify import decode
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds, contexts

__all__ = ["matches", "vacuous_problem", "vacuous_properties"]


def matches(model: Model, pat: t.StepPattern, step: t.Step) -> bool:
    """Does a step match an ordering's pattern (act, and actor and target when given)?"""
    if step.act != pat.act:
        return False
    if pat.by and pat.by not in step.by:
        return False
    return not (pat.target and pat.target != step.target)


def vacuous_properties(model: Model) -> Iterator[Property]:
    """One ``conflict.vacuous`` property per deputy rule (but entrustments), per step whose
    conditions contradict each other, per leave rule and per ordering."""
    for r in model.deputy_rules:
        if r.kind != "entrusts":
            yield Property(
                "conflict.vacuous",
                Subject(r.id),
                Label(f"「{r.label.zh}」在某种情形下能够适用", f"'{r.label.en}' can apply in some scenario"),
                (r.id,),
                r.id,
                {"kind": "deputy", "rule": r.id},
            )
    for proc in model.all_procedures():
        for s in proc.steps:
            if s.when and s.when == s.unless:
                yield Property(
                    "conflict.vacuous",
                    Subject(f"{proc.id}.{s.id}"),
                    Label("该步骤在某种条件下适用", "the step applies under some conditions"),
                    (f"{proc.id}.{s.id}",),
                    f"{proc.id}.{s.id}",
                    {"kind": "step"},
                )
    for lr in model.leave_rules:
        yield Property(
            "conflict.vacuous",
            Subject(lr.id),
            Label(f"「{lr.label.zh}」有人适用", f"'{lr.label.en}' applies to someone"),
            (lr.id,),
            lr.id,
            {"kind": "leave", "rule": lr.id},
        )
    for o in model.orderings:
        yield Property(
            "conflict.vacuous",
            Subject(o.id),
            Label(f"「{o.label.zh}」约束到实际步骤", f"'{o.label.en}' constrains actual steps"),
            (o.id,),
            o.id,
            {"kind": "ordering", "ordering": o.id},
        )


def vacuous_problem(model: Model, prop: Property, bounds: Bounds) -> Label | None:
    """Why the rule of a ``conflict.vacuous`` property can never apply (None: it can)."""
    return {
        "deputy": _deputy_vacuous,
        "step": lambda m, p, b: Label(
            "条件自相矛盾(when 与 unless 相同)", "contradictory conditions (when equals unless)"
        ),
        "leave": _leave_vacuous,
        "ordering": _ordering_vacuous,
    }[prop.parameters["kind"]](model, prop, bounds)


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
                r.principal in role_ancestors(model, x) for a in s.by for x in model.group_roles(a)
            ):
                return None
    for m in model.meetings:
        if (
            not types
            and any(r.principal in role_ancestors(model, x) for x in m.presider + m.convener)
            and (r.acts == "all" or {"presides", "convenes"} & set(r.acts))
        ):
            return None
    for lr in model.leave_rules:
        if (
            not types
            and (r.acts == "all" or "grants_leave" in r.acts)
            and any(
                r.principal in role_ancestors(model, x) for a in lr.approver for x in model.group_roles(a)
            )
        ):
            return None
    attends, why = _attends_for_quorum(model, r)
    if attends:
        return why
    return Label(
        "该规则涉及的行为在其适用的文件中从不出现",
        "the acts the rule passes on never occur for its document types",
    )


def _attends_for_quorum(model: Model, r: t.DeputyRule) -> tuple[bool, Label | None]:
    """Whether the rule makes a stand-in attend a meeting with a quorum, and if so why it is
    vacuous (None: an assumption in force counts stand-ins toward the quorum, so it is not)."""
    from govmodel.verify.checks.quorum import COUNT_STAND_INS, attendees, quorums, stand_ins

    used = [
        m
        for m in model.meetings
        for q in quorums(model, m)
        if any(
            r in [rule for _, rule in whom] for whom in stand_ins(model, m, attendees(model, m, q)).values()
        )
    ]
    if not used:
        return False, None
    if model.effect_on(COUNT_STAND_INS):
        return True, None
    named = next((a.id for a in model.assumptions if a.effect == COUNT_STAND_INS), None)
    m = used[0].label
    why = (
        Label(f"假设{named}未启用", f"assumption {named} is off")
        if named
        else Label("模型未声明计入的假设", "the model declares no assumption that they count")
    )
    return True, Label(
        f"该规则只使代行人出席{m.zh}，而代行人不计入法定人数({why.zh})",
        f"the rule only makes a stand-in attend the {m.en}, and stand-ins do not count toward its quorum "
        f"({why.en})",
    )


def _leave_vacuous(model: Model, prop: Property, bounds: Bounds) -> Label | None:
    lr = model.get(prop.parameters["rule"])
    if any(_ever_held(model, r, bounds) for a in lr.requesters for r in model.group_roles(a)):
        return None
    return Label("请假人角色无人担任", "nobody holds the requesting roles")


def _ordering_vacuous(model: Model, prop: Property, bounds: Bounds) -> Label | None:
    o = model.get(prop.parameters["ordering"])
    for dt in o.applies_to:
        meeting = next((m for m in model.meetings if m.id == dt), None)
        if meeting is not None and any(
            matches(model, o.then, s) for p in meeting.procedures for s in p.steps
        ):
            return None
        types = [d.id for d in model.document_types if dt in model.supertypes(d.id)]
        for ty in types:
            steps = [s for p in model.procedures_for(ty) for s in p.steps]
            if any(matches(model, o.then, s) for s in steps):
                return None
    return Label(
        "其适用的文件或会议中没有与「then」匹配的步骤",
        "no step of its document types or meetings matches 'then'",
    )
