"""Candidate amendments for a root cause (:mod:`govmodel.verify.rootcause`): reform overlays in
the format of ``scenarios/reforms/*.yaml``, the most conservative first (a rule's own reasons or
acts widened, a stand-in the rules or the roles suggest, a wider role, a more frequent
cadence), or the reason there is none. ``govmodel suggest`` writes the first that
``govmodel reform`` judges as claimed."""

from __future__ import annotations

from typing import Any

from govmodel.findings import Cause, Finding, RootCause
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.verify.amendment_draft import draft
from govmodel.verify.amendments_meetings import meeting_candidates
from govmodel.verify.rootcause_summary import acts_label, articles_of, element, summary

__all__ = ["amendment", "candidates", "reform_yaml"]


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in text.lower()).strip("_")


def candidates(
    model: Model, kind: str, target: str, cs: list[Cause], found: list[Finding]
) -> list[dict[str, Any]]:
    """Candidate overlays for one root cause, the most conservative first (a rule's own reasons
    or acts widened; a new stand-in taken from a rule the assumptions leave out, a
    ``deputy_`` role, the deputies and principals the rules already use)."""
    reasons = list(model.reason_ids(True))
    arts = articles_of(model, target, found)
    why = summary(model, kind, target, cs, found)
    rid = _slug(f"suggested_{kind}_{target}")
    if kind == "reasons":
        rule = model.get(target)
        return [
            draft(
                rid,
                Label(
                    f"{model.label(target).zh}适用于任何缺位原因", f"{model.label(target).en} for any absence"
                ),
                why,
                arts,
                found,
                change=[{"id": target, "set": {"when_absent_for": reasons}}],
            )
        ]
    if kind == "acts":
        rule = model.get(target)
        acts = [] if rule.acts == "all" else [str(a) for a in rule.acts]
        acts += [a for a in sorted({c.act for c in cs if c.act}) if a not in acts]
        return [
            draft(
                rid,
                Label(
                    f"{model.label(target).zh}扩及{acts_label(model, cs).zh}",
                    f"{model.label(target).en} also for {acts_label(model, cs).en}",
                ),
                why,
                arts,
                found,
                change=[{"id": target, "set": {"acts": acts}}],
            ),
            draft(
                rid,
                Label(f"{model.label(target).zh}扩及全部职责", f"{model.label(target).en} for every act"),
                why,
                arts,
                found,
                change=[{"id": target, "set": {"acts": "all", "when_absent_for": reasons}}],
            ),
        ]
    if kind == "stand_in":
        out = []
        for deputy in _deputies(model, target):
            rule = {
                "id": _slug(f"suggested_{deputy}_stands_in_for_{target}"),
                "label": {
                    "zh": f"{model.label(target).zh}缺位时由{model.label(deputy).zh}代行",
                    "en": f"The {model.label(deputy).en} stands in for the {model.label(target).en}",
                },
                "articles": list(arts) or [1],
                "kind": "acts_for",
                "principal": target,
                "deputy": deputy,
                "when_absent_for": reasons,
                "acts": "all",
            }
            out.append(
                draft(
                    rid,
                    Label(rule["label"]["zh"], rule["label"]["en"]),
                    why,
                    arts,
                    found,
                    add={"deputy_rules": [rule]},
                )
            )
        return out
    if kind == "unheld":  # every act that names the role, so that no act names it any more
        steps = sorted(f"{p.id}.{st.id}" for p in model.all_procedures() for st in p.steps if target in st.by)
        leaves = sorted(lr.id for lr in model.leave_rules if target in lr.approver)
        out = []
        for wider in _wider_roles(model, target):
            change = [{"id": s, "set": {"by": _swap(model.get(s).by, target, wider)}} for s in steps]
            change += [
                {"id": lr, "set": {"approver": _swap(model.get(lr).approver, target, wider)}} for lr in leaves
            ]
            out.append(
                draft(
                    rid,
                    Label(
                        f"由{model.label(wider).zh}代替{model.label(target).zh}",
                        f"the {model.label(wider).en} instead of the {model.label(target).en}",
                    ),
                    why,
                    arts,
                    found,
                    change=change,
                )
            )
        return out
    if kind == "approver":
        lr = model.get(target)
        if isinstance(lr, t.LeaveRule):
            extra = [d for a in lr.approver for d in _deputies(model, a) if d not in lr.approver]
            return [
                draft(
                    rid,
                    Label(f"{model.label(d).zh}也可准假", f"the {model.label(d).en} may grant it too"),
                    why,
                    arts,
                    found,
                    change=[{"id": target, "set": {"approver": [*lr.approver, d]}}],
                )
                for d in dict.fromkeys(extra)
            ]
        return []
    if kind == "cadence":
        m = model.get(target)
        order = ["quarterly", "monthly", "biweekly", "weekly"]
        now = order.index(str(m.cadence)) if str(m.cadence) in order else 0
        return [
            draft(
                rid,
                Label(f"{model.label(target).zh}改为{c}", f"{model.label(target).en} {c}"),
                why,
                arts,
                found,
                change=[{"id": target, "set": {"cadence": c}}],
            )
            for c in order[now + 1 :]
        ]
    if kind == "nobody_named":
        steps = sorted({str(f.subject) for f in found})
        out = []
        for actor in _named_actors(model, target):
            out.append(
                draft(
                    rid,
                    Label(f"由{model.label(actor).zh}履行", f"the {model.label(actor).en} performs them"),
                    why,
                    arts,
                    found,
                    change=[{"id": s, "set": {"by": [actor]}} for s in steps],
                )
            )
        return out
    if kind in ("not_entrusted", "quorum"):
        return meeting_candidates(model, kind, target, found, rid, why, arts)
    return []


