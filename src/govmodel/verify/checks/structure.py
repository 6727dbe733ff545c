"""Structure: deputy chains without cycles, and every role both held and used.

- ``structure.deputy_cycles``: the acts-for relation between roles (from the graph) has no
  cycle (a cycle means "A stands in for B stands in for A": the chain never ends in a
  present person the text names);
- ``structure.role_held``: each role that some act names is held by someone (directly, in
  some department or document context, or as some meeting's presiding or entrusting leader,
  by the role's declared ``meaning``); a relative role with neither a meaning nor a role it
  specializes is held by nobody, whatever its id;
- ``structure.role_used``: each role someone holds is named by some act, meeting, leave or
  deputy rule (dead weight otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator

from govmodel.findings import Counterexample, Finding, Status, Subject, TraceStep
from govmodel.graph.authority import holders
from govmodel.graph.build import build_graph
from govmodel.graph.queries import acts_for_graph, deputy_cycles
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.verify import decode
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds, contexts, meeting_scenes

__all__ = ["properties", "evaluate", "named_roles"]


def named_roles(model: Model) -> set[str]:
    """Roles named by steps, meetings, leave rules, deputy rules, orderings, groups, bodies."""
    out: set[str] = set()
    for proc in model.all_procedures():
        for s in proc.steps:
            out |= {r for a in s.by for r in model.group_roles(a)}
            if s.target:
                out.add(s.target)
    for m in model.meetings:
        for f in t.MEETING_ROLE_FIELDS:
            out |= {r for a in getattr(m, f) for r in model.group_roles(a)}
    for lr in model.leave_rules:
        out |= {r for a in lr.requesters + lr.approver for r in model.group_roles(a)}
    for d in model.deputy_rules:
        out |= {d.principal, d.deputy}
    for b in model.bodies:
        if b.led_by:
            out.add(b.led_by)
    for r in model.roles:
        if r.specializes and r.id in out:
            out.add(r.specializes)
    return out


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    yield Property(
        "structure.deputy_cycles",
        Subject("deputy_rules"),
        Label("代行关系中没有循环", "the deputizing relation has no cycle"),
        (),
        None,
        {},
        identity=(),
    )  # about the relation as a whole: no element is its identity
    named = named_roles(model)
    for r in model.roles:
        if r.id in named and not r.institutional:
            yield Property(
                "structure.role_held",
                Subject(r.id),
                Label(f"有人担任{r.label.zh}", f"someone holds the role {r.label.en}"),
                (r.id,),
                r.id,
                {},
            )
        if str(r.scope) == "government":  # a relative role is vocabulary of the rules; held or not, see above
            yield Property(
                "structure.role_used",
                Subject(r.id),
                Label(f"{r.label.zh}有其职责", f"the role {r.label.en} is used by some rule"),
                (r.id,),
                r.id,
                {},
            )


def _held(model: Model, role: str, bounds: Bounds) -> bool:
    """Someone holds ``role`` in some context: a department or document context, or (for a
    meeting-scoped role) some meeting's presiding or entrusting leader, by the role's meaning."""
    el = model.get(role)
    if str(getattr(el, "scope", "government")) == "meeting":
        return any(
            holders(model, role, s.ctx)
            for m in model.meetings
            for s in meeting_scenes(model, m, (role,), bounds)
        )
    return any(holders(model, role, c) for c in contexts(model, (role,), bounds))


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    bd = bounds.as_dict(model)
    role = prop.subject.element
    if prop.id == "structure.deputy_cycles":
        return _cycles(model, prop, bd)
    if prop.id == "structure.role_held":
        if _held(model, role, bounds):
            return prop.finding(model, Status.holds, Label("已证明:有人担任", "proved: held"), bounds=bd)
        msg = _nobody(model, role)
        return prop.finding(
            model, Status.violated, msg, counterexample=Counterexample(trace=(TraceStep(msg),)), bounds=bd
        )
    if role in named_roles(model):
        return prop.finding(model, Status.holds, Label("已证明:有规则使用", "proved: used"), bounds=bd)
    msg = Label(
        f"{decode.label_of(model, role).zh}没有任何规则赋予的职责",
        f"no rule gives the role {decode.label_of(model, role).en} anything to do",
    )
    return prop.finding(
        model, Status.violated, msg, counterexample=Counterexample(trace=(TraceStep(msg),)), bounds=bd
    )


def _cycles(model: Model, prop: Property, bd: dict) -> Finding:
    g = build_graph(model)
    cycles = deputy_cycles(g)
    if not cycles:
        return prop.finding(
            model,
            Status.holds,
            Label("已证明:代行关系无循环", "proved: no cycle"),
            bounds=bd,
            extra=tuple(d.id for d in model.deputy_rules if d.kind != "entrusts"),
        )
    h = acts_for_graph(g)
    # each cycle from its least role: networkx starts it wherever its node order (and so the
    # hash seed) happens to put it
    rotated = [c[c.index(min(c)) :] + c[: c.index(min(c))] for c in cycles]
    cycle = min(rotated, key=lambda c: (len(c), c))
    trace, rules = [], []
    for i, role in enumerate(cycle):
        nxt = cycle[(i + 1) % len(cycle)]
        rids = h[f"role:{role}"][f"role:{nxt}"]["rules"]
        rules += rids
        el = model.get(rids[0])
        trace.append(
            TraceStep(
                Label(
                    f"{decode.label_of(model, role).zh}代行{decode.label_of(model, nxt).zh}({rids[0]})",
                    f"the {decode.label_of(model, role).en} stands in for the "
                    f"{decode.label_of(model, nxt).en} ({rids[0]})",
                ),
                tuple(el.articles),
                rids[0],
            )
        )
    msg = Label(
        "代行关系成环:" + "→".join(decode.label_of(model, r).zh for r in cycle + cycle[:1]),
        "deputy cycle: " + " → ".join(cycle + cycle[:1]),
    )
    in_cycle = tuple(sorted(set(rules)))
    found = Property(
        prop.id, prop.subject, prop.statement, in_cycle, rules[0], prop.parameters, identity=in_cycle
    )
    return found.finding(
        model, Status.violated, msg, counterexample=Counterexample(trace=tuple(trace)), bounds=bd
    )


def _nobody(model: Model, role: str) -> Label:
    """Why nobody holds the role, with what to do about it."""
    name = decode.label_of(model, role)
    el = model.get(role)
    scope = str(getattr(el, "scope", "government"))
    if (
        scope != "government"
        and getattr(el, "meaning", None) is None
        and not getattr(el, "specializes", None)
    ):
        fix = {
            "meeting": "presiding_leader or entrusting_leader",
            "department": "head_of_department or acting_head_of_department",
            "document": "heads_of_related_departments",
        }.get(scope, "")
        return Label(
            f"规则要求{name.zh}履职，但该角色的范围为{scope}，既无meaning也无specializes，任何人都不能担任"
            f"(请声明meaning: {fix.replace(' or ', '或')}，或specializes)",
            f"acts name the role {name.en}, but it is {scope}-scoped with neither a meaning nor a role it "
            f"specializes, so nobody can ever hold it (declare meaning: {fix}, or specializes)",
        )
    return Label(
        f"规则要求{name.zh}履职，但名单中无人担任",
        f"acts name the role {name.en} but nobody in the cast holds it",
    )
