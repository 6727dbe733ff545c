"""The vocabulary of acts, edges and units: one word per idea.

Acts are the things the rules let someone do to a document or a meeting. They are kept
apart as the text keeps them apart: "reviews" (审核), "approves" (审批/核批), "finalizes"
(审定) and "signs" (签发) are four different acts.
"""

from __future__ import annotations

from enum import StrEnum

from govmodel.refs import Label

__all__ = ["Act", "ACT_LABELS", "DurationUnit", "RoleScope", "RoleMeaning", "MEANING_SCOPES",
           "ConditionMeaning", "AssumptionEffect", "Cadence", "CADENCE_LABELS", "SCHEDULE_WORDS",
           "DEADLINE_MOVES"]

#: The assumption effect (``effect: deadlines_move_past_days_off`` on an assumption of the
#: model) by which a calendar-day or month limit ending on a day off moves to the next working
#: day. The verifier's timing witnesses and the simulation's deadlines both follow it
#: (``model.effect_on(DEADLINE_MOVES)``); a model that declares no such assumption never moves one.
DEADLINE_MOVES = "deadlines_move_past_days_off"


class Act(StrEnum):
    """What someone does to a document or meeting. One word per idea: reviews (审核),
    approves (审批), finalizes (审定) and signs (签发) are four acts."""

    drafts = "drafts"
    consults = "consults"
    countersigns = "countersigns"
    submits = "submits"
    collects = "collects"
    proposes = "proposes"
    reviews = "reviews"
    examines = "examines"
    reads = "reads"
    approves = "approves"
    finalizes = "finalizes"
    decides = "decides"
    signs = "signs"
    legality_review = "legality_review"
    routes_to = "routes_to"
    forwards_to = "forwards_to"
    files_with = "files_with"
    reports = "reports"
    publishes = "publishes"
    convenes = "convenes"
    presides = "presides"
    grants_leave = "grants_leave"
    public_consultation = "public_consultation"
    expert_review = "expert_review"
    risk_assessment = "risk_assessment"
    collective_decision = "collective_decision"
    explains_delay = "explains_delay"
    delivers = "delivers"
    designates = "designates"
    handles = "handles"
    evaluates = "evaluates"
    interprets = "interprets"
    coordinates = "coordinates"
    corrects = "corrects"
    registers = "registers"


ACT_LABELS: dict[Act, Label] = {
    Act.drafts: Label("起草", "drafts"),
    Act.consults: Label("协商", "consults"),
    Act.countersigns: Label("会签", "countersigns"),
    Act.submits: Label("报送", "submits"),
    Act.collects: Label("收集汇总", "collects"),
    Act.proposes: Label("提出", "proposes"),
    Act.reviews: Label("审核", "reviews"),
    Act.examines: Label("审查", "examines"),
    Act.reads: Label("审阅", "reads"),
    Act.approves: Label("审批", "approves"),
    Act.finalizes: Label("审定", "finalizes"),
    Act.decides: Label("确定/决定", "decides"),
    Act.signs: Label("签发", "signs"),
    Act.legality_review: Label("合法性审查", "legality review"),
    Act.routes_to: Label("呈批", "routes"),
    Act.forwards_to: Label("转请", "forwards"),
    Act.files_with: Label("备案", "files with"),
    Act.reports: Label("报告", "reports"),
    Act.publishes: Label("公布", "publishes"),
    Act.convenes: Label("召集", "convenes"),
    Act.presides: Label("主持", "presides"),
    Act.grants_leave: Label("准假", "grants leave"),
    Act.public_consultation: Label("公开征求意见", "public consultation"),
    Act.expert_review: Label("专家论证", "expert review"),
    Act.risk_assessment: Label("风险评估", "risk assessment"),
    Act.collective_decision: Label("集体讨论决定", "collective decision"),
    Act.explains_delay: Label("书面说明", "explains delay"),
    Act.delivers: Label("送达", "delivers"),
    Act.designates: Label("指定", "designates"),
    Act.handles: Label("办理", "handles"),
    Act.evaluates: Label("评估", "evaluates"),
    Act.interprets: Label("解释", "interprets"),
    Act.coordinates: Label("协调", "coordinates"),
    Act.corrects: Label("纠正/改变/撤销", "corrects or revokes"),
    Act.registers: Label("登记", "registers"),
}


