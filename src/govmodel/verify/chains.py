"""Stand-in chains: the deputizing semantics of :mod:`govmodel.graph.authority`, unrolled
over every possible absence instead of one.

``authority.performers(…, absent)`` answers for one absence map. Here the same walk is done
symbolically: a :class:`Chain` says "this person performs the act as this role, provided
each earlier person on the chain is absent for one of the reasons of the rule that passed
the act on, and this person is present". The union of chains is exactly the set of
performers ``performers`` returns for any absence map (tested against it, by brute force,
in ``tests/verify/test_differential.py``). No z3 here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govmodel.graph.authority import (
    NO_CONTEXT,
    Context,
    acting_as,
    actor_kind,
    deputy_holders,
    deputy_rules_for,
    holders,
    on_chain,
    role_ancestors,
)
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo

# deputy_rules_for lives in graph/authority.py (with rule_applies, the one deputizing semantics):
# named here too, for its importers
__all__ = ["Hop", "Chain", "Root", "chains", "roots", "type_key", "deputy_rules_for", "entrustments"]


@dataclass(frozen=True, slots=True)
class Hop:
    """An absent person on a chain and the deputy rule that passes the act on."""

    person: str
    role: str
    rule: str
    reasons: frozenset[str]


@dataclass(frozen=True, slots=True)
class Chain:
    """A way for ``person`` (or ``institution``) to perform an act: ``hops`` absent, then
    ``person`` present."""

    hops: tuple[Hop, ...]
    person: str | None
    role: str
    institution: str | None = None
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # hashed once: chains key every question (issue #11)
        object.__setattr__(self, "_hash", hash((self.hops, self.person, self.role, self.institution)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type, tuple]:  # a hash is valid in its own process only
        return (Chain, (self.hops, self.person, self.role, self.institution))

    @property
    def via(self) -> tuple[str, ...]:
        return tuple(h.rule for h in self.hops)

    @property
    def persons(self) -> tuple[str, ...]:
        return tuple(h.person for h in self.hops) + ((self.person,) if self.person else ())


@dataclass(frozen=True, slots=True)
class Root:
    """A holder of one of the actors a step names, with every chain starting at him."""

    role: str
    holder: str | None
    chains: tuple[Chain, ...]
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.role, self.holder, self.chains)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type, tuple]:
        return (Root, (self.role, self.holder, self.chains))


def _unroll(
    model: Model,
    role: str,
    person: str,
    act: str | None,
    doc_type: str | None,
    ctx: Context,
    hops: tuple[Hop, ...],
    visited: frozenset[str],
) -> list[Chain]:
    out = [Chain(hops, person, role)]
    for rule in deputy_rules_for(model, role, act, doc_type, person):  # memoized per model
        if rule.deputy in visited:
            continue
        hop = Hop(person, role, rule.id, frozenset(rule.when_absent_for))
        for deputy in deputy_holders(model, rule, person, ctx):
            if deputy == person:
                continue
            out += _unroll(
                model,
                rule.deputy,
                deputy,
                act,
                doc_type,
                ctx,
                hops + (hop,),
                on_chain(model, rule.deputy, visited),
            )
    return out


def type_key(model: Model, doc_type: str | None) -> tuple[str, ...] | None:
    """What of a document type matters to the chains: the deputy rules restricted to types
    (``applies_to``) that apply to it."""
    if doc_type is None:
        return None
    cache = memo(model, "verify.type_key")
    if doc_type not in cache:
        sup = set(model.supertypes(doc_type))
        cache[doc_type] = tuple(r.id for r in model.deputy_rules if r.applies_to and sup & set(r.applies_to))
    found: tuple[str, ...] = cache[doc_type]
    return found


def roots(
    model: Model,
    actors: tuple[str, ...],
    act: str | None,
    doc_type: str | None,
    ctx: Context = NO_CONTEXT,
    exclude: frozenset[str] = frozenset(),
) -> tuple[Root, ...]:
    """Every holder of ``actors`` in ``ctx`` with the chains that start at him (memoized per
    model: many properties ask the same of the same context)."""
    cache = memo(model, "verify.roots")
    seen = tuple(getattr(ctx, f) for f in _reads_context(model, actors))  # what of ``ctx`` matters
    key = (actors, act, type_key(model, doc_type), seen, exclude)
    found: tuple[Root, ...] | None = cache.get(key)
    if found is None:
        found = cache[key] = _roots(model, actors, act, doc_type, ctx, exclude)
    return found


def _reads_context(model: Model, actors: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of a context the roots of ``actors`` can depend on: those :func:`holders`
    reads for a role their chains may pass through (none for a government role; the persons
    presiding and entrusting for a meeting role; the departments for a department or document
    role) and, past a ``presides_work`` rule, the department (``deputy_holders``). Contexts
    equal on them have the same roots, computed once: a check of Dalian asked 1,890 contexts
    for 468 distinct answers (issue #11). Over-approximated: every deputy of a role, of any
    role it specializes and of any role of a group among those (``role_ancestors`` with a
    person), with every field its scope may read."""
    cache = memo(model, "verify.reads_context")
    found: tuple[str, ...] | None = cache.get(actors)
    if found is None:
        found = cache[actors] = _fields_read(model, actors)
    return found


