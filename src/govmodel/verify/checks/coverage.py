"""Coverage: every required act has an authorized performer who is present, in every
scenario of at most ``k`` absences (each with a reason of the model), in every context.

Subjects: each step of each procedure (document procedures and meeting pipelines, e.g.
signing the minutes), convening and presiding over each meeting, and granting each kind of
leave. A violation reports the smallest breaking scenario: its size is the act's
resilience number (how many absences it takes to leave nobody able to act).

The properties (one per act, per branch of entrustment and per class of portfolio) and their
evaluation are here; the cases a property asks about are in
:mod:`govmodel.verify.checks.coverage_cases`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import z3

from govmodel.findings import Cause, Counterexample, Finding, Status, Subject, TraceStep
from govmodel.model import Model
from govmodel.refs import Label, articles_label
from govmodel.verify import decode, solve
from govmodel.verify.checks._common import Case, coverage_cause, no_answer, persons_of, rule_ids, when_away
from govmodel.verify.checks.coverage_cases import (
    applicable,
    cases_for,
    choices,
    distinct,
    institutional,
    is_meeting_act,
    leave_cases,
    portfolio_classes,
    step_cases,
)
from govmodel.verify.encode import Encoding
from govmodel.verify.properties import Property
from govmodel.verify.questions import ask
from govmodel.verify.scenarios import Bounds, governed_types
from govmodel.verify.terms import conj, neg

# step_cases, leave_cases, institutional, cases_for and distinct live in coverage_cases (the cases
# of a property); they are named here too, where the tests and benchmarks have imported them from
__all__ = ["properties", "evaluate", "step_cases", "leave_cases", "institutional", "cases_for", "distinct"]


def _base_properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    """One coverage property per person-performed act the model requires (two where the
    principal may entrust: :func:`_branches`)."""
    for proc in model.all_procedures():
        for step in proc.steps:
            if not step.by or step.optional or not applicable(step) or institutional(model, step.by):
                continue
            a = decode.act_label(model, step.act)
            meeting = model.meeting_of(proc.id)
            types = (None,) if meeting else (governed_types(model, proc) or (None,))
            yield from _branches(
                model,
                Property(
                    "coverage.step",
                    Subject(f"{proc.id}.{step.id}"),
                    Label(
                        f"{proc.label.zh}:任何至多k人缺位的情形下都有在岗的有权人员{a.zh}",
                        f"{proc.label.en}: someone authorized and present {a.en} in every scenario of "
                        "up to k absences",
                    ),
                    (f"{proc.id}.{step.id}",),
                    f"{proc.id}.{step.id}",
                    {"kind": "step", "procedure": proc.id, "step": step.id, "act": str(step.act)},
                ),
                choices(model, step.by, str(step.act), meeting, types),
            )
    for m in model.meetings:
        for field, act in (("convener", "convenes"), ("presider", "presides")):
            if getattr(m, field):
                a = decode.act_label(model, act)
                yield from _branches(
                    model,
                    Property(
                        "coverage.meeting",
                        Subject(m.id, act=act),
                        Label(
                            f"{m.label.zh}:任何情形下都有在岗的有权人员{a.zh}",
                            f"{m.label.en}: someone authorized and present {a.en} in every scenario",
                        ),
                        (m.id,),
                        m.id,
                        {"kind": "meeting", "meeting": m.id, "field": field, "act": act},
                    ),
                    choices(model, getattr(m, field), act, m, (None,)),
                )
    for lr in model.leave_rules:
        yield Property(
            "coverage.leave",
            Subject(lr.id),
            Label(
                f"{lr.label.zh}:任何情形下都有请假人以外的在岗人员准假",
                f"{lr.label.en}: someone present other than the requester grants the leave in every scenario",
            ),
            (lr.id,),
            lr.id,
            {"kind": "leave", "rule": lr.id, "act": "grants_leave"},
        )


def _who(model: Model, cases: list[Case]) -> Label:
    depts = sorted({c.scene.ctx.department for c in cases if c.scene.ctx.department})
    if depts:
        names = [decode.label_of(model, d) for d in depts]
        return Label("、".join(n.zh for n in names), ", ".join(n.en for n in names))
    people = sorted({p for c in cases for p in c.scene.present | c.exclude})
    names = [decode.label_of(model, x) for x in people]
    return Label("、".join(n.zh for n in names), ", ".join(n.en for n in names))


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    """One coverage property per person-performed act the model requires, and per class of
    portfolio where the act's question differs between departments (or requesters): a
    structural gap in one department (the audit bureau has no vice mayor in charge, art. 10)
    must not hide the single absence that stops the act everywhere else."""
    from govmodel.verify.checks import quorum

    yield from _split_properties(model, bounds)
    yield from quorum.properties(model, bounds)


def _split_properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    for prop in _base_properties(model, bounds):
        classes = portfolio_classes(distinct(cases_for(model, prop, bounds)))
        if len(classes) < 2:
            yield prop
            continue
        for label, group in classes:
            who = _who(model, group)
            yield Property(
                prop.id,
                prop.subject.within(*label),
                Label(f"{prop.statement.zh}(适用于:{who.zh})", f"{prop.statement.en} (for: {who.en})"),
                prop.elements,
                prop.at_fault,
                {**prop.parameters, "portfolio": label},
            )


def _branches(model: Model, prop: Property, rules: tuple[str, ...]) -> Iterator[Property]:
    """The property as it is, or, where the principal may entrust (an ``entrusts`` rule
    limited to this meeting or document), one property per branch: not entrusted (the
    subject as it is: only the principal and his stand-ins act) and entrusted
    (``subject@entrusted``: the entrusted deputy acts too)."""
    if not rules:
        yield prop
        return
    names = [model.label(r) for r in rules]
    by = Label("、".join(n.zh for n in names), "; ".join(n.en for n in names))
    yield Property(
        prop.id,
        prop.subject,
        Label(f"{prop.statement.zh}(未委托时)", f"{prop.statement.en} (not entrusted)"),
        prop.elements,
        prop.at_fault,
        {**prop.parameters, "choice": list(rules)},
    )
    yield Property(
        prop.id,
        prop.subject.entrusted(),
        Label(f"{prop.statement.zh}(依{by.zh}委托时)", f"{prop.statement.en} (entrusted: {by.en})"),
        prop.elements + rules,
        prop.at_fault,
        {**prop.parameters, "entrusted": list(rules)},
    )


def _branch_words(model: Model, prop: Property, msg: Label) -> Label:
    """The branch a result is in: "未委托时:…(委托时的结果另列)" or "依…委托时:…"."""
    p = prop.parameters
    if p.get("entrusted"):
        who = [model.label(model.get(r).deputy) for r in p["entrusted"]]
        return Label(
            f"委托{'、'.join(w.zh for w in who)}时:{msg.zh}",
            f"when the {', '.join(w.en for w in who)} is entrusted: {msg.en}",
        )
    if p.get("choice"):
        who = [model.label(model.get(r).deputy) for r in p["choice"]]
        return Label(
            f"未委托时:{msg.zh}(可委托{'、'.join(w.zh for w in who)}，委托时的结果另列)",
            f"not entrusted: {msg.en} (the {', '.join(w.en for w in who)} may be entrusted: "
            "the entrusted case is a result of its own)",
        )
    return msg


def _not_entrusted_trace(
    model: Model, rules: list[str], trace: tuple[TraceStep, ...]
) -> tuple[TraceStep, ...]:
    """In the branch without entrustment, a "no rule names a stand-in" link is the
    principal's choice, not a gap of the text: say which rule lets him entrust."""
    out = []
    for step in trace:
        if step.element is None and step.text.en.lstrip().startswith("no rule names a stand-in"):
            pad = step.text.en[: len(step.text.en) - len(step.text.en.lstrip())]
            r = model.get(rules[0])
            la = model.label(r.id)
            step = TraceStep(
                Label(
                    f"{pad}未委托:「{la.zh}」允许委托而本情形未委托",
                    f"{pad}not entrusted: '{la.en}' lets the principal entrust, this branch does not",
                ),
                tuple(r.articles),
                r.id,
            )
        out.append(step)
    return tuple(out)


