"""``govmodel show NAME``: what the model says about one role, person, document type, meeting
or other element, each statement with its articles, in Chinese and English."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from govmodel.errors import InputError, Problem
from govmodel.graph.authority import Context, holders
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.vocab import SCHEDULE_WORDS
from govmodel.refs import SourceRef
from govmodel.report.words import articles_en

__all__ = ["show_text", "find"]


def _arts(el) -> str:
    arts = getattr(el, "articles", ())
    return f"  [{articles_en(arts)}]" if arts else ""


def _act(model: Model, act: str) -> str:
    lab = model.act_label(act)
    return f"{lab.zh} {lab.en}"


def _name(model: Model, ident: str) -> str:
    lab = model.label(ident)
    return f"{lab.zh} ({ident})" if lab.zh != ident else ident


def _labels(model: Model, short_names: bool = False) -> dict[str, list[str]]:
    """Chinese and English names (case-folded) → ids, so ``show 市长`` and ``show "Mayor A"`` work;
    with ``short_names``, the names without their last parenthesis (常务副市长(乙) → 常务副市长)."""
    out: dict[str, list[str]] = {}
    for ident, el in model.index.items():
        lab = getattr(el, "label", None)
        if lab is not None and hasattr(lab, "zh") and "." not in ident:
            for text in {lab.zh.casefold(), lab.en.casefold()}:
                if short_names:
                    text = re.sub(r"\s*[(（][^()（）]*[)）]$", "", text)
                out.setdefault(text, []).append(ident)
    return out


def find(model: Model, name: str) -> str:
    """The id of the element NAME designates: its id, or its Chinese or English name."""
    if model.get(name) is not None:
        return name
    by_label = _labels(model)
    hits = sorted(set(by_label.get(name.strip().casefold(), [])))
    if not hits:
        hits = sorted(set(_labels(model, short_names=True).get(name.strip().casefold(), [])))
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise InputError(
            [
                Problem(
                    SourceRef("show"),
                    f"{name!r} names {len(hits)} elements of {model.name}",
                    "one of "
                    + ", ".join(f"{model.label(h).zh} / {model.label(h).en} ({h})" for h in sorted(hits)),
                )
            ]
        )
    close = difflib.get_close_matches(name, sorted(model.index), n=3)
    close += [by_label[c][0] for c in difflib.get_close_matches(name.casefold(), sorted(by_label), n=3)]
    hint = (
        "did you mean "
        f"{', '.join(f'{model.label(c).zh} / {model.label(c).en} ({c})' for c in dict.fromkeys(close))}?"
        if close
        else "a role, person, document type, meeting or element: its id or its Chinese or English name"
    )
    raise InputError([Problem(SourceRef("show"), f"nothing named {name!r} in {model.name}", hint)])


def _value(model: Model, v) -> str:
    """A field's value for people: names for ids, lists joined, never a Python repr."""
    if isinstance(v, (list, tuple)):
        return "、".join(_value(model, x) for x in v) or "—"
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_value(model, x)}" for k, x in v.items() if x not in (None, (), [], {}))
    if isinstance(v, bool):
        return "是 yes" if v else "否 no"
    if isinstance(v, str) and model.get(v) is not None and getattr(model.get(v), "label", None) is not None:
        lab = model.label(v)
        return f"{lab.zh} / {lab.en}"
    return str(getattr(v, "value", v))


def show_text(model: Model, name: str) -> str:
    name = find(model, name)
    el = model.get(name)
    head = [f"{el.label.zh} / {el.label.en}  ({name})" if hasattr(el, "label") else name]
    if model.where(el):
        head.append(f"defined at {model.where(el)}{_arts(el)}")
    if getattr(el, "note", None):
        head.append(f"note: {el.note.zh} / {el.note.en}")
    if isinstance(el, t.Role):
        body = _role(model, el)
    elif isinstance(el, t.RoleGroup):
        body = [f"roles: {', '.join(_name(model, r) for r in el.roles)}"] + _role(model, el)
    elif isinstance(el, t.Person):
        body = _person(model, el)
    elif isinstance(el, t.DocumentType):
        body = _document(model, el)
    elif isinstance(el, t.Meeting):
        body = _meeting(model, el)
    elif isinstance(el, t.Act):
        body = _act_uses(model, el)
    else:
        body = [
            f"  {k}: {_value(model, v)}"
            for k, v in el.model_dump(exclude={"label", "note", "id"}).items()
            if v not in (None, (), [], {})
        ]
    return "\n".join(head + [""] + body) + "\n"


def _by(model: Model, actors: tuple[str, ...]) -> str:
    return " / ".join(_name(model, b) for b in actors) or "—"


