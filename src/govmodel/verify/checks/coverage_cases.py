"""The cases of a coverage property (:mod:`govmodel.verify.checks.coverage`): for each act the
model requires, the scenes (context, persons present) in which someone must act, with the
chains of authority that may act in each; cases that ask the same question dropped; and the
classes of portfolio (departments whose question has the same shape) a property is split by.
"""

from __future__ import annotations

from govmodel.graph.authority import Context, holders
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo
from govmodel.verify.chains import Root, entrustments, roots, type_key
from govmodel.verify.checks._common import Case
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import (
    Bounds,
    Scene,
    contexts,
    distinct_types,
    governed_types,
    meeting_scenes,
    step_scenes,
)

__all__ = [
    "applicable",
    "cases_for",
    "choices",
    "distinct",
    "institutional",
    "is_meeting_act",
    "leave_cases",
    "portfolio_classes",
    "portfolio_key",
    "step_cases",
]


def institutional(model: Model, actors: tuple[str, ...]) -> bool:
    """Every actor is a body, a meeting or an institutional role (always able to act)."""
    from govmodel.graph.authority import actor_kind

    for a in actors:
        el = model.get(a)
        if not (actor_kind(model, a) in ("body", "meeting") or (isinstance(el, t.Role) and el.institutional)):
            return False
    return True


def applicable(step: t.Step) -> bool:
    return not (step.when and step.when == step.unless)


def step_cases(
    model: Model, proc: t.Procedure, step: t.Step, bounds: Bounds, entrusted: bool = False
) -> list[Case]:
    """The cases of a step; ``entrusted``: in the branch where the principal has entrusted
    (the deputies of the step's entrustment rules act too, as alternatives)."""
    meeting = model.meeting_of(proc.id)
    out = []
    if meeting is not None:
        for s in step_scenes(model, proc, step, bounds):
            actors = step.by + (
                _deputies(model, step.by, str(step.act), meeting, s.doc_type) if entrusted else ()
            )
            out.append(
                Case(s, roots(model, actors, step.act, s.doc_type, s.ctx), str(step.act), step.all_holders)
            )
        return out
    ctxs = contexts(model, step.by, bounds)  # the scenes of step_scenes, type by type
    seen: set[tuple[Root, ...]] = set()
    for dt in distinct_types(model, governed_types(model, proc)) or (None,):
        actors = step.by + (_deputies(model, step.by, str(step.act), None, dt) if entrusted else ())
        rts = _roots_by_context(model, actors, str(step.act), dt, step.by, ctxs, bounds)
        for c, r in zip(ctxs, rts, strict=True):
            # the first scene of each question only: what `distinct` keeps (these cases differ
            # in their chains alone), without a case per department of a large model
            if r not in seen:
                seen.add(r)
                out.append(Case(Scene(dt, c), r, str(step.act), step.all_holders))
    return out


def _roots_by_context(
    model: Model,
    actors: tuple[str, ...],
    act: str,
    doc_type: str | None,
    by: tuple[str, ...],
    ctxs: list[Context],
    bounds: Bounds,
) -> tuple[tuple[Root, ...], ...]:
    """``roots`` in each of the contexts of ``by``, asked once per model for the document
    types the deputy rules treat alike (the steps of a family of procedures share them)."""
    cache = memo(model, "verify.roots_by_context")
    key = (actors, act, type_key(model, doc_type), by, bounds.related_max)
    found: tuple[tuple[Root, ...], ...] | None = cache.get(key)
    if found is None:
        found = cache[key] = tuple(roots(model, actors, act, doc_type, c) for c in ctxs)
    return found


def _deputies(
    model: Model, actors: tuple[str, ...], act: str, meeting: t.Meeting | None, doc_type: str | None
) -> tuple[str, ...]:
    rules = entrustments(model, actors, act, meeting.id if meeting else None, doc_type)
    return tuple(dict.fromkeys(r.deputy for r in rules if r.deputy not in actors))


def choices(
    model: Model,
    actors: tuple[str, ...],
    act: str,
    meeting: t.Meeting | None,
    doc_types: tuple[str | None, ...],
) -> tuple[str, ...]:
    """Ids of the entrustment rules that give this act's principal a choice (any document type)."""
    mid = meeting.id if meeting else None
    return tuple(sorted({r.id for dt in doc_types for r in entrustments(model, actors, act, mid, dt)}))


def _meeting_cases(
    model: Model, m: t.Meeting, actors: tuple[str, ...], act: str, bounds: Bounds, entrusted: bool = False
) -> list[Case]:
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
                out.append(
                    Case(
                        Scene(None, ctx, ex),
                        roots(model, rule.approver, "grants_leave", None, ctx, ex),
                        "grants_leave",
                        exclude=ex,
                    )
                )
    return out


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


def cases_for(model: Model, prop: Property, bounds: Bounds) -> list[Case]:
    """The cases of the property (of its class of portfolio, when it has one)."""
    p = prop.parameters
    key = (
        p["kind"],
        p.get("procedure"),
        p.get("step"),
        p.get("meeting"),
        p.get("field"),
        p.get("act"),
        p.get("rule"),
        bool(p.get("entrusted")),
        bounds,
    )
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


def is_meeting_act(model: Model, prop: Property) -> bool:
    """Convening, presiding, a meeting's pipeline, or leave from a meeting."""
    p = prop.parameters
    if p["kind"] == "meeting":
        return True
    if p["kind"] == "step":
        return model.meeting_of(p["procedure"]) is not None
    rule = next((x for x in model.leave_rules if x.id == p.get("rule")), None)
    return rule is not None and model.is_meeting_leave(rule)


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
    return (
        shape,
        case.all_holders,
        tuple(sorted(i(p) for p in sorted(case.scene.present))),
        tuple(sorted(i(p) for p in sorted(case.exclude))),
    )


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
