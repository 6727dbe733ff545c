"""Coverage: every required act has an authorized performer who is present, in every
scenario of at most ``k`` absences (each with a reason of the model), in every context.

Subjects: each step of each procedure (document procedures and meeting pipelines, e.g.
signing the minutes), convening and presiding over each meeting, and granting each kind of
leave. A violation reports the smallest breaking scenario: its size is the act's
resilience number (how many absences it takes to leave nobody able to act).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import z3

from govmodel.findings import Cause, Counterexample, Finding, Status, Subject, TraceStep
from govmodel.graph.authority import Context, holders
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo
from govmodel.refs import Label
from govmodel.verify import decode, solve
from govmodel.verify.chains import entrustments, roots
from govmodel.verify.checks._common import Case, arts_text, coverage_cause, persons_of, rule_ids, when_away
from govmodel.verify.encode import Encoding
from govmodel.verify.properties import Property
from govmodel.verify.questions import ask
from govmodel.verify.scenarios import Bounds, Scene, contexts, governed_types, meeting_scenes, step_scenes

__all__ = ["properties", "evaluate", "step_cases", "leave_cases", "institutional", "cases_for", "distinct"]


def institutional(model: Model, actors: tuple[str, ...]) -> bool:
    """Every actor is a body, a meeting or an institutional role (always able to act)."""
    from govmodel.graph.authority import actor_kind

    for a in actors:
        el = model.get(a)
        if not (actor_kind(model, a) in ("body", "meeting") or (isinstance(el, t.Role) and el.institutional)):
            return False
    return True


def _applicable(step: t.Step) -> bool:
    return not (step.when and step.when == step.unless)


def step_cases(model: Model, proc: t.Procedure, step: t.Step, bounds: Bounds, entrusted: bool = False) -> list[Case]:
    """The cases of a step; ``entrusted``: in the branch where the principal has entrusted
    (the deputies of the step's entrustment rules act too, as alternatives)."""
    meeting = model.meeting_of(proc.id)
    out = []
    for s in step_scenes(model, proc, step, bounds):
        actors = step.by + (_deputies(model, step.by, str(step.act), meeting, s.doc_type) if entrusted else ())
        out.append(Case(s, roots(model, actors, step.act, s.doc_type, s.ctx), str(step.act), step.all_holders))
    return out


def _deputies(model: Model, actors: tuple[str, ...], act: str, meeting: t.Meeting | None,
              doc_type: str | None) -> tuple[str, ...]:
    rules = entrustments(model, actors, act, meeting.id if meeting else None, doc_type)
    return tuple(dict.fromkeys(r.deputy for r in rules if r.deputy not in actors))


def choices(model: Model, actors: tuple[str, ...], act: str, meeting: t.Meeting | None,
            doc_types: tuple[str | None, ...]) -> tuple[str, ...]:
    """Ids of the entrustment rules that give this act's principal a choice (any document type)."""
    mid = meeting.id if meeting else None
    return tuple(sorted({r.id for dt in doc_types for r in entrustments(model, actors, act, mid, dt)}))


def _meeting_cases(model: Model, m: t.Meeting, actors: tuple[str, ...], act: str, bounds: Bounds,
                   entrusted: bool = False) -> list[Case]:
    scenes = meeting_scenes(model, m, actors, bounds)
    if entrusted:
        actors = actors + _deputies(model, actors, act, m, None)
    return [Case(s, roots(model, actors, act, None, s.ctx), act) for s in scenes]


def leave_cases(model: Model, rule: t.LeaveRule, bounds: Bounds) -> list[Case]:
    """One case per requester (in each department context): he asks, so he is present,
    and he may not grant his own leave."""
    out, seen = [], set()
    for c in contexts(model, rule.requesters + rule.approver, bounds):
        ctx = Context(c.department)
        for actor in rule.requesters:
            for q in holders(model, actor, ctx):
                if (q, ctx) in seen:
                    continue
                seen.add((q, ctx))
                ex = frozenset({q})
                out.append(Case(Scene(None, ctx, ex), roots(model, rule.approver, "grants_leave", None, ctx, ex),
                                "grants_leave", exclude=ex))
    return out


def _base_properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    """One coverage property per person-performed act the model requires (two where the
    principal may entrust: :func:`_branches`)."""
    for proc in model.all_procedures():
        for step in proc.steps:
            if not step.by or step.optional or not _applicable(step) or institutional(model, step.by):
                continue
            a = decode.act_label(step.act)
            meeting = model.meeting_of(proc.id)
            types = (None,) if meeting else (governed_types(model, proc) or (None,))
            yield from _branches(model, Property(
                "coverage.step", Subject(f"{proc.id}.{step.id}"),
                Label(f"{proc.label.zh}:任何至多k人缺位的情形下都有在岗的有权人员{a.zh}",
                      f"{proc.label.en}: someone authorized and present {a.en} in every scenario of up to k absences"),
                (f"{proc.id}.{step.id}",), f"{proc.id}.{step.id}",
                {"kind": "step", "procedure": proc.id, "step": step.id, "act": str(step.act)}),
                choices(model, step.by, str(step.act), meeting, types))
    for m in model.meetings:
        for field, act in (("convener", "convenes"), ("presider", "presides")):
            if getattr(m, field):
                a = decode.act_label(act)
                yield from _branches(model, Property(
                    "coverage.meeting", Subject(m.id, act=act),
                    Label(f"{m.label.zh}:任何情形下都有在岗的有权人员{a.zh}",
                          f"{m.label.en}: someone authorized and present {a.en} in every scenario"),
                    (m.id,), m.id, {"kind": "meeting", "meeting": m.id, "field": field, "act": act}),
                    choices(model, getattr(m, field), act, m, (None,)))
    for lr in model.leave_rules:
        yield Property("coverage.leave", Subject(lr.id),
                       Label(f"{lr.label.zh}:任何情形下都有请假人以外的在岗人员准假",
                             f"{lr.label.en}: someone present other than the requester grants the leave in every scenario"),
                       (lr.id,), lr.id, {"kind": "leave", "rule": lr.id, "act": "grants_leave"})


def portfolio_key(case: Case) -> tuple:
    """The shape of a case's question before any stand-in: which roles name someone, whether
    two of them name the same person, and whether that person is the one asking (persons
    renamed by order of appearance). Cases of one shape differ only in who holds the
    portfolio (one vice mayor's department and another's); a department where nobody holds
    the role, or where one person holds two of them, is another class. Deputy rules are left
    out on purpose, so a reform that adds a stand-in keeps the classes (and the subjects)."""
    idx: dict[str, int] = {}

    def i(person: str | None) -> int | None:
        if person is None:
            return None
        return idx.setdefault(person, len(idx))

    shape = tuple((r.role, i(r.holder)) for r in case.roots)
    return (shape, case.all_holders, tuple(sorted(i(p) for p in sorted(case.scene.present))),
            tuple(sorted(i(p) for p in sorted(case.exclude))))


def _case_label(case: Case) -> tuple[str, ...]:
    ctx = case.scene.ctx
    if ctx.department:
        return (ctx.department, *sorted(ctx.related_departments))
    return tuple(sorted(case.scene.present | case.exclude)) or ("all",)


def _joined(label: tuple[str, ...]) -> str:
    return "+".join(label)  # the order of the subject's text (``step@department+related``)


def portfolio_classes(cases: list[Case]) -> list[tuple[tuple[str, ...], list[Case]]]:
    """The cases grouped by :func:`portfolio_key`, each group named by the context of its
    first case in sorted order (a department, with its related ones, or the requester)."""
    groups: dict[tuple, list[Case]] = {}
    for c in cases:
        groups.setdefault(portfolio_key(c), []).append(c)
    named = [(min((_case_label(c) for c in g), key=_joined), g) for g in groups.values()]
    return sorted(named, key=lambda x: _joined(x[0]))


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
            yield Property(prop.id, prop.subject.within(*label),
                           Label(f"{prop.statement.zh}(适用于:{who.zh})", f"{prop.statement.en} (for: {who.en})"),
                           prop.elements, prop.at_fault, {**prop.parameters, "portfolio": label})


def distinct(cases: list[Case]) -> list[Case]:
    """Drop cases whose question is the same as an earlier one's (same chains, same
    persons required present): lossless for "is there a breaking scenario"."""
    seen: set[tuple] = set()
    out = []
    for c in cases:
        key = (c.roots, c.all_holders, c.scene.present, c.exclude)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


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
    yield Property(prop.id, prop.subject,
                   Label(f"{prop.statement.zh}(未委托时)", f"{prop.statement.en} (not entrusted)"),
                   prop.elements, prop.at_fault, {**prop.parameters, "choice": list(rules)})
    yield Property(prop.id, prop.subject.entrusted(),
                   Label(f"{prop.statement.zh}(依{by.zh}委托时)", f"{prop.statement.en} (entrusted: {by.en})"),
                   prop.elements + rules, prop.at_fault, {**prop.parameters, "entrusted": list(rules)})


def _branch_words(model: Model, prop: Property, msg: Label) -> Label:
    """The branch a result is in: "未委托时:…(委托后见 …@entrusted)" or "依…委托时:…"."""
    p = prop.parameters
    if p.get("entrusted"):
        who = [model.label(model.get(r).deputy) for r in p["entrusted"]]
        return Label(f"委托{'、'.join(w.zh for w in who)}时:{msg.zh}", f"when the {', '.join(w.en for w in who)} is entrusted: {msg.en}")
    if p.get("choice"):
        who = [model.label(model.get(r).deputy) for r in p["choice"]]
        return Label(f"未委托时:{msg.zh}(可委托{'、'.join(w.zh for w in who)}，见 {prop.subject.entrusted()})",
                     f"not entrusted: {msg.en} (the {', '.join(w.en for w in who)} may be entrusted: see {prop.subject.entrusted()})")
    return msg


def _not_entrusted_trace(model: Model, rules: list[str], trace: tuple[TraceStep, ...]) -> tuple[TraceStep, ...]:
    """In the branch without entrustment, a "no rule names a stand-in" link is the
    principal's choice, not a gap of the text: say which rule lets him entrust."""
    out = []
    for step in trace:
        if step.element is None and step.text.en.lstrip().startswith("no rule names a stand-in"):
            pad = step.text.en[: len(step.text.en) - len(step.text.en.lstrip())]
            r = model.get(rules[0])
            la = model.label(r.id)
            step = TraceStep(Label(f"{pad}未委托:「{la.zh}」允许委托而本情形未委托",
                                   f"{pad}not entrusted: '{la.en}' lets the principal entrust, this branch does not"),
                             tuple(r.articles), r.id)
        out.append(step)
    return tuple(out)


def _actors(model: Model, prop: Property) -> tuple[str, ...]:
    p = prop.parameters
    if p["kind"] == "step":
        return model.get(f"{p['procedure']}.{p['step']}").by
    if p["kind"] == "meeting":
        return getattr(model.get(p["meeting"]), p["field"])
    return model.get(p["rule"]).approver


def is_meeting_act(model: Model, prop: Property) -> bool:
    """Convening, presiding, a meeting's pipeline, or leave from a meeting."""
    p = prop.parameters
    if p["kind"] == "meeting":
        return True
    if p["kind"] == "step":
        return model.meeting_of(p["procedure"]) is not None
    rule = next((x for x in model.leave_rules if x.id == p.get("rule")), None)
    return rule is not None and model.is_meeting_leave(rule)


def cases_for(model: Model, prop: Property, bounds: Bounds) -> list[Case]:
    """The cases of the property (of its class of portfolio, when it has one)."""
    p = prop.parameters
    key = (p["kind"], p.get("procedure"), p.get("step"), p.get("meeting"), p.get("field"), p.get("act"),
           p.get("rule"), bool(p.get("entrusted")), bounds)
    cache = memo(model, "verify.coverage_cases")  # asked again for each class of portfolio
    if key not in cache:
        cases = _all_cases(model, prop, bounds)
        cache[key] = (cases, None)
    cases, classes = cache[key]
    label = p.get("portfolio")
    if label is None:
        return list(cases)
    if classes is None:
        classes = {}
        for name, group in portfolio_classes(distinct(cases)):
            classes.setdefault(name, group)  # the first class of a name, as a search would find
        cache[key] = (cases, classes)
    return list(classes.get(label, []))


def _all_cases(model: Model, prop: Property, bounds: Bounds) -> list[Case]:
    p = prop.parameters
    entrusted = bool(p.get("entrusted"))
    if p["kind"] == "step":
        proc = next(x for x in model.all_procedures() if x.id == p["procedure"])
        step = next(s for s in proc.steps if s.id == p["step"])
        return step_cases(model, proc, step, bounds, entrusted)
    if p["kind"] == "meeting":
        m = next(x for x in model.meetings if x.id == p["meeting"])
        return _meeting_cases(model, m, getattr(m, p["field"]), p["act"], bounds, entrusted)
    return leave_cases(model, next(x for x in model.leave_rules if x.id == p["rule"]), bounds)


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
        return prop.finding(model, Status.holds, Label("无适用情形(无人需要履行此职责)", "no context requires this act"),
                            bounds=bd)
    meeting = is_meeting_act(model, prop)

    def build() -> tuple[Encoding, list[z3.BoolRef]]:
        enc = Encoding(model, str(prop.subject), persons_of(cases), meeting=meeting)
        return enc, [z3.And(enc.all_present(c.scene.present), z3.Not(enc.covered(c.roots, c.all_holders)))
                     for c in cases]

    question = ("coverage", meeting, tuple((c.roots, c.all_holders, c.scene.present, c.exclude) for c in cases))
    answer = ask(model, question, build, bounds.timeout, k)
    enc, out = answer.enc, answer.out
    if out.status == "unsat":
        core_arts = arts_text(sorted({a for r in out.core for a in model.get(r).articles}))
        return prop.finding(model, Status.holds, _branch_words(model, prop, Label(
            f"已证明:至多{k}人缺位的任何情形下均有人可履职" + (f"(依据{core_arts.zh}的代行规定)" if out.core else ""),
            f"proved: covered in every scenario of up to {k} absences" + (f" (through the stand-ins of {core_arts.en})" if out.core else ""))),
            extra=rules, bounds=bd, core=out.core)
    if out.status == "unknown" or out.model is None:
        return prop.finding(model, Status.unknown, Label(f"求解超时或未知:{out.reason}", f"solver gave no answer: {out.reason}"),
                            extra=rules, bounds=bd)
    return _violated(model, prop, enc, out, cases[decode.pick_scene(answer.true, [c.scene for c in cases])], rules, bd)


def _violated(model: Model, prop: Property, enc: Encoding, out: solve.Outcome, case: Case,
              rules: tuple[str, ...], bd: dict) -> Finding:
    assert out.model is not None
    absent = dict(out.absent) if out.absent is not None else decode.absences(enc, out.model)
    trace = []
    for r in case.roots:
        if r.holder is None:
            continue
        trace += decode.walk(model, r.role, r.holder, case.act, case.scene.doc_type, case.scene.ctx, absent, case.exclude)
    if not any(r.holder for r in case.roots):
        names = [decode.label_of(model, a) for a in _actors(model, prop)]
        trace.append(TraceStep(Label(f"此情形下无人担任{'或'.join(n.zh for n in names)}",
                                     f"in this context nobody holds the role {' or '.join(n.en for n in names)}"),
                               element=prop.at_fault))
    ab = decode.absence_list(model, absent)
    a = decode.act_label(case.act)
    size = out.size or 0
    w = when_away(model, ab)
    msg = Label(f"韧性{size}:{w.zh}，无人可{a.zh}", f"resilience {size}: {w.en}, no one authorized is present to perform '{a.en}'")
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
    return prop.finding(model, Status.violated, msg, counterexample=cx, extra=rules,
                        bounds={**bd, "resilience": size}, cause=cause)