def _act_uses(model: Model, a: t.Act) -> list[str]:
    """An act: what it means to the checks, and the steps and deputy rules that name it."""
    from govmodel.model.vocab import ACT_MEANING_LABELS

    out = []
    if a.meaning is not None:
        m = ACT_MEANING_LABELS[a.meaning]
        out.append(f"含义 meaning: {m.zh} / {m.en}")
    steps = [
        f"  - {p.label.zh} / {p.label.en} ({p.id}.{s.id}) by {_by(model, s.by)}{_arts(s)}"
        for p in model.all_procedures()
        for s in p.steps
        if s.act == a.id
    ]
    out += [f"步骤 steps ({len(steps)}):", *(steps or ["  —"])]
    rules = [_name(model, r.id) for r in model.deputy_rules if r.acts != "all" and a.id in r.acts]
    if rules:
        out.append(f"代行规则 deputy rules: {'; '.join(rules)}")
    return out


def _role(model: Model, role) -> list[str]:
    ident = role.id
    out: list[str] = []
    if model.cast:
        if getattr(role, "scope", "government") == "government" or isinstance(role, t.RoleGroup):
            who = holders(model, ident)
            out.append(f"held by 担任者 (cast): {', '.join(_name(model, p) for p in who) or '— nobody 无人'}")
        else:
            pairs = [
                f"{d.label.zh}: "
                f"{'、'.join(model.label(p).zh for p in holders(model, ident, Context(d.id))) or '—'}"
                for d in model.cast.departments
            ]
            out.append(f"held per department 按部门 (cast): {'; '.join(pairs)}")
    acts = []
    for proc in model.all_procedures():
        for s in proc.steps:
            if ident in s.by:
                cond = f" when {s.when}" if s.when else f" unless {s.unless}" if s.unless else ""
                what = f"{proc.label.zh} / {proc.label.en} ({proc.id}.{s.id})"
                acts.append(f"  - {_act(model, s.act)}: {what}{cond}{_arts(s)}")
    if acts:
        out += ["powers 职权:"] + acts
    for r in model.deputy_rules:
        if ident in (r.principal, r.deputy):
            side = "stands in for 代行" if r.deputy == ident else "is stood in for by 由…代行"
            other = r.principal if r.deputy == ident else r.deputy
            reasons = (
                "、".join(model.label(x).zh for x in r.when_absent_for)
                + " / "
                + ", ".join(model.label(x).en for x in r.when_absent_for)
                if r.when_absent_for
                else "受委托时 when entrusted"
            )
            acts_ = (
                "all acts 全部职权"
                if r.acts == "all"
                else ", ".join(_act(model, a) for a in r.acts) or "acts not named 未列明"
            )
            out.append(
                f"deputy 代行: {side} {_name(model, other)} — 缺位原因 reasons: {reasons}; {acts_} "
                f"({r.label.zh} / {r.label.en}; {r.id}){_arts(r)}"
            )
    for lr in model.leave_rules:
        if ident in lr.approver:
            out.append(
                f"grants leave 准假: to {'、'.join(_name(model, x) for x in lr.requesters)} "
                f"({_situation(model, lr)}){_arts(lr)}"
            )
        if ident in lr.requesters:
            out.append(
                f"asks leave of 向…请假: {'、'.join(_name(model, x) for x in lr.approver)} "
                f"({_situation(model, lr)}){_arts(lr)}"
            )
    for m in model.meetings:
        for field, zh in (
            ("members", "组成"),
            ("may_attend", "列席"),
            ("convener", "召集"),
            ("presider", "主持"),
        ):
            if ident in getattr(m, field):
                out.append(f"meeting 会议: {field} {zh} — {m.label.zh} / {m.label.en}{_arts(m)}")
    return out or ["(the model says nothing else about this role 模型未对该角色作其他规定)"]


def _situation(model: Model, lr) -> str:
    lab = getattr(lr, "label", None)
    sit = model.label(lr.situation)
    return f"{sit.zh} {sit.en}" + (f"; {lab.zh} / {lab.en}" if lab is not None else "")


def _person(model: Model, p: t.Person) -> list[str]:
    out = [f"holds 担任: {', '.join(_name(model, r) for r in p.holds) or '—'}"]
    if p.in_charge_of:
        out.append(f"in charge of 分管: {', '.join(_name(model, d) for d in p.in_charge_of)}")
    if model.cast:
        for d in model.cast.departments:
            if d.head == p.id:
                out.append(f"head of 主要负责人: {_name(model, d.id)}")
            if d.acting_head == p.id:
                out.append(f"presides over the work when the head is away 主持工作: {_name(model, d.id)}")
    out.append(f"party member 中共党员: {'yes 是' if p.party_member else 'no 否'}")
    return out


