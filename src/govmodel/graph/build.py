"""Build the authority graph: a networkx MultiDiGraph with typed nodes and typed edges.

Node keys are ``kind:id`` (``role:mayor``, ``person:p_mayor``, ``step:art47_sign_off.sign``);
every node has ``kind``, ``label_zh``, ``label_en``, ``articles`` and ``pos``; every edge has
``type`` (also its key), ``articles``, ``pos`` and, where they apply, ``conditions``,
``reasons`` and ``acts``.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from govmodel.graph.authority import actor_kind
from govmodel.model import Model
from govmodel.model import types as t

__all__ = ["build_graph", "node_id", "EDGE_TYPES", "NODE_KINDS"]

NODE_KINDS = (
    "person",
    "role",
    "body",
    "meeting",
    "document_type",
    "procedure",
    "step",
    "department",
    "time_limit",
)
EDGE_TYPES = (
    "holds",
    "specializes",
    "acts_for",
    "entrusts",
    "in_charge_of",
    "heads",
    "presides_work_of",
    "member_of",
    "attends",
    "convenes",
    "presides",
    "organizes",
    "decides",
    "grants_leave",
    "files_with",
    "is_a",
    "governed_by",
    "has_step",
    "precedes",
    "target",
    "limits",
)
"""The structural edge types; an actor's edge to a step is typed by the step's act (an id of
the model's acts)."""


def node_id(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


def _actor_node(model: Model, ident: str) -> str:
    kind = actor_kind(model, ident)
    return node_id({"group": "role", "unknown": "role"}.get(kind, kind), ident)


def _add_node(g: nx.MultiDiGraph, model: Model, kind: str, el: Any, **extra: Any) -> str:
    nid = node_id(kind, el.id)
    label = getattr(el, "label", None)
    g.add_node(
        nid,
        kind=kind,
        id=el.id,
        label_zh=label.zh if label else el.id,
        label_en=label.en if label else el.id,
        articles=tuple(getattr(el, "articles", ())),
        pos=str(model.where(el) or ""),
        **extra,
    )
    return nid


def _edge(g: nx.MultiDiGraph, model: Model, u: str, v: str, etype: str, el: Any = None, **attrs: Any) -> None:
    g.add_edge(
        u,
        v,
        key=etype,
        type=etype,
        articles=tuple(getattr(el, "articles", ()) or ()),
        pos=str((model.where(el) if el is not None else None) or ""),
        **attrs,
    )


def build_graph(model: Model) -> nx.MultiDiGraph:
    """The authority relations of a model, with the assumptions in force."""
    g = nx.MultiDiGraph(model=model.name, assumptions=tuple(sorted(model.enabled)))
    for r in model.roles:
        _add_node(g, model, "role", r, scope=str(r.scope))
    for grp in model.role_groups:
        _add_node(g, model, "role", grp, scope="group")
        for r in grp.roles:
            _edge(g, model, node_id("role", r), node_id("role", grp.id), "member_of", grp)
    for r in model.roles:
        if r.specializes:
            _edge(g, model, node_id("role", r.id), node_id("role", r.specializes), "specializes", r)
    for b in model.bodies:
        _add_node(g, model, "body", b, external=b.external)
        if b.led_by:
            _edge(g, model, node_id("role", b.led_by), node_id("body", b.id), "presides", b)
    _cast(g, model)
    _deputies(g, model)
    _leave(g, model)
    for d in model.document_types:
        _add_node(g, model, "document_type", d, origin=d.origin)
    for d in model.document_types:
        for link in d.is_a:
            _edge(g, model, node_id("document_type", d.id), node_id("document_type", link.type), "is_a", link)
    for p in model.procedures:
        _procedure(g, model, p)
        for dt in p.applies_to:
            _edge(g, model, node_id("document_type", dt), node_id("procedure", p.id), "governed_by", p)
    for m in model.meetings:
        _meeting(g, model, m)
    for tl in model.time_limits:
        _add_node(
            g,
            model,
            "time_limit",
            tl,
            limit_kind=tl.kind,
            duration=(tl.duration.value, str(tl.duration.unit)) if tl.duration else None,
        )
        for dt in tl.applies_to:
            _edge(g, model, node_id("time_limit", tl.id), node_id("document_type", dt), "limits", tl)
    # references to elements switched off by an assumption leave bare nodes: drop them
    g.remove_nodes_from([n for n, d in g.nodes(data=True) if "kind" not in d])
    return g


def _cast(g: nx.MultiDiGraph, model: Model) -> None:
    if not model.cast:
        return
    for p in model.cast.persons:
        _add_node(g, model, "person", p, party_member=p.party_member)
        for r in p.holds:
            _edge(g, model, node_id("person", p.id), node_id("role", r), "holds", p)
    for d in model.cast.departments:
        _add_node(g, model, "department", d, constituent=d.constituent)
        _edge(g, model, node_id("person", d.head), node_id("department", d.id), "heads", d)
        if d.acting_head:
            _edge(
                g, model, node_id("person", d.acting_head), node_id("department", d.id), "presides_work_of", d
            )
        if d.body:
            _edge(g, model, node_id("department", d.id), node_id("body", d.body), "is_a", d)
    for p in model.cast.persons:
        for dep in p.in_charge_of:
            _edge(g, model, node_id("person", p.id), node_id("department", dep), "in_charge_of", p)


def _deputies(g: nx.MultiDiGraph, model: Model) -> None:
    for r in model.deputy_rules:
        etype = "entrusts" if r.kind == "entrusts" else "acts_for"
        u, v = (r.principal, r.deputy) if etype == "entrusts" else (r.deputy, r.principal)
        acts = "all" if r.acts == "all" else tuple(str(a) for a in r.acts)
        g.add_edge(
            node_id("role", u),
            node_id("role", v),
            key=f"{etype}:{r.id}",
            type=etype,
            rule=r.id,
            reasons=r.when_absent_for,
            acts=acts,
            applies_to=r.applies_to,
            articles=r.articles,
            pos=str(model.where(r) or ""),
        )


def _leave(g: nx.MultiDiGraph, model: Model) -> None:
    for lr in model.leave_rules:
        for a in lr.approver:
            for q in lr.requesters:
                g.add_edge(
                    _actor_node(model, a),
                    _actor_node(model, q),
                    key=f"grants_leave:{lr.id}",
                    type="grants_leave",
                    rule=lr.id,
                    reasons=lr.reasons,
                    situation=lr.situation,
                    articles=lr.articles,
                    pos=str(model.where(lr) or ""),
                )
        for body in lr.files_with:
            for q in lr.requesters:
                _edge(g, model, _actor_node(model, q), node_id("body", body), "files_with", lr)


def _procedure(g: nx.MultiDiGraph, model: Model, p: t.Procedure) -> None:
    pid = _add_node(g, model, "procedure", p, purpose=p.purpose)
    previous = None
    for s in p.steps:
        sid = f"{p.id}.{s.id}"
        g.add_node(
            node_id("step", sid),
            kind="step",
            id=sid,
            label_zh=f"{p.label.zh}·{model.act_label(s.act).zh}",
            label_en=f"{p.label.en}: {model.act_label(s.act).en}",
            act=str(s.act),
            act_zh=model.act_label(s.act).zh,
            act_en=model.act_label(s.act).en,
            articles=s.articles,
            pos=str(model.where(s) or ""),
            when=s.when,
            unless=s.unless,
        )
        _edge(g, model, pid, node_id("step", sid), "has_step", s)
        for actor in s.by:
            _edge(
                g,
                model,
                _actor_node(model, actor),
                node_id("step", sid),
                str(s.act),
                s,
                conditions=tuple(
                    x for x in (s.when and f"when:{s.when}", s.unless and f"unless:{s.unless}") if x
                ),
                all_holders=s.all_holders,
                act_zh=model.act_label(s.act).zh,
                act_en=model.act_label(s.act).en,
            )
        if s.target:
            _edge(g, model, node_id("step", sid), _actor_node(model, s.target), "target", s)
        for before in s.after if s.after is not None else ((previous,) if previous else ()):
            _edge(g, model, node_id("step", f"{p.id}.{before}"), node_id("step", sid), "precedes", s)
        previous = s.id


def _meeting(g: nx.MultiDiGraph, model: Model, m: t.Meeting) -> None:
    mid = _add_node(g, model, "meeting", m, cadence=str(m.cadence))
    for field, etype in (
        ("members", "member_of"),
        ("may_attend", "attends"),
        ("convener", "convenes"),
        ("presider", "presides"),
    ):
        for r in getattr(m, field):
            _edge(g, model, _actor_node(model, r), mid, etype, m)
    if m.organizer is not None:  # the text may name no organizer
        _edge(g, model, node_id("body", m.organizer), mid, "organizes", m)
    for dt in m.decides:
        _edge(g, model, mid, node_id("document_type", dt), "decides", m)
    for p in m.procedures:
        _procedure(g, model, p)
        _edge(g, model, mid, node_id("procedure", p.id), "governed_by", p)