def _actors(model: Model, prop: Property) -> tuple[str, ...]:
    p = prop.parameters
    if p["kind"] == "step":
        return model.get(f"{p['procedure']}.{p['step']}").by
    if p["kind"] == "meeting":
        return getattr(model.get(p["meeting"]), p["field"])
    return model.get(p["rule"]).approver


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    """Prove the act covered within the bounds, or find the smallest breaking scenario."""
    if prop.parameters["kind"] == "quorum":
        from govmodel.verify.checks import quorum

        return quorum.evaluate(model, prop, bounds)
    cases = distinct(cases_for(model, prop, bounds))
    rules = rule_ids(cases)
    k = bounds.k_for(model)
    bd = {**bounds.as_dict(model), "contexts": len(cases)}
    if not cases:
        return prop.finding(
            model,
            Status.holds,
            Label("无适用情形(无人需要履行此职责)", "no context requires this act"),
            bounds=bd,
        )
    meeting = is_meeting_act(model, prop)

    def build() -> tuple[Encoding, list[z3.BoolRef]]:
        enc = Encoding(model, str(prop.subject), persons_of(cases), meeting=meeting)
        return enc, [
            conj([enc.all_present(c.scene.present), neg(enc.covered(c.roots, c.all_holders))]) for c in cases
        ]

    question = (
        "coverage",
        meeting,
        tuple((c.roots, c.all_holders, c.scene.present, c.exclude) for c in cases),
    )
    answer = ask(
        model, question, build, bounds.timeout, k, lambda: [frozenset(persons_of([c])) for c in cases]
    )
    enc, out = answer.enc, answer.out
    if out.status == "unsat":
        core_arts = articles_label(sorted({a for r in out.core for a in model.get(r).articles}))
        return prop.finding(
            model,
            Status.holds,
            _branch_words(
                model,
                prop,
                Label(
                    f"已证明:至多{k}人缺位的任何情形下均有人可履职"
                    + (f"(依据{core_arts.zh}的代行规定)" if out.core else ""),
                    f"proved: covered in every scenario of up to {k} absences"
                    + (f" (through the stand-ins of {core_arts.en})" if out.core else ""),
                ),
            ),
            extra=rules,
            bounds=bd,
            core=out.core,
        )
    if out.status == "unknown" or out.model is None:
        return prop.finding(
            model,
            Status.unknown,
            no_answer(out.reason),
            extra=rules,
            bounds=bd,
        )
    return _violated(
        model, prop, enc, out, cases[decode.pick_scene(answer.true, [c.scene for c in cases])], rules, bd
    )