def _document(model: Model, d: t.DocumentType) -> list[str]:
    out = [f"origin 来源: {_value(model, d.origin)}"]
    for link in d.is_a:
        out.append(f"is a 属于: {_name(model, link.type)}{_arts(link)}")
    out.append("procedure 程序 (all procedures that govern it, in order):")
    for node, s in ((f"{p.id}.{s.id}", s) for p in model.procedures_for(d.id) for s in p.steps):
        cond = f" [when {s.when}]" if s.when else f" [unless {s.unless}]" if s.unless else ""
        by = " / ".join(_name(model, b) for b in s.by) or "— nobody named 未明确主体"
        every = " (each 每一个)" if s.all_holders else ""
        out.append(f"  {node}: {_act(model, s.act)} by {by}{every}{cond}{_arts(s)}")
    for tl in model.time_limits_for(d.id):
        amount = (
            f"{tl.duration.value} {tl.duration.unit}"
            if tl.duration
            else (f"by {tl.by_date.month}-{tl.by_date.day}" if tl.by_date else "no number 未规定")
        )
        bound = f"{tl.bound} " if tl.duration else ""
        out.append(f"time limit 时限: {tl.label.zh} / {tl.label.en}: {bound}{amount} ({tl.id}){_arts(tl)}")
    for o in model.orderings:
        if set(model.supertypes(d.id)) & set(o.applies_to):
            out.append(f"ordering 顺序: {o.label.zh} / {o.label.en} ({o.id}){_arts(o)}")
    for m in model.meetings:
        if d.id in m.decides:
            out.append(f"decided by 讨论决定: {m.label.zh} / {m.label.en}{_arts(m)}")
    return out


def schedule_words(s: t.Schedule) -> str:
    """ "一般每月1-2次 / as a rule 1-2 times a month"; "一般每周二召开 / as a rule on Tuesdays"."""
    times = f"{s.times_min}" + (f"-{s.times_max}" if s.times_max and s.times_max != s.times_min else "")
    per = SCHEDULE_WORDS[s.per] if s.per else None
    day = SCHEDULE_WORDS[s.weekday] if s.weekday else None
    if day and s.per == "week" and times == "1":
        per = None  # 每周1次 on a weekday: 每周二
    zh = (
        ("一般" if s.in_principle else "")
        + (f"{per.zh}{times}次" if per else "")
        + (f"{'，' if per else '每'}{day.zh}召开" if day else "")
    )
    en = (
        ("as a rule " if s.in_principle else "")
        + (f"{times} times {per.en}" if per else "")
        + (f"{', ' if per else ''}on {day.en}s" if day else "")
    )
    if s.if_day_off:  # what the text says when the day is off
        zh += "，遇节假日顺延" if s.if_day_off == "later" else "，遇特殊情况可提前或推后"
        en += ", later if it is a day off" if s.if_day_off == "later" else ", earlier or later if need be"
    return f"{zh} / {en}"


def _meeting(model: Model, m: t.Meeting) -> list[str]:

    def names(xs: Iterable[str]) -> str:
        return ", ".join(_name(model, x) for x in xs) or "—"

    out = [
        f"members 组成: {names(m.members)}",
        f"may attend 列席: {names(m.may_attend)} (list approved by 审定: {names(m.may_attend_approved_by)})",
        f"convener 召集: {names(m.convener)}",
        f"presider 主持: {names(m.presider)}"
        + (f" (entrusted by 受…委托: {names(m.presider_entrusted_by)})" if m.presider_entrusted_by else ""),
        f"organizer 组织: {_name(model, m.organizer) if m.organizer else '—'}",
        f"cadence 频次: {m.cadence}"
        + (" (ad hoc allowed 可临时召开)" if m.ad_hoc_allowed and m.cadence != "ad_hoc" else ""),
    ]
    if m.schedule:
        out.append(f"schedule 会期: {schedule_words(m.schedule)}")
    for tl in (x for x in model.time_limits if m.id in x.applies_to):
        d = f"{tl.duration.value} {tl.duration.unit}" if tl.duration else "—"
        out.append(f"time limit 时限 ({tl.kind}, {tl.bound}): {d} — {tl.label.zh} / {tl.label.en}{_arts(tl)}")
    for o in (x for x in model.orderings if m.id in x.applies_to):
        out.append(f"precondition 前置条件: {o.label.zh} / {o.label.en}{_arts(o)}")
    for q in (q for q in m.quorum if q.active(model.enabled)):
        amount = f"{q.count}" if q.count else q.share
        out.append(
            f"quorum 法定出席: {'more than' if q.bound == 'more_than' else 'at least'} {amount} of "
            f"{names(q.of or m.members)}{_arts(q)}"
        )
    if m.sign_in:
        out.append(f"sign-in 签到: kept by 由…负责: {names(m.sign_in.by)}{_arts(m.sign_in)}")
    if m.decides:
        out.append(f"decides 讨论决定: {names(m.decides)}")
    for p in m.procedures:
        out.append(f"{p.purpose} — {p.label.zh} / {p.label.en}:")
        for s in p.steps:
            out.append(
                f"  {s.id}: {_act(model, s.act)} by {' / '.join(_name(model, b) for b in s.by)}{_arts(s)}"
            )
    return out
