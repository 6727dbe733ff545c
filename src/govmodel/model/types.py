"""Frozen, typed elements of a rules model, as they appear in ``models/<ruleset>/*.yaml``.

These classes are the boundary: YAML is validated into them once, every element keeps its
source position (``pos``, filled in by the loader) and cites its articles. Nothing
downstream changes them. The JSON Schema of the model files is generated from
:class:`ModelFile` (``govmodel schema``).

Gating: an element with ``requires_assumption: X`` is part of the model only while the named
assumption X is in force; ``unless_assumption: X`` only while it is not. This is how an
interpretation of the text stays visible and switchable (DESIGN.md, "named assumptions").
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from govmodel.model.types_base import (
    ArticleNo,
    Articles,
    Element,
    Gated,
    Ident,
    KeyedBy,
    Node,
    Text,
)
from govmodel.model.types_time import (
    Assumption,
    Duration,
    MonthDay,
    Quorum,
    Schedule,
    SignIn,
    TimeLimit,
)
from govmodel.model.vocab import (
    Act,
    Cadence,
    ConditionMeaning,
    RoleMeaning,
    RoleScope,
)

__all__ = [
    "KeyedBy",
    "Ident",
    "Node",
    "Text",
    "Element",
    "Ruleset",
    "AbsenceReason",
    "LeaveSituation",
    "Role",
    "Body",
    "RoleGroup",
    "Condition",
    "IsA",
    "DocumentType",
    "Step",
    "Procedure",
    "StepPattern",
    "Ordering",
    "DeputyRule",
    "LeaveRule",
    "Meeting",
    "Quorum",
    "SignIn",
    "Schedule",
    "Duration",
    "MonthDay",
    "TimeLimit",
    "Assumption",
    "NonOperational",
    "Person",
    "Department",
    "Cast",
    "ModelFile",
]

class Ruleset(Node):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    title: Text
    issuer: Text
    adopted: _dt.date
    articles: Annotated[int, Field(ge=1)]
    source: str = Field(description="The authoritative text, relative to the model folder.")
    chapters: tuple[ChapterSpan, ...] = ()


class ChapterSpan(Node):
    number: int
    title: Text
    first: ArticleNo
    last: ArticleNo


class AbsenceReason(Element):
    """A reason a person cannot act, as the text names it (a visit abroad, official business
    elsewhere, leave): deputy and leave rules list the reasons they apply to."""

    leaves_city: bool = Field(
        default=False, description="The person is away from the area the government governs (for a reader; "
        "no check depends on it).")
    meetings_only: bool = Field(
        default=False,
        description="The person misses a meeting but can otherwise act (不能出席会议): counts as "
        "absent only for meeting acts and meeting leave.",
    )


class Role(Element):
    scope: RoleScope = RoleScope.government
    specializes: Ident | None = Field(
        default=None, description="A narrower role (an executive vice mayor is a vice mayor), or a "
        "department-scoped role held by whoever of a role or group has the department in his portfolio."
    )
    plural: bool = Field(default=False, description="Held by several persons at once.")
    leader: bool = Field(default=False, description="A government leader (政府领导同志).")
    institutional: bool = Field(
        default=False,
        description="Performed by staff the body designates, not by a person of the cast "
        "(always available).",
    )
    meaning: RoleMeaning | None = Field(
        default=None,
        description="What a relative role stands for, so that its holder can be found whatever its id: "
        "head_of_department and acting_head_of_department (scope department: the cast's head or "
        "acting head of the department concerned), heads_of_related_departments (scope document), "
        "presiding_leader and entrusting_leader (scope meeting: whoever presides over, or entrusted "
        "the presiding of, the meeting at hand).",
    )
    receives_for_government: bool = Field(
        default=False,
        description="A document submitted to this role has reached the government: a time limit "
        "counts from that submission unless the scenario says otherwise.",
    )


class Body(Element):
    led_by: Ident | None = Field(default=None, description="Role that leads the body.")
    external: bool = Field(default=False, description="Outside the municipal government.")
    independent: bool = Field(default=False, description="Acts free of interference.")
    stands_for_submitter: bool = Field(
        default=False, description="The body stands for whichever department (or district) submits the document "
        "(各部门, 各地区): each of them acts as its own institution.")
    receives_for_government: bool = Field(
        default=False,
        description="A document submitted to this body has reached the government: a time limit "
        "counts from that submission unless the scenario says otherwise.",
    )


class RoleGroup(Element):
    roles: Annotated[tuple[Ident, ...], Field(min_length=1)]


class Condition(Element):
    """A situation a step depends on (a major matter, urgency, a cross-department matter)."""

    implies: tuple[Ident, ...] = Field(
        default=(), description="Conditions that hold whenever this one does (特殊紧急 ⇒ 紧急)."
    )
    any_of: tuple[Ident, ...] = Field(
        default=(), description="A condition the text states as 'A or B': it holds exactly when any of these "
        "conditions holds (it is never chosen on its own).")
    all_of: tuple[Ident, ...] = Field(
        default=(), description="A condition the text states as 'A and B': it holds exactly when all of these "
        "conditions hold (it is never chosen on its own).")

    meaning: ConditionMeaning | None = Field(
        default=None, description="What the condition means to the simulation: urgent, specially_urgent (the "
        "scenario's urgency shares set them) or involves_other_departments (related departments are drawn).")

    @property
    def derived(self) -> bool:
        """Holds by its ``any_of``/``all_of`` components, never on its own."""
        return bool(self.any_of or self.all_of)


class IsA(Gated):
    type: Ident
    articles: Articles


class DocumentType(Element):
    origin: Ident = Field(description="Where documents of this type come from, for a reader: a role or body of "
                          "the model (shown by its name) or a word of the model's own (department, government…); "
                          "no check depends on it.")
    is_a: tuple[IsA, ...] = ()


Actors = Annotated[tuple[Ident, ...], Field(min_length=1)]


class Step(Gated):
    """One act of a procedure. ``by`` lists alternatives (any one may act); with
    ``all_holders`` every holder of the role must act (会签: all heads countersign).
    ``by: []`` says the text requires the act but names nobody to perform it."""

    id: Ident
    act: Act
    by: tuple[Ident, ...]
    articles: Articles
    all_holders: bool = False
    target: Ident | None = Field(default=None, description="Body or role a document goes to.")
    when: Ident | None = Field(default=None, description="Condition under which the step applies.")
    unless: Ident | None = Field(default=None, description="Condition that makes it not apply.")
    after: tuple[Ident, ...] | None = Field(
        default=None, description="Steps that must come first; default: the previous step."
    )
    optional: bool = Field(default=False, description="The text says 'may' (可), not 'must'.")
    collective: Ident | None = Field(
        default=None, description="A meeting that must decide this step collectively."
    )
    note: Text | None = None


class NotFor(Gated):
    """A document type a general procedure does not govern because a specific rule replaces it
    there (usually gated by a named assumption: the specific rule replaces or adds to it)."""

    type: Ident
    articles: Articles


class Procedure(Element):
    applies_to: tuple[Ident, ...] = Field(default=(), description="Document types.")
    not_for: tuple[NotFor, ...] = Field(
        default=(), description="Document types (and their subtypes) it does not govern: a specific rule replaces it there.")
    steps: Annotated[tuple[Step, ...], Field(min_length=1)]
    purpose: Literal[
        "document", "agenda", "meeting_documents", "attendance_list", "minutes", "meeting_request",
        "meeting_plan", "leave",
    ] = "document"


class StepPattern(Node):
    """Matches steps of a procedure by act, and optionally by actor or target."""

    act: Act
    by: Ident | None = None
    target: Ident | None = None


class Ordering(Element):
    """A mandatory ordering the text states: no ``then`` without ``first`` before it
    (未经合法性审查,不得发布: no publication without a legality review first)."""

    applies_to: Annotated[tuple[Ident, ...], Field(min_length=1)] = Field(
        description="Document types, or meetings (a precondition on their agenda items: 未经协调的问题，不得提请…审议).")
    first: StepPattern
    then: StepPattern
    when: Ident | None = Field(default=None, description="The ordering binds only under this condition.")
    unless: Ident | None = Field(default=None, description="A condition that lifts the ordering.")


class DeputyRule(Element):
    """Who stands in for whom, when, and for which acts: exactly as the text says."""

    kind: Literal["acts_for", "presides_work", "entrusts"]
    principal: Ident
    deputy: Ident
    when_absent_for: tuple[Ident, ...] = Field(
        default=(), description="Absence reasons that trigger the rule (empty for entrusts)."
    )
    acts: tuple[Act, ...] | Literal["all"] = "all"
    applies_to: tuple[Ident, ...] = Field(
        default=(), description="Document types the rule covers; empty = every matter."
    )
    meetings: tuple[Ident, ...] = Field(
        default=(), description="Meetings the rule is limited to (their convening, presiding and pipelines); "
        "empty = not limited. An ``entrusts`` rule limited to meetings or acts is a choice of the principal: "
        "``check`` reports both branches (entrusted, not entrusted).")


class LeaveSituation(Element):
    """A situation in which the rules make someone ask for leave (leaving the area the
    government governs, missing a meeting), declared by the model and named by leave rules."""

    meeting: bool = Field(
        default=False, description="Leave from a meeting: granting it is a meeting act, and absences that keep "
        "a person from meetings only (meetings_only) count for it.")


class LeaveRule(Element):
    requesters: Actors
    approver: Actors
    situation: Ident = Field(description="The leave situation (an id under leave_situations).")
    reasons: Annotated[tuple[Ident, ...], Field(min_length=1)]
    files_with: tuple[Ident, ...] = ()
    filing: Literal["none", "before", "before_and_after", "unspecified"] = "none"
    beforehand: bool | None = Field(default=None, description="Asked beforehand (事先/提前); null: the text is silent.")
    substitute_needs_consent: bool = False


class Meeting(Element):
    members: tuple[Ident, ...] = ()
    may_attend: tuple[Ident, ...] = Field(default=(), description="列席: attend, non-voting.")
    may_attend_approved_by: tuple[Ident, ...] = ()
    convener: tuple[Ident, ...] = Field(
        default=(), description="Who convenes; written as [] where the text names nobody (reported as unspecified).")
    presider: tuple[Ident, ...] = Field(
        default=(), description="Who presides (alternatives); written as [] where the text names nobody "
        "(reported as unspecified); left out where the text at hand does not say (an excerpt).")
    presider_entrusted_by: tuple[Ident, ...] = ()
    organizer: Ident
    cadence: Cadence
    schedule: Schedule | None = Field(default=None, description="Weekday and times per period, as the text states them.")
    ad_hoc_allowed: bool = False
    quorum: tuple[Quorum, ...] = Field(default=(), description="Who must attend for the meeting to sit.")
    sign_in: SignIn | None = None
    decides: tuple[Ident, ...] = Field(default=(), description="Document types it decides.")
    procedures: tuple[Procedure, ...] = ()


class NonOperational(Node):
    article: ArticleNo
    reason: Text


class Clause(Node):
    """One sentence of an article (numbered from 1 as :func:`govmodel.model.model.split_sentences`
    splits it): ``encoded`` by the listed elements, ``non_operational`` (nothing a formal model
    can hold) or ``omitted`` (operational, but not modelled), each of the latter with a reason.
    ``text`` is the sentence's opening words, checked against the source."""

    article: ArticleNo
    sentence: Annotated[int, Field(ge=1)]
    status: Literal["encoded", "non_operational", "omitted"]
    text: str = Field(description="The sentence's opening words, as in the source text.")
    elements: tuple[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")], ...] = Field(
        default=(), description="Element ids (steps as procedure.step) that encode it.")
    reason: Text | None = None


