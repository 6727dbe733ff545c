"""A document in flight (:class:`Doc`), and the conditions a document of each priority level has."""

from __future__ import annotations

import random
from typing import Any

from govmodel.graph.authority import Context
from govmodel.sim.plan import DocPlan

__all__ = ["Doc", "urgency_levels"]


def urgency_levels(model: Any) -> dict[int, frozenset[str]]:
    """Priority level → the conditions a document of that level has (0: specially urgent, 1:
    urgent, 2: neither), from the conditions' declared meanings."""
    urgent, special = model.conditions_meaning("urgent"), model.conditions_meaning("specially_urgent")
    return {0: urgent | special, 1: urgent, 2: frozenset()}


class Doc:
    """A document in flight."""

    __slots__ = (
        "id",
        "case_id",
        "doc_type",
        "department",
        "related",
        "ctx",
        "conditions",
        "priority",
        "plan",
        "rng",
        "arrival",
        "measured",
        "marks",
        "failed",
    )

    def __init__(
        self,
        n: int,
        case_id: str,
        doc_type: str,
        department: str,
        related: frozenset[str],
        conditions: frozenset[str],
        priority: int,
        plan: DocPlan,
        rng: random.Random,
        arrival: float,
        measured: bool,
        ctx: Context | None = None,
    ):
        self.id = n
        self.case_id = case_id
        self.doc_type = doc_type
        self.department = department
        self.related = related
        self.ctx = ctx or Context(department=department, related_departments=related)
        self.conditions = conditions
        self.priority = priority
        self.plan = plan
        self.rng = rng
        self.arrival = arrival
        self.measured = measured
        self.marks: dict[int, float] = {}
        self.failed: str | None = None
