"""Who holds a role: the cast looked up by key (a person's roles, a government role's
holders, a department's head and acting head, who has a department in his portfolio) and the
roles relative to a context (the submitting department, the departments a document touches,
a meeting's presiding and entrusting leaders). Pure functions over the model, memoized per
model; :mod:`govmodel.graph.authority` adds the deputy rules on top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo

__all__ = ["Context", "NO_CONTEXT", "holders", "persons_roles", "cast_index"]


@dataclass(frozen=True, slots=True)
class Context:
    """What relative roles are relative to: the submitting department, the other departments
    a document touches, and the persons presiding over / entrusting a meeting."""

    department: str | None = None
    related_departments: frozenset[str] = field(default_factory=frozenset)
    presiding: str | None = None
    entrusting: str | None = None


NO_CONTEXT: Final = Context()
"""No department, no related departments, no meeting: the default context of a question."""


@dataclass(frozen=True, slots=True)
class _CastIndex:
    """The cast looked up by key instead of scanned (built once per model): a person's
    position and roles, each government role's holders, departments by id and who has each
    department in his portfolio, all in the cast's order."""

    order: dict[str, int]
    holds: dict[str, tuple[str, ...]]
    by_role: dict[str, tuple[str, ...]]
    departments: dict[str, t.Department]
    department_order: dict[str, int]
    in_charge: dict[str, tuple[str, ...]]
    head_of: dict[str, str]


def cast_index(model: Model) -> _CastIndex:
    cache = memo(model, "graph.cast_index")
    found: _CastIndex | None = cache.get("index")
    if found is not None:
        return found
    persons = model.cast.persons if model.cast else ()
    departments = model.cast.departments if model.cast else ()
    by_role: dict[str, list[str]] = {}
    in_charge: dict[str, list[str]] = {}
    for p in persons:
        for r in dict.fromkeys(p.holds):
            by_role.setdefault(r, []).append(p.id)
        for d in dict.fromkeys(p.in_charge_of):
            in_charge.setdefault(d, []).append(p.id)
    depts: dict[str, t.Department] = {}
    head_of: dict[str, str] = {}
    for d in departments:
        depts.setdefault(d.id, d)
        head_of.setdefault(d.head, d.id)
    order: dict[str, int] = {}
    holds: dict[str, tuple[str, ...]] = {}
    for i, p in enumerate(persons):
        order.setdefault(p.id, i)
        holds.setdefault(p.id, p.holds)
    index = _CastIndex(
        order,
        holds,
        {r: tuple(v) for r, v in by_role.items()},
        depts,
        {d: i for i, d in enumerate(depts)},
        {d: tuple(v) for d, v in in_charge.items()},
        head_of,
    )
    cache["index"] = index
    return index


def _department(model: Model, ident: str | None) -> t.Department | None:
    if not ident or not model.cast:
        return None
    return cast_index(model).departments.get(ident)


def _vms_in_charge(model: Model, base_role: str, departments: frozenset[str] | set[str]) -> tuple[str, ...]:
    """Persons holding ``base_role`` (a role, or any role of a group) whose portfolio covers
    one of ``departments`` (in the cast's order)."""
    if not model.cast or not departments:
        return ()
    index = cast_index(model)
    bases = set(model.group_roles(base_role))
    found = {p for d in departments for p in index.in_charge.get(d, ())}
    return tuple(p for p in sorted(found, key=index.order.__getitem__) if bases.intersection(index.holds[p]))


def holders(model: Model, actor: str, ctx: Context = NO_CONTEXT) -> tuple[str, ...]:
    """Persons of the cast who hold ``actor`` (a role or role group) in context ``ctx``."""
    el = model.get(actor)
    if isinstance(el, t.RoleGroup):
        seen: list[str] = []
        for r in el.roles:
            seen += [p for p in holders(model, r, ctx) if p not in seen]
        return tuple(seen)
    if not isinstance(el, t.Role) or not model.cast:
        return ()
    if el.scope == "government":
        return cast_index(model).by_role.get(actor, ())
    cache = memo(model, "graph.relative_holders")  # the simulation asks it per document and step
    key = (actor, ctx)
    found = cache.get(key)
    if found is None:
        if len(cache) > 100_000:  # bounded: a long simulation meets many related-department sets
            cache.clear()
        found = cache[key] = _relative_holders(model, el, ctx)
    return found


def _relative_holders(model: Model, el: t.Role, ctx: Context) -> tuple[str, ...]:
    """The holders of a role relative to the context (a department's, a document's, a
    meeting's) in ``ctx``."""
    meaning = el.meaning  # a relative role's holder comes from the context, by its declared meaning
    if el.scope == "meeting":
        who = (
            ctx.presiding
            if meaning == "presiding_leader"
            else ctx.entrusting
            if meaning == "entrusting_leader"
            else None
        )
        return (who,) if who else ()
    dept = _department(model, ctx.department)
    if meaning == "head_of_department":
        return (dept.head,) if dept else ()
    if meaning == "acting_head_of_department":
        return (dept.acting_head,) if dept and dept.acting_head else ()
    if meaning == "heads_of_related_departments":
        index = cast_index(model)
        related = sorted(
            (d for d in ctx.related_departments if d in index.departments and d != ctx.department),
            key=index.department_order.__getitem__,
        )
        return tuple(index.departments[d].head for d in related)
    if el.specializes and el.scope == "department":
        return _vms_in_charge(model, el.specializes, {ctx.department} if ctx.department else set())
    if el.specializes and el.scope == "document":
        main = set(_vms_in_charge(model, el.specializes, {ctx.department} if ctx.department else set()))
        return tuple(
            p for p in _vms_in_charge(model, el.specializes, set(ctx.related_departments)) if p not in main
        )
    return ()


def persons_roles(model: Model, person: str) -> tuple[str, ...]:
    """Government-scope roles a person holds (from the cast)."""
    if not model.cast:
        return ()
    return cast_index(model).holds.get(person, ())
