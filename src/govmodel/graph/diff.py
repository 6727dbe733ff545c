"""Semantic diff of authority between two models (a reform and its base).

For every act a model requires — each procedure step of each document type, each meeting's
convener and presider, each leave approval — and every department context, compare *who may
perform it* under every absence scenario of up to ``k`` persons (each with any absence
reason of either model). Only the persons who can matter for that act are varied (holders of
its actors and, transitively, of their deputies in either model), so within the bound the
comparison is exhaustive. Verdict per act: ``equivalent``, ``more_permissive`` (someone may
act in a scenario where nobody or fewer could before), ``less_permissive``, ``incomparable``,
``added`` or ``removed``; each difference comes with a witness scenario.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations, product

from govmodel.findings import AuthorityWitness
from govmodel.graph.authority import Context, holders, performers, reachable_roles
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo

__all__ = ["ActKey", "ActDiff", "authority_diff", "VERDICTS"]

VERDICTS = ("equivalent", "more_permissive", "less_permissive", "incomparable", "added", "removed")


@dataclass(frozen=True, slots=True)
class ActKey:
    """An act a model requires: ``subject`` is a document type, meeting or leave rule;
    ``step`` the procedure step (or 'presides', 'convenes', 'grants_leave')."""

    subject: str
    step: str
    act: str


@dataclass(frozen=True)
class ActDiff:
    key: ActKey
    verdict: str
    witness: AuthorityWitness | None = None
    articles: tuple[int, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class _Act:
    key: ActKey
    actors: tuple[str, ...]
    doc_type: str | None
    scoped: bool
    articles: tuple[int, ...]
    requester: str | None = None


def _acts(model: Model) -> dict[ActKey, _Act]:
    out: dict[ActKey, _Act] = {}
    for d in model.document_types:
        for proc in model.procedures_for(d.id):
            for s in proc.steps:
                key = ActKey(d.id, f"{proc.id}.{s.id}", str(s.act))
                out[key] = _Act(key, s.by, d.id, True, s.articles)
    for m in model.meetings:
        for field_, act in (("convener", "convenes"), ("presider", "presides")):
            actors = getattr(m, field_)
            if actors:
                key = ActKey(m.id, act, act)
                out[key] = _Act(key, actors, None, False, m.articles)
        for p in m.procedures:
            for s in p.steps:
                key = ActKey(m.id, f"{p.id}.{s.id}", str(s.act))
                out[key] = _Act(key, s.by, None, False, s.articles)
    for lr in model.leave_rules:
        for req in lr.requesters:
            key = ActKey(lr.id, f"grants_leave:{req}", "grants_leave")
            out[key] = _Act(key, lr.approver, None, True, lr.articles, requester=req)
    return out


def _contexts(model: Model, scoped: bool) -> list[Context]:
    if not scoped or not model.cast or not model.cast.departments:
        return [Context()]
    deps = [d.id for d in model.cast.departments]
    return [Context(d, frozenset(x for x in deps if x != d)) for d in deps]


def _relevant(model: Model, actors: tuple[str, ...], ctx: Context) -> set[str]:
    roles, _ = reachable_roles(model, actors)
    return {p for r in roles for p in holders(model, r, ctx)}


def _scenarios(persons: list[str], reasons: list[str], k: int) -> Iterator[dict[str, str]]:
    for n in range(0, min(k, len(persons)) + 1):
        for who in combinations(persons, n):
            for why in product(reasons, repeat=n):
                yield dict(zip(who, why, strict=True))


def _who(model: Model, act: _Act, ctx: Context, absent: dict[str, str]) -> frozenset:
    # Memoized per model: `govmodel report` diffs every reform against the same base model,
    # whose side of each comparison is then computed once (issue #11).
    known = memo(model, "graph.diff.who")
    key = (act.actors, act.key.act, act.doc_type, ctx, tuple(absent.items()))
    found = known.get(key)
    if found is None:
        who = performers(model, act.actors, act.key.act, act.doc_type, ctx, absent)
        found = known[key] = frozenset(p.person or p.institution for p in who)
    return found


def authority_diff(before: Model, after: Model, k: int = 2) -> list[ActDiff]:
    """Compare who may perform each act in ``before`` and ``after`` (see module doc)."""
    a_acts, b_acts = _acts(before), _acts(after)
    reasons = sorted({r.id for r in before.absence_reasons} | {r.id for r in after.absence_reasons})
    reasons = _one_per_class(before, after, reasons)
    out: list[ActDiff] = []
    for key in sorted(set(a_acts) | set(b_acts), key=lambda x: (x.subject, x.step)):
        if key not in b_acts:
            out.append(ActDiff(key, "removed", articles=a_acts[key].articles))
            continue
        if key not in a_acts:
            out.append(ActDiff(key, "added", articles=b_acts[key].articles))
            continue
        out.append(_compare(before, after, a_acts[key], b_acts[key], reasons, k))
    return out


def _one_per_class(before: Model, after: Model, reasons: list[str]) -> list[str]:
    """The first reason (in sorted order) of each class of reasons that both models treat
    alike: counted for acts outside meetings or not, and naming the same deputy rules.

    Who may perform an act depends on an absence's reason only through those two
    (:func:`govmodel.graph.authority.performers`), so scenarios that differ only in reasons
    of one class have the same answers. The scan of :func:`_compare` looks for the *first*
    scenario of each kind (wider, narrower, neither); in the order of ``_scenarios`` the
    first one always has the first reason of each class (any other is preceded by that
    one), so scanning those alone finds the same verdicts and the same witnesses, with
    far fewer scenarios (Dalian: 6 reasons, 2 or 3 classes per reform; each pair of absent
    persons was 36 reason pairs)."""

    def treated(model: Model) -> dict[str, tuple[bool, ...]]:
        counted = set(model.reason_ids(meeting=False))
        rules = [set(rule.when_absent_for) for rule in model.deputy_rules]
        return {r: (r in counted, *(r in named for named in rules)) for r in reasons}

    was, now = treated(before), treated(after)
    first: dict[tuple[tuple[bool, ...], tuple[bool, ...]], str] = {}
    for r in reasons:
        first.setdefault((was[r], now[r]), r)
    return list(first.values())  # in sorted order: a class's first reason comes first


def _signature(model: Model, act: _Act) -> tuple:
    roles, rules = reachable_roles(model, act.actors, act.key.act, act.doc_type)

    def dump(el: t.Element) -> str:
        return el.model_dump_json()

    return (
        act.actors,
        tuple(sorted(dump(el) for el in (model.get(r) for r in roles) if el is not None)),
        tuple(sorted(dump(r) for r in rules)),
        model.supertypes(act.doc_type) if act.doc_type else (),
        model.cast.model_dump_json() if model.cast else "",
    )


def _scoped(model: Model, act: _Act) -> bool:
    roles, _ = reachable_roles(model, act.actors)
    return any(getattr(model.get(r), "scope", "government") != "government" for r in roles)


def _compare(before: Model, after: Model, a: _Act, b: _Act, reasons: list[str], k: int) -> ActDiff:
    if _signature(before, a) == _signature(after, b):  # nothing who-may depends on changed
        return ActDiff(a.key, "equivalent", None, b.articles)
    wider = narrower = None
    for ctx in _contexts(before, _scoped(before, a) or _scoped(after, b)):
        persons = sorted(_relevant(before, a.actors, ctx) | _relevant(after, b.actors, ctx))
        for absent in _scenarios(persons, reasons, k):
            was, now = _who(before, a, ctx, absent), _who(after, b, ctx, absent)
            if was == now:
                continue
            witness = AuthorityWitness(ctx.department, dict(absent), tuple(sorted(was)), tuple(sorted(now)))
            if was <= now and wider is None:
                wider = witness
            elif now <= was and narrower is None:
                narrower = witness
            elif not (was <= now or now <= was):
                return ActDiff(a.key, "incomparable", witness, b.articles)
            if wider and narrower:
                return ActDiff(a.key, "incomparable", wider, b.articles)
    if wider:
        return ActDiff(a.key, "more_permissive", wider, b.articles)
    if narrower:
        return ActDiff(a.key, "less_permissive", narrower, b.articles)
    return ActDiff(a.key, "equivalent", None, b.articles)