class Person(Node):
    id: Ident
    label: Text
    holds: tuple[Ident, ...] = ()
    in_charge_of: tuple[Ident, ...] = ()
    party_member: bool = True


class Department(Node):
    id: Ident
    label: Text
    constituent: bool = True
    head: Ident
    acting_head: Ident | None = None
    body: Ident | None = Field(default=None, description="The body of the rules it is, if any.")


class Cast(Node):
    """Binds roles to persons. An input, not a rule: labelled by an assumption."""

    assumption: Ident
    persons: Annotated[tuple[Person, ...], Field(min_length=1)]
    departments: tuple[Department, ...] = ()


class ModelFile(Node):
    """One YAML file of a model: any of these sections (one file per concern)."""

    ruleset: Ruleset | None = None
    absence_reasons: tuple[AbsenceReason, ...] = ()
    roles: tuple[Role, ...] = ()
    bodies: tuple[Body, ...] = ()
    role_groups: tuple[RoleGroup, ...] = ()
    conditions: tuple[Condition, ...] = ()
    document_types: tuple[DocumentType, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    deputy_rules: tuple[DeputyRule, ...] = ()
    leave_situations: tuple[LeaveSituation, ...] = ()
    leave_rules: tuple[LeaveRule, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    time_limits: tuple[TimeLimit, ...] = ()
    orderings: tuple[Ordering, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    non_operational: tuple[NonOperational, ...] = ()
    clauses: tuple[Clause, ...] = ()
    cast: Cast | None = None


Ruleset.model_rebuild()
