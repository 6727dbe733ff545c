"""A model's sections: every element as written (:class:`Sections`), and the elements of a
section in force under a set of assumptions (:func:`active_section`), which
:class:`~govmodel.model.model.Model` serves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govmodel.model import types as t
from govmodel.yamlio.positions import Positions

__all__ = ["SECTIONS", "Sections", "active_section"]

SECTIONS = (
    "acts",
    "absence_reasons",
    "roles",
    "bodies",
    "role_groups",
    "conditions",
    "document_types",
    "procedures",
    "deputy_rules",
    "leave_situations",
    "leave_rules",
    "meetings",
    "time_limits",
    "orderings",
    "assumptions",
    "non_operational",
    "clauses",
)


@dataclass(frozen=True)
class Sections:
    """Every element of a model as written, before assumptions are applied, and where each
    is written (``positions``: beside the elements, not part of them)."""

    ruleset: t.Ruleset
    cast: t.Cast | None
    acts: tuple[t.Act, ...] = ()
    absence_reasons: tuple[t.AbsenceReason, ...] = ()
    roles: tuple[t.Role, ...] = ()
    bodies: tuple[t.Body, ...] = ()
    role_groups: tuple[t.RoleGroup, ...] = ()
    conditions: tuple[t.Condition, ...] = ()
    document_types: tuple[t.DocumentType, ...] = ()
    procedures: tuple[t.Procedure, ...] = ()
    deputy_rules: tuple[t.DeputyRule, ...] = ()
    leave_situations: tuple[t.LeaveSituation, ...] = ()
    leave_rules: tuple[t.LeaveRule, ...] = ()
    meetings: tuple[t.Meeting, ...] = ()
    time_limits: tuple[t.TimeLimit, ...] = ()
    orderings: tuple[t.Ordering, ...] = ()
    assumptions: tuple[t.Assumption, ...] = ()
    non_operational: tuple[t.NonOperational, ...] = ()
    clauses: tuple[t.Clause, ...] = ()
    positions: Positions = field(default_factory=Positions, compare=False, repr=False)


def _active(items: tuple[Any, ...], enabled: frozenset[str]) -> tuple[Any, ...]:
    return tuple(x for x in items if not isinstance(x, t.Gated) or x.active(enabled))


def _strip_procedure(
    p: t.Procedure, enabled: frozenset[str], positions: tuple[Positions, Positions]
) -> t.Procedure:
    """The procedure with its inactive steps removed; a step listed in another's ``after`` and
    switched off by an assumption is replaced there by its own predecessors (order is kept)."""
    steps, not_for = _active(p.steps, enabled), _active(p.not_for, enabled)
    if steps == p.steps and not_for == p.not_for:
        return p
    live = {s.id for s in steps}
    preds: dict[str, tuple[str, ...]] = {}
    previous: str | None = None
    for s in p.steps:
        preds[s.id] = s.after if s.after is not None else ((previous,) if previous else ())
        previous = s.id

    def expand(ids: tuple[str, ...], seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
        out: list[str] = []
        for i in ids:
            if i in live:
                out.append(i)
            elif i not in seen:
                out += expand(preds.get(i, ()), seen | {i})
        return tuple(dict.fromkeys(out))

    fixed = []
    for s in steps:
        if s.after is not None and not set(s.after) <= live:
            s = _copy(s, {"after": expand(s.after)}, positions)
        fixed.append(s)
    return _copy(p, {"steps": tuple(fixed), "not_for": not_for}, positions)


def _copy(node: Any, update: dict[str, Any], at: tuple[Positions, Positions]) -> Any:
    """``node`` with some fields changed, recorded in ``at[0]`` where ``at[1]`` (the sections'
    table) says ``node`` is written."""
    new = node.model_copy(update=update)
    at[0].same_as(new, node, at[1])
    return new


def active_section(
    sections: Sections, name: str, enabled: frozenset[str], derived: Positions | None = None
) -> tuple[Any, ...]:
    """The elements of section ``name`` in force under the assumptions ``enabled``: gated
    elements switched off dropped, and within procedures, meetings' pipelines and document
    types, the steps, exclusions and ``is_a`` links switched off too. The copies made here are
    recorded in ``derived`` where their originals are written (``sections`` is not written)."""
    items = _active(getattr(sections, name), enabled)
    at = (Positions() if derived is None else derived, sections.positions)
    if name == "procedures":
        items = tuple(_strip_procedure(p, enabled, at) for p in items)
    if name == "meetings":
        items = tuple(
            _copy(
                m,
                {
                    "procedures": tuple(
                        _strip_procedure(p, enabled, at) for p in _active(m.procedures, enabled)
                    )
                },
                at,
            )
            for m in items
        )
    if name == "document_types":
        items = tuple(_copy(d, {"is_a": _active(d.is_a, enabled)}, at) for d in items)
    return items
