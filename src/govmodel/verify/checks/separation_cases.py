"""The cases of a separation property (:mod:`govmodel.verify.checks.separation`): for a pair
of steps, each scene of each document type (one per group the deputy rules treat alike) or
meeting with the holders, and their chains, of both steps; for a leave rule, each requester
with the holders of the approving role. Pairs that ask the same question are dropped."""

from __future__ import annotations

from govmodel.graph.authority import Context, holders
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo
from govmodel.verify.chains import Root, roots, type_key
from govmodel.verify.checks._common import Case
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds, Scene, contexts, distinct_types, meeting_scenes

__all__ = ["leave_cases", "step_cases"]


def step_cases(model: Model, prop: Property, bounds: Bounds) -> list[tuple[Case, Case]]:
    a, b = model.get(prop.parameters["a"]), model.get(prop.parameters["b"])
    out, seen = [], set()
    owners = [o for o in prop.parameters["owners"] if o.startswith("meeting:")]
    owners += list(
        distinct_types(model, tuple(o for o in prop.parameters["owners"] if not o.startswith("meeting:")))
    )
    for owner in owners:
        if owner.startswith("meeting:"):
            m = model.get(owner.split(":", 1)[1])
            found = [
                (s, roots(model, a.by, a.act, None, s.ctx), roots(model, b.by, b.act, None, s.ctx))
                for s in meeting_scenes(model, m, a.by + b.by, bounds)
            ]
        else:
            found = [(Scene(owner, c), ra, rb) for c, ra, rb in _pair_roots(model, a, b, owner, bounds)]
        for s, ra, rb in found:
            key = (ra, rb, s.present)
            if key not in seen:
                seen.add(key)
                out.append((Case(s, ra, str(a.act), a.all_holders), Case(s, rb, str(b.act), b.all_holders)))
    return out


def _pair_roots(
    model: Model, a: t.Step, b: t.Step, doc_type: str, bounds: Bounds
) -> list[tuple[Context, tuple[Root, ...], tuple[Root, ...]]]:
    """The holders (with their chains) of both steps in every context of a document of
    ``doc_type``, the first context of each pair of holders only; shared by every document
    type the deputy rules treat alike (the families of types of a large model ask it once)."""
    cache = memo(model, "verify.pair_roots")
    key = (a.by, a.act, b.by, b.act, type_key(model, doc_type), bounds.related_max)
    found = cache.get(key)
    if found is None:
        found, seen = [], set()
        for c in contexts(model, a.by + b.by, bounds):
            ra = roots(model, a.by, a.act, doc_type, c)
            rb = roots(model, b.by, b.act, doc_type, c)
            if (ra, rb) not in seen:
                seen.add((ra, rb))
                found.append((c, ra, rb))
        cache[key] = found
    return list(found)


def leave_cases(model: Model, rule: t.LeaveRule, bounds: Bounds) -> list[tuple[Case, Case]]:
    out, seen = [], set()
    for c in contexts(model, rule.requesters + rule.approver, bounds):
        ctx = Context(c.department)
        for actor in rule.requesters:
            for q in holders(model, actor, ctx):
                rts = roots(model, rule.approver, "grants_leave", None, ctx)
                if (q, rts) in seen:
                    continue
                seen.add((q, rts))
                req = Case(Scene(None, ctx, frozenset({q})), (Root(actor, q, ()),), "leave_request")
                out.append((req, Case(req.scene, rts, "grants_leave")))
    return out
