"""Frozen, typed elements of a rules model, as they appear in ``models/<ruleset>/*.yaml``.

These classes are the boundary: YAML is validated into them once, every element keeps its
source position (``pos``, filled in by the loader) and cites its articles. Nothing
downstream changes them. The JSON Schema of the model files is generated from
:class:`ModelFile` (``govmodel schema``).

Gating: an element with ``requires_assumption: X`` is part of the model only while the named
assumption X is in force; ``unless_assumption: X`` only while it is not. This is how an
interpretation of the text stays visible and switchable (DESIGN.md, "named assumptions").

Every element class is named here (``from govmodel.model import types as t``; ``t.Role``). The
documents, procedures, orderings, meetings and the accounting of the text are defined here; the
base classes in :mod:`.types_base`, who acts in :mod:`.types_actors`, stand-ins and leave in
:mod:`.types_absence`, schedules, quorums, time limits and assumptions in :mod:`.types_time`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from govmodel.model.types_absence import DeputyRule, LeaveRule, LeaveSituation
from govmodel.model.types_actors import AbsenceReason, Body, Cast, Department, Person, Role, RoleGroup
from govmodel.model.types_base import (
    ArticleNo,
    Articles,
    Document,
    Element,
    Gated,
    Ident,
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
    ActMeaning,
    Cadence,
    ConditionMeaning,
)

__all__ = [
    "Act",
    "Ident",
    "Node",
    "Document",
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
    "MEETING_ROLE_FIELDS",
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


class Condition(Element):
    """A situation a step depends on (a major matter, urgency, a cross-department matter)."""

    implies: tuple[Ident, ...] = Field(
        default=(), description="Conditions that hold whenever this one does (特殊紧急 ⇒ 紧急)."
    )
    any_of: tuple[Ident, ...] = Field(
        default=(),
        description="A condition the text states as 'A or B': it holds exactly when any of these "
        "conditions holds (it is never chosen on its own).",
    )
    all_of: tuple[Ident, ...] = Field(
        default=(),
        description="A condition the text states as 'A and B': it holds exactly when all of these "
        "conditions hold (it is never chosen on its own).",
    )

    meaning: ConditionMeaning | None = Field(
        default=None,
        description="What the condition means to the simulation: urgent, specially_urgent (the "
        "scenario's urgency shares set them) or involves_other_departments (related departments are drawn).",
    )

    @property
    def derived(self) -> bool:
        """Holds by its ``any_of``/``all_of`` components, never on its own."""
        return bool(self.any_of or self.all_of)


class IsA(Gated):
    type: Ident
    articles: Articles


class DocumentType(Element):
    origin: Ident = Field(
        description="Where documents of this type come from, for a reader: a role or body of "
        "the model (shown by its name) or a word of the model's own (department, government…); "
        "no check depends on it."
    )
    is_a: tuple[IsA, ...] = ()


class Act(Node):
    """An act the rules let someone do to a document or a meeting (审核, 签发, 登记), declared
    by the model with its bilingual label, kept apart as the text keeps them apart; steps,
    orderings, deputy rules and time limits name it by id."""

    id: Ident
    label: Text
    articles: tuple[ArticleNo, ...] = Field(
        default=(),
        description="Where the text names the act (optional: the elements that use it cite theirs).",
    )
    meaning: ActMeaning | None = Field(
        default=None,
        description="What the act is to the checks and the simulation where they must know it: "
        "reviews, approves, decides, signs, collective_decision, submits (none: an act like any other).",
    )
    note: Text | None = None


class Step(Gated):
    """One act of a procedure. ``by`` lists alternatives (any one may act); with
    ``all_holders`` every holder of the role must act (会签: all heads countersign).
    ``by: []`` says the text requires the act but names nobody to perform it."""

    id: Ident
    act: Ident = Field(description="An act the model declares under acts.")
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
        default=(),
        description=(
            "Document types (and their subtypes) it does not govern: a specific rule replaces it there."
        ),
    )
    steps: Annotated[tuple[Step, ...], Field(min_length=1)]
    purpose: Literal[
        "document",
        "agenda",
        "meeting_documents",
        "attendance_list",
        "minutes",
        "meeting_request",
        "meeting_plan",
        "leave",
    ] = "document"


class StepPattern(Node):
    """Matches steps of a procedure by act, and optionally by actor or target."""

    act: Ident = Field(description="An act the model declares under acts.")
    by: Ident | None = None
    target: Ident | None = None


class Ordering(Element):
    """A mandatory ordering the text states: no ``then`` without ``first`` before it
    (未经合法性审查,不得发布: no publication without a legality review first)."""

    applies_to: Annotated[tuple[Ident, ...], Field(min_length=1)] = Field(
        description=(
            "Document types, or meetings (a precondition on their agenda items: "
            "未经协调的问题，不得提请…审议)."
        )
    )
    first: StepPattern
    then: StepPattern
    when: Ident | None = Field(default=None, description="The ordering binds only under this condition.")
    unless: Ident | None = Field(default=None, description="A condition that lifts the ordering.")


class Meeting(Element):
    members: tuple[Ident, ...] = ()
    may_attend: tuple[Ident, ...] = Field(default=(), description="列席: attend, non-voting.")
    may_attend_approved_by: tuple[Ident, ...] = ()
    convener: tuple[Ident, ...] = Field(
        default=(),
        description="Who convenes; written as [] where the text names nobody (reported as unspecified).",
    )
    presider: tuple[Ident, ...] = Field(
        default=(),
        description="Who presides (alternatives); written as [] where the text names nobody "
        "(reported as unspecified); left out where the text at hand does not say (an excerpt).",
    )
    presider_entrusted_by: tuple[Ident, ...] = ()
    organizer: Ident | None = Field(
        default=None,
        description="The body that organizes it (会务由…负责); left out where the text names none.",
    )
    cadence: Cadence
    schedule: Schedule | None = Field(
        default=None, description="Weekday and times per period, as the text states them."
    )
    ad_hoc_allowed: bool = False
    quorum: tuple[Quorum, ...] = Field(default=(), description="Who must attend for the meeting to sit.")
    sign_in: SignIn | None = None
    decides: tuple[Ident, ...] = Field(default=(), description="Document types it decides.")
    procedures: tuple[Procedure, ...] = ()


MEETING_ROLE_FIELDS = (
    "members",
    "may_attend",
    "may_attend_approved_by",
    "convener",
    "presider",
    "presider_entrusted_by",
)
"""The fields of a :class:`Meeting` that name roles or groups of roles."""


class NonOperational(Node):
    article: ArticleNo
    reason: Text


class Clause(Node):
    """One sentence of an article (numbered from 1 as :func:`govmodel.model.articles.split_sentences`
    splits it): ``encoded`` by the listed elements, ``non_operational`` (nothing a formal model
    can hold) or ``omitted`` (operational, but not modelled), each of the latter with a reason.
    ``text`` is the sentence's opening words, checked against the source."""

    article: ArticleNo
    sentence: Annotated[int, Field(ge=1)]
    status: Literal["encoded", "non_operational", "omitted"]
    text: str = Field(description="The sentence's opening words, as in the source text.")
    elements: tuple[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")], ...] = Field(
        default=(), description="Element ids (steps as procedure.step) that encode it."
    )
    reason: Text | None = None


class ModelFile(Node):
    """One YAML file of a model: any of these sections (one file per concern)."""

    ruleset: Ruleset | None = None
    acts: tuple[Act, ...] = ()
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


# (no Ruleset.model_rebuild() here: with defer_build pydantic resolves the names Ruleset's fields
# use, defined above, at its first validation; a rebuild at import cost every check ~30 ms)