def _violated(
    model: Model,
    prop: Property,
    enc: Encoding,
    out: solve.Outcome,
    case: Case,
    rules: tuple[str, ...],
    bd: dict,
) -> Finding:
    assert out.model is not None
    absent = dict(out.absent) if out.absent is not None else decode.absences(enc, out.model)
    trace = []
    for r in case.roots:
        if r.holder is None:
            continue
        trace += decode.walk(
            model, r.role, r.holder, case.act, case.scene.doc_type, case.scene.ctx, absent, case.exclude
        )
    if not any(r.holder for r in case.roots):
        names = [decode.label_of(model, a) for a in _actors(model, prop)]
        trace.append(
            TraceStep(
                Label(
                    f"此情形下无人担任{'或'.join(n.zh for n in names)}",
                    f"in this context nobody holds the role {' or '.join(n.en for n in names)}",
                ),
                element=prop.at_fault,
            )
        )
    ab = decode.absence_list(model, absent)
    a = decode.act_label(model, case.act)
    size = out.size or 0
    w = when_away(model, ab)
    msg = Label(
        f"韧性{size}:{w.zh}，无人可{a.zh}",
        f"resilience {size}: {w.en}, no one authorized is present to perform '{a.en}'",
    )
    if out.status == "unknown":
        msg = Label(msg.zh + "(最小性未证明)", msg.en + " (minimality not proved)")
    cx = Counterexample(absent=ab, cast=case.scene.witness(), trace=tuple(trace))
    element = prop.parameters.get("rule") if prop.parameters["kind"] == "leave" else prop.at_fault
    cause = coverage_cause(model, case, absent, _actors(model, prop), element)
    if prop.parameters.get("choice") and cause.kind in ("stand_in", "other"):
        # the rule provides one: the principal has not entrusted (never "no stand-in")
        cause = Cause("not_entrusted", prop.parameters["choice"][0], case.act)
    msg = _branch_words(model, prop, msg)
    if prop.parameters.get("choice"):
        cx = dataclasses.replace(cx, trace=_not_entrusted_trace(model, prop.parameters["choice"], cx.trace))
    return prop.finding(
        model,
        Status.violated,
        msg,
        counterexample=cx,
        extra=rules,
        bounds={**bd, "resilience": size},
        cause=cause,
    )
