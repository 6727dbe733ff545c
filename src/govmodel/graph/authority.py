"""Who may perform an act, given who is absent and why: roles → persons through the cast,
then the model's deputy rules when a holder is absent. Pure functions over the model.

This is the one place the deputizing semantics live; the graph, verify and simulate all
ask it, so the three views agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from govmodel.graph.cast import NO_CONTEXT, Context, cast_index, holders, persons_roles
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo

__all__ = [
    "Context",
    "NO_CONTEXT",
    "Performer",
    "holders",
    "deputy_holders",
    "performers",
    "rule_applies",
    "deputy_rules_for",
    "reachable_roles",
    "actor_kind",
    "role_ancestors",
    "acting_as",
    "persons_roles",
    "on_chain",
    "relevant_persons",
]


@dataclass(frozen=True, slots=True)
class Performer:
    """A person (or an institution) able to perform an act, and how: directly as a holder of
    ``actor``, or through the deputy rules in ``via`` (ids, in order)."""

    person: str | None
    actor: str
    via: tuple[str, ...] = ()
    institution: str | None = None

    @property
    def deputized(self) -> bool:
        return bool(self.via)


def actor_kind(model: Model, ident: str) -> str:
    """'role', 'group', 'body', 'meeting' or 'unknown'."""
    el = model.get(ident)
    if isinstance(el, t.RoleGroup):
        return "group"
    if isinstance(el, t.Role):
        return "role"
    if isinstance(el, t.Body) or (isinstance(el, t.Department) and el.body):
        return "body"
    if isinstance(el, t.Meeting):
        return "meeting"
    return "unknown"


def role_ancestors(model: Model, role: str, person: str | None = None) -> tuple[str, ...]:
    """The role and every role it specializes (vice_mayor_in_charge → vice_mayor).

    A role may specialize a group (leader_in_charge → portfolio_leaders: the mayor or a vice
    mayor, whoever has the department). With ``person``, the roles of such a group that the
    person holds are ancestors too: the mayor in charge of the audit bureau acts there *as
    mayor*, so the mayor's stand-in (art. 9) stands in for him there as well.
    """
    cache = memo(model, "graph.role_ancestors")  # (the checks ask it thousands of times)
    found: tuple[str, ...] | None = cache.get((role, person))
    if found is not None:
        return found
    out: list[str] = []
    cur: str | None = role
    while cur and cur not in out:
        out.append(cur)
        el = model.get(cur)
        if isinstance(el, t.RoleGroup) and person is not None:
            held = persons_roles(model, person)
            out += [r for r in el.roles if r in held and r not in out]
        cur = el.specializes if isinstance(el, t.Role) else None
    found = cache[(role, person)] = tuple(out)
    return found


def acting_as(model: Model, role: str) -> frozenset[str]:
    """The role, every role it specializes and every role of a group among those: whoever holds
    the role acts as any of them, so their deputy rules can pass his acts on (a superset of
    :func:`role_ancestors` with a person, for questions about roles only)."""
    cache = memo(model, "graph.acting_as")
    found: frozenset[str] | None = cache.get(role)
    if found is None:
        out = set(role_ancestors(model, role))
        for a in list(out):
            group = model.get(a)
            if isinstance(group, t.RoleGroup):
                out |= set(group.roles)
        found = cache[role] = frozenset(out)
    return found


def deputy_holders(model: Model, rule: t.DeputyRule, person: str, ctx: Context) -> tuple[str, ...]:
    """Who holds the deputy role of ``rule`` when ``person`` is absent. For a ``presides_work``
    rule (主要负责人外出期间由主持工作的负责人签发, art. 44) the deputy is of the absent head's
    own department, so the head of a related department is replaced by his own acting head."""
    if rule.kind == "presides_work" and model.cast:
        own = cast_index(model).head_of.get(person)
        if own is not None and own != ctx.department:
            return holders(
                model, rule.deputy, Context(own, ctx.related_departments, ctx.presiding, ctx.entrusting)
            )
    return holders(model, rule.deputy, ctx)


def rule_applies(model: Model, rule: t.DeputyRule, act: str | None, doc_type: str | None) -> bool:
    if rule.kind == "entrusts":
        return False
    if act is not None and rule.acts != "all" and act not in rule.acts:
        return False
    return not (
        rule.applies_to and (doc_type is None or not set(model.supertypes(doc_type)) & set(rule.applies_to))
    )


def deputy_rules_for(
    model: Model, role: str, act: str | None, doc_type: str | None, person: str | None = None
) -> tuple[t.DeputyRule, ...]:
    """The deputy rules that can pass ``act`` on for ``person`` holding ``role`` (any reason):
    their principal is the role or one it specializes, and they cover the act and document type."""
    cache = memo(model, "graph.deputy_rules_for")  # context-free: asked per step and holder
    key = (role, act, doc_type, person)
    found: tuple[t.DeputyRule, ...] | None = cache.get(key)
    if found is None:
        ancestors = set(role_ancestors(model, role, person))
        found = cache[key] = tuple(
            r
            for r in model.deputy_rules
            if r.principal in ancestors and rule_applies(model, r, act, doc_type)
        )
    return found


def performers(
    model: Model,
    actors: tuple[str, ...] | list[str],
    act: str | None = None,
    doc_type: str | None = None,
    ctx: Context = NO_CONTEXT,
    absent: Mapping[str, str] | None = None,
    exclude: frozenset[str] = frozenset(),
    meeting: bool = False,
) -> tuple[Performer, ...]:
    """Everyone able to perform ``act`` as one of ``actors`` (alternatives) right now.

    A present holder performs it directly. For an absent holder, the deputy rules whose
    principal is the role (or a role it specializes), whose reasons include the holder's
    absence reason, and which cover the act and document type, name the deputy; an absent
    deputy is replaced in turn (chains), never going round a cycle. Bodies, meetings and
    institutional roles are institutions: always able to act. ``exclude`` removes persons
    (e.g. the requester of a leave when asking who else may grant it). ``meeting`` says the
    act is a meeting's (convening, presiding, its pipelines, meeting leave): only then does a
    ``meetings_only`` absence (不能出席会议) count.
    """
    absent = absent or {}
    if not meeting and absent:
        counts = set(model.reason_ids(meeting=False))
        absent = {p: r for p, r in absent.items() if r in counts}
    out: list[Performer] = []
    for actor in actors:
        kind = actor_kind(model, actor)
        el = model.get(actor)
        if kind in ("body", "meeting") or (isinstance(el, t.Role) and el.institutional):
            out.append(Performer(None, actor, (), institution=actor))
            continue
        roles = model.group_roles(actor) if kind == "group" else (actor,)
        for role in roles:
            for person in holders(model, role, ctx):
                out += _stand_ins(model, role, person, act, doc_type, ctx, absent, (), on_chain(model, role))
    seen: set[tuple] = set()
    unique = []
    for p in out:
        key = (p.person, p.institution, p.via)
        if key not in seen and p.person not in exclude:
            seen.add(key)
            unique.append(p)
    return tuple(unique)


def reachable_roles(
    model: Model,
    actors: tuple[str, ...] | list[str],
    act: str | None = None,
    doc_type: str | None = None,
) -> tuple[set[str], list[t.DeputyRule]]:
    """Roles an act may pass through (the actors, groups expanded, and every deputy,
    transitively) and the deputy rules that lead there; with ``act`` / ``doc_type``, only
    rules that cover them."""
    roles: set[str] = set()
    rules: list[t.DeputyRule] = []
    todo = [r for a in actors for r in model.group_roles(a)]
    while todo:
        role = todo.pop()
        if role in roles:
            continue
        roles.add(role)
        ancestors = set(role_ancestors(model, role))
        for rule in model.deputy_rules:
            if (
                rule.kind != "entrusts"
                and rule.principal in ancestors
                and (act is None or rule_applies(model, rule, act, doc_type))
            ):
                rules.append(rule)
                todo.append(rule.deputy)
    return roles, rules


def on_chain(model: Model, role: str, visited: frozenset[str] = frozenset()) -> frozenset[str]:
    """The roles a chain has passed through once it reaches ``role``: the role and every role
    it specializes. A deputy rule whose deputy is among them would go round a cycle (the act
    came from that role, or from a special case of it: a vice mayor in charge who stands
    for "a vice mayor"), so the walk stops there, once, instead of going round again through
    every holder (issue #15: a two-role cycle between plural roles tripled the cost)."""
    return visited | frozenset(role_ancestors(model, role))


def _stand_ins(model, role, person, act, doc_type, ctx, absent, via, visited) -> list[Performer]:
    if person not in absent:
        return [Performer(person, role, via)]
    reason = absent[person]
    out: list[Performer] = []
    ancestors = set(role_ancestors(model, role, person))
    for rule in model.deputy_rules:
        if rule.principal not in ancestors or reason not in rule.when_absent_for:
            continue
        if not rule_applies(model, rule, act, doc_type) or rule.deputy in visited:
            continue
        for deputy in deputy_holders(model, rule, person, ctx):
            if deputy == person:
                continue
            out += _stand_ins(
                model,
                rule.deputy,
                deputy,
                act,
                doc_type,
                ctx,
                absent,
                via + (rule.id,),
                on_chain(model, rule.deputy, visited),
            )
    return out


def relevant_persons(
    model: Model,
    actors: tuple[str, ...] | list[str],
    act: str | None = None,
    doc_type: str | None = None,
    ctx: Context = NO_CONTEXT,
    holder: str | None = None,
) -> frozenset[str]:
    """Every person whose absence can change what :func:`performers` answers for these
    arguments: the holders of the actors and, through every deputy rule that covers the act and
    document type, whatever the reason, their deputies, transitively. It is the walk of
    :func:`_stand_ins` with every person absent for every reason and without its cycle stop (a
    superset, so keep the two in step), so ``performers`` depends on ``absent`` restricted to
    these persons only: the simulation caches it on their absences (issue #11). With ``holder``,
    the walk starts from that person as each of the actors' roles (an all-holders step asks each
    holder whether he, or whoever stands in for him, can act), whoever else holds them."""
    out: set[str] = set()
    seen: set[tuple[str, str]] = set()
    todo: list[tuple[str, str]] = []
    for actor in actors:
        el = model.get(actor)
        if actor_kind(model, actor) in ("body", "meeting") or (isinstance(el, t.Role) and el.institutional):
            continue
        if holder is not None:  # whatever roles of the actor he holds here
            todo += [(role, holder) for role in model.group_roles(actor)]
        else:
            todo += [
                (role, person) for role in model.group_roles(actor) for person in holders(model, role, ctx)
            ]
    while todo:
        role, person = todo.pop()
        if (role, person) in seen:
            continue
        seen.add((role, person))
        out.add(person)
        for rule in deputy_rules_for(model, role, act, doc_type, person):
            todo += [(rule.deputy, d) for d in deputy_holders(model, rule, person, ctx) if d != person]
    return frozenset(out)
