"""The code's vocabulary: the meanings a model's declarations may carry, units and cadences.
One word per idea.

Acts are the things the rules let someone do to a document or a meeting. The model declares
them (``acts:``, each with its bilingual label and, where the checks must know it, its
:class:`ActMeaning`), kept apart as its text keeps them apart: "reviews" (审核), "approves"
(审批/核批), "finalizes" (审定) and "signs" (签发) are four acts of the bundled Dalian model.
Only the acts of the model's own constructs (:data:`CONSTRUCT_ACTS`: convening, presiding,
granting leave) are the code's.
"""

from __future__ import annotations

from enum import StrEnum

from govmodel.refs import Label

__all__ = [
    "ActMeaning",
    "ACT_MEANING_LABELS",
    "CONSTRUCT_ACTS",
    "DurationUnit",
    "RoleScope",
    "RoleMeaning",
    "MEANING_SCOPES",
    "ConditionMeaning",
    "AssumptionEffect",
    "Cadence",
    "CADENCE_LABELS",
    "SCHEDULE_WORDS",
    "DEADLINE_MOVES",
]

#: The assumption effect (``effect: deadlines_move_past_days_off`` on an assumption of the
#: model) by which a calendar-day or month limit ending on a day off moves to the next working
#: day. The verifier's timing witnesses and the simulation's deadlines both follow it
#: (``model.effect_on(DEADLINE_MOVES)``); a model that declares no such assumption never moves one.
DEADLINE_MOVES = "deadlines_move_past_days_off"


class ActMeaning(StrEnum):
    """What an act means to the checks and the simulation, declared on the model's act
    (``acts: [{id, label, meaning}]``) so that any id works; an act without a meaning is one
    the checks treat alike (whoever the text names must be able to perform it).

    - ``reviews``: a check below the decision (审核, 审阅, 合法性审查): the lower level of a
      separation of duties;
    - ``approves``: a decision on a document by one person (审批, 审定), above a review;
    - ``decides``: the final decision (决定), the highest level;
    - ``signs``: the signature that issues the document (签发): one person settles it;
    - ``collective_decision``: a decision a meeting takes collectively (集体讨论决定): the
      simulation holds the step at a sitting of the meeting;
    - ``submits``: sends the document on (报送); submitted to a role or body that receives for
      the government (``receives_for_government``), the document enters the government's
      procedure (the simulation's arrivals).
    """

    reviews = "reviews"
    approves = "approves"
    decides = "decides"
    signs = "signs"
    collective_decision = "collective_decision"
    submits = "submits"


ACT_MEANING_LABELS: dict[str, Label] = {
    ActMeaning.reviews: Label("审核:检查的较低一级", "a review: the lower level of a check"),
    ActMeaning.approves: Label("审批:个人对文件的决定", "an individual decision on the document"),
    ActMeaning.decides: Label("决定:最高一级", "the final decision: the highest level"),
    ActMeaning.signs: Label("签发:一人定稿发出", "the one signature that issues the document"),
    ActMeaning.collective_decision: Label("集体讨论决定:会议作出", "a decision the meeting takes"),
    ActMeaning.submits: Label(
        "报送:送达政府即进入其程序", "a submission: sent to the government, its procedure starts"
    ),
}
"""What each act meaning is, in words (``show`` prints these, never the code)."""


#: The acts of the model's constructs, which need no declaration (a model may still declare
#: them, to label them in its own words or cite its articles): a meeting's ``convener``
#: convenes and its ``presider`` presides; a leave rule's ``approver`` grants leave. Deputy
#: rules name them in ``acts:`` like any other act.
CONSTRUCT_ACTS: dict[str, Label] = {
    "convenes": Label("召集", "convenes"),
    "presides": Label("主持", "presides"),
    "grants_leave": Label("准假", "grants leave"),
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
      so a squeeze by holidays is no gap;
    - ``stand_ins_count_toward_quorum``: a person a deputy rule makes stand in for an absent
      holder at a meeting counts toward a quorum of the holders (where the text does not say
      whether he does; without such an assumption in force, only the holders count).
    """

    deadlines_move_past_days_off = "deadlines_move_past_days_off"
    in_principle_limits_are_soft = "in_principle_limits_are_soft"
    stand_ins_count_toward_quorum = "stand_ins_count_toward_quorum"


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
    "week": Label("每周", "a week"),
    "month": Label("每月", "a month"),
    "quarter": Label("每季度", "a quarter"),
    "year": Label("每年", "a year"),
    "monday": Label("周一", "Monday"),
    "tuesday": Label("周二", "Tuesday"),
    "wednesday": Label("周三", "Wednesday"),
    "thursday": Label("周四", "Thursday"),
    "friday": Label("周五", "Friday"),
    "saturday": Label("周六", "Saturday"),
    "sunday": Label("周日", "Sunday"),
}
"""Periods and weekdays of a meeting's schedule, in words."""
