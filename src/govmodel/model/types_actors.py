"""Who acts in a rules model: the reasons a person cannot act, the roles, bodies and groups of
roles the rules name (:class:`Role`, :class:`Body`, :class:`RoleGroup`), and the persons and
departments of a cast that hold them (:class:`Cast`: an input, not a rule).

Split from :mod:`govmodel.model.types` (which re-exports every name); the classes are the
same pydantic models, so the generated JSON Schema is unchanged.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from govmodel.model.types_base import Element, Ident, Node, Text
from govmodel.model.vocab import RoleMeaning, RoleScope

__all__ = ["AbsenceReason", "Body", "Cast", "Department", "Person", "Role", "RoleGroup"]


class AbsenceReason(Element):
    """A reason a person cannot act, as the text names it (a visit abroad, official business
    elsewhere, leave): deputy and leave rules list the reasons they apply to."""

    leaves_city: bool = Field(
        default=False,
        description="The person is away from the area the government governs (for a reader; "
        "no check depends on it).",
    )
    meetings_only: bool = Field(
        default=False,
        description="The person misses a meeting but can otherwise act (不能出席会议): counts as "
        "absent only for meeting acts and meeting leave.",
    )


class Role(Element):
    scope: RoleScope = RoleScope.government
    specializes: Ident | None = Field(
        default=None,
        description="A narrower role (an executive vice mayor is a vice mayor), or a "
        "department-scoped role held by whoever of a role or group has the department in his portfolio.",
    )
    plural: bool = Field(default=False, description="Held by several persons at once.")
    leader: bool = Field(default=False, description="A government leader (政府领导同志).")
    institutional: bool = Field(
        default=False,
        description="Performed by staff the body designates, not by a person of the cast (always available).",
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
        default=False,
        description="The body stands for whichever department (or district) submits the document "
        "(各部门, 各地区): each of them acts as its own institution.",
    )
    receives_for_government: bool = Field(
        default=False,
        description="A document submitted to this body has reached the government: a time limit "
        "counts from that submission unless the scenario says otherwise.",
    )


class RoleGroup(Element):
    roles: Annotated[tuple[Ident, ...], Field(min_length=1)]


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