class DurationUnit(StrEnum):
    """Units of time limits: working days, calendar days and months are never mixed silently."""

    working_days = "working_days"
    calendar_days = "calendar_days"
    months = "months"


class RoleScope(StrEnum):
    """Whom a role is relative to: the whole government, a department, a meeting or a
    document (e.g. 分管副市长 is the vice mayor in charge *of the submitting department*)."""

    government = "government"
    department = "department"
    meeting = "meeting"
    document = "document"


class RoleMeaning(StrEnum):
    """What a relative role stands for, declared on the role (``meaning:``) so that any id
    works: the code reads the meaning, never the role's id.

    - ``head_of_department``: the head of the department concerned (the cast's
      ``departments[].head`` of the submitting department);
    - ``acting_head_of_department``: who presides over that department's work while its head
      is away (the cast's ``departments[].acting_head``);
    - ``heads_of_related_departments``: the heads of the other departments a document touches;
    - ``presiding_leader``: whoever presides over the meeting at hand;
    - ``entrusting_leader``: whoever entrusted the presiding leader with the meeting.
    """

    head_of_department = "head_of_department"
    acting_head_of_department = "acting_head_of_department"
    heads_of_related_departments = "heads_of_related_departments"
    presiding_leader = "presiding_leader"
    entrusting_leader = "entrusting_leader"


MEANING_SCOPES: dict[RoleMeaning, tuple[str, ...]] = {
    RoleMeaning.head_of_department: ("department",),
    RoleMeaning.acting_head_of_department: ("department",),
    RoleMeaning.heads_of_related_departments: ("document",),
    RoleMeaning.presiding_leader: ("meeting",),
    RoleMeaning.entrusting_leader: ("meeting",),
}
"""The scope a role with each meaning must have (the context it is relative to)."""


class ConditionMeaning(StrEnum):
    """What a condition means to the simulation and the replay, declared on the condition
    (``meaning:``) so that any id works.

    - ``urgent``: the document is urgent (the scenario's ``urgency.urgent`` share; its steps are
      served first where priorities are on);
    - ``specially_urgent``: the most urgent documents (``urgency.special_urgent``), served
      before the urgent ones;
    - ``involves_other_departments``: the document touches other departments than the one
      submitting it (the simulation draws its related departments only then).
    """

    urgent = "urgent"
    specially_urgent = "specially_urgent"
    involves_other_departments = "involves_other_departments"


class AssumptionEffect(StrEnum):
    """What an assumption switches in the checks themselves (not through gated elements),
    declared on the assumption (``effect:``) so that any id works.

    - ``deadlines_move_past_days_off``: a calendar-day limit ending on a day off moves to the
      next working day;
    - ``in_principle_limits_are_soft``: a limit stated in principle (原则上) admits exceptions,
      so a squeeze by holidays is no gap.
    """

    deadlines_move_past_days_off = "deadlines_move_past_days_off"
    in_principle_limits_are_soft = "in_principle_limits_are_soft"


class Cadence(StrEnum):
    """How often a meeting is held (quarterly, monthly, biweekly, weekly, or ad hoc: when
    convened)."""

    quarterly = "quarterly"
    monthly = "monthly"
    biweekly = "biweekly"
    weekly = "weekly"
    ad_hoc = "ad_hoc"


CADENCE_LABELS: dict[str, Label] = {
    Cadence.quarterly: Label("每季度", "quarterly"),
    Cadence.monthly: Label("每月", "monthly"),
    Cadence.biweekly: Label("每两周", "every two weeks"),
    Cadence.weekly: Label("每周", "weekly"),
    Cadence.ad_hoc: Label("需要时召开", "when convened"),
}
"""How often a meeting sits, in words (comparisons and listings show these, never the code)."""

SCHEDULE_WORDS: dict[str, Label] = {
    "week": Label("每周", "a week"), "month": Label("每月", "a month"),
    "quarter": Label("每季度", "a quarter"), "year": Label("每年", "a year"),
    "monday": Label("周一", "Monday"), "tuesday": Label("周二", "Tuesday"),
    "wednesday": Label("周三", "Wednesday"), "thursday": Label("周四", "Thursday"),
    "friday": Label("周五", "Friday"), "saturday": Label("周六", "Saturday"),
    "sunday": Label("周日", "Sunday"),
}
"""Periods and weekdays of a meeting's schedule, in words."""