def _swap(actors: tuple[str, ...], old: str, new: str) -> list[str]:
    return list(dict.fromkeys(new if a == old else a for a in actors))


def _deputies(model: Model, role: str) -> list[str]:
    """Who could stand in for ``role``: the deputy of a rule for it that an assumption leaves
    out, a ``deputy_<role>`` role, then the deputies and the principals of the rules in force
    (most senior first: a principal nobody stands in for comes last), then any other role
    of the government, in the model's order."""
    out: list[str] = []
    for r in model.sections.deputy_rules:
        if r.principal == role and r.kind != "entrusts":
            out.append(r.deputy)
    if f"deputy_{role}" in model.index:
        out.append(f"deputy_{role}")
    gov = {x.id for x in model.roles if str(x.scope) == "government"}
    out += [r.deputy for r in model.deputy_rules if r.kind != "entrusts" and r.deputy in gov]
    out += [r.principal for r in model.deputy_rules if r.kind != "entrusts" and r.principal in gov]
    usable = {x.id for x in model.roles if str(x.scope) != "meeting"}
    out = [d for d in dict.fromkeys(out) if d != role and d in usable]
    # then the government's leaders as the rules group them, and any other government role,
    # each only when it names someone the roles before it do not (not the mayor again as
    # the Party group's secretary)
    from govmodel.graph.authority import holders

    grouped = [r for g in model.role_groups for r in g.roles if r in gov]
    seen = {p for d in out for p in holders(model, d)} | set(holders(model, role))
    for d in dict.fromkeys(grouped + [x.id for x in model.roles if x.id in gov and not x.institutional]):
        persons = set(holders(model, d))
        if d != role and d not in out and persons and not persons <= seen:
            out.append(d)
            seen |= persons
    return out


def _wider_roles(model: Model, role: str) -> list[str]:
    """Roles that name the same person as ``role`` wherever someone holds it, and someone
    where nobody does (the leader in charge for the vice mayor in charge: the mayor where
    no vice mayor is in charge, art. 10)."""
    from govmodel.graph.authority import Context, holders

    el = model.get(role)
    if not isinstance(el, t.Role) or not model.cast:
        return []
    ctxs = [Context(d.id) for d in model.cast.departments]
    out = []
    for other in model.roles:
        if other.id == role or str(other.scope) != str(el.scope):
            continue
        ok = True
        for c in ctxs:
            mine, theirs = set(holders(model, role, c)), set(holders(model, other.id, c))
            if (mine and mine != theirs) or not theirs:
                ok = False
                break
        if ok:
            out.append(other.id)
    return out


def _named_actors(model: Model, proc_id: str) -> list[str]:
    proc = element(model, proc_id)
    out = [a for s in getattr(proc, "steps", ()) for a in s.by]
    return list(dict.fromkeys(out))


def amendment(
    model: Model, kind: str, target: str, cs: list[Cause], found: list[Finding]
) -> tuple[dict[str, Any] | None, Label | None]:
    """The first candidate overlay (``govmodel suggest`` tries them in order and writes the
    first that ``govmodel reform`` judges as claimed), or None with the reason."""
    cands = candidates(model, kind, target, cs, found)
    if cands:
        return cands[0], None
    why = {
        "recusal": Label(
            "需要回避条款，模型词汇中没有此构造",
            "needs a recusal clause, which the model's vocabulary cannot express",
        ),
        "conflict": Label("需由起草者协调两条规定", "the drafters must reconcile the two rules"),
        "calendar": Label(
            "需改为工作日计算，属于改变期限本身",
            "needs the limit counted in working days: a change of the limit itself",
        ),
        "weekday": Label(
            "需由条文规定会议日逢节假日时何时召开(顺延、提前或当周不开)",
            "the text must say when the meeting sits when its weekday is a day off "
            "(moved later, moved earlier, or not that week)",
        ),
        "two_limits": Label(
            "需由条文规定以哪一期限为准", "the text must say which of the two limits governs"
        ),
        "vague_limit": Label(
            "需为市政府的决定规定天数，属于新设期限",
            "needs a number of days for the government's decision: a new limit",
        ),
        "lead_time": Label(
            "没有任何固定会期能满足此提前量:只能临时召开会议(条文已允许)，或延长提前量(即改变期限本身)",
            "no regular cadence of the model's vocabulary can serve this lead time: only an ad hoc "
            "meeting (which the text allows) or a longer lead time (a change of the limit itself) can",
        ),
        "unheld": Label(
            "需由条文指定无分管领导时由谁履职", "the text must say who acts where nobody holds the role"
        ),
        "nobody_named": Label(
            "该程序的任何步骤都未指定履职者，没有可借用的同程序履职者:须由起草者指定",
            "no step of the procedure names anyone, so there is no actor of the same procedure to "
            "name: the drafters must choose who acts",
        ),
        "quorum": Label(
            "这些缺位之后没有可计入法定人数的人:任何法定人数都无法满足",
            "these absences leave nobody the quorum counts: no threshold can be met",
        ),
    }.get(kind, Label("无候选修订", "no candidate amendment"))
    return None, why


def reform_yaml(overlay: dict[str, Any], root: RootCause) -> str:
    """The overlay as a reform file (the format of ``scenarios/reforms/*.yaml``)."""
    import io

    from ruamel.yaml import YAML

    y = YAML()
    y.default_flow_style = None
    y.width = 120
    buf = io.StringIO()
    y.dump({"reform": overlay}, buf)
    head = [
        f"# 修订建议(由 govmodel suggest 生成): {root.summary.zh}",
        f"# Suggested amendment (written by govmodel suggest): {root.summary.en}",
        f"# Root cause {root.id}; judge it with: govmodel reform FILE",
    ]
    return "\n".join(head) + "\n" + buf.getvalue()