def _fields_read(model: Model, actors: tuple[str, ...]) -> tuple[str, ...]:
    read: set[str] = set()
    seen: set[str] = set()
    todo = list(actors)
    while todo:
        ident = todo.pop()
        if ident in seen:
            continue
        seen.add(ident)
        el = model.get(ident)
        if isinstance(el, t.Role) and el.scope == "meeting":
            read |= {"presiding", "entrusting"}
        elif isinstance(el, t.Role) and el.scope != "government":
            read |= {"department", "related_departments"}
        principals = acting_as(model, ident)
        todo += principals
        for r in model.deputy_rules:
            if r.principal in principals:
                todo.append(r.deputy)
                if r.kind == "presides_work":
                    read.add("department")
    return tuple(sorted(read))


def _roots(
    model: Model,
    actors: tuple[str, ...],
    act: str | None,
    doc_type: str | None,
    ctx: Context,
    exclude: frozenset[str],
) -> tuple[Root, ...]:
    out: list[Root] = []
    for actor in actors:
        kind = actor_kind(model, actor)
        el = model.get(actor)
        if kind in ("body", "meeting") or (isinstance(el, t.Role) and el.institutional):
            out.append(Root(actor, None, (Chain((), None, actor, institution=actor),)))
            continue
        for role in model.group_roles(actor) if kind == "group" else (actor,):
            for person in holders(model, role, ctx):
                found = _unroll(model, role, person, act, doc_type, ctx, (), on_chain(model, role))
                out.append(Root(role, person, tuple(c for c in found if c.person not in exclude)))
    return tuple(out)


def chains(
    model: Model,
    actors: tuple[str, ...],
    act: str | None,
    doc_type: str | None,
    ctx: Context = NO_CONTEXT,
    exclude: frozenset[str] = frozenset(),
) -> tuple[Chain, ...]:
    """Every chain by which someone may perform ``act`` as one of ``actors`` (alternatives)."""
    return tuple(c for r in roots(model, actors, act, doc_type, ctx, exclude) for c in r.chains)


def entrustments(
    model: Model, actors: tuple[str, ...], act: str | None, meeting: str | None, doc_type: str | None
) -> tuple[t.DeputyRule, ...]:
    """The ``entrusts`` rules that give the principal a choice for this act: limited to named
    acts (this one), meetings (this one) or document types (this one's), with a principal
    among the actors (由市长或市长委托负责常务工作的副市长召集并主持). Whether the principal
    entrusts is a variable of the scenario, so a check reports both branches. An entrustment
    the text leaves unlimited (市长委托副市长负责其他方面的工作: no act named) gives none."""
    roles = {a for x in actors for r in model.group_roles(x) for a in role_ancestors(model, r)}
    out = []
    for rule in model.deputy_rules:
        limited = rule.meetings or rule.applies_to or (rule.acts != "all" and rule.acts)
        if rule.kind != "entrusts" or rule.principal not in roles or not limited:
            continue
        if act is None or (rule.acts != "all" and act not in rule.acts):
            continue
        if rule.meetings and meeting not in rule.meetings:
            continue
        if rule.applies_to and (
            doc_type is None or not set(model.supertypes(doc_type)) & set(rule.applies_to)
        ):
            continue
        out.append(rule)
    return tuple(out)
