"""Two rule sets side by side, concern by concern (deputizing, meetings, sign-off, leave, time
limits): what each says about the same element (ids follow GLOSSARY.md, so ``mayor`` or
``executive_meeting`` mean the same in both), where they differ, and which gaps (violated
properties) one has that the other closes.

Elements are lined up by id; an element's ``signature`` is built from ids and numbers only,
so two wordings of the same rule compare equal, and its ``text`` is the bilingual line a
person reads (labels of its own model).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from govmodel.crosscheck.replay_words import act_label
from govmodel.findings import Finding, Results, Status
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.vocab import CADENCE_LABELS, SCHEDULE_WORDS
from govmodel.refs import Label

__all__ = ["CONCERNS", "Entry", "Row", "Gap", "RulesComparison", "entries", "concern_of", "compare_rules"]

CONCERNS: dict[str, Label] = {
    "deputizing": Label("代行与委托", "deputizing"),
    "meetings": Label("会议", "meetings"),
    "sign_off": Label("签发", "sign-off"),
    "leave": Label("请假", "leave"),
    "time_limits": Label("时限", "time limits"),
    "other": Label("其他", "other"),
}
"""The concerns the rule sets are lined up by (``other``: gaps of no single concern)."""


@dataclass(frozen=True)
class Entry:
    """One element of one concern in one model."""

    key: str
    label: Label
    signature: str
    text: Label
    articles: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.key,
            "label": self.label.as_dict(),
            "says": self.text.as_dict(),
            "signature": self.signature,
            "articles": list(self.articles),
        }


@dataclass(frozen=True)
class Row:
    """The same element (by id) in A and in B; ``None`` where a rule set has no such element."""

    concern: str
    key: str
    a: Entry | None
    b: Entry | None

    @property
    def status(self) -> Literal["same", "differs", "only_a", "only_b"]:
        if self.a is None:
            return "only_b"
        if self.b is None:
            return "only_a"
        return "same" if self.a.signature == self.b.signature else "differs"

    def as_dict(self) -> dict[str, Any]:
        return {
            "concern": self.concern,
            "id": self.key,
            "status": self.status,
            "a": self.a.as_dict() if self.a else None,
            "b": self.b.as_dict() if self.b else None,
        }


@dataclass(frozen=True)
class Gap:
    """A violated property of A or B (or both), with what the other rule set says about it."""

    concern: str
    property_id: str
    subject: str
    a: Status | None
    b: Status | None
    message: Label
    statement: Label = Label("", "")

    @property
    def closed_by(self) -> Literal["a", "b"] | None:
        """The rule set in which the same property holds while the other violates it."""
        if self.a == Status.violated and self.b == Status.holds:
            return "b"
        if self.b == Status.violated and self.a == Status.holds:
            return "a"
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "concern": self.concern,
            "property": self.property_id,
            "subject": self.subject,
            "a": self.a.value if self.a else None,
            "b": self.b.value if self.b else None,
            "closed_by": self.closed_by,
            "message": self.message.as_dict(),
            "statement": self.statement.as_dict(),
        }


@dataclass(frozen=True)
class RulesComparison:
    a: str
    b: str
    a_title: Label
    b_title: Label
    rows: tuple[Row, ...]
    gaps: tuple[Gap, ...] = ()
    bounds: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "a": {"name": self.a, "title": self.a_title.as_dict()},
            "b": {"name": self.b, "title": self.b_title.as_dict()},
            "bounds": dict(self.bounds),
            "rows": [r.as_dict() for r in self.rows],
            "gaps": [g.as_dict() for g in self.gaps],
        }


# -- what each element says ------------------------------------------------------------------
def _names(model: Model, ids: tuple[str, ...] | list[str]) -> Label:
    labels = [model.label(i) for i in ids]
    return Label("、".join(x.zh for x in labels) or "—", ", ".join(x.en for x in labels) or "—")


def _deputy(model: Model, r: t.DeputyRule) -> Entry:
    acts = "all" if r.acts == "all" else ",".join(sorted(map(str, r.acts)))
    sig = (
        f"{r.kind}:{r.principal}>{r.deputy}|when={','.join(sorted(r.when_absent_for))}|acts={acts}"
        f"|types={','.join(sorted(r.applies_to))}|meetings={','.join(sorted(r.meetings))}"
    )
    p, d, w = model.label(r.principal), model.label(r.deputy), _names(model, r.when_absent_for)
    if r.acts == "all":
        a = Label("全部职责", "all acts")
    else:
        words = [act_label(model, str(x)) for x in r.acts]
        a = Label("、".join(w.zh for w in words) or "—", ", ".join(w.en for w in words) or "—")
    limit = (
        _names(model, r.meetings + r.applies_to)
        if (r.meetings or r.applies_to)
        else Label("所有事项", "any matter")
    )
    if r.kind == "entrusts":
        text = Label(
            f"{p.zh}可委托{d.zh}({a.zh};范围:{limit.zh})",
            f"the {p.en} may entrust the {d.en} ({a.en}; for {limit.en})",
        )
    else:
        text = Label(
            f"{p.zh}因{w.zh}缺位时由{d.zh}代行({a.zh};范围:{limit.zh})",
            f"the {d.en} stands in for the {p.en} away for {w.en} ({a.en}; for {limit.en})",
        )
    return Entry(r.id, r.label.label(), sig, text, tuple(r.articles))


_ABOVE = {"at_least": "以上", "more_than": "(超过)"}


def _quorum_words(model: Model, m: t.Meeting) -> tuple[str, Label]:
    qs = [q for q in m.quorum if q.active(model.enabled)]
    sig = ";".join(f"{q.bound}:{q.count or q.share}:{','.join(sorted(q.of))}" for q in qs)
    zh = "；".join(f"{_names(model, q.of or m.members).zh}{q.count or q.share}{_ABOVE[q.bound]}" for q in qs)
    en = "; ".join(
        f"{'at least' if q.bound == 'at_least' else 'more than'} {q.count or q.share} of "
        f"{_names(model, q.of or m.members).en}"
        for q in qs
    )
    return sig, Label(zh or "无", en or "none")


def _meeting(model: Model, m: t.Meeting) -> Entry:
    s = m.schedule
    sched = f"{s.per}:{s.times_min}-{s.times_max or s.times_min}:{s.weekday}:{s.if_day_off}" if s else ""
    qsig, qtext = _quorum_words(model, m)
    sig = (
        f"cadence={m.cadence}|schedule={sched}|convener={','.join(sorted(m.convener))}"
        f"|presider={','.join(sorted(m.presider))}|quorum={qsig}|sign_in={bool(m.sign_in)}"
    )
    cad = CADENCE_LABELS[m.cadence]
    times = (
        f"{s.times_min}-{s.times_max}"
        if s and s.times_max and s.times_max != s.times_min
        else (f"{s.times_min}" if s else "")
    )
    per = SCHEDULE_WORDS[s.per] if s and s.per else None
    day = SCHEDULE_WORDS[s.weekday] if s and s.weekday else None
    usual = Label("一般", "as a rule ") if s and s.in_principle else Label("", "")
    if per and str(m.cadence) == "weekly" and s and s.per == "week" and times == "1":
        per = None  # 每周 and 每周1次 say the same
    when = Label(
        cad.zh
        + (f"，{'' if day else usual.zh}{per.zh}{times}次" if per else "")
        + (f"，{usual.zh}{day.zh}召开" if day else ""),
        cad.en
        + (f", {'' if day else usual.en}{times} times {per.en}" if per else "")
        + (f", {usual.en}on {day.en}s" if day else ""),
    )
    if s and s.if_day_off:
        when = Label(
            when.zh + ("，遇节假日顺延" if s.if_day_off == "later" else "，可提前或推后"),
            when.en
            + (", later if a day off" if s.if_day_off == "later" else ", earlier or later if need be"),
        )
    text = Label(
        f"召集:{_names(model, m.convener).zh};主持:{_names(model, m.presider).zh};频次:{when.zh};"
        f"法定出席:{qtext.zh};签到:{'有' if m.sign_in else '无'}",
        f"convenes: {_names(model, m.convener).en}; presides: {_names(model, m.presider).en}; "
        f"sits: {when.en}; quorum: {qtext.en}; sign-in: {'yes' if m.sign_in else 'no'}",
    )
    return Entry(m.id, m.label.label(), sig, text, tuple(m.articles))


def _sign_off(model: Model, proc: t.Procedure, step: t.Step) -> Entry:
    key = f"{proc.id}.{step.id}"
    sig = f"by={','.join(sorted(step.by))}|all={step.all_holders}|when={step.when}|unless={step.unless}"
    by = _names(model, step.by)
    return Entry(
        key,
        Label(f"{proc.label.zh}·签发", f"{proc.label.en} · signs"),
        sig,
        Label(f"{by.zh}签发", f"signed by the {by.en}"),
        tuple(step.articles),
    )


def _leave(model: Model, r: t.LeaveRule) -> Entry:
    sig = (
        f"{r.situation}|requesters={','.join(sorted(r.requesters))}|approver={','.join(sorted(r.approver))}"
        f"|reasons={','.join(sorted(r.reasons))}"
    )
    q, a = _names(model, r.requesters), _names(model, r.approver)
    w = model.label(r.situation)
    return Entry(
        r.id,
        r.label.label(),
        sig,
        Label(f"{q.zh}向{a.zh}请假({w.zh})", f"the {a.en} grants leave to the {q.en} ({w.en})"),
        tuple(r.articles),
    )


def _limit(model: Model, tl: t.TimeLimit) -> Entry:
    d = (
        f"{tl.duration.value} {tl.duration.unit}"
        if tl.duration
        else (f"{tl.by_date.month}-{tl.by_date.day}" if tl.by_date else "—")
    )
    sig = f"{tl.kind}|{d}|{tl.bound}|{','.join(sorted(tl.applies_to))}|when={tl.when}"
    on = _names(model, tl.applies_to)
    return Entry(
        tl.id,
        tl.label.label(),
        sig,
        Label(f"{on.zh}:{tl.kind} {d}({tl.bound})", f"{on.en}: {tl.kind} {d} ({tl.bound})"),
        tuple(tl.articles),
    )


def entries(model: Model) -> Iterator[tuple[str, Entry]]:
    """Every element of the five concerns, with its concern."""
    for r in model.deputy_rules:
        yield "deputizing", _deputy(model, r)
    for m in model.meetings:
        yield "meetings", _meeting(model, m)
    for proc in model.procedures:
        for s in proc.steps:
            if model.act_meaning(s.act) == "signs":
                yield "sign_off", _sign_off(model, proc, s)
    for lr in model.leave_rules:
        yield "leave", _leave(model, lr)
    for tl in model.time_limits:
        yield "time_limits", _limit(model, tl)


def _rows(a: Model, b: Model) -> tuple[Row, ...]:
    ea = {(c, e.key): e for c, e in entries(a)}
    eb = {(c, e.key): e for c, e in entries(b)}
    order = list(CONCERNS)
    keys = sorted(set(ea) | set(eb), key=lambda k: (order.index(k[0]), k[1]))
    return tuple(Row(c, k, ea.get((c, k)), eb.get((c, k))) for c, k in keys)


# -- gaps ----------------------------------------------------------------------------------
def concern_of(model: Model, f: Finding) -> str:
    """The concern a finding belongs to (by its property and subject)."""
    p = f.property
    if p.startswith("timing."):
        return "time_limits"
    if p in ("coverage.leave", "unspecified.leave", "separation.own_leave"):
        return "leave"
    if p in ("coverage.meeting", "coverage.quorum", "unspecified.meeting"):
        return "meetings"
    if p == "coverage.step":
        proc = f.subject.procedure
        if model.meeting_of(proc) is not None:
            return "meetings"
        step = model.get(f.subject.element)
        if model.act_meaning(getattr(step, "act", None)) == "signs":
            return "sign_off"
        return "deputizing"
    return "other"


def _gaps(a: Model, ra: Results, b: Model, rb: Results) -> tuple[Gap, ...]:
    fa = {(f.property, str(f.subject)): f for f in ra.findings}
    fb = {(f.property, str(f.subject)): f for f in rb.findings}
    out = []
    for key in sorted(set(fa) | set(fb)):
        x, y = fa.get(key), fb.get(key)
        if not any(f is not None and f.status == Status.violated for f in (x, y)):
            continue
        first = x if x is not None and x.status == Status.violated else y
        assert first is not None
        model = a if first is x else b
        out.append(
            Gap(
                concern_of(model, first),
                key[0],
                key[1],
                x.status if x else None,
                y.status if y else None,
                first.message,
                first.statement,
            )
        )
    order = list(CONCERNS)
    return tuple(
        sorted(out, key=lambda g: (order.index(g.concern), g.closed_by is None, g.property_id, g.subject))
    )


def compare_rules(
    a: Model, b: Model, ra: Results | None = None, rb: Results | None = None
) -> RulesComparison:
    """Line up ``a`` and ``b`` by concern; with their verification results, the gaps too."""
    gaps = _gaps(a, ra, b, rb) if ra is not None and rb is not None else ()
    bounds = dict(ra.options) if ra is not None else {}
    return RulesComparison(
        a.name, b.name, a.ruleset.title.label(), b.ruleset.title.label(), _rows(a, b), gaps, bounds
    )
