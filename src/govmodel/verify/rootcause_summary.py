"""What a root cause (:mod:`govmodel.verify.rootcause`) says: the articles it concerns and a
one-sentence summary in Chinese and English of the gap its findings share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govmodel.findings import Cause, Finding
from govmodel.model import Model
from govmodel.refs import Label

__all__ = ["acts_label", "articles_of", "element", "summary"]


def articles_of(model: Model, target: str, found: list[Finding]) -> tuple[int, ...]:
    el = element(model, target)
    own = tuple(getattr(el, "articles", ()) or ())
    if own:
        return tuple(sorted(set(own)))
    return tuple(sorted({a for f in found for a in f.articles}))


def element(model: Model, ident: str) -> Any:
    try:
        return model.get(ident)
    except Exception:  # noqa: BLE001 - an id of another kind (a situation, a property): no element
        return None


def _names(model: Model, ids: Iterable[str]) -> Label:
    labels = [model.label(i) for i in dict.fromkeys(ids)]
    return Label("、".join(x.zh for x in labels), ", ".join(x.en for x in labels))


def acts_label(model: Model, cs: list[Cause]) -> Label:
    labels = [model.act_label(a) for a in sorted({c.act for c in cs if c.act})]
    return Label("、".join(x.zh for x in labels), ", ".join(x.en for x in labels))


def summary(model: Model, kind: str, target: str, cs: list[Cause], found: list[Finding]) -> Label:
    """One sentence in Chinese and English on the gap the findings of one root cause share."""
    n = len(found)
    # the element the cause names, by name (these kinds name no element: not used for them)
    unnamed = ("nobody_named", "no_approver", "conflict", "other", "calendar", "vague_limit")
    who = model.label(target) if kind not in unnamed else Label("", "")
    acts = acts_label(model, cs)
    if kind == "reasons":
        rule = element(model, target)
        missing = _names(model, sorted({c.reason for c in cs if c.reason}))
        principal = model.label(rule.principal)
        return Label(
            f"「{who.zh}」不适用于{principal.zh}因{missing.zh}缺位的情形，此时无人代行({acts.zh})",
            f"'{who.en}' does not apply when the {principal.en} is away for {missing.en}: "
            f"nobody stands in ({acts.en})",
        )
    if kind == "acts":
        return Label(
            f"「{who.zh}」只授权代行部分职责，{acts.zh}无人代行",
            f"'{who.en}' passes on only some acts: nobody stands in to {acts.en}",
        )
    if kind == "stand_in":
        return Label(
            f"规则未规定{who.zh}缺位时由谁代行({acts.zh})",
            f"no rule names a stand-in for the {who.en} ({acts.en})",
        )
    if kind == "unheld":
        return Label(
            f"规则要求{who.zh}履职({acts.zh or '见下列结果'})，但在部分部门无人担任",
            f"the rules ask the {who.en} to act ({acts.en or 'see the findings'}) "
            "but in some departments nobody holds that role",
        )
    if kind == "approver":
        return Label(
            f"「{who.zh}」:请假人本人是唯一有权准假的人",
            f"'{who.en}': the requester is the only one who may grant the leave",
        )
    if kind == "recusal":
        return Label(
            f"「{who.zh}」没有回避条款:代行人可能兼任同一事项的两级审核",
            f"'{who.en}' has no recusal clause: the stand-in may end up on both levels of one check",
        )
    if kind == "nobody_named":
        proc = model.label(target)
        return Label(
            f"{proc.zh}:条文要求{n}项行为但未规定由谁履行",
            f"{proc.en}: the text requires {n} act(s) and names nobody to perform them",
        )
    if kind == "no_approver":
        subs = _names(model, sorted({f.subject.element for f in found if f.subject.situation is not None}))
        situation = model.label(target)
        return Label(
            f"未规定由谁批准{subs.zh}的请假({situation.zh})",
            f"no rule says who grants leave ({situation.en}) to the {subs.en}",
        )
    if kind == "vague_limit":
        vague = _names(model, target.split(",")) if target != "none" else Label("无", "none")
        return Label(
            f"报送方受硬性时限约束，而市政府的决定只有模糊时限(「{vague.zh}」)或没有时限({n}项结果)",
            f"submitters are held to hard limits while the government's decision has only a vague limit "
            f"({vague.en}) or none ({n} finding(s))",
        )
    if kind == "lead_time":
        f = found[0]
        lead = element(model, target).duration.value
        fastest = f.bounds.get("fastest_cadence_wait")
        return Label(
            f"「{who.zh}」只提前{lead}个工作日，任何固定会期都赶不上(即使每周开会，也可能等待{fastest}个工作日)",
            f"'{who.en}' is {lead} working days ahead, shorter than any regular cadence can serve "
            f"(even a weekly meeting may be {fastest} working days away)",
        )
    if kind == "cadence":
        return Label(
            f"{who.zh}的召开周期赶不上提前报送的期限",
            f"the {who.en} sits too rarely for the lead times of the requests it decides",
        )
    f = found[0]
    return Label(f.message.zh, f.message.en)
