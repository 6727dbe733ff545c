"""Which parts of a :class:`~govmodel.graph.authority.Context` can change who performs an act:
a question about roles only (no person, no absence), answered once per model and question, so
that what depends on the context is cached on the parts that matter (issue #11: the simulation
asked again for every submitting department and every set of related departments, though most
steps are performed by government-wide roles whatever the document's departments)."""

from __future__ import annotations

from dataclasses import dataclass

from govmodel.graph.authority import acting_as, rule_applies
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo
from govmodel.model.vocab import RoleMeaning

__all__ = ["ContextParts", "context_parts", "holder_parts"]


@dataclass(frozen=True, slots=True)
class ContextParts:
    """Whether the submitting department, and the related departments, can change the
    answer of :func:`~govmodel.graph.authority.performers` (and of
    :func:`~govmodel.graph.authority.relevant_persons`) for one question."""

    department: bool
    related: bool


_DEPARTMENT_SCOPES = frozenset({"department", "document"})


def context_parts(
    model: Model, actors: tuple[str, ...] | list[str], act: str | None, doc_type: str | None
) -> ContextParts:
    """The parts of the context the performers of ``act`` by ``actors`` on ``doc_type`` depend
    on: found by walking every role they can reach (role groups' roles, and through each deputy
    rule covering the act and document type, whatever the absence reason, the deputy roles,
    transitively). A role of a department or a document (分管副市长, 部门主要负责人, the heads of
    related departments) reads the department; a document's role and the heads of related
    departments read the related departments too; a deputy rule that passes an act to the
    acting head of the absent head's *own* department reads the department as well.

    A superset, like :func:`~govmodel.graph.authority.relevant_persons`: a part it calls
    irrelevant cannot change the answer, so a cache keyed without it stays exact.
    """
    cache = memo(model, "graph.context_parts")
    key = (tuple(actors), act, doc_type)
    found: ContextParts | None = cache.get(key)
    if found is not None:
        return found
    department = related = False
    seen: set[str] = set()
    todo = [r for a in actors for r in model.group_roles(a)]
    while todo:
        role = todo.pop()
        if role in seen:
            continue
        seen.add(role)
        el = model.get(role)
        if isinstance(el, t.RoleGroup):
            todo += el.roles
            continue
        if isinstance(el, t.Role):
            if el.scope in _DEPARTMENT_SCOPES or el.meaning is not None:
                department = True
            if el.scope == "document" or el.meaning == RoleMeaning.heads_of_related_departments:
                related = True
        for rule in _passing_on(model, role, act, doc_type):
            department = department or rule.kind == "presides_work"
            todo.append(rule.deputy)
    found = cache[key] = ContextParts(department, related)
    return found


def _passing_on(model: Model, role: str, act: str | None, doc_type: str | None) -> list[t.DeputyRule]:
    """The deputy rules that can pass ``act`` on from a holder of ``role``, whatever the reason
    and whoever holds it (:func:`~govmodel.graph.authority.acting_as`)."""
    principals = acting_as(model, role)
    return [
        r for r in model.deputy_rules if r.principal in principals and rule_applies(model, r, act, doc_type)
    ]


def holder_parts(model: Model, actor: str, act: str | None, doc_type: str | None) -> ContextParts:
    """The parts of the context that can change who stands in for *one* holder of ``actor``
    (the person fixed, as an all-holders step asks each one: 会签): what
    :func:`context_parts` finds for the deputies of the rules that can pass the act on from
    the actor's roles (whatever the reason, transitively), and the department when such a rule
    passes it to the acting head of a department. Which persons hold ``actor`` in the context
    does not count here: the holder is given. A superset, as :func:`context_parts` is."""
    cache = memo(model, "graph.holder_parts")
    key = (actor, act, doc_type)
    found: ContextParts | None = cache.get(key)
    if found is not None:
        return found
    department = related = False
    deputies: list[str] = []
    for role in model.group_roles(actor):
        for rule in _passing_on(model, role, act, doc_type):
            department = department or rule.kind == "presides_work"
            deputies.append(rule.deputy)
    if deputies:
        beyond = context_parts(model, tuple(dict.fromkeys(deputies)), act, doc_type)
        department, related = department or beyond.department, beyond.related
    found = cache[key] = ContextParts(department, related)
    return found
