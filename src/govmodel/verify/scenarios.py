"""The scenario space a property ranges over, built from the model alone (nothing hard-coded):

- who is absent and why: every person of the cast, each present or absent for one of the
  model's ``absence_reasons`` (at most ``k`` absent);
- the document: its type (every type a procedure governs, directly or through ``is_a``),
  its department (every department of the cast) and the related departments it touches
  (up to ``related_max`` others) when a step names a document-scope role;
- the meeting: who presides and who entrusts, among the holders the meeting names;
- the conditions of the document: every combination of the conditions its steps mention.

Contexts are enumerated here; absences are left to the solver.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from govmodel.findings import SceneWitness
from govmodel.graph.authority import Context, holders
from govmodel.graph.authority import reachable_roles as authority_reachable
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo

__all__ = [
    "Bounds",
    "DEFAULT_BOUNDS",
    "Scene",
    "governed_types",
    "distinct_types",
    "step_scenes",
    "meeting_scenes",
    "condition_sets",
    "mentioned_conditions",
    "reachable_roles",
    "contexts",
    "procedure_conditions",
]


@dataclass(frozen=True, slots=True)
class Bounds:
    """The bounds every result reports: ``k`` absences at most (None = every person),
    ``related_max`` related departments per document, solver ``timeout`` in seconds (per
    query); ``max_size`` the budget of scenes (:mod:`govmodel.verify.budget`; None: the
    default)."""

    k: int | None = None
    related_max: int = 1
    timeout: float = 10.0
    max_size: int | None = None

    def k_for(self, model: Model) -> int:
        n = len(model.cast.persons) if model.cast else 0
        return n if self.k is None else min(self.k, n)

    def as_dict(self, model: Model) -> dict[str, Any]:
        return {
            "k": self.k_for(model),
            "related_max": self.related_max,
            "timeout_s": self.timeout,
            "reasons": [r.id for r in model.absence_reasons],
        }


DEFAULT_BOUNDS: Final = Bounds()
"""The bounds of a check without options: any number of persons away, one related department,
10 s per solver query."""


@dataclass(frozen=True, slots=True)
class Scene:
    """One context of a scenario: the document type and the context roles resolve in, and
    persons the context itself requires to be present (the leader presiding a meeting)."""

    doc_type: str | None
    ctx: Context
    present: frozenset[str] = field(default_factory=frozenset)

    def witness(self, **more: Any) -> SceneWitness:
        """The scene as the typed context of a counterexample (``more``: person, requester …)."""
        c = self.ctx
        return SceneWitness(
            self.doc_type,
            c.department,
            tuple(sorted(c.related_departments)),
            c.presiding,
            c.entrusting,
            **more,
        )

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.doc_type:
            out["document_type"] = self.doc_type
        if self.ctx.department:
            out["department"] = self.ctx.department
        if self.ctx.related_departments:
            out["related_departments"] = sorted(self.ctx.related_departments)
        if self.ctx.presiding:
            out["presiding"] = self.ctx.presiding
        if self.ctx.entrusting:
            out["entrusting"] = self.ctx.entrusting
        return out


def governed_types(model: Model, proc: t.Procedure) -> tuple[str, ...]:
    """Every document type the procedure governs (directly or through ``is_a``)."""
    index = memo(model, "verify.governed_types")
    if not index:  # one pass over the types for every procedure of the model
        index[""] = None
        for d in model.document_types:
            for p in model.procedures_for(d.id):
                index.setdefault(p.id, (p, []))[1].append(d.id)
    entry = index.get(proc.id)
    if entry is not None and entry[0] is proc:
        return tuple(entry[1])
    if any(p is proc for p in model.procedures):  # governs no type
        return ()
    return tuple(d.id for d in model.document_types if proc in model.procedures_for(d.id))


def reachable_roles(model: Model, actors: tuple[str, ...]) -> set[str]:
    """Roles an act may pass through: the actors (groups expanded) and every deputy, transitively."""
    return authority_reachable(model, actors)[0]


def _scopes(model: Model, actors: tuple[str, ...]) -> set[str]:
    out = set()
    for role in reachable_roles(model, actors):
        el = model.get(role)
        if isinstance(el, t.Role):
            out.add(str(el.scope))
    return out


def _departments(model: Model) -> tuple[str, ...]:
    return tuple(d.id for d in model.cast.departments) if model.cast else ()


def contexts(model: Model, actors: tuple[str, ...], bounds: Bounds) -> list[Context]:
    """The contexts the actors' roles resolve in: every department (with up to
    ``bounds.related_max`` related ones for a document's roles), or none. Built once per model
    for each set of scopes (every step of a large model asks it)."""
    scopes = frozenset(_scopes(model, actors))
    cache = memo(model, "verify.contexts")
    key = (scopes, bounds.related_max)
    found: list[Context] | None = cache.get(key)
    if found is None:
        found = cache[key] = _contexts(model, scopes, bounds)
    return list(found)


def _contexts(model: Model, scopes: frozenset[str], bounds: Bounds) -> list[Context]:
    depts = _departments(model)
    if not ({"department", "document"} & scopes) or not depts:
        return [Context()]
    if "document" not in scopes:
        return [Context(d) for d in depts]
    out = []
    for d in depts:
        others = [e for e in depts if e != d]
        for n in range(1, min(bounds.related_max, len(others)) + 1):
            out += [Context(d, frozenset(c)) for c in itertools.combinations(others, n)]
    return out or [Context(d) for d in depts]


def distinct_types(model: Model, types: tuple[str, ...]) -> tuple[str, ...]:
    """One document type per group of types the same deputy rules apply to (a type matters
    to who may act only through the rules' ``applies_to``): lossless, and much smaller."""
    seen: dict[tuple[str, ...], str] = {}
    for ty in types:
        sup = set(model.supertypes(ty))
        key = tuple(r.id for r in model.deputy_rules if not r.applies_to or sup & set(r.applies_to))
        seen.setdefault(key, ty)
    return tuple(seen.values())


def step_scenes(model: Model, proc: t.Procedure, step: t.Step, bounds: Bounds) -> list[Scene]:
    """Every context a step of a document procedure (or a meeting pipeline) runs in (one
    document type per group the deputy rules treat alike)."""
    meeting = model.meeting_of(proc.id)
    if meeting is not None:
        return meeting_scenes(model, meeting, step.by, bounds)
    types = distinct_types(model, governed_types(model, proc)) or (None,)
    return [Scene(dt, c) for dt in types for c in contexts(model, step.by, bounds)]


def meeting_scenes(model: Model, meeting: t.Meeting, actors: tuple[str, ...], bounds: Bounds) -> list[Scene]:
    """Contexts of a meeting: each holder of ``presider`` presiding (present), each holder of
    ``presider_entrusted_by`` entrusting, when the actors need them."""
    scopes = _scopes(model, actors)
    base = contexts(model, actors, bounds) if ({"department", "document"} & scopes) else [Context()]
    if "meeting" not in scopes:
        return [Scene(None, c) for c in base]
    presiding: list[str | None] = [p for r in meeting.presider for p in holders(model, r)] or [None]
    entrusting: list[str | None] = [p for r in meeting.presider_entrusted_by for p in holders(model, r)] or [
        None
    ]
    out = []
    for c in base:
        for p in dict.fromkeys(presiding):
            for e in dict.fromkeys(entrusting):
                if p is not None and p == e:
                    continue
                ctx = Context(c.department, c.related_departments, p, e)
                out.append(Scene(None, ctx, frozenset({p}) if p else frozenset()))
    return out


def mentioned_conditions(steps: tuple[Any, ...] | list[Any], model: Model | None = None) -> tuple[str, ...]:
    """Conditions named by ``when``/``unless`` of the steps, in order of appearance; with
    ``model``, a derived condition (``any_of``/``all_of``) is replaced by its components, so
    scenarios choose only what can hold on its own."""
    out: dict[str, None] = {}
    for s in steps:
        for c in (s.when, s.unless):
            if c:
                out[c] = None
    return model.base_conditions(tuple(out)) if model is not None else tuple(out)


def procedure_conditions(model: Model, doc_type: str) -> tuple[str, ...]:
    """Conditions mentioned by the steps of every procedure governing ``doc_type`` (derived
    ones as their components)."""
    return mentioned_conditions([s for p in model.procedures_for(doc_type) for s in p.steps], model)


def condition_sets(conditions: tuple[str, ...]) -> Iterator[frozenset[str]]:
    """Every combination of ``conditions`` (the empty set first)."""
    for n in range(len(conditions) + 1):
        for combo in itertools.combinations(conditions, n):
            yield frozenset(combo)
