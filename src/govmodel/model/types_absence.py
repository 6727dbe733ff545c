"""Absence in a rules model: who stands in for whom (:class:`DeputyRule`), the situations in
which someone must ask for leave and who grants it (:class:`LeaveSituation`, :class:`LeaveRule`).

Split from :mod:`govmodel.model.types` (which re-exports every name); the classes are the
same pydantic models, so the generated JSON Schema is unchanged.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from govmodel.model.types_base import Element, Ident

__all__ = ["Actors", "DeputyRule", "LeaveRule", "LeaveSituation"]

Actors = Annotated[tuple[Ident, ...], Field(min_length=1)]


class DeputyRule(Element):
    """Who stands in for whom, when, and for which acts: exactly as the text says."""

    kind: Literal["acts_for", "presides_work", "entrusts"]
    principal: Ident
    deputy: Ident
    when_absent_for: tuple[Ident, ...] = Field(
        default=(), description="Absence reasons that trigger the rule (empty for entrusts)."
    )
    acts: tuple[Ident, ...] | Literal["all"] = Field(
        default="all", description="The acts the rule passes on (ids of the model's acts), or all."
    )
    applies_to: tuple[Ident, ...] = Field(
        default=(), description="Document types the rule covers; empty = every matter."
    )
    meetings: tuple[Ident, ...] = Field(
        default=(),
        description="Meetings the rule is limited to (their convening, presiding and pipelines); "
        "empty = not limited. An ``entrusts`` rule limited to meetings or acts is a choice of the principal: "
        "``check`` reports both branches (entrusted, not entrusted).",
    )


class LeaveSituation(Element):
    """A situation in which the rules make someone ask for leave (leaving the area the
    government governs, missing a meeting), declared by the model and named by leave rules."""

    meeting: bool = Field(
        default=False,
        description="Leave from a meeting: granting it is a meeting act, and absences that keep "
        "a person from meetings only (meetings_only) count for it.",
    )


class LeaveRule(Element):
    requesters: Actors
    approver: Actors
    situation: Ident = Field(description="The leave situation (an id under leave_situations).")
    reasons: Annotated[tuple[Ident, ...], Field(min_length=1)]
    files_with: tuple[Ident, ...] = ()
    filing: Literal["none", "before", "before_and_after", "unspecified"] = "none"
    beforehand: bool | None = Field(
        default=None, description="Asked beforehand (事先/提前); null: the text is silent."
    )
    substitute_needs_consent: bool = False
