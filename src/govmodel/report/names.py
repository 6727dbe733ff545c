"""Display names for every human output: a person by his name and role (常务副市长(乙) /
Executive vice mayor B), a step by its procedure (document) and act, a simulated measure by
what it measures. Renderers call these instead of printing ids; ids stay in JSON and
``--format json`` only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from govmodel.findings import Subject
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label

__all__ = ["Names", "MEASURE_UNITS", "unit_of"]

# why a step could not proceed (the simulation's English reason) in both languages
_WHY = {
    "the rules name nobody to perform this act": "规则未指定由谁办理",
    "nobody holds the role in the cast": "无人担任该角色",
    "every holder is absent and no deputy rule covers the reason": (
        "担任者均缺位，且无代行规则适用于该缺位原因"
    ),
    "no meeting of these kinds sits": "此类会议均不召开",
}

# the words a subject may name besides element ids (a structure finding about a section)
_SECTION_WORDS = {
    "deputy_rules": ("代行规则", "deputy rules"),
    "roles": ("角色", "roles"),
    "leave_rules": ("准假规则", "leave rules"),
}

# flat measure key prefix → (zh, en) of what it measures
_GROUPS: dict[str, tuple[str, str]] = {
    "on_time_rate/": ("按时率", "on-time rate"),
    "on_time_count/": ("适用时限的文件数", "documents under the limit"),
    "latency_working_days/": ("办理时长", "latency"),
    "utilization/": ("忙碌率", "utilization"),
    "queue_length/": ("平均排队", "mean queue"),
    "acts/": ("办理次数", "acts performed"),
    "deputy_activations/": ("代行次数", "deputy activations"),
    "could_not_proceed/": ("无法继续(放弃)", "could not proceed (gave up)"),
    "blocked_waits/": ("等待次数", "waits"),
    "blocked_wait_working_days/": ("等待总时长", "time waited in all"),
    "absence_episodes/": ("缺位次数", "absences"),
}
_TOP = {
    "documents": ("文件数(每次重复)", "documents per replication"),
    "measured": ("计入统计的文件数(预热后)", "documents measured (after warm-up)"),
    "completed": ("办结文件数", "documents completed"),
    "abandoned": ("无法继续的文件数", "documents that could not proceed"),
    "unfinished": ("未办结文件数", "documents unfinished"),
}
_MEETING = {
    "held": ("召开次数", "held"),
    "held_ad_hoc": ("临时召开次数", "held ad hoc"),
    "postponed": ("推迟次数", "postponed"),
    "decided": ("议定事项", "items decided"),
    "backlog_mean": ("会后积压(平均)", "backlog after a sitting (mean)"),
    "backlog_end": ("期末积压", "backlog at the end"),
}
_STAT = {
    "mean": ("平均", "mean"),
    "p50": ("中位数", "median"),
    "p90": ("第90百分位", "90th percentile"),
    "p95": ("第95百分位", "95th percentile"),
}

#: The one unit in which each kind of measure is shown to a reader (JSON keeps its own units,
#: see docs/sim-json.md): rates in percent, durations in working days, the rest are counts.
MEASURE_UNITS = {"percent": ("%", "%"), "working_days": ("工作日", "working days"), "count": ("", "")}


def unit_of(key: str) -> str:
    """``percent``, ``working_days`` or ``count`` (see :data:`MEASURE_UNITS`)."""
    if key.startswith(("on_time_rate/", "utilization/")):
        return "percent"
    if key.startswith(("latency_working_days/", "blocked_wait_working_days/", "cycle_time_hours/")):
        return "working_days"
    return "count"


# the keys of a counterexample's scenario (``Counterexample.cast``) in words
SCENE_KEYS: dict[str, tuple[str, str]] = {
    "document_type": ("文件类型", "document type"),
    "document_types": ("文件类型", "document types"),
    "department": ("报送部门", "department"),
    "related_departments": ("相关部门", "related departments"),
    "departments": ("部门", "departments"),
    "presiding": ("主持人", "presiding"),
    "entrusting": ("委托人", "entrusting"),
    "meeting": ("会议", "meeting"),
    "person": ("人员", "person"),
    "requester": ("请假人", "requester"),
    "requesters": ("请假人", "requesters"),
    "situation": ("情形", "situation"),
    "context": ("范围", "context"),
    "performers_a": ("第一条规定的履职人", "who may act under the first rule"),
    "performers_b": ("第二条规定的履职人", "who may act under the second rule"),
    "holders": ("应出席人员", "holders counted"),
    "needed": ("法定出席人数", "needed to attend"),
    "entrusted": ("委托", "entrusted"),
}
_SITUATIONS = {"all": ("全部", "all")}  # leave situations are the model's, named by their labels


class Names:
    """Bilingual display names for one model."""

    def __init__(self, model: Model) -> None:
        self.model = model

    # ----- elements ------------------------------------------------------------------
    def label(self, ident: str | None) -> Label:
        """The element's label (an element switched off by an assumption still has its name)."""
        return self.model.label(ident)

    def text(self, ident: str | None) -> str:
        lab = self.label(ident)
        return lab.zh if lab.zh == lab.en else f"{lab.zh} / {lab.en}"

    def many(self, idents: Any, sep: str = "、") -> Label:
        labs = [self.label(i) for i in idents]
        return Label(sep.join(x.zh for x in labs), ", ".join(x.en for x in labs))

    def value(self, v: Any) -> Label:
        """A scenario value (an id, or a list of ids) by name."""
        items = v if isinstance(v, (list, tuple)) else [v]
        labs = [Label(*_SITUATIONS[str(x)]) if str(x) in _SITUATIONS else self.label(str(x)) for x in items]
        return Label("、".join(x.zh for x in labs), ", ".join(x.en for x in labs))

    def scene(self, cast: Mapping[str, Any]) -> Label:
        """A counterexample's scenario: ``文件类型:请示性公文;报送部门:市财政局``."""
        parts = [(SCENE_KEYS.get(k, (k, k)), self.value(v)) for k, v in cast.items()]
        return Label(
            ";".join(f"{k[0]}:{v.zh}" for k, v in parts), "; ".join(f"{k[1]}: {v.en}" for k, v in parts)
        )

    def subject(self, subject: str) -> Label:
        """A finding's subject by name: an element, a step, or several joined (``a > b`` an
        order, ``a ~ b`` a pair, ``rule@person``, ``step@dept+dept``), read with
        :meth:`Subject.parse`; the one reader of subjects for every renderer."""
        s = Subject.parse(subject)
        rel = {">": (" → ", " → "), "~": (" ~ ", " ~ ")}
        parts: list[Label] = []
        if s.situation is not None:
            parts += [self._token(s.situation), Label(":", ": ")]
        parts.append(self._token(s.element))
        if s.relation is not None and s.other is not None:
            parts += [Label(*rel[s.relation]), self._token(s.other)]
        if s.branch == "entrusted":  # the branch of a choice where the principal entrusts
            parts.append(Label("(委托时)", " (when entrusted)"))
        for i, tok in enumerate(s.scope):  # @department+related
            parts.append(Label("、", ", ") if i else Label("@", " @ "))
            parts.append(self._token(tok))
        return Label("".join(p.zh for p in parts), "".join(p.en for p in parts))

    def _token(self, tok: str) -> Label:
        """One id of a subject by name: a step, a meeting's act, a section word, or any element."""
        el = self.model.get(tok)
        head, _, act = tok.partition(".")
        if el is not None and act:
            return self.step(tok)
        if act and self.model.get(head) is not None:  # meeting.presides, meeting.quorum(.2)
            kind, _, nth = act.partition(".")
            a = (
                Label(f"法定出席人数{nth}", f"quorum {nth}".rstrip())
                if kind == "quorum"
                else self.model.act_label(act)
            )
            m = self.label(head)
            return Label(f"{m.zh} · {a.zh}", f"{m.en} · {a.en}")
        if tok in _SECTION_WORDS:
            return Label(*_SECTION_WORDS[tok])
        return self.value(tok)

    def assumptions(self) -> Label:
        """The assumptions a run used, in words: "all at their defaults" or each one switched
        from its default by its statement (on/off); ``govmodel show assumptions`` lists all."""
        changed = [a for a in self.model.assumptions if (a.id in self.model.enabled) != a.default]
        on = len(set(self.model.enabled))
        if not changed:
            return Label(f"均为默认(生效{on}项)", f"all at their defaults ({on} in force)")
        zh = "；".join(f"{a.statement.zh}:{'开' if a.id in self.model.enabled else '关'}" for a in changed)
        en = "; ".join(f"{a.statement.en}: {'on' if a.id in self.model.enabled else 'off'}" for a in changed)
        return Label(f"与默认不同:{zh}", f"changed from the defaults: {en}")

    def who(self, ident: str) -> Label:
        """A person by name (his label names the role: 常务副市长(乙)); a role or body by its label."""
        return self.label(ident)

    def step(self, node: str) -> Label:
        """``procedure.step`` → its document (procedure) and act: 以市政府名义发文 · 签发."""
        proc_id, _, step_id = node.partition(".")
        proc = self.model.get(proc_id) or next(
            (p for p in self.model.all_procedures() if p.id == proc_id), None
        )
        step = self.model.get(node)
        act = self.model.act_label(step.act) if isinstance(step, t.Step) else None
        p = Label(proc.label.zh, proc.label.en) if proc is not None else Label(proc_id, proc_id)
        if act is None:
            return Label(f"{p.zh} · {step_id}", f"{p.en} · {step_id}")
        return Label(f"{p.zh} · {act.zh}", f"{p.en} · {act.en}")

    def blocked(self, key: str, info: dict[str, Any] | None = None) -> Label:
        """A could-not-proceed key (``step: roles absent (reasons)``) in words."""
        node, _, rest = key.partition(": ")
        s = self.step(node)
        m = re.fullmatch(r"(.*) absent \((.*)\)", rest)
        if m:
            who = self.many(m.group(1).split("/"))
            why = self.many(m.group(2).split(", "))
            return Label(f"{s.zh}:{who.zh}缺位({why.zh})", f"{s.en}: {who.en} away ({why.en})")
        m = re.fullmatch(r"nobody holds (.*)", rest)
        if m:
            who = self.many(m.group(1).split("/"))
            return Label(f"{s.zh}:无人担任{who.zh}", f"{s.en}: nobody holds {who.en}")
        m = re.fullmatch(r"no meeting of (.*) is scheduled", rest)
        if m:
            who = self.many(m.group(1).split(", "))
            return Label(f"{s.zh}:{who.zh}不召开", f"{s.en}: no {who.en} sits")
        if rest == "no actor named":
            return Label(f"{s.zh}:未指定办理人", f"{s.en}: nobody named")
        return Label(f"{s.zh}:{rest}", f"{s.en}: {rest}")

    @staticmethod
    def why(text: str | None) -> Label:
        return Label(_WHY.get(text or "", text or ""), text or "")

    def measure(self, key: str) -> Label:
        """A flat measure key (``utilization/p_vm1``) as what it measures, with names."""
        if key in _TOP:
            return Label(*_TOP[key])
        if key.startswith("cycle_time_hours/"):
            st = _STAT.get(key.split("/")[1], (key, key))
            return Label(f"全部文件办理时长({st[0]})", f"all documents, latency ({st[1]})")
        if key.startswith("meeting/"):
            _, mid, what = key.split("/", 2)
            m, w = self.label(mid), _MEETING.get(what, (what, what))
            return Label(f"{m.zh}:{w[0]}", f"{m.en}: {w[1]}")
        if key.startswith("latency_working_days/"):
            _, dtype, stat = key.split("/", 2)
            d, st = self.label(dtype), _STAT.get(stat, (stat, stat))
            return Label(f"办理时长({st[0]}):{d.zh}", f"latency ({st[1]}): {d.en}")
        for prefix, (zh, en) in _GROUPS.items():
            if key.startswith(prefix):
                rest = key[len(prefix) :]
                lab = self.blocked(rest) if ":" in rest else self.label(rest)
                return Label(f"{zh}:{lab.zh}", f"{en}: {lab.en}")
        return Label(key, key)
